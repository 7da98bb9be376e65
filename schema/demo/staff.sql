-- Demo data of the operator's side: registration dates of the NGOs,
-- compliance checklists, a competition whose intake has closed with
-- applications in every state of the check (submitted, admitted, returned
-- — one still in time, one overdue —, rejected), and fresh submissions in
-- the open intake. Loaded after the demo users exist (decisions and notes
-- name staff@demo). Frozen applications are the JSON the submit writes
-- (grant/draft.c); their receipts are the SHA-256 of that text.

UPDATE organizations SET registered_on = CURDATE() - INTERVAL (14 + id * 5) MONTH;
UPDATE organizations SET registered_on = CURDATE() - INTERVAL 4 MONTH WHERE id = 30;

INSERT INTO competitions (id,title,description,stage,fund_kopecks,min_grant_kopecks,max_grant_kopecks,cofin_min_pct,opens_at,closes_at,impl_start,impl_end,created_at) VALUES
(6,'Молодёжные инициативы Кубани — 2026','Конкурс проектов молодёжных НКО: добровольчество, наставничество, профориентация, молодёжные пространства. Приём заявок завершён, идёт проверка заявок на соответствие требованиям.','intake',1500000000,10000000,60000000,10.00,NOW() - INTERVAL 40 DAY,NOW() - INTERVAL 3 DAY,DATE(NOW() + INTERVAL 30 DAY),DATE(NOW() + INTERVAL 300 DAY),NOW() - INTERVAL 50 DAY);

INSERT INTO competition_directions (competition_id, direction_id) SELECT 6, id FROM directions;
INSERT INTO budget_categories (competition_id, code, name)
SELECT 6, code, name FROM budget_categories WHERE competition_id = 1;
INSERT INTO criteria (competition_id, name, description, max_score, weight, sort)
SELECT 6, name, description, max_score, weight, sort FROM criteria WHERE competition_id = 1;

INSERT INTO competition_checklist (competition_id, sort, text, rule, param)
SELECT c.id, x.sort, x.text, x.rule, x.param FROM competitions c CROSS JOIN (
  SELECT 1 AS sort, 'Заявка подана по установленной форме, заполнены все разделы' AS text, 'none' AS rule, 0 AS param UNION ALL
  SELECT 2, 'Приложен устав организации', 'charter', 0 UNION ALL
  SELECT 3, 'Организация зарегистрирована не менее чем за 12 месяцев до окончания приёма заявок', 'org_age', 12 UNION ALL
  SELECT 4, 'Запрашиваемая сумма в пределах, установленных конкурсом', 'amount', 0 UNION ALL
  SELECT 5, 'Софинансирование не меньше установленной доли', 'cofin', 0 UNION ALL
  SELECT 6, 'Расходы только по статьям, предусмотренным конкурсом', 'budget_categories', 0 UNION ALL
  SELECT 7, 'Нет задолженности по налогам и сборам (справка ФНС приложена)', 'none', 0) x
WHERE c.id IN (1, 2, 6);

-- applications: id, competition, organization, direction, municipality, title, summary, status,
-- requested and co-financing (kopecks), days since submission, days to the due date
CREATE TEMPORARY TABLE demo_apps (
  id BIGINT, comp BIGINT, org BIGINT, dir INT, muni INT, title VARCHAR(300), summary TEXT,
  status VARCHAR(20), req BIGINT, cofin BIGINT, ago INT, due INT NULL);
