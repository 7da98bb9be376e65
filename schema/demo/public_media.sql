-- public_media.sql — photos and handouts of two demo projects (project_media.c).
-- The stored names are "demo-" and a file of schema/demo/ that conf/stack.sh
-- copies under each name: photo-N.jpg and photo-N-thumb.jpg were made by
-- image.c (gf_image_jpeg: 800 and 400 pixels, no metadata) from generated
-- pictures; the handout is the demo's charter.pdf. Added at 12:10–15:40 Moscow time.
INSERT INTO project_media (project_id, kind, title, orig_name, stored_name, thumb_name, mime, size,
                           width, height, thumb_width, thumb_height, created_at) VALUES
(1, 'photo', 'Занятие в школе безопасности: дети учатся переходить дорогу', 'занятие.jpg',
 'demo-photo-1.jpg', 'demo-photo-1-thumb.jpg', 'image/jpeg', 11680, 800, 533, 400, 267,
 TIMESTAMP(UTC_DATE() - INTERVAL 100 DAY, '09:10:00')),
(1, 'handout', 'Памятка «Безопасный путь в школу»', 'памятка.pdf', 'demo-charter.pdf', NULL,
 'application/pdf', 669, NULL, NULL, NULL, NULL, TIMESTAMP(UTC_DATE() - INTERVAL 100 DAY, '09:15:00')),
(15, 'photo', 'Автогородок на школьном дворе в день открытия', 'автогородок.jpg',
 'demo-photo-2.jpg', 'demo-photo-2-thumb.jpg', 'image/jpeg', 11564, 800, 533, 400, 267,
 TIMESTAMP(UTC_DATE() - INTERVAL 60 DAY, '12:40:00'));
