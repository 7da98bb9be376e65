#!/usr/bin/env bash
# gen_projects.sh SOCKET N — adds N synthetic listed projects (for benchmarks)
# spread over every municipality, direction, competition and public status.
# Needs the demo data (organizations 1..30, competitions 1..4). Uses
# MariaDB's SEQUENCE engine, so a million rows take a few minutes, not hours.
set -euo pipefail
SOCK=$1 N=$2
base=$(mariadb --no-defaults -S "$SOCK" -uroot -N grantfair -e "SELECT COALESCE(MAX(id), 0) FROM projects")
mariadb --no-defaults -S "$SOCK" -uroot grantfair <<SQL
SET SESSION unique_checks = 0;
INSERT INTO projects (competition_id, org_id, direction_id, municipality_id, number, title,
                      summary, problem, goal, results, status, exhibit, consent_publish,
                      requested_kopecks, cofin_kopecks, granted_kopecks, created_at,
                      submitted_at, updated_at)
SELECT 1 + seq % 4, 1 + seq % 30, 1 + seq % 13, 1 + (seq * 7) % 44,
       CONCAT('GEN-', $base + seq),
       CONCAT('Проект № ', $base + seq, ': школа волонтёров для жителей района'),
       CONCAT('Синтетический проект для нагрузочного теста № ', seq,
              '. Занятия, консультации и встречи для жителей, методические материалы и отчёт о результатах.'),
       'Недостаточно доступных форм поддержки для жителей района.',
       'Сделать поддержку постоянной и доступной.',
       'Не менее 200 участников, 20 мероприятий.',
       ELT(1 + seq % 3, 'admitted', 'in_progress', 'completed'),
       ELT(1 + seq % 3, 'applicant', 'winner', 'completed'), 1,
       (20 + seq % 130) * 1000000, (2 + seq % 13) * 1000000,
       IF(seq % 3 = 0, NULL, (20 + seq % 130) * 1000000),
       NOW() - INTERVAL (seq % 700) DAY, NOW() - INTERVAL (seq % 700) DAY, NOW()
FROM seq_1_to_$N;
SQL