INSERT INTO demo_apps VALUES
(201,6,1,3,5,'Школа молодёжного наставничества','Наставники из числа студентов колледжей помогают подросткам из группы риска выбрать профессию и пройти первую практику.','returned',45000000,6000000,8,5),
(202,6,8,4,6,'Добровольческий штаб «Берег»','Штаб молодёжных добровольцев для помощи пожилым жителям микрорайона: доставка продуктов, сопровождение, цифровая грамотность.','submitted',30000000,4000000,5,NULL),
(203,6,11,7,7,'Профориентационный лагерь «Лабиринт»','Летний лагерь для старшеклассников с практикумами на предприятиях района и встречами с работодателями.','submitted',58000000,8000000,4,NULL),
(204,6,5,1,8,'Молодёжное пространство у моря','Открытая площадка для молодёжных клубов: лекторий, мастерские, киноклуб и встречи с земляками, добившимися успеха.','admitted',40000000,5000000,9,NULL),
(205,6,30,2,12,'Родник добрых дел','Молодёжные добровольческие акции в поддержку семей с детьми с инвалидностью.','rejected',25000000,3000000,10,NULL),
(206,6,9,5,9,'Медиашкола «Серебряный голос»','Школа молодёжной журналистики: подростки записывают истории старожилов и готовят подкасты.','returned',35000000,4000000,12,-1),
(207,1,4,6,5,'Мастерские «Добрые руки»','Ремесленные мастерские для людей с инвалидностью с выпуском изделий на городскую ярмарку.','submitted',80000000,9000000,2,NULL),
(208,1,10,8,10,'Правовая приёмная для семей','Бесплатные юридические консультации для многодетных и малоимущих семей в пяти станицах района.','submitted',50000000,6000000,1,NULL);

INSERT INTO projects (id,competition_id,org_id,direction_id,municipality_id,number,title,summary,problem,goal,results,
                      status,exhibit,consent_publish,requested_kopecks,cofin_kopecks,created_at,submitted_at,updated_at,return_due)
SELECT a.id, a.comp, a.org, a.dir, a.muni, CONCAT('GF-', a.comp, '-', LPAD(a.id, 5, '0')), a.title, a.summary,
       'Проблема описана заявителем в разделе «Карточка проекта».', 'Цель проекта указана в карточке.', 'Результаты указаны в карточке.',
       a.status, 'none', 1, a.req, a.cofin, NOW() - INTERVAL (a.ago + 20) DAY, NOW() - INTERVAL a.ago DAY,
       NOW() - INTERVAL a.ago DAY, IF(a.due IS NULL, NULL, TIMESTAMP(CURDATE() + INTERVAL a.due DAY, '20:59:59'))
FROM demo_apps a;

-- the frozen application as the submit writes it
UPDATE projects p JOIN demo_apps a ON a.id = p.id JOIN organizations o ON o.id = p.org_id
  JOIN competitions c ON c.id = p.competition_id
SET p.frozen = JSON_OBJECT(
  'Application', JSON_OBJECT('number', p.number, 'competition', c.title),
  'Organization', JSON_OBJECT('full_name', o.full_name, 'short_name', o.short_name, 'legal_form', o.legal_form,
                              'inn', o.inn, 'ogrn', o.ogrn, 'kpp', o.kpp, 'address', o.address,
                              'head_name', o.head_name, 'head_position', o.head_position,
                              'phone', o.phone, 'email', o.email, 'website', o.website),
  'Sections', JSON_OBJECT(
    'card', JSON_OBJECT('title', p.title, 'direction', CAST(p.direction_id AS CHAR),
                        'municipality', CAST(p.municipality_id AS CHAR),
                        'starts_on', DATE_FORMAT(c.impl_start, '%Y-%m-%d'),
                        'ends_on', DATE_FORMAT(c.impl_start + INTERVAL 8 MONTH, '%Y-%m-%d'),
                        'summary', p.summary, 'problem', p.problem,
                        'target_groups', 'Молодёжь 14–30 лет.', 'goal', p.goal,
                        'tasks', 'Подготовить площадку и команду\nПровести мероприятия\nПодвести итоги',
                        'qual_results', p.results, 'geography', 'Краснодарский край',
                        'ind', JSON_OBJECT('0', JSON_OBJECT('name', 'Участники мероприятий', 'unit', 'человек', 'target', '300'))),
    'team', JSON_OBJECT('m', JSON_OBJECT('0', JSON_OBJECT('name', o.head_name, 'role', 'Руководитель проекта',
                                                          'experience', 'Руководит организацией.'))),
    'plan', JSON_OBJECT('e', JSON_OBJECT('0', JSON_OBJECT('task', '1', 'title', 'Подготовка площадки и набор участников',
                                                          'starts_on', DATE_FORMAT(c.impl_start, '%Y-%m-%d'),
                                                          'ends_on', DATE_FORMAT(c.impl_start + INTERVAL 1 MONTH, '%Y-%m-%d'),
                                                          'result', 'Площадка готова, участники набраны'))),
    'budget', JSON_OBJECT('b', JSON_OBJECT('0', JSON_OBJECT('cat', '7', 'name', 'Проведение мероприятий', 'price',
                                                            CAST((p.requested_kopecks + p.cofin_kopecks) DIV 1000 AS CHAR),
                                                            'qty', '10', 'cofin', CAST(p.cofin_kopecks DIV 100 AS CHAR),
                                                            'total_k', CAST(p.requested_kopecks + p.cofin_kopecks AS CHAR),
                                                            'requested_k', CAST(p.requested_kopecks AS CHAR))),
                          'Totals', JSON_OBJECT('total', CAST(p.requested_kopecks + p.cofin_kopecks AS CHAR),
                                                'requested', CAST(p.requested_kopecks AS CHAR),
                                                'cofin', CAST(p.cofin_kopecks AS CHAR))),
    'consent', JSON_OBJECT('pd', '1', 'publish', '1')));
