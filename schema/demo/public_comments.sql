-- public_comments.sql — the demo's comments on projects (issue 10): a few
-- approved ones under projects of the exhibition (oldest first on the
-- page), a few pending in the staff's moderation queue (/staff/comments)
-- and one rejected; the approved counts follow by trigger (schema/006).
-- Decided by staff@demo. The addresses are the demo's own (example.ru).
SET @staff = (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local');

-- times as days before today in Moscow at HH:MM (as demo.sql's demo_msk,
-- which review.sql drops when it is done)
CREATE TEMPORARY TABLE demo_comments (project_id BIGINT UNSIGNED, author_name VARCHAR(100),
  email VARCHAR(254), body TEXT, status VARCHAR(10), c_days INT, c_hm CHAR(5), ip VARCHAR(64),
  decided INT, d_days INT, d_hm CHAR(5));
INSERT INTO demo_comments VALUES
(15, 'Ольга Сергеевна', 'olga.s@example.ru',
 'Автогородок приезжал в нашу школу № 12. Дети до сих пор обсуждают, как правильно переходить дорогу у светофора. Спасибо организаторам!',
 'approved', 40, '18:20', '192.0.2.10', 1, 39, '10:05'),
(15, 'Игорь, отец второклассника', 'igor.p@example.ru',
 'Хорошо бы добавить занятия для родителей: мы тоже не всегда помним правила для велосипедистов.',
 'approved', 33, '21:45', '192.0.2.11', 1, 32, '09:40'),
(28, 'Марина Ковалёва', 'kovaleva@example.ru',
 'Была на семинаре по отчётности в Минюст: всё понятно и по делу, пособие пригодилось при сдаче отчёта.',
 'approved', 20, '12:10', '192.0.2.12', 1, 19, '11:30'),
(12, 'Светлана', 'svetlana.a@example.ru',
 'Купили на ярмарке в Анапе чашки из мастерской — очень красивые. Будем ждать новых изделий.',
 'approved', 12, '16:35', '192.0.2.13', 1, 11, '10:15'),
(15, 'Андрей', 'andrey.k@example.ru',
 'Приедет ли автогородок в Прикубанский округ? В нашей школе такого ещё не было.',
 'pending', 2, '19:05', '192.0.2.14', 0, NULL, NULL),
(16, 'Татьяна Викторовна', 'tv.social@example.ru',
 'Как семье попасть в списки на продуктовые наборы, если мы недавно переехали в Армавир?',
 'pending', 1, '08:50', '192.0.2.15', 0, NULL, NULL),
(22, 'Наталья', 'natalya.m@example.ru',
 'Мой сын занимается в учебной квартире третий месяц и уже сам ходит в магазин. Спасибо педагогам!',
 'pending', 0, '09:25', '192.0.2.16', 0, NULL, NULL),
(28, 'Реклама', 'promo@example.ru',
 'Бухгалтерские услуги недорого, звоните!',
 'rejected', 18, '03:15', '198.51.100.7', 1, 17, '09:00');

INSERT INTO comments (project_id, author_name, email, body, status, created_at, ip, decided_by, decided_at)
SELECT project_id, author_name, email, body, status,
       TIMESTAMP(DATE(NOW() + INTERVAL 3 HOUR) - INTERVAL c_days DAY, c_hm) - INTERVAL 3 HOUR, ip,
       IF(decided, @staff, NULL),
       IF(decided, TIMESTAMP(DATE(NOW() + INTERVAL 3 HOUR) - INTERVAL d_days DAY, d_hm) - INTERVAL 3 HOUR, NULL)
FROM demo_comments ORDER BY c_days DESC, c_hm;
DROP TEMPORARY TABLE demo_comments;
