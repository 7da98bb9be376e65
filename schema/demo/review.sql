-- Demo data of the experts' and the commission's side: expert profiles
-- (one expert lists the ИНН of a demo organization: the conflict of
-- interest rule keeps them off its applications), competition 7 at the
-- review stage (expert@demo has a new assignment, a declared one with a
-- draft and a submitted one), competition 8 before the commission (every
-- application scored, one after a divergence and a third expert, a few of
-- the secretary's marks), and the finished review, decision and published
-- results of competitions 3 and 4. Loaded after staff.sql, last of the demo
-- files: it merges the audit log in time order, dates each application's
-- last change and drops demo_msk (demo.sql). Consistent with
-- grant/review.c: an expert's total is 100 × Σ score·weight / Σ max·weight
-- over the criteria with a weight; an application whose experts have all
-- submitted is scored with the mean of their totals; two totals more than
-- `divergence` apart have a third expert (origin 'divergence').

SET time_zone = '+00:00';

-- ---- the experts ---------------------------------------------------------

CREATE TEMPORARY TABLE rv_experts (k INT PRIMARY KEY, email VARCHAR(100), id BIGINT UNSIGNED NULL);
INSERT INTO rv_experts (k, email) VALUES
(1, 'expert@demo.grantfair.local'), (2, 'expert2@demo.grantfair.local'),
(3, 'expert3@demo.grantfair.local'), (4, 'expert4@demo.grantfair.local');
UPDATE rv_experts x JOIN users u ON u.email = x.email SET x.id = u.id;

INSERT INTO expert_profiles (user_id, about, updated_at)
SELECT x.id, a.about, demo_msk(a.ago, ELT(a.k, '20:15', '12:40', '18:05', '09:30')) FROM rv_experts x JOIN (
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
-- trustees of АНО «Берег надежды» (demo organization 5, by its ИНН)
INSERT INTO expert_orgs (user_id, inn, name, relation)
SELECT x.id, o.inn, o.name, o.relation FROM rv_experts x JOIN (
  SELECT 1 AS k, 1 AS n, '2312048178' AS inn, 'Краснодарская краевая общественная организация «Союз педагогов Кубани»' AS name, 'член правления, 2018–2022' AS relation UNION ALL
  SELECT 1, 2, '2308053930', 'Автономная некоммерческая организация «Институт развития образования»', 'научный консультант, с 2020 года' UNION ALL
  SELECT 2, 1, (SELECT inn FROM organizations WHERE id = 5), 'Автономная некоммерческая организация «Берег надежды»', 'член попечительского совета, с 2021 года' UNION ALL
  SELECT 2, 2, '2320106271', 'Благотворительный фонд «Милосердие Кубани»', 'исполнительный директор, 2015–2020' UNION ALL
  SELECT 3, 1, '2309014764', 'Краснодарская краевая общественная организация ветеранов «Боевое братство Кубани»', 'член совета, с 2019 года' UNION ALL
  SELECT 4, 1, '2317082253', 'Региональная общественная организация «Экологический союз Кубани»', 'волонтёр, координатор проектов, 2016–2019' UNION ALL
  SELECT 4, 2, '2366015429', 'Автономная некоммерческая организация «Центр правовой помощи»', 'юрист-консультант, с 2018 года') o ON o.k = x.k
ORDER BY x.k, o.n;

-- ---- the pools: every demo expert in competitions 3, 4, 7 and 8, the day
-- after the intake closed ---------------------------------------------------

INSERT INTO competition_experts (competition_id, user_id, added_at)
SELECT c.id, x.id, demo_msk(DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), DATE(c.closes_at + INTERVAL 3 HOUR)) - 1, '11:00')
FROM competitions c JOIN rv_experts x WHERE c.id IN (3, 4, 7, 8) ORDER BY c.id, x.k;