UPDATE projects p JOIN demo_apps a ON a.id = p.id SET p.receipt_sha256 = SHA2(p.frozen, 256);

INSERT INTO receipts (project_id, number, sha256, frozen, submitted_at)
SELECT p.id, p.number, p.receipt_sha256, p.frozen, p.submitted_at FROM projects p JOIN demo_apps a ON a.id = p.id ORDER BY p.id;

INSERT INTO application_sections (project_id, section, data, valid, version, saved_at)
SELECT p.id, s.name, JSON_EXTRACT(p.frozen, CONCAT('$.Sections.', s.name)), 1, 1, p.submitted_at
FROM projects p JOIN demo_apps a ON a.id = p.id
CROSS JOIN (SELECT 'card' AS name UNION ALL SELECT 'team' UNION ALL SELECT 'plan'
            UNION ALL SELECT 'budget' UNION ALL SELECT 'consent') s;

-- the decisions taken so far, by staff@demo
-- (items: the ids of competition 6's checklist items at these places)
INSERT INTO compliance_decisions (project_id, decision, items, comment, due_at, user_id, created_at)
SELECT a.id, d.decision, COALESCE(CAST(c.id AS CHAR), ''), d.comment, p.return_due, u.id,
       p.submitted_at + INTERVAL 2 DAY
FROM demo_apps a JOIN projects p ON p.id = a.id
JOIN (SELECT 201 AS id, 'return' AS decision, 2 AS item,
             'Не приложен устав организации. Приложите устав и подайте заявку повторно.' AS comment UNION ALL
      SELECT 206, 'return', 6, 'Статья «Проведение мероприятий» не раскрыта: укажите состав расходов.' UNION ALL
      SELECT 204, 'admit', 0, 'Заявка соответствует требованиям.' UNION ALL
      SELECT 205, 'reject', 3, 'Организация зарегистрирована менее 12 месяцев назад.') d ON d.id = a.id
LEFT JOIN competition_checklist c ON c.competition_id = 6 AND c.sort = d.item
JOIN users u ON u.email = 'staff@demo.grantfair.local';

INSERT INTO staff_notes (project_id, user_id, body, created_at)
SELECT 202, id, 'Позвонили руководителю: оригинал справки ФНС привезут в понедельник.', NOW() - INTERVAL 1 DAY
FROM users WHERE email = 'staff@demo.grantfair.local';

-- the history of these applications in the audit log, in time order (the
-- chain's time never goes back; gf-audit seal chains these rows)
INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state, to_state, reason, ip)
SELECT at, user_id, 'project', project_id, action, from_state, to_state, reason, '127.0.0.1' FROM (
  SELECT p.submitted_at AS at, m.user_id, p.id AS project_id, 'submit' AS action,
         'draft' AS from_state, 'submitted' AS to_state, NULL AS reason
  FROM projects p JOIN demo_apps a ON a.id = p.id
  LEFT JOIN (SELECT org_id, MIN(user_id) AS user_id FROM org_members GROUP BY org_id) m ON m.org_id = p.org_id
  UNION ALL
  SELECT d.created_at, d.user_id, d.project_id, d.decision, 'submitted',
         CASE d.decision WHEN 'admit' THEN 'admitted' WHEN 'return' THEN 'returned' ELSE 'rejected' END,
         d.comment
  FROM compliance_decisions d) h
ORDER BY at;

DROP TEMPORARY TABLE demo_apps;
