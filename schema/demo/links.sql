-- Demo accounts joined to their organization (after gf-user created them).
INSERT IGNORE INTO org_members (org_id, user_id)
SELECT 1, id FROM users WHERE email = 'ngo@demo.grantfair.local';