-- ---- assignments of competitions 7 and 8 --------------------------------
-- proj, expert (rv_experts.k), origin, state; assigned, declared, declined,
-- draft saved, submitted (days before today, Moscow time); by staff (a
-- manual one); the reason of a decline; scores of the criteria in their
-- order (null: not scored yet); the overall comment
CREATE TEMPORARY TABLE rv_assign (
  proj BIGINT, k INT, origin VARCHAR(12), state VARCHAR(12), a_d INT, a_hm CHAR(5), d_d INT NULL, d_hm CHAR(5) NULL,
  dl_d INT NULL, dl_hm CHAR(5) NULL, s_d INT NULL, s_hm CHAR(5) NULL, sub_d INT NULL, sub_hm CHAR(5) NULL,
  by_staff INT, reason TEXT NULL, scores VARCHAR(200) NULL, overall TEXT NULL);
-- competition 7, at review since 5 days: 301 scored by both, the others
-- pending; competition 8, before the commission: every application scored;
-- 308 diverged (81 and 49,5) and got a third expert at once
INSERT INTO rv_assign VALUES
(301,1,'auto','submitted',5,'10:12',4,'11:30',NULL,NULL,2,'16:40',2,'18:05',0,NULL,'[9,8,7,8,8,6,7,8,9,7]','Сильная, хорошо продуманная заявка: понятная проблема, реалистичный план и измеримые результаты. Организация имеет опыт работы с молодёжью. Рекомендую к поддержке; стоит уточнить, как будет сохранена работа школы после окончания гранта.'),
(301,3,'auto','submitted',5,'10:12',4,'09:20',NULL,NULL,2,'09:15',2,'10:20',0,NULL,'[8,8,6,7,7,5,6,7,8,8]','Проект актуален для сельских поселений и логично выстроен. Бюджет в целом обоснован, хотя расходы на проведение мероприятий описаны укрупнённо. Поддерживаю с замечаниями по детализации сметы.'),
(302,1,'auto','assigned',5,'10:12',2,'12:30',NULL,NULL,1,'19:45',NULL,NULL,0,NULL,'[7,8,6,7,null,null,null,null,null,null]',NULL),
(302,4,'auto','assigned',5,'10:12',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL),
(303,1,'auto','assigned',5,'10:12',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,NULL,NULL,NULL),
(303,2,'auto','submitted',5,'10:12',3,'14:00',NULL,NULL,1,'10:30',1,'11:25',0,NULL,'[7,6,5,7,6,5,5,6,7,6]','Социально значимый проект с понятной целевой группой. Слабые места — описание механизма отбора семей и показатели результата. Проект может быть поддержан при условии уточнения плана.'),
(304,2,'auto','declined',5,'10:12',NULL,NULL,4,'13:15',NULL,NULL,NULL,NULL,0,'Мой супруг входит в правление организации-заявителя.',NULL,NULL),
(304,3,'auto','submitted',5,'10:12',4,'15:40',NULL,NULL,1,'14:05',1,'15:10',0,NULL,'[8,7,9,6,6,7,5,7,8,9]','Яркий и необычный для района проект, сохраняющий живую песенную традицию. Бюджет завышен в части аренды звукового оборудования; после корректировки проект заслуживает поддержки.'),
(304,4,'manual','assigned',4,'14:20',3,'10:45',NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL,NULL),
(305,2,'auto','assigned',5,'10:12',2,'09:40',NULL,NULL,1,'20:10',NULL,NULL,0,NULL,'[6,7,5,6,6,5,null,null,null,null]',NULL),
(305,3,'auto','submitted',5,'10:12',3,'16:20',NULL,NULL,1,'16:50',1,'17:35',0,NULL,'[6,7,4,6,5,6,6,5,7,5]','Проект нужный, но план и бюджет проработаны слабо: не ясно, сколько выездов будет проведено и кто из медицинских работников в них участвует. Рекомендую доработать описание.'),
(306,3,'auto','submitted',36,'09:45',35,'10:20',NULL,NULL,25,'14:10',25,'15:00',0,NULL,'[9,9,8,8,8,7,7,8,9,8]','Отличный проект: продуманная программа, сильные партнёры в домах культуры, реалистичный бюджет. Рекомендую к поддержке в полном объёме.'),
(306,1,'auto','submitted',36,'09:45',35,'16:30',NULL,NULL,23,'11:10',23,'12:05',0,NULL,'[9,8,7,9,8,6,8,7,8,9]','Проект хорошо проработан и соответствует приоритетам конкурса. Есть собственный вклад и план продолжения. Поддерживаю.'),
(307,4,'auto','submitted',36,'09:45',34,'09:50',NULL,NULL,27,'13:30',27,'14:15',0,NULL,'[8,7,6,8,7,6,6,7,7,7]','Экологический проект с понятными результатами и активным участием школьников. Стоит точнее описать вывоз собранных отходов. Поддерживаю.'),
(307,2,'auto','submitted',36,'09:45',33,'11:00',NULL,NULL,20,'15:20',20,'16:00',0,NULL,'[7,7,5,7,7,5,6,6,8,6]','Проект реалистичен, команда опытная, но новизна невелика: подобные акции проводятся в районе ежегодно. Может быть поддержан.'),
(308,1,'auto','submitted',36,'09:45',35,'12:15',NULL,NULL,25,'17:00',25,'17:45',0,NULL,'[9,9,7,8,8,7,8,7,8,8]','Проект сохраняет память о земляках и вовлекает школьников в поисковую работу; план и бюджет детально расписаны. Настоятельно рекомендую к поддержке.'),
(308,4,'auto','submitted',36,'09:45',34,'14:40',NULL,NULL,21,'10:10',21,'11:00',0,NULL,'[5,5,4,5,5,4,5,5,6,4]','Сроки издания книги не согласованы с типографией, тираж и распространение не описаны, расходы на оцифровку завышены. В текущем виде поддержать не могу.'),
(308,3,'divergence','submitted',21,'11:00',20,'09:30',NULL,NULL,16,'12:00',16,'12:40',0,NULL,'[7,7,6,7,7,6,6,7,7,6]','Третья экспертиза (оценки коллег разошлись). Проект значимый, команда справится с поисковой частью; замечания коллеги по издательским расходам обоснованы, смету следует сократить. Может быть поддержан с уменьшением суммы.'),
(309,3,'auto','submitted',36,'09:45',34,'15:10',NULL,NULL,19,'10:00',19,'10:45',0,NULL,'[6,6,5,6,6,5,5,6,6,5]','Идея хорошая, но мероприятия описаны общими словами, результаты не измеримы. Проект требует доработки.'),
(309,2,'auto','submitted',36,'09:45',32,'09:15',NULL,NULL,18,'14:30',18,'15:05',0,NULL,'[7,6,6,5,6,4,5,6,7,6]','Проект полезен молодым семьям, однако соотношение расходов и результатов неубедительно: на 40 семей запрошено почти 400 тысяч рублей.'),
(310,4,'auto','submitted',36,'09:45',34,'16:20',NULL,NULL,24,'11:20',24,'12:00',0,NULL,'[8,8,7,7,8,6,7,6,8,7]','Понятная, давно работающая программа приюта с хорошими показателями пристройства. Бюджет реалистичен. Рекомендую к поддержке.'),
(310,1,'auto','submitted',36,'09:45',34,'10:05',NULL,NULL,22,'15:40',22,'16:25',0,NULL,'[7,8,6,8,7,5,6,7,7,8]','Проект реализуем, организация открыта и имеет опыт. Просветительская часть в школах могла бы быть шире. Поддерживаю.'),
(311,2,'auto','submitted',36,'09:45',33,'13:30',NULL,NULL,18,'16:10',18,'16:50',0,NULL,'[5,6,4,5,5,4,6,5,6,5]','Тема крайне важная, но проект в заявленном объёме не обеспечен: нет договорённости об аренде квартиры, не описана квалификация сопровождающих. Максимальная сумма гранта не обоснована.'),
(311,3,'auto','submitted',36,'09:45',33,'17:45',NULL,NULL,17,'11:00',17,'11:40',0,NULL,'[6,5,5,6,5,5,5,4,6,6]','Проект социально значим, но организация не имеет опыта подобных программ, бюджет и план требуют серьёзной доработки.');

