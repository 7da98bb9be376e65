-- Demo data of the experts' and the commission's side: expert profiles
-- (one expert lists the ИНН of a demo organization: the conflict of
-- interest rule keeps them off its applications), competition 7 at the
-- review stage (expert@demo has a new assignment, a declared one with a
-- draft and a submitted one), competition 8 before the commission (every
-- application scored, one after a divergence and a third expert, a few of
-- the secretary's marks) and competition 3's published results (scores,
-- the commission's decision, the marks behind its winners).
-- Loaded after staff.sql. Consistent with grant/review.c: an expert's
-- total is 100 × Σ score·weight / Σ max·weight over the criteria with a
-- weight; an application whose experts have all submitted is scored with
-- the mean of their totals; two totals more than `divergence` apart have a
-- third expert (origin 'divergence'). Frozen applications and receipts are
-- made as staff.sql makes them. Ids: projects 301–311, competitions 7, 8.

-- ---- the experts ---------------------------------------------------------

CREATE TEMPORARY TABLE rv_experts (k INT PRIMARY KEY, email VARCHAR(100), id BIGINT UNSIGNED NULL);
INSERT INTO rv_experts (k, email) VALUES
(1, 'expert@demo.grantfair.local'), (2, 'expert2@demo.grantfair.local'),
(3, 'expert3@demo.grantfair.local'), (4, 'expert4@demo.grantfair.local');
UPDATE rv_experts x JOIN users u ON u.email = x.email SET x.id = u.id;

INSERT INTO expert_profiles (user_id, about, updated_at)
SELECT x.id, a.about, NOW() - INTERVAL a.ago DAY FROM rv_experts x JOIN (
  SELECT 1 AS k, 'Кандидат педагогических наук, доцент кафедры социальной педагогики Кубанского государственного университета. С 2014 года эксперт региональных и федеральных грантовых конкурсов по направлениям образования, молодёжной политики и патриотического воспитания; более 300 оценённых заявок.' AS about, 60 AS ago UNION ALL
  SELECT 2, 'Специалист по социальной работе, 15 лет в некоммерческом секторе: руководила программами помощи пожилым людям и семьям с детьми-инвалидами, была исполнительным директором благотворительного фонда. Эксперт конкурсов социальных проектов с 2017 года.', 45 UNION ALL
  SELECT 3, 'Историк, заведующий отделом краеведческого музея, руководитель фольклорного ансамбля. Эксперт конкурсов в области культуры, сохранения исторической памяти и поддержки ветеранов с 2016 года.', 52 UNION ALL
  SELECT 4, 'Юрист и эколог: магистр экологического права, консультант НКО по правовым вопросам, тренер детской спортивной школы в прошлом. Эксперт по направлениям охраны природы, науки, спорта и бесплатной юридической помощи.', 38) a ON a.k = x.k;

-- directions of expertise (grant/review.c prefers a match)
INSERT INTO expert_directions (user_id, direction_id)
SELECT x.id, d.dir FROM rv_experts x JOIN (
  SELECT 1 AS k, 4 AS dir UNION ALL SELECT 1, 5 UNION ALL SELECT 1, 6 UNION ALL SELECT 1, 10 UNION ALL
  SELECT 2, 1 UNION ALL SELECT 2, 2 UNION ALL SELECT 2, 8 UNION ALL
  SELECT 3, 7 UNION ALL SELECT 3, 10 UNION ALL SELECT 3, 11 UNION ALL SELECT 3, 13 UNION ALL
  SELECT 4, 3 UNION ALL SELECT 4, 6 UNION ALL SELECT 4, 9 UNION ALL SELECT 4, 12) d ON d.k = x.k;

-- organizations they belong to or worked for; expert2 sits on the board of
-- trustees of АНО «Берег надежды» (demo organization 5, ИНН 2310039594)
INSERT INTO expert_orgs (user_id, inn, name, relation)
SELECT x.id, o.inn, o.name, o.relation FROM rv_experts x JOIN (
  SELECT 1 AS k, 1 AS n, '2312048178' AS inn, 'Краснодарская краевая общественная организация «Союз педагогов Кубани»' AS name, 'член правления, 2018–2022' AS relation UNION ALL
  SELECT 1, 2, '2308053930', 'Автономная некоммерческая организация «Институт развития образования»', 'научный консультант, с 2020 года' UNION ALL
  SELECT 2, 1, '2310039594', 'Автономная некоммерческая организация «Берег надежды»', 'член попечительского совета, с 2021 года' UNION ALL
  SELECT 2, 2, '2320106271', 'Благотворительный фонд «Милосердие Кубани»', 'исполнительный директор, 2015–2020' UNION ALL
  SELECT 3, 1, '2309014764', 'Краснодарская краевая общественная организация ветеранов «Боевое братство Кубани»', 'член совета, с 2019 года' UNION ALL
  SELECT 4, 1, '2317082253', 'Региональная общественная организация «Экологический союз Кубани»', 'волонтёр, координатор проектов, 2016–2019' UNION ALL
  SELECT 4, 2, '2366015429', 'Автономная некоммерческая организация «Центр правовой помощи»', 'юрист-консультант, с 2018 года') o ON o.k = x.k
ORDER BY x.k, o.n;

-- ---- competitions 7 (review) and 8 (commission) -------------------------

INSERT INTO competitions (id,title,description,stage,fund_kopecks,min_grant_kopecks,max_grant_kopecks,cofin_min_pct,opens_at,closes_at,impl_start,impl_end,experts_per_app,divergence,blind_review,review_due,created_at) VALUES
(7,'Сельские инициативы Кубани — 2026','Конкурс малых грантов для некоммерческих организаций, работающих в сельских поселениях края: добровольчество, помощь пожилым людям и семьям, культура и здоровье. Приём заявок завершён, идёт экспертиза заявок.','review',500000000,10000000,70000000,5.00,NOW() - INTERVAL 60 DAY,NOW() - INTERVAL 12 DAY,DATE(NOW() + INTERVAL 40 DAY),DATE(NOW() + INTERVAL 300 DAY),2,30,0,TIMESTAMP(CURDATE() + INTERVAL 10 DAY, '20:59:59'),NOW() - INTERVAL 70 DAY),
(8,'Кубань — территория добрых дел — 2026','Конкурс малых грантов на социальные, культурные и экологические проекты НКО. Экспертиза завершена (оценка вслепую: эксперты не видели названий организаций), заявки рассматривает конкурсная комиссия.','commission',250000000,10000000,80000000,5.00,NOW() - INTERVAL 90 DAY,NOW() - INTERVAL 40 DAY,DATE(NOW() + INTERVAL 20 DAY),DATE(NOW() + INTERVAL 280 DAY),2,30,1,NOW() - INTERVAL 12 DAY,NOW() - INTERVAL 100 DAY);

INSERT INTO competition_directions (competition_id, direction_id) SELECT c.id, d.id FROM competitions c JOIN directions d WHERE c.id IN (7, 8);
INSERT INTO budget_categories (competition_id, code, name)
SELECT 7, code, name FROM budget_categories WHERE competition_id = 1;
INSERT INTO budget_categories (competition_id, code, name)
SELECT 8, code, name FROM budget_categories WHERE competition_id = 1;
INSERT INTO criteria (competition_id, name, description, max_score, weight, sort)
SELECT 7, name, description, max_score, weight, sort FROM criteria WHERE competition_id = 1 ORDER BY sort;
INSERT INTO criteria (competition_id, name, description, max_score, weight, sort)
SELECT 8, name, description, max_score, weight, sort FROM criteria WHERE competition_id = 1 ORDER BY sort;
INSERT INTO competition_checklist (competition_id, sort, text, rule, param)
SELECT c.id, x.sort, x.text, x.rule, x.param FROM competitions c
JOIN competition_checklist x ON x.competition_id = 6 WHERE c.id IN (7, 8) ORDER BY c.id, x.sort;

-- applications: id, competition, organization, direction, title, summary, target groups,
-- status, requested and co-financing (kopecks), days since submission
CREATE TEMPORARY TABLE rv_apps (
  id BIGINT, comp BIGINT, org BIGINT, dir INT, title VARCHAR(300), summary TEXT, target TEXT,
  status VARCHAR(20), req BIGINT, cofin BIGINT, ago INT);
INSERT INTO rv_apps VALUES
(301,7,1,5,'Школа сельского волонтёра','Обучение школьников и студентов колледжей сельских поселений основам добровольчества: восемь модулей и практика в местных учреждениях социальной защиты и культуры.','Школьники 14–17 лет и студенты колледжей сельских поселений.','scored',52000000,6500000,15),
(302,7,5,1,'Социальная гостиная «Тёплый вечер»','Еженедельные встречи одиноких пожилых жителей станиц: досуг, консультации социального работника, помощь в пользовании порталом госуслуг.','Одинокие пожилые люди старше 65 лет.','admitted',38000000,4500000,17),
(303,7,12,2,'Продуктовая помощь семьям станицы','Сбор и адресная доставка продуктовых наборов малоимущим и многодетным семьям, пункт выдачи одежды и школьных принадлежностей.','Малоимущие и многодетные семьи.','admitted',45000000,5000000,18),
(304,7,16,7,'Фестиваль рыбацкой песни «Морской ветер»','Районный фестиваль любительских коллективов, исполняющих песни рыбаков Азовского побережья, с записью сборника и мастер-классами для детей.','Самодеятельные коллективы и жители прибрежных поселений.','admitted',60000000,8000000,14),
(305,7,18,8,'Школа здорового сердца','Выездные занятия кардиолога и инструкторов по здоровому образу жизни в сельских фельдшерско-акушерских пунктах, школы для пациентов с гипертонией.','Жители сельских поселений старше 45 лет.','admitted',41000000,5000000,16),
(306,8,3,7,'Народный календарь Кубани','Цикл праздников народного календаря в сельских домах культуры с участием фольклорных ансамблей и мастеров-ремесленников.','Жители станиц, дети и родители.','scored',65000000,8000000,45),
(307,8,7,3,'Чистые берега Кубани','Добровольческие экспедиции по очистке берегов рек, установка информационных знаков, экологические уроки в школах.','Школьники, студенты, жители прибрежных поселений.','scored',48000000,6000000,47),
(308,8,21,10,'Книга памяти станицы','Сбор и оцифровка писем и фотографий земляков — участников Великой Отечественной войны, издание книги памяти и передвижная выставка.','Школьники, семьи ветеранов, жители станицы.','scored',72000000,9000000,44),
(309,8,13,13,'Семейные традиции казачьей станицы','Клуб для молодых семей: занятия по казачьим традициям, семейные праздники, мастерские для родителей и детей.','Молодые семьи с детьми.','scored',39000000,5000000,46),
(310,8,22,3,'Приют без границ','Стерилизация и вакцинация бездомных животных, выставки-пристройства и уроки ответственного обращения с животными в школах.','Жители районов, волонтёры, школьники.','scored',56000000,7000000,48),
(311,8,19,1,'Шаг навстречу: сопровождаемое проживание','Тренировочная квартира для молодых людей с ментальной инвалидностью: обучение бытовым навыкам и сопровождение специалистами.','Молодые люди с ментальной инвалидностью 18–35 лет и их семьи.','scored',80000000,10000000,43);

-- competition 8's review is blind: its applications join the exhibition
-- (which names the organization) only with the results
INSERT INTO projects (id,competition_id,org_id,direction_id,municipality_id,number,title,summary,problem,goal,results,
                      status,exhibit,consent_publish,requested_kopecks,cofin_kopecks,created_at,submitted_at,updated_at)
SELECT a.id, a.comp, a.org, a.dir, o.municipality_id, CONCAT('GF-', a.comp, '-', LPAD(a.id, 5, '0')), a.title, a.summary,
       'Проблема описана заявителем в разделе «Карточка проекта».', 'Цель проекта указана в карточке.', 'Результаты указаны в карточке.',
       a.status, IF(a.comp = 8, 'none', 'applicant'), 1, a.req, a.cofin, NOW() - INTERVAL (a.ago + 20) DAY, NOW() - INTERVAL a.ago DAY,
       NOW() - INTERVAL a.ago DAY
FROM rv_apps a JOIN organizations o ON o.id = a.org ORDER BY a.id;

-- the frozen application as the submit writes it (as staff.sql does)
UPDATE projects p JOIN rv_apps a ON a.id = p.id JOIN organizations o ON o.id = p.org_id
  JOIN competitions c ON c.id = p.competition_id JOIN municipalities m ON m.id = p.municipality_id
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
                        'target_groups', a.target, 'goal', p.goal,
                        'tasks', 'Подготовить площадку и команду\nПровести мероприятия\nПодвести итоги и рассказать о них',
                        'qual_results', p.results, 'geography', m.name,
                        'ind', JSON_OBJECT('0', JSON_OBJECT('name', 'Участники мероприятий', 'unit', 'человек', 'target', '250'))),
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
UPDATE projects p JOIN rv_apps a ON a.id = p.id SET p.receipt_sha256 = SHA2(p.frozen, 256);

INSERT INTO receipts (project_id, number, sha256, frozen, submitted_at)
SELECT p.id, p.number, p.receipt_sha256, p.frozen, p.submitted_at FROM projects p JOIN rv_apps a ON a.id = p.id ORDER BY p.id;

INSERT INTO application_sections (project_id, section, data, valid, version, saved_at)
SELECT p.id, s.name, JSON_EXTRACT(p.frozen, CONCAT('$.Sections.', s.name)), 1, 1, p.submitted_at
FROM projects p JOIN rv_apps a ON a.id = p.id
CROSS JOIN (SELECT 'card' AS name UNION ALL SELECT 'team' UNION ALL SELECT 'plan'
            UNION ALL SELECT 'budget' UNION ALL SELECT 'consent') s;

-- admitted by staff@demo two days after the intake closed
INSERT INTO compliance_decisions (project_id, decision, items, comment, due_at, user_id, created_at)
SELECT p.id, 'admit', '', 'Заявка соответствует требованиям.', NULL, u.id, c.closes_at + INTERVAL 2 DAY
FROM projects p JOIN rv_apps a ON a.id = p.id JOIN competitions c ON c.id = p.competition_id
JOIN users u ON u.email = 'staff@demo.grantfair.local' ORDER BY p.id;

-- ---- the pools: every demo expert in competitions 3, 7 and 8 -------------

INSERT INTO competition_experts (competition_id, user_id, added_at)
SELECT c.id, x.id, c.closes_at FROM competitions c JOIN rv_experts x WHERE c.id IN (3, 7, 8) ORDER BY c.id, x.k;

-- ---- assignments of competitions 7 and 8 --------------------------------
-- proj, expert (rv_experts.k), origin, state, hours ago: assigned, declared,
-- declined, draft saved, submitted; by staff (a manual one); scores of the
-- criteria in their order (null: not scored yet); the overall comment
CREATE TEMPORARY TABLE rv_assign (
  proj BIGINT, k INT, origin VARCHAR(12), state VARCHAR(12), a_h INT, d_h INT NULL, dl_h INT NULL,
  s_h INT NULL, sub_h INT NULL, by_staff INT, reason TEXT NULL, scores VARCHAR(200) NULL, overall TEXT NULL);
INSERT INTO rv_assign VALUES
-- competition 7, at review: 301 scored by both, the others pending
(301,1,'auto','submitted',118,100,NULL,52,50,0,NULL,'[9,8,7,8,8,6,7,8,9,7]','Сильная, хорошо продуманная заявка: понятная проблема, реалистичный план и измеримые результаты. Организация имеет опыт работы с молодёжью. Рекомендую к поддержке; стоит уточнить, как будет сохранена работа школы после окончания гранта.'),
(301,3,'auto','submitted',118,110,NULL,71,70,0,NULL,'[8,8,6,7,7,5,6,7,8,8]','Проект актуален для сельских поселений и логично выстроен. Бюджет в целом обоснован, хотя расходы на проведение мероприятий описаны укрупнённо. Поддерживаю с замечаниями по детализации сметы.'),
(302,1,'auto','assigned',118,40,NULL,20,NULL,0,NULL,'[7,8,6,7,null,null,null,null,null,null]',NULL),
(302,4,'auto','assigned',118,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL),
(303,1,'auto','assigned',118,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL),
(303,2,'auto','submitted',118,90,NULL,31,30,0,NULL,'[7,6,5,7,6,5,5,6,7,6]','Социально значимый проект с понятной целевой группой. Слабые места — описание механизма отбора семей и показатели результата. Проект может быть поддержан при условии уточнения плана.'),
(304,2,'auto','declined',118,NULL,100,NULL,NULL,0,'Мой супруг входит в правление организации-заявителя.',NULL,NULL),
(304,3,'auto','submitted',118,96,NULL,27,26,0,NULL,'[8,7,9,6,6,7,5,7,8,9]','Яркий и необычный для района проект, сохраняющий живую песенную традицию. Бюджет завышен в части аренды звукового оборудования; после корректировки проект заслуживает поддержки.'),
(304,4,'manual','assigned',95,80,NULL,NULL,NULL,1,NULL,NULL,NULL),
(305,2,'auto','assigned',118,45,NULL,22,NULL,0,NULL,'[6,7,5,6,6,5,null,null,null,null]',NULL),
(305,3,'auto','submitted',118,60,NULL,9,8,0,NULL,'[6,7,4,6,5,6,6,5,7,5]','Проект нужный, но план и бюджет проработаны слабо: не ясно, сколько выездов будет проведено и кто из медицинских работников в них участвует. Рекомендую доработать описание.'),
-- competition 8, before the commission: every application scored; 308 diverged (83 and 50) and got a third expert
(306,3,'auto','submitted',860,840,NULL,601,600,0,NULL,'[9,9,8,8,8,7,7,8,9,8]','Отличный проект: продуманная программа, сильные партнёры в домах культуры, реалистичный бюджет. Рекомендую к поддержке в полном объёме.'),
(306,1,'auto','submitted',860,830,NULL,551,550,0,NULL,'[9,8,7,9,8,6,8,7,8,9]','Проект хорошо проработан и соответствует приоритетам конкурса. Есть собственный вклад и план продолжения. Поддерживаю.'),
(307,4,'auto','submitted',860,820,NULL,651,650,0,NULL,'[8,7,6,8,7,6,6,7,7,7]','Экологический проект с понятными результатами и активным участием школьников. Стоит точнее описать вывоз собранных отходов. Поддерживаю.'),
(307,2,'auto','submitted',860,800,NULL,481,480,0,NULL,'[7,7,5,7,7,5,6,6,8,6]','Проект реалистичен, команда опытная, но новизна невелика: подобные акции проводятся в районе ежегодно. Может быть поддержан.'),
(308,1,'auto','submitted',860,835,NULL,601,600,0,NULL,'[9,9,7,8,8,7,8,7,8,8]','Проект сохраняет память о земляках и вовлекает школьников в поисковую работу; план и бюджет детально расписаны. Настоятельно рекомендую к поддержке.'),
(308,4,'auto','submitted',860,815,NULL,501,500,0,NULL,'[5,5,4,5,5,4,5,5,6,4]','Сроки издания книги не согласованы с типографией, тираж и распространение не описаны, расходы на оцифровку завышены. В текущем виде поддержать не могу.'),
(308,3,'divergence','submitted',500,480,NULL,381,380,0,NULL,'[7,7,6,7,7,6,6,7,7,6]','Третья экспертиза (оценки коллег разошлись). Проект значимый, команда справится с поисковой частью; замечания коллеги по издательским расходам обоснованы, смету следует сократить. Может быть поддержан с уменьшением суммы.'),
(309,3,'auto','submitted',860,810,NULL,451,450,0,NULL,'[6,6,5,6,6,5,5,6,6,5]','Идея хорошая, но мероприятия описаны общими словами, результаты не измеримы. Проект требует доработки.'),
(309,2,'auto','submitted',860,790,NULL,421,420,0,NULL,'[7,6,6,5,6,4,5,6,7,6]','Проект полезен молодым семьям, однако соотношение расходов и результатов неубедительно: на 40 семей запрошено почти 400 тысяч рублей.'),
(310,4,'auto','submitted',860,825,NULL,571,570,0,NULL,'[8,8,7,7,8,6,7,6,8,7]','Понятная, давно работающая программа приюта с хорошими показателями пристройства. Бюджет реалистичен. Рекомендую к поддержке.'),
(310,1,'auto','submitted',860,812,NULL,531,530,0,NULL,'[7,8,6,8,7,5,6,7,7,8]','Проект реализуем, организация открыта и имеет опыт. Просветительская часть в школах могла бы быть шире. Поддерживаю.'),
(311,2,'auto','submitted',860,805,NULL,441,440,0,NULL,'[5,6,4,5,5,4,6,5,6,5]','Тема крайне важная, но проект в заявленном объёме не обеспечен: нет договорённости об аренде квартиры, не описана квалификация сопровождающих. Максимальная сумма гранта не обоснована.'),
(311,3,'auto','submitted',860,800,NULL,411,410,0,NULL,'[6,5,5,6,5,5,5,4,6,6]','Проект социально значим, но организация не имеет опыта подобных программ, бюджет и план требуют серьёзной доработки.');

INSERT INTO assignments (competition_id, project_id, expert_id, origin, state, assigned_at, assigned_by,
                         declared_at, declined_at, decline_reason, saved_at, submitted_at, overall_comment)
SELECT p.competition_id, a.proj, x.id, a.origin, a.state, NOW() - INTERVAL a.a_h HOUR,
       IF(a.by_staff, (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local'), NULL),
       NOW() - INTERVAL a.d_h HOUR, NOW() - INTERVAL a.dl_h HOUR, a.reason,
       NOW() - INTERVAL a.s_h HOUR, NOW() - INTERVAL a.sub_h HOUR, a.overall
FROM rv_assign a JOIN rv_experts x ON x.k = a.k JOIN projects p ON p.id = a.proj
ORDER BY a.a_h DESC, a.proj, a.k;

INSERT INTO scores (assignment_id, criterion_id, score)
SELECT s.id, cr.id, j.score
FROM (SELECT x.id AS expert_id, a.proj, a.scores FROM rv_assign a JOIN rv_experts x ON x.k = a.k
      WHERE a.scores IS NOT NULL) v
JOIN assignments s ON s.project_id = v.proj AND s.expert_id = v.expert_id
JOIN JSON_TABLE(v.scores, '$[*]' COLUMNS (n FOR ORDINALITY, score INT PATH '$')) j
JOIN criteria cr ON cr.competition_id = s.competition_id AND cr.sort = j.n
WHERE j.score IS NOT NULL ORDER BY s.id, cr.sort;

-- ---- competition 3: two experts for every application, long submitted ----

CREATE TEMPORARY TABLE rv_c3 (proj BIGINT, k INT, PRIMARY KEY (proj, k));
INSERT INTO rv_c3 (proj, k)
SELECT p.id, pr.k FROM projects p JOIN (
  SELECT 0 AS m, 1 AS k UNION ALL SELECT 0, 2 UNION ALL SELECT 1, 3 UNION ALL SELECT 1, 4 UNION ALL
  SELECT 2, 1 UNION ALL SELECT 2, 3 UNION ALL SELECT 3, 2 UNION ALL SELECT 3, 4 UNION ALL
  SELECT 4, 1 UNION ALL SELECT 4, 4 UNION ALL SELECT 5, 2 UNION ALL SELECT 5, 3) pr ON pr.m = MOD(p.id, 6)
WHERE p.competition_id = 3;
-- never an expert with a conflict of interest: expert2 (ИНН of organization 5)
-- gives way to expert4, or to expert1 where expert4 is already the other one
UPDATE rv_c3 t JOIN projects p ON p.id = t.proj JOIN organizations o ON o.id = p.org_id
  JOIN rv_experts x ON x.k = t.k JOIN expert_orgs eo ON eo.user_id = x.id AND eo.inn = o.inn
SET t.k = IF(MOD(t.proj, 6) = 3, 1, 4);

INSERT INTO assignments (competition_id, project_id, expert_id, origin, state, assigned_at,
                         declared_at, saved_at, submitted_at)
SELECT 3, t.proj, x.id, 'auto', 'submitted', c.closes_at + INTERVAL 4 DAY,
       c.closes_at + INTERVAL 5 DAY + INTERVAL MOD(t.proj * 5 + t.k, 20) HOUR,
       c.closes_at + INTERVAL (12 + MOD(t.proj * 3 + t.k, 12)) DAY - INTERVAL 1 HOUR,
       c.closes_at + INTERVAL (12 + MOD(t.proj * 3 + t.k, 12)) DAY
FROM rv_c3 t JOIN rv_experts x ON x.k = t.k JOIN competitions c ON c.id = 3 ORDER BY t.proj, t.k;

-- scores: winners around 7–9 points a criterion, the others around 4–5, give
-- or take one (a checksum of application, criterion and expert picks which)
INSERT INTO scores (assignment_id, criterion_id, score)
SELECT a.id, cr.id,
       LEAST(10, GREATEST(0, IF(p.status IN ('winner', 'in_progress', 'completed'), 7 + MOD(p.id, 3),
                                4 + MOD(p.id, 2)) + MOD(CRC32(CONCAT(p.id, '/', cr.sort, '/', x.k)), 3) - 1))
FROM assignments a JOIN projects p ON p.id = a.project_id JOIN rv_experts x ON x.id = a.expert_id
JOIN criteria cr ON cr.competition_id = a.competition_id
WHERE a.competition_id = 3 ORDER BY a.id, cr.sort;

-- ---- comments, totals, scores of the applications ------------------------

-- an expert's comment on a criterion, by the points given (3: 8–10, 2: 6–7, 1: 0–5)
CREATE TEMPORARY TABLE rv_comment (sort INT, lvl INT, body TEXT, PRIMARY KEY (sort, lvl));
INSERT INTO rv_comment VALUES
(1,3,'Проблема обоснована данными муниципалитета и опросом целевой группы; проект отвечает приоритетам конкурса.'),
(1,2,'Актуальность показана, но без цифр о численности целевой группы в районе.'),
(1,1,'Проблема описана общими словами, связь с нуждами жителей не подтверждена.'),
(2,3,'Цель, задачи, мероприятия и результаты логически связаны; календарный план выполним в заявленные сроки.'),
(2,2,'План в целом реализуем, но часть мероприятий не связана с задачами проекта.'),
(2,1,'Задачи не ведут к цели, сроки мероприятий не согласованы между собой.'),
(3,3,'Подход новый для края: сочетание добровольчества и работы с местными учреждениями.'),
(3,2,'Практики известные, но адаптированы к местным условиям.'),
(3,1,'Проект повторяет типовые мероприятия без новых решений.'),
(4,3,'Расходы соразмерны ожидаемым результатам, стоимость одного участника обоснована.'),
(4,2,'Соотношение расходов и результатов приемлемое, часть результатов не измерима.'),
(4,1,'Расходы заметно превышают ожидаемый эффект.'),
(5,3,'Смета детализирована, цены соответствуют рыночным, софинансирование подтверждено.'),
(5,2,'Бюджет реалистичен, но статья на мероприятия описана укрупнённо.'),
(5,1,'Бюджет не обоснован: нет расчётов, часть расходов не относится к проекту.'),
(6,3,'Проект охватывает несколько муниципальных образований.'),
(6,2,'Масштаб — одно муниципальное образование, этого достаточно для задач проекта.'),
(6,1,'Масштаб ограничен одним поселением.'),
(7,3,'Собственный вклад и вклад партнёров существенны, описан план продолжения работы после гранта.'),
(7,2,'Собственный вклад есть, продолжение проекта описано кратко.'),
(7,1,'Собственный вклад минимален, о продолжении проекта не сказано.'),
(8,3,'У организации несколько успешно реализованных грантовых проектов, отчёты приняты.'),
(8,2,'Опыт реализации проектов есть, но небольшой.'),
(8,1,'Опыт реализации подобных проектов не подтверждён.'),
(9,3,'Команда опытная, роли распределены, квалификация соответствует задачам.'),
(9,2,'Команда в целом справится, но не указаны специалисты по ключевым мероприятиям.'),
(9,1,'Команда описана формально, компетенции для проекта не подтверждены.'),
(10,3,'Организация ведёт сайт и социальные сети, публикует отчёты о деятельности.'),
(10,2,'Информация об организации есть в социальных сетях, отчёты публикуются нерегулярно.'),
(10,1,'Сведений о деятельности организации в открытых источниках почти нет.');

UPDATE scores s JOIN criteria cr ON cr.id = s.criterion_id
  JOIN rv_comment m ON m.sort = cr.sort AND m.lvl = CASE WHEN s.score >= 8 THEN 3 WHEN s.score >= 6 THEN 2 ELSE 1 END
SET s.comment = m.body WHERE cr.competition_id IN (3, 7, 8);

-- the 100-point total of every submitted score (grant/review.c, gr_score_total)
UPDATE assignments a JOIN (
  SELECT s.assignment_id, ROUND(100 * SUM(s.score * cr.weight) / SUM(cr.max_score * cr.weight), 2) AS total
  FROM scores s JOIN criteria cr ON cr.id = s.criterion_id WHERE cr.weight > 0 GROUP BY s.assignment_id) t
  ON t.assignment_id = a.id
SET a.total = t.total WHERE a.state = 'submitted' AND a.competition_id IN (3, 7, 8);

UPDATE assignments SET overall_comment = CASE
  WHEN total >= 75 THEN ELT(1 + MOD(project_id, 3),
    'Проект хорошо проработан: актуальная проблема, выполнимый план, обоснованный бюджет. Рекомендую к поддержке.',
    'Сильная заявка опытной организации с измеримыми результатами и планом продолжения. Поддерживаю.',
    'Проект заслуживает поддержки; замечания по детализации сметы несущественны.')
  WHEN total >= 60 THEN ELT(1 + MOD(project_id, 3),
    'Проект может быть поддержан; следует уточнить показатели результата.',
    'Заявка в целом обоснована, но бюджет и план требуют уточнения.',
    'Проект реализуем, хотя новизна невелика. Может быть поддержан.')
  ELSE ELT(1 + MOD(project_id, 2),
    'Проект проработан недостаточно: план и бюджет не обоснованы. Не рекомендую к поддержке.',
    'Актуальность не подтверждена, результаты не измеримы. Проект требует серьёзной доработки.')
  END
WHERE competition_id = 3 AND state = 'submitted';

-- an application is scored with the mean of its submitted totals
UPDATE projects p JOIN (
  SELECT project_id, ROUND(AVG(total), 2) AS score FROM assignments
  WHERE state = 'submitted' AND competition_id IN (3, 7, 8) GROUP BY project_id) t ON t.project_id = p.id
SET p.score = t.score WHERE p.status <> 'admitted';

-- ---- the commission ------------------------------------------------------

-- competition 8: the secretary's marks so far (no decision yet): three
-- winners, 307 with a reduced amount, and 311 not a winner
INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks, updated_at, updated_by)
SELECT m.proj, 8, m.winner, m.granted, NOW() - INTERVAL m.h HOUR, u.id FROM (
  SELECT 306 AS proj, 1 AS winner, 65000000 AS granted, 50 AS h UNION ALL
  SELECT 310, 1, 56000000, 49 UNION ALL
  SELECT 307, 1, 45000000, 48 UNION ALL
  SELECT 311, 0, NULL, 47) m
JOIN users u ON u.email = 'secretary@demo.grantfair.local' ORDER BY m.h DESC;

-- competition 3: the decision, two days before the results were published
-- (the day of the news «Подведены итоги первого потока 2026 года»)
UPDATE competitions SET published_at = COALESCE(
  (SELECT published_at FROM news WHERE title = 'Подведены итоги первого потока 2026 года' LIMIT 1),
  NOW() - INTERVAL 120 DAY) WHERE id = 3;
INSERT INTO commission_decisions (competition_id, decided_on, protocol_number, members, recorded_at, recorded_by)
SELECT c.id, DATE(c.published_at - INTERVAL 2 DAY), '12-КК',
       'Белова Ирина Александровна, председатель комиссии\nГригорьев Павел Олегович, заместитель председателя\nПопов Дмитрий Сергеевич, секретарь комиссии\nКовалёва Светлана Юрьевна\nНиколаев Артём Владимирович\nФёдорова Марина Геннадьевна',
       c.published_at - INTERVAL 2 DAY + INTERVAL 3 HOUR, u.id
FROM competitions c JOIN users u ON u.email = 'secretary@demo.grantfair.local' WHERE c.id = 3;
INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks, updated_at, updated_by)
SELECT p.id, 3, p.status IN ('winner', 'in_progress', 'completed'), p.granted_kopecks,
       c.published_at - INTERVAL 2 DAY + INTERVAL 2 HOUR, u.id
FROM projects p JOIN competitions c ON c.id = p.competition_id
JOIN users u ON u.email = 'secretary@demo.grantfair.local' WHERE p.competition_id = 3 ORDER BY p.id;

-- ---- the audit log -------------------------------------------------------
-- The history above as the programs write it (grant/review.c and the
-- pages): merged with the entries already there in time order, since the
-- chain's time never goes back (gf-audit seal chains them all afterwards).

CREATE TEMPORARY TABLE rv_audit (
  seq INT AUTO_INCREMENT PRIMARY KEY, at DATETIME, user_id BIGINT UNSIGNED NULL,
  object_type VARCHAR(20), object_id BIGINT UNSIGNED, action VARCHAR(20),
  from_state VARCHAR(40) NULL, to_state VARCHAR(300) NULL, reason TEXT NULL);

-- submission and admission of the new applications
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT p.submitted_at, m.user_id, 'project', p.id, 'submit', 'draft', 'submitted', NULL
FROM projects p JOIN rv_apps a ON a.id = p.id
LEFT JOIN (SELECT org_id, MIN(user_id) AS user_id FROM org_members GROUP BY org_id) m ON m.org_id = p.org_id
ORDER BY p.submitted_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT d.created_at, d.user_id, 'project', d.project_id, 'admit', 'submitted', 'admitted', d.comment
FROM compliance_decisions d JOIN rv_apps a ON a.id = d.project_id ORDER BY d.created_at, d.project_id;
-- the stage moves, by staff@demo
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT s.at, u.id, 'competition', s.comp, 'stage', s.from_stage, s.to_stage, NULL FROM (
  SELECT 7 AS comp, NOW() - INTERVAL 119 HOUR AS at, 'intake' AS from_stage, 'review' AS to_stage UNION ALL
  SELECT 8, NOW() - INTERVAL 861 HOUR, 'intake', 'review' UNION ALL
  SELECT 8, NOW() - INTERVAL 240 HOUR, 'review', 'commission') s
JOIN users u ON u.email = 'staff@demo.grantfair.local';
-- assignments: automatic and manual ones by staff@demo (the divergence one
-- comes after the score that diverged, below)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.assigned_at, (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local'),
       'project', a.project_id, 'assign', NULL, CONCAT(u.name, ' (№ ', u.id, ')'),
       IF(a.origin = 'manual', 'вручную', 'автоматически')
FROM assignments a JOIN users u ON u.id = a.expert_id WHERE a.competition_id IN (7, 8) AND a.origin <> 'divergence'
ORDER BY a.assigned_at, a.id;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.declared_at, a.expert_id, 'assignment', a.id, 'declare', NULL, NULL, NULL
FROM assignments a WHERE a.competition_id IN (7, 8) AND a.declared_at IS NOT NULL ORDER BY a.declared_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.declined_at, a.expert_id, 'assignment', a.id, 'decline', 'assigned', 'declined', a.decline_reason
FROM assignments a WHERE a.competition_id IN (7, 8) AND a.state = 'declined' ORDER BY a.declined_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.submitted_at, a.expert_id, 'assignment', a.id, 'score', 'assigned', 'submitted', CAST(a.total AS CHAR)
FROM assignments a WHERE a.competition_id IN (7, 8) AND a.state = 'submitted' ORDER BY a.submitted_at;
-- a third expert on the submission whose total diverged (by the system, in
-- that expert's request)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.assigned_at, d.expert_id, 'project', a.project_id, 'assign', NULL, CONCAT(u.name, ' (№ ', u.id, ')'),
       'расхождение оценок'
FROM assignments a JOIN users u ON u.id = a.expert_id
JOIN assignments d ON d.project_id = a.project_id AND d.state = 'submitted' AND d.submitted_at = a.assigned_at
WHERE a.competition_id IN (7, 8) AND a.origin = 'divergence' ORDER BY a.assigned_at, a.id;
-- an application scored on its last submission
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.submitted_at, a.expert_id, 'project', p.id, 'scored', 'admitted', 'scored', CAST(p.score AS CHAR)
FROM projects p JOIN assignments a ON a.project_id = p.id AND a.state = 'submitted'
WHERE p.competition_id IN (7, 8) AND p.status = 'scored'
  AND a.submitted_at = (SELECT MAX(b.submitted_at) FROM assignments b WHERE b.project_id = p.id AND b.state = 'submitted')
ORDER BY a.submitted_at;
-- the secretary's marks in competition 8 (on the competition: an
-- applicant's history lists its application's entries, and the marks are
-- not theirs to see before the publication)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT m.updated_at, m.updated_by, 'competition', 8, 'marks', NULL, NULL,
       CONCAT('Заявка ', CONVERT(p.number USING utf8mb4), ': ', IF(m.winner, CONCAT('победитель, ', FORMAT(m.granted_kopecks / 100, 2, 'ru_RU'), ' ₽'),
                                        'не победитель'))
FROM commission_marks m JOIN projects p ON p.id = m.project_id WHERE m.competition_id = 8 ORDER BY m.updated_at;
-- competition 3: the decision, the publication and every application's outcome
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT d.recorded_at, d.recorded_by, 'competition', 3, 'decision', NULL, NULL,
       CONCAT('Протокол № ', d.protocol_number, ' от ', DATE_FORMAT(d.decided_on, '%d.%m.%Y'))
FROM commission_decisions d WHERE d.competition_id = 3;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT c.published_at, u.id, 'competition', 3, 'publish', 'commission', 'results', NULL
FROM competitions c JOIN users u ON u.email = 'staff@demo.grantfair.local' WHERE c.id = 3;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT c.published_at, u.id, 'project', p.id, IF(m.winner, 'win', 'not_win'), 'scored',
       IF(m.winner, 'winner', 'not_winner'), NULL
FROM projects p JOIN competitions c ON c.id = p.competition_id JOIN commission_marks m ON m.project_id = p.id
JOIN users u ON u.email = 'staff@demo.grantfair.local' WHERE p.competition_id = 3 ORDER BY p.id;

-- merged in time order (at equal times: the entries already there first,
-- then these in the order written above)
CREATE TEMPORARY TABLE rv_merged AS
SELECT at, user_id, object_type, object_id, action, from_state, to_state, reason, ip, 0 AS src, id AS ord
FROM audit_log;
INSERT INTO rv_merged
SELECT at, user_id, object_type, object_id, action, from_state, to_state, reason, '127.0.0.1', 1, seq
FROM rv_audit WHERE at IS NOT NULL;
DELETE FROM audit_log;
INSERT INTO audit_log (at, user_id, object_type, object_id, action, from_state, to_state, reason, ip)
SELECT at, user_id, object_type, object_id, action, from_state, to_state, reason, ip
FROM rv_merged ORDER BY at, src, ord;

DROP TEMPORARY TABLE rv_merged;
DROP TEMPORARY TABLE rv_audit;
DROP TEMPORARY TABLE rv_comment;
DROP TEMPORARY TABLE rv_c3;
DROP TEMPORARY TABLE rv_assign;
DROP TEMPORARY TABLE rv_apps;
DROP TEMPORARY TABLE rv_experts;

-- the demo's experts know their applications already
UPDATE assignments SET notified_at = assigned_at;
