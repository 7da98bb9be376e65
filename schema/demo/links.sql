-- Demo accounts joined to their organization, and dated (after gf-user
-- created them, now): the operator's people long before the competitions,
-- ngo@demo just before it filled in its organization's profile, the experts
-- before their first review (competition 4, 2025). Registration confirms
-- the address within minutes.
SET time_zone = '+00:00';

INSERT IGNORE INTO org_members (org_id, user_id)
SELECT 1, id FROM users WHERE email = 'ngo@demo.grantfair.local';

UPDATE users u JOIN (
  SELECT 'admin@demo.grantfair.local' AS email, 900 AS days, '10:00' AS hm UNION ALL
  SELECT 'staff@demo.grantfair.local', 880, '11:20' UNION ALL
  SELECT 'secretary@demo.grantfair.local', 870, '14:35' UNION ALL
  SELECT 'ngo@demo.grantfair.local', 568, '17:40' UNION ALL
  SELECT 'expert@demo.grantfair.local', 620, '12:10' UNION ALL
  SELECT 'expert2@demo.grantfair.local', 615, '15:50' UNION ALL
  SELECT 'expert3@demo.grantfair.local', 610, '09:45' UNION ALL
  SELECT 'expert4@demo.grantfair.local', 605, '16:25') d ON d.email = u.email
SET u.created_at = demo_msk(d.days, d.hm), u.confirmed_at = demo_msk(d.days, d.hm) + INTERVAL 4 MINUTE;