INSERT INTO assignments (competition_id, project_id, expert_id, origin, state, assigned_at, assigned_by,
                         declared_at, declined_at, decline_reason, saved_at, submitted_at, overall_comment)
SELECT p.competition_id, a.proj, x.id, a.origin, a.state, demo_msk(a.a_d, a.a_hm),
       IF(a.by_staff, (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local'), NULL),
       IF(a.d_d IS NULL, NULL, demo_msk(a.d_d, a.d_hm)), IF(a.dl_d IS NULL, NULL, demo_msk(a.dl_d, a.dl_hm)),
       a.reason, IF(a.s_d IS NULL, NULL, demo_msk(a.s_d, a.s_hm)),
       IF(a.sub_d IS NULL, NULL, demo_msk(a.sub_d, a.sub_hm)), a.overall
FROM rv_assign a JOIN rv_experts x ON x.k = a.k JOIN projects p ON p.id = a.proj
ORDER BY a.a_d DESC, a.a_hm, a.proj, a.k;

INSERT INTO scores (assignment_id, criterion_id, score)
SELECT s.id, cr.id, j.score
FROM (SELECT x.id AS expert_id, a.proj, a.scores FROM rv_assign a JOIN rv_experts x ON x.k = a.k
      WHERE a.scores IS NOT NULL) v
JOIN assignments s ON s.project_id = v.proj AND s.expert_id = v.expert_id
JOIN JSON_TABLE(v.scores, '$[*]' COLUMNS (n FOR ORDINALITY, score INT PATH '$')) j
JOIN criteria cr ON cr.competition_id = s.competition_id AND cr.sort = j.n
WHERE j.score IS NOT NULL ORDER BY s.id, cr.sort;

-- ---- competitions 3 and 4: two experts for every application, long submitted

-- the days (before today) of each one's intake close, the experts' deadline,
-- the decision and the publication
CREATE TEMPORARY TABLE rv_done (comp BIGINT PRIMARY KEY, closed INT, due INT, published INT);
INSERT INTO rv_done
SELECT id, DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), DATE(closes_at + INTERVAL 3 HOUR)),
       DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), DATE(review_due + INTERVAL 3 HOUR)),
       DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), DATE(published_at + INTERVAL 3 HOUR))
