-- Demo data of the operator's side: staff@demo's compliance decisions on
-- the submitted applications of demo.sql — every one that went further is
-- admitted two days after it came in (the check runs as submissions arrive);
-- in competition 6, whose intake has just closed, one is still waiting,
-- two were returned for corrections (one still in time, one overdue) and
-- one was rejected — a note, and the history of all this in the audit log
-- (review.sql merges it with the experts' in time order). Loaded after the
-- demo users exist (decisions and notes name staff@demo).

SET time_zone = '+00:00';

-- the decisions: what was returned or rejected, for which checklist item
-- (by its place in the list), with the due date of a correction (Moscow
-- 23:59, as the decision form sets it when no time is typed)
CREATE TEMPORARY TABLE demo_decisions (id BIGINT PRIMARY KEY, decision VARCHAR(10), item INT, comment TEXT,
                                       due_days INT NULL);
INSERT INTO demo_decisions VALUES
(201, 'return', 2, 'Не приложен устав организации. Приложите устав и подайте заявку повторно.', -5),
(206, 'return', 6, 'Статья «Проведение мероприятий» не раскрыта: укажите состав расходов.', 1),
(205, 'reject', 3, 'Организация зарегистрирована менее 12 месяцев назад.', NULL);

INSERT INTO compliance_decisions (project_id, decision, items, comment, due_at, user_id, created_at)
SELECT p.id, COALESCE(d.decision, 'admit'), COALESCE(CAST(c.id AS CHAR), ''),
       COALESCE(d.comment, 'Заявка соответствует требованиям.'),
       IF(d.due_days IS NULL, NULL, demo_msk(d.due_days, '23:59')), u.id,
       demo_msk(DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), DATE(p.submitted_at + INTERVAL 3 HOUR)) - 2, '10:00')
         + INTERVAL MOD(p.id * 7, 14) * 30 MINUTE
FROM projects p LEFT JOIN demo_decisions d ON d.id = p.id
LEFT JOIN competition_checklist c ON c.competition_id = p.competition_id AND c.sort = d.item
JOIN users u ON u.email = 'staff@demo.grantfair.local'
WHERE p.status NOT IN ('draft', 'submitted') ORDER BY p.id;

UPDATE projects p JOIN compliance_decisions d ON d.project_id = p.id SET p.return_due = d.due_at
WHERE d.decision = 'return';

INSERT INTO staff_notes (project_id, user_id, body, created_at)
SELECT 202, id, 'Позвонили руководителю: оригинал справки ФНС привезут в понедельник.', demo_msk(1, '15:20')
FROM users WHERE email = 'staff@demo.grantfair.local';

-- the history in the audit log: each submission (by a member of the
-- organization, where the demo has one) and each decision
INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state, to_state, reason, ip)
SELECT at, user_id, 'project', project_id, action, from_state, to_state, reason, '127.0.0.1' FROM (
  SELECT r.submitted_at AS at, m.user_id, r.project_id, 'submit' AS action,
         'draft' AS from_state, 'submitted' AS to_state, NULL AS reason
  FROM receipts r JOIN projects p ON p.id = r.project_id
  LEFT JOIN (SELECT org_id, MIN(user_id) AS user_id FROM org_members GROUP BY org_id) m ON m.org_id = p.org_id
  UNION ALL
  SELECT d.created_at, d.user_id, d.project_id, d.decision, 'submitted',
         CASE d.decision WHEN 'admit' THEN 'admitted' WHEN 'return' THEN 'returned' ELSE 'rejected' END,
         d.comment
  FROM compliance_decisions d) h
ORDER BY at, project_id;

DROP TEMPORARY TABLE demo_decisions;
