-- public_comments.sql — the demo's comments on projects (issue 10): a few
-- approved ones under projects of the exhibition (oldest first on the
-- page), a few pending in the staff's moderation queue (/staff/comments)
-- and one rejected; the approved counts follow by trigger (schema/006).
-- Decided by staff@demo. The addresses are the demo's own (example.ru).
SET @staff = (SELECT id FROM users WHERE email = 'staff@demo.grantfair.local');

INSERT INTO comments (project_id, author_name, email, body, status, created_at, ip, decided_by, decided_at) VALUES
(15, 'Ольга Сергеевна', 'olga.s@example.ru',
 'Автогородок приезжал в нашу школу № 12. Дети до сих пор обсуждают, как правильно переходить дорогу у светофора. Спасибо организаторам!',
 'approved', demo_msk(40, '18:20'), '192.0.2.10', @staff, demo_msk(39, '10:05')),
(15, 'Игорь, отец второклассника', 'igor.p@example.ru',
 'Хорошо бы добавить занятия для родителей: мы тоже не всегда помним правила для велосипедистов.',
 'approved', demo_msk(33, '21:45'), '192.0.2.11', @staff, demo_msk(32, '09:40')),
(28, 'Марина Ковалёва', 'kovaleva@example.ru',
 'Была на семинаре по отчётности в Минюст: всё понятно и по делу, пособие пригодилось при сдаче отчёта.',
 'approved', demo_msk(20, '12:10'), '192.0.2.12', @staff, demo_msk(19, '11:30')),
(12, 'Светлана', 'svetlana.a@example.ru',
 'Купили на ярмарке в Анапе чашки из мастерской — очень красивые. Будем ждать новых изделий.',
 'approved', demo_msk(12, '16:35'), '192.0.2.13', @staff, demo_msk(11, '10:15')),
(15, 'Андрей', 'andrey.k@example.ru',
 'Приедет ли автогородок в Прикубанский округ? В нашей школе такого ещё не было.',
 'pending', demo_msk(2, '19:05'), '192.0.2.14', NULL, NULL),
(16, 'Татьяна Викторовна', 'tv.social@example.ru',
 'Как семье попасть в списки на продуктовые наборы, если мы недавно переехали в Армавир?',
 'pending', demo_msk(1, '08:50'), '192.0.2.15', NULL, NULL),
(22, 'Наталья', 'natalya.m@example.ru',
 'Мой сын занимается в учебной квартире третий месяц и уже сам ходит в магазин. Спасибо педагогам!',
 'pending', demo_msk(0, '09:25'), '192.0.2.16', NULL, NULL),
(28, 'Реклама', 'promo@example.ru',
 'Бухгалтерские услуги недорого, звоните!',
 'rejected', demo_msk(18, '03:15'), '198.51.100.7', @staff, demo_msk(17, '09:00'));