FROM competitions WHERE id IN (3, 4);

CREATE TEMPORARY TABLE rv_c3 (proj BIGINT, k INT, PRIMARY KEY (proj, k));
INSERT INTO rv_c3 (proj, k)
SELECT p.id, pr.k FROM projects p JOIN (
  SELECT 0 AS m, 1 AS k UNION ALL SELECT 0, 2 UNION ALL SELECT 1, 3 UNION ALL SELECT 1, 4 UNION ALL
  SELECT 2, 1 UNION ALL SELECT 2, 3 UNION ALL SELECT 3, 2 UNION ALL SELECT 3, 4 UNION ALL
  SELECT 4, 1 UNION ALL SELECT 4, 4 UNION ALL SELECT 5, 2 UNION ALL SELECT 5, 3) pr ON pr.m = MOD(p.id, 6)
WHERE p.competition_id IN (3, 4);
-- never an expert with a conflict of interest: expert2 (ИНН of organization 5)
-- gives way to expert4, or to expert1 where expert4 is already the other one
UPDATE rv_c3 t JOIN projects p ON p.id = t.proj JOIN organizations o ON o.id = p.org_id
  JOIN rv_experts x ON x.k = t.k JOIN expert_orgs eo ON eo.user_id = x.id AND eo.inn = o.inn
SET t.k = IF(MOD(t.proj, 6) = 3, 1, 4);

-- assigned when the review began, two days after the intake closed;
-- declared within days; scored ten to twenty days later, in working hours
INSERT INTO assignments (competition_id, project_id, expert_id, origin, state, assigned_at, assigned_by,
                         declared_at, saved_at, submitted_at)
