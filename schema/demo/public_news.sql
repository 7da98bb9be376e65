-- public_news.sql — demo news written in Markdown in the editor (/staff/news):
-- older than the seed's meeting, so the home page's latest three stay as
-- they are; and a draft that only staff see (a scheduled item would be a
-- date in the future, which the demo's checks refuse: the tests make one).
SET time_zone = '+00:00';

-- D days before today at HH:MM Moscow time, as the UTC the database stores
-- (as demo.sql's demo_msk, which review.sql drops)
CREATE OR REPLACE FUNCTION news_demo_msk(days INT, hm CHAR(5)) RETURNS DATETIME NOT DETERMINISTIC NO SQL
  RETURN TIMESTAMP(DATE(NOW() + INTERVAL 3 HOUR) - INTERVAL days DAY, hm) - INTERVAL 3 HOUR;

INSERT INTO news (title, summary, body, published_at, created_at, updated_at, updated_by) VALUES
('Как подготовить бюджет проекта: памятка для НКО',
 'Ресурсные центры подготовили памятку о бюджете заявки: статьи расходов, софинансирование и частые ошибки.',
 'Бюджет — один из разделов, по которым эксперты чаще всего снижают оценку. Мы собрали главное в одну памятку.\n\n## Статьи расходов\n\nКаждая строка бюджета относится к одной из статей конкурса:\n\n1. оплата труда;\n2. командировочные расходы;\n3. офисные расходы;\n4. оборудование и инвентарь;\n5. сайты и информационные системы;\n6. услуги;\n7. мероприятия;\n8. издательские услуги;\n9. прочие прямые расходы.\n\n## Софинансирование\n\nЕсли конкурс требует **софинансирование**, его доля считается от общей суммы расходов. Вклад может быть и неденежным: помещение, оборудование, работа добровольцев.\n\n## Частые ошибки\n\n- цена единицы указана с НДС в одной строке и без НДС в другой;\n- в бюджете есть роли, которых нет в команде проекта;\n- запрошено больше максимальной суммы гранта.\n\nПодробнее — в разделе [«Как подать заявку»](/help/apply#budget).',
 news_demo_msk(95, '10:00'), news_demo_msk(96, '16:20'), news_demo_msk(95, '10:00'), NULL),
('Семинар для НКО Сочи и Туапсинского района',
 'В ресурсном центре прошёл семинар о подготовке заявок на грант: презентации и ответы на вопросы.',
 'В семинаре приняли участие представители **27 организаций**. Обсудили, как описать проблему и целевые группы, как связать задачи с календарным планом и как считать показатели результата.\n\n> Заявка — это план работы, а не сочинение: эксперт должен увидеть, что и для кого изменится.\n\nПрезентации семинара можно запросить в ресурсном центре своего муниципального образования.',
 news_demo_msk(110, '15:30'), news_demo_msk(110, '12:05'), news_demo_msk(110, '15:30'), NULL),
('Итоги года: черновик',
 'Черновик итоговой новости года.',
 'Текст готовится.',
 NULL, news_demo_msk(2, '11:00'), news_demo_msk(2, '11:00'), NULL);

DROP FUNCTION news_demo_msk;
