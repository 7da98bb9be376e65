#!/usr/bin/env bash
# gen_projects.sh SOCKET N — adds N synthetic listed projects (for benchmarks)
# spread over every municipality, direction, demo competition 1–4 and public
# status, as the programs would have left them: amounts within each
# competition's limits and co-financing share, submitted inside its intake
# in Moscow working hours, statuses the state machine reaches (admitted in
# an open intake, winner or not winner once decided; a closed competition's
# winners «Реализован»), the sport competition's direction only. Listing
# rows only: no frozen application, receipts or history; demo organizations
# 2–30 apply many times each (ngo@demo's keeps its own list) and the
# winners' grants exceed the fund. Needs the demo data. Uses MariaDB's
# SEQUENCE engine, so a million rows take a few minutes, not hours.
#
# Titles vary for the search benchmark: one of 10 topics (a word such as
# «школа» is in a tenth of the projects) for one of 7 audiences, and one
# project in 1 000 is an «этнографическая экспедиция» (a rare word). The
# search index is then made as for any change, by the mailer's stemming
# (`mailer --reindex`, grant/search.c), with the stack's configuration:
# $GF_CONFIG, or grantfair.hdf beside the socket's run/ directory.
set -euo pipefail
SOCK=$1 N=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${GF_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
CONFIG=${GF_CONFIG:-$(cd "$(dirname "$SOCK")/.." && pwd)/grantfair.hdf}
base=$(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e "SELECT COALESCE(MAX(id), 0) FROM projects")
mariadb --no-defaults -S "$SOCK" -uroot grantfair <<SQL
SET SESSION unique_checks = 0, time_zone = '+00:00';
INSERT INTO projects (id, competition_id, org_id, direction_id, municipality_id, number, title,
                      summary, problem, goal, results, status, exhibit, consent_publish,
                      requested_kopecks, cofin_kopecks, granted_kopecks, created_at,
                      submitted_at, updated_at)
SELECT g.id, c.id, 2 + g.seq % 29, IF(c.id = 2, 9, 1 + g.seq % 13), 1 + (g.seq DIV 4 * 7) % 44,
       CONCAT('GF-', c.id, '-', IF(g.id < 100000, LPAD(g.id, 5, '0'), g.id)),
       CONCAT('Проект № ', g.id, ': ',
              ELT(1 + g.seq % 10, 'школа волонтёров', 'клуб ветеранов', 'центр медиации',
                  'мастерская народных ремёсел', 'лагерь юных экологов', 'театральная студия',
                  'курсы финансовой грамотности', 'приют для бездомных животных',
                  'спортивная секция', 'музей истории станицы'),
              ' для ', ELT(1 + g.seq DIV 10 % 7, 'жителей района', 'детей и подростков',
                           'пожилых людей', 'семей с детьми', 'людей с инвалидностью',
                           'молодёжи', 'многодетных семей'),
              IF(g.seq % 1000 = 7, ' и этнографическая экспедиция', '')),
       CONCAT('Синтетический проект для нагрузочного теста № ', g.seq,
              '. Занятия, консультации и встречи для жителей, методические материалы и отчёт о результатах.'),
       'Недостаточно доступных форм поддержки для жителей района.',
       'Сделать поддержку постоянной и доступной.',
       'Не менее 200 участников, 20 мероприятий.',
       g.status, CASE g.status WHEN 'admitted' THEN 'applicant' WHEN 'not_winner' THEN 'applicant'
                               ELSE IF(c.stage = 'closed', 'completed', 'winner') END, 1,
       g.req, CEILING(g.req * c.cofin_min_pct / (100 - c.cofin_min_pct) / 100000) * 100000,
       IF(g.status = 'winner', g.req, NULL),
       g.at - INTERVAL g.seq % 40 MINUTE, g.at, g.at
FROM (
  SELECT s.seq, $base + s.seq AS id, c.id AS comp,
         IF(c.stage = 'intake', 'admitted', ELT(1 + s.seq % 3, 'winner', 'winner', 'not_winner')) AS status,
         -- a whole number of 10 000 roubles from the minimum to the maximum
         c.min_grant_kopecks + (s.seq * 7919) % ((c.max_grant_kopecks - c.min_grant_kopecks) DIV 1000000 + 1)
                               * 1000000 AS req,
         -- a day of the intake that has passed (not today), 10:00–18:59 Moscow time
         TIMESTAMP(DATE(c.opens_at + INTERVAL 3 HOUR)
                   + INTERVAL s.seq % GREATEST(DATEDIFF(LEAST(c.closes_at, NOW()), c.opens_at) - 1, 1) DAY,
                   MAKETIME(10 + s.seq % 9, s.seq % 60, 0)) - INTERVAL 3 HOUR AS at
  FROM seq_1_to_$N s JOIN competitions c ON c.id = 1 + s.seq % 4) g
JOIN competitions c ON c.id = g.comp;
SQL
# the stack's mailer daemon re-stems at the same time: a deadlock between
# the two ends a --reindex, which is then run again
for try in 1 2 3 4 5 6 7 8 9 10; do
    GF_CONFIG="$CONFIG" "$BUILD/mailer" --reindex && exit 0
    echo "gen_projects: --reindex failed (try $try), again" >&2
    sleep 1
done
exit 1