SELECT p.competition_id, t.proj, x.id, 'auto', 'submitted', demo_msk(d.closed - 2, '09:40'), NULL,
       demo_msk(d.closed - 3 - MOD(t.proj + t.k, 3),
                CONCAT(LPAD(9 + MOD(t.proj * 5 + t.k, 9), 2, '0'), ':', LPAD(MOD(t.proj * 7 + t.k * 11, 60), 2, '0'))),
       demo_msk(d.closed - 10 - MOD(t.proj * 3 + t.k, 12),
                CONCAT(LPAD(10 + MOD(t.proj * 3 + t.k * 5, 9), 2, '0'), ':', LPAD(MOD(t.proj * 13 + t.k, 50), 2, '0'))),
       demo_msk(d.closed - 10 - MOD(t.proj * 3 + t.k, 12),
                CONCAT(LPAD(10 + MOD(t.proj * 3 + t.k * 5, 9), 2, '0'), ':', LPAD(MOD(t.proj * 13 + t.k, 50), 2, '0')))
         + INTERVAL 20 + MOD(t.proj, 30) MINUTE
FROM rv_c3 t JOIN rv_experts x ON x.k = t.k JOIN projects p ON p.id = t.proj JOIN rv_done d ON d.comp = p.competition_id
ORDER BY p.competition_id, t.proj, t.k;

-- scores: winners around 7–9 points a criterion, the others around 4–5, give
-- or take one (a checksum of application, criterion and expert picks which)
INSERT INTO scores (assignment_id, criterion_id, score)
SELECT a.id, cr.id,
       LEAST(10, GREATEST(0, IF(p.status = 'winner', 7 + MOD(p.id, 3), 4 + MOD(p.id, 2))
                             + MOD(CRC32(CONCAT(p.id, '/', cr.sort, '/', x.k)), 3) - 1))
FROM assignments a JOIN projects p ON p.id = a.project_id JOIN rv_experts x ON x.id = a.expert_id
JOIN criteria cr ON cr.competition_id = a.competition_id
WHERE a.competition_id IN (3, 4) ORDER BY a.id, cr.sort;

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

UPDATE scores s JOIN criteria cr ON cr.id = s.criterion_id
  JOIN rv_comment m ON m.sort = cr.sort AND m.lvl = CASE WHEN s.score >= 8 THEN 3 WHEN s.score >= 6 THEN 2 ELSE 1 END
SET s.comment = m.body WHERE cr.competition_id IN (3, 4, 7, 8);

-- the 100-point total of every submitted score (grant/review.c, gr_score_total)
UPDATE assignments a JOIN (
  SELECT s.assignment_id, ROUND(100 * SUM(s.score * cr.weight) / SUM(cr.max_score * cr.weight), 2) AS total
  FROM scores s JOIN criteria cr ON cr.id = s.criterion_id WHERE cr.weight > 0 GROUP BY s.assignment_id) t
  ON t.assignment_id = a.id
SET a.total = t.total WHERE a.state = 'submitted';

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
WHERE competition_id IN (3, 4) AND state = 'submitted';


-- an application is scored with the mean of its submitted totals
UPDATE projects p JOIN (
  SELECT project_id, ROUND(AVG(total), 2) AS score FROM assignments
  WHERE state = 'submitted' GROUP BY project_id) t ON t.project_id = p.id
SET p.score = t.score WHERE p.status <> 'admitted';

-- ---- the commission ------------------------------------------------------

-- competition 8: the secretary's marks two days ago (no decision yet): three
-- winners, 307 with a reduced amount, and 311 not a winner
INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks, updated_at, updated_by)
SELECT m.proj, 8, m.winner, m.granted, demo_msk(2, m.hm), u.id FROM (
  SELECT 306 AS proj, 1 AS winner, 65000000 AS granted, '10:15' AS hm UNION ALL
  SELECT 310, 1, 56000000, '10:40' UNION ALL
  SELECT 307, 1, 45000000, '11:05' UNION ALL
  SELECT 311, 0, NULL, '11:30') m
JOIN users u ON u.email = 'secretary@demo.grantfair.local' ORDER BY m.hm;

-- competitions 3 and 4: the marks behind the winners and the decision, two
-- days before the results were published (for 3 the day of the news
-- «Подведены итоги первого потока 2026 года»)
INSERT INTO commission_decisions (competition_id, decided_on, protocol_number, members, recorded_at, recorded_by)
SELECT d.comp, DATE(demo_msk(d.published + 2, '14:30') + INTERVAL 3 HOUR), IF(d.comp = 3, '12-КК', '31-КК'),
       'Белова Ирина Александровна, председатель комиссии\nГригорьев Павел Олегович, заместитель председателя\nПопов Дмитрий Сергеевич, секретарь комиссии\nКовалёва Светлана Юрьевна\nНиколаев Артём Владимирович\nФёдорова Марина Геннадьевна',
       demo_msk(d.published + 2, '14:30'), u.id
FROM rv_done d JOIN users u ON u.email = 'secretary@demo.grantfair.local' ORDER BY d.comp;
INSERT INTO commission_marks (project_id, competition_id, winner, granted_kopecks, updated_at, updated_by)
SELECT p.id, p.competition_id, p.status = 'winner', p.granted_kopecks,
       demo_msk(d.published + 2, '12:00') + INTERVAL MOD(p.id, 20) * 4 MINUTE, u.id
FROM projects p JOIN rv_done d ON d.comp = p.competition_id
JOIN users u ON u.email = 'secretary@demo.grantfair.local' ORDER BY p.id;

-- ---- the audit log -------------------------------------------------------
-- The history above as the programs write it (grant/review.c and the
-- pages): merged with the entries already there in time order, since the
-- chain's time never goes back (gf-audit seal chains them all afterwards).

CREATE TEMPORARY TABLE rv_audit (
  seq INT AUTO_INCREMENT PRIMARY KEY, at DATETIME, user_id BIGINT UNSIGNED NULL,
  object_type VARCHAR(20), object_id BIGINT UNSIGNED, action VARCHAR(20),
  from_state VARCHAR(40) NULL, to_state VARCHAR(300) NULL, reason TEXT NULL);

-- the stage moves, by staff@demo: each review began two days after its
-- intake closed; the commission the day after the experts' deadline, or
-- (8) once everything was scored; competition 4's reports were accepted
-- after its implementation ended
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT s.at, u.id, 'competition', s.comp, 'stage', s.from_stage, s.to_stage, NULL FROM (
  SELECT 7 AS comp, demo_msk(5, '10:05') AS at, 'intake' AS from_stage, 'review' AS to_stage UNION ALL
  SELECT 8, demo_msk(36, '09:30'), 'intake', 'review' UNION ALL
  SELECT 8, demo_msk(10, '10:00'), 'review', 'commission' UNION ALL
  SELECT d.comp, demo_msk(d.closed - 2, '09:30'), 'intake', 'review' FROM rv_done d UNION ALL
  SELECT d.comp, demo_msk(d.due - 1, '10:00'), 'review', 'commission' FROM rv_done d UNION ALL
  SELECT 4, demo_msk(DATEDIFF(DATE(NOW() + INTERVAL 3 HOUR), impl_end) - 1, '10:30'), 'results', 'reporting'
  FROM competitions WHERE id = 4 UNION ALL
  SELECT 4, demo_msk(10, '15:00'), 'reporting', 'closed') s
JOIN users u ON u.email = 'staff@demo.grantfair.local';
-- assignments: automatic and manual ones by staff@demo (the divergence one
-- comes after the score that diverged, below)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.assigned_at, (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local'),
       'project', a.project_id, 'assign', NULL, CONCAT(u.name, ' (№ ', u.id, ')'),
       IF(a.origin = 'manual', 'вручную', 'автоматически')
FROM assignments a JOIN users u ON u.id = a.expert_id WHERE a.origin <> 'divergence'
ORDER BY a.assigned_at, a.id;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.declared_at, a.expert_id, 'assignment', a.id, 'declare', NULL, NULL, NULL
FROM assignments a WHERE a.declared_at IS NOT NULL ORDER BY a.declared_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.declined_at, a.expert_id, 'assignment', a.id, 'decline', 'assigned', 'declined', a.decline_reason
FROM assignments a WHERE a.state = 'declined' ORDER BY a.declined_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.submitted_at, a.expert_id, 'assignment', a.id, 'score', 'assigned', 'submitted', CAST(a.total AS CHAR)
FROM assignments a WHERE a.state = 'submitted' ORDER BY a.submitted_at;
-- a third expert on the submission whose total diverged (by the system, in
-- that expert's request)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.assigned_at, d.expert_id, 'project', a.project_id, 'assign', NULL, CONCAT(u.name, ' (№ ', u.id, ')'),
       'расхождение оценок'
FROM assignments a JOIN users u ON u.id = a.expert_id
JOIN assignments d ON d.project_id = a.project_id AND d.state = 'submitted' AND d.submitted_at = a.assigned_at
WHERE a.origin = 'divergence' ORDER BY a.assigned_at, a.id;
-- an application scored on its last submission
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT a.submitted_at, a.expert_id, 'project', p.id, 'scored', 'admitted', 'scored', CAST(p.score AS CHAR)
FROM projects p JOIN assignments a ON a.project_id = p.id AND a.state = 'submitted'
WHERE p.status IN ('scored', 'winner', 'not_winner')
  AND a.submitted_at = (SELECT MAX(b.submitted_at) FROM assignments b WHERE b.project_id = p.id AND b.state = 'submitted')
ORDER BY a.submitted_at;
-- the secretary's marks (on the competition: an applicant's history lists
-- its application's entries, and the marks are not theirs to see before the
-- publication)
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT m.updated_at, m.updated_by, 'competition', m.competition_id, 'marks', NULL, NULL,
       CONCAT('Заявка ', CONVERT(p.number USING utf8mb4), ': ', IF(m.winner, CONCAT('победитель, ', FORMAT(m.granted_kopecks / 100, 2, 'ru_RU'), ' ₽'),
                                        'не победитель'))
FROM commission_marks m JOIN projects p ON p.id = m.project_id ORDER BY m.updated_at, m.project_id;
-- competitions 3 and 4: the decision, the publication and every application's outcome
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT d.recorded_at, d.recorded_by, 'competition', d.competition_id, 'decision', NULL, NULL,
       CONCAT('Протокол № ', d.protocol_number, ' от ', DATE_FORMAT(d.decided_on, '%d.%m.%Y'))
FROM commission_decisions d ORDER BY d.recorded_at;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT c.published_at, u.id, 'competition', c.id, 'publish', 'commission', 'results', NULL
FROM competitions c JOIN users u ON u.email = 'staff@demo.grantfair.local' WHERE c.id IN (3, 4) ORDER BY c.id;
INSERT INTO rv_audit (at, user_id, object_type, object_id, action, from_state, to_state, reason)
SELECT c.published_at, u.id, 'project', p.id, IF(m.winner, 'win', 'not_win'), 'scored',
       IF(m.winner, 'winner', 'not_winner'), NULL
FROM projects p JOIN competitions c ON c.id = p.competition_id JOIN commission_marks m ON m.project_id = p.id
JOIN users u ON u.email = 'staff@demo.grantfair.local' WHERE p.competition_id IN (3, 4) ORDER BY p.id;

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

-- each application last changed with its last entry in the history
UPDATE projects p JOIN (SELECT object_id, MAX(at) AS at FROM audit_log WHERE object_type = 'project'
                        GROUP BY object_id) h ON h.object_id = p.id
SET p.updated_at = h.at;

DROP TEMPORARY TABLE rv_merged;
DROP TEMPORARY TABLE rv_audit;
DROP TEMPORARY TABLE rv_comment;
DROP TEMPORARY TABLE rv_c3;
DROP TEMPORARY TABLE rv_done;
DROP TEMPORARY TABLE rv_assign;
DROP TEMPORARY TABLE rv_experts;

-- the demo's experts know their applications already
UPDATE assignments SET notified_at = assigned_at;

DROP FUNCTION demo_msk;
