"""Photos and handouts of a project (cgi-bin/project_media.c, image.c) and
what the project page (project.c) shows of them: who may add and delete
(the organization's members for their own listed projects, and staff),
types by content and sizes refused in Russian, metadata (EXIF GPS) gone
from the published photo and its thumbnail, files of an unlisted project
not served, OpenGraph tags present and escaped."""
import os
import re
import struct
import uuid
import zlib

import pytest
import requests

from conftest import DEMO_PASSWORD, DIR, ROOT, URL, csrf_of, login, make_user, sql

NGO = "ngo@demo.grantfair.local"          # a member of organization 1
OWN = 301                                 # organization 1's listed project without media
SECRET = b"GRANTFAIR-GPS-45.0355N-38.9753E"


def exif_jpeg():
    """The demo photo with an EXIF segment: a description and GPS coordinates."""
    with open(os.path.join(ROOT, "schema/demo/photo-1.jpg"), "rb") as f:
        jpeg = f.read()
    desc = SECRET + b"\0"
    # TIFF, little endian: IFD0 {ImageDescription, GPSInfo} then the GPS IFD {LatitudeRef, Latitude}
    ifd0_at, n0 = 8, 2
    gps_at = ifd0_at + 2 + n0 * 12 + 4
    desc_at = gps_at + 2 + 2 * 12 + 4
    lat_at = desc_at + len(desc)
    tiff = b"II*\0" + struct.pack("<I", ifd0_at)
    tiff += struct.pack("<H", n0)
    tiff += struct.pack("<HHII", 0x010E, 2, len(desc), desc_at)
    tiff += struct.pack("<HHII", 0x8825, 4, 1, gps_at)
    tiff += struct.pack("<I", 0)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHI", 0x0001, 2, 2) + b"N\0\0\0"
    tiff += struct.pack("<HHII", 0x0002, 5, 3, lat_at)
    tiff += struct.pack("<I", 0)
    tiff += desc + struct.pack("<6I", 45, 1, 2, 1, 735, 100)
    app1 = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:]


def png(width, height, idat=None):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = idat if idat is not None else zlib.compress(b"".join(b"\0" + b"\x80\x40\x20" * width
                                                              for _ in range(height)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def jpeg_size(data):
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    raise AssertionError("no SOF marker")


def session_of(email, password=DEMO_PASSWORD):
    s = requests.Session()
    assert login(s, email, password).status_code == 303
    return s


@pytest.fixture(scope="module")
def ngo():
    return session_of(NGO)


@pytest.fixture(scope="module")
def staff():
    return session_of("staff@demo.grantfair.local")


@pytest.fixture(scope="module")
def stranger():
    """An applicant of organization 2."""
    email = f"media-{uuid.uuid4().hex[:8]}@example.org"
    pw = make_user(email)
    uid = sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    sql(f"INSERT INTO org_members (org_id, user_id) VALUES (2, {uid})")
    return session_of(email, pw)


@pytest.fixture(autouse=True)
def no_media_on_301():
    yield
    for stored, thumb in sql(f"SELECT stored_name, IFNULL(thumb_name, '') FROM project_media"
                             f" WHERE project_id = {OWN}"):
        for name in (stored, thumb):
            if name:
                try:
                    os.unlink(f"{DIR}/files/{name[:2]}/{name}")
                except FileNotFoundError:
                    pass
    sql(f"DELETE FROM project_media WHERE project_id = {OWN}")


def upload(s, project, kind, title, name, data, csrf=True):
    page = s.get(f"{URL}/projects/{project}/media")
    fields = {"kind": kind, "title": title}
    if csrf:
        fields["csrf"] = csrf_of(page.text)
    return s.post(f"{URL}/projects/{project}/media", data=fields,
                  files={"file": (name, data, "application/octet-stream")}, allow_redirects=False)


def media_of(project):
    return sql(f"SELECT id, kind, title, stored_name, IFNULL(thumb_name, '') FROM project_media"
               f" WHERE project_id = {project} ORDER BY id")


def public(path):
    return requests.get(f"{URL}{path}{'&' if '?' in path else '?'}t={uuid.uuid4().hex}")


def stored_bytes(name):
    with open(f"{DIR}/files/{name[:2]}/{name}", "rb") as f:
        return f.read()


def test_a_member_adds_a_photo_without_its_metadata_and_with_a_smaller_thumbnail(ngo):
    original = exif_jpeg()
    assert SECRET in original
    r = upload(ngo, OWN, "photo", "Волонтёры на субботнике", "IMG_0001.jpg", original)
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/projects/{OWN}/media?done=photo")
    assert "Фотография добавлена" in ngo.get(f"{URL}{r.headers['Location']}").text
    [(mid, kind, title, stored, thumb)] = media_of(OWN)
    assert (kind, title) == ("photo", "Волонтёры на субботнике")
    for name in (stored, thumb):
        data = stored_bytes(name)
        assert data[:2] == b"\xff\xd8"                      # a JPEG we wrote
        assert SECRET not in data and b"Exif" not in data    # no EXIF, no GPS
    photo = public(f"/media/{mid}")
    small = public(f"/media/{mid}/thumb")
    assert photo.status_code == 200 and small.status_code == 200
    assert photo.headers["Content-Type"] == "image/jpeg"
    # a picture we made opens in the browser (a click on the thumbnail shows it) and may be
    # cached a while; a handout is still a download
    for r in (photo, small):
        assert r.headers["Content-Disposition"].startswith("inline;")
        assert r.headers["Cache-Control"].startswith("public, max-age=")
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert f'filename="' in photo.headers["Content-Disposition"]
    assert SECRET not in photo.content and SECRET not in small.content
    assert len(small.content) < len(photo.content)
    w, h = jpeg_size(small.content)
    assert max(w, h) <= 400 and jpeg_size(photo.content) == (800, 533)
    page = public(f"/projects/{OWN}").text
    assert f'<img src="/media/{mid}/thumb" alt="Волонтёры на субботнике"' in page
    assert "<figcaption>Волонтёры на субботнике</figcaption>" in page
    assert f'<meta property="og:image" content="http://127.0.0.1' in page
    assert re.search(rf'og:image" content="[^"]*/media/{mid}"', page)


def test_a_png_becomes_a_jpeg(ngo):
    r = upload(ngo, OWN, "photo", "Схема маршрута", "схема.png", png(300, 200))
    assert r.status_code == 303
    [(mid, *_)] = media_of(OWN)
    data = public(f"/media/{mid}").content
    assert data[:2] == b"\xff\xd8" and jpeg_size(data) == (300, 200)   # never enlarged


def test_a_handout_is_served_as_uploaded(ngo):
    with open(os.path.join(ROOT, "schema/demo/charter.pdf"), "rb") as f:
        pdf = f.read()
    assert upload(ngo, OWN, "handout", "", "Памятка волонтёра.pdf", pdf).status_code == 303
    [(mid, kind, title, stored, thumb)] = media_of(OWN)
    assert (kind, title, thumb) == ("handout", "Памятка волонтёра.pdf", "")
    r = public(f"/media/{mid}")
    assert r.content == pdf and r.headers["Content-Type"] == "application/pdf"
    assert "attachment" in r.headers["Content-Disposition"]
    assert public(f"/media/{mid}/thumb").status_code == 404
    page = public(f"/projects/{OWN}").text
    assert f'<a href="/media/{mid}" download>Памятка волонтёра.pdf</a>' in page


@pytest.mark.parametrize("kind,name,data,message", [
    ("photo", "photo.jpg", b"just text, not a picture\n" * 10, "Фотография — файл JPEG, PNG или WebP"),
    ("photo", "photo.jpg", None, "Фотография — файл JPEG, PNG или WebP"),          # a PDF
    ("handout", "a.pdf", "JPEG", "Раздаточный материал — файл PDF"),
    ("photo", "bomb.png", "BOMB", "Не удалось прочитать изображение"),
    ("photo", "broken.jpg", "BROKEN", "Не удалось прочитать изображение"),    # no image data at all
])
def test_types_by_content_and_unreadable_pictures_are_refused(ngo, kind, name, data, message):
    if data is None:
        with open(os.path.join(ROOT, "schema/demo/charter.pdf"), "rb") as f:
            data = f.read()
    elif data == "JPEG":
        data = exif_jpeg()
    elif data == "BOMB":                   # 60 000 × 60 000 pixels claimed in a few bytes
        data = png(60000, 60000, idat=zlib.compress(b"\0" * 1000))
    elif data == "BROKEN":
        data = exif_jpeg()[:400]
    r = upload(ngo, OWN, kind, "Подпись", name, data)
    assert r.status_code == 400
    assert message in r.text
    assert 'value="Подпись"' in r.text                  # what was typed stays
    assert media_of(OWN) == []


def test_oversize_refused(ngo):
    r = upload(ngo, OWN, "photo", "Большое", "big.jpg", b"\xff\xd8" + os.urandom(10 * 1024 * 1024 + 10))
    assert r.status_code == 413
    assert "Файл слишком большой: не больше 10\u00a0МБ." in r.text
    assert media_of(OWN) == []


def test_caption_required_for_a_photo_and_limited(ngo):
    r = upload(ngo, OWN, "photo", "", "a.jpg", exif_jpeg())
    assert r.status_code == 400 and "Подпишите фотографию" in r.text
    r = upload(ngo, OWN, "photo", "д" * 301, "a.jpg", exif_jpeg())
    assert r.status_code == 400 and 'id="err-title"' in r.text
    r = upload(ngo, OWN, "video", "x", "a.jpg", exif_jpeg())
    assert r.status_code == 400 and "фотографию или раздаточный материал" in r.text
    r = upload(ngo, OWN, "photo", "Без файла", "", b"")
    assert r.status_code == 400 and "Выберите файл." in r.text
    assert media_of(OWN) == []


def test_count_limit(ngo):
    sql(f"INSERT INTO project_media (project_id, kind, title, orig_name, stored_name, mime, size, created_at)"
        f" SELECT {OWN}, 'handout', CONCAT('x', seq), 'x.pdf', CONCAT('none-', seq), 'application/pdf', 1,"
        f" NOW() FROM seq_1_to_20")
    r = upload(ngo, OWN, "photo", "Лишнее", "a.jpg", exif_jpeg())
    assert r.status_code == 409 and "У проекта уже 20 файлов" in r.text
    assert len(media_of(OWN)) == 20


def test_hostile_caption_is_escaped_everywhere(ngo):
    evil = '<script>alert(1)</script> "quoted" \'single\''
    assert upload(ngo, OWN, "photo", evil, '"><img src=x>.jpg', exif_jpeg()).status_code == 303
    esc = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &#39;single&#39;"
    for page in (ngo.get(f"{URL}/projects/{OWN}/media").text, public(f"/projects/{OWN}").text):
        assert "<script>alert(1)" not in page
        assert esc in page


def test_opengraph_tags_are_escaped():
    old = sql(f"SELECT title FROM projects WHERE id = {OWN}")[0][0]
    try:
        sql(f"UPDATE projects SET title = 'Проект \"<b>жирный</b>\"' WHERE id = {OWN}")
        page = public(f"/projects/{OWN}").text
        assert '<meta property="og:title" content="Проект &quot;&lt;b&gt;жирный&lt;/b&gt;&quot;">' in page
        assert re.search(rf'<meta property="og:url" content="http://[^"]+/projects/{OWN}">', page)
        assert '<meta property="og:description" content="' in page
        assert '<meta name="description" content="' in page
    finally:
        sql(f"UPDATE projects SET title = '{old}' WHERE id = {OWN}")


def test_project_page_shows_dates_and_the_organizations_other_projects():
    page = public("/projects/1").text
    assert re.search(r"<dt>Сроки</dt><dd>\d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}</dd>", page)
    others = page.split("Другие проекты организации")[1].split("</ul>")[0]
    assert f'href="/projects/{OWN}"' in others and 'href="/projects/1"' not in others


def test_another_organization_and_anonymous_may_not(stranger):
    assert stranger.get(f"{URL}/projects/{OWN}/media").status_code == 404
    page = stranger.get(f"{URL}/projects/15/media")     # not theirs either: org 2's is 15
    assert page.status_code == 200                       # ...15 is organization 2's own
    tok = csrf_of(page.text)
    r = stranger.post(f"{URL}/projects/{OWN}/media", data={"csrf": tok, "kind": "photo", "title": "x"},
                      files={"file": ("a.jpg", exif_jpeg())}, allow_redirects=False)
    assert r.status_code == 404
    assert media_of(OWN) == []
    r = requests.get(f"{URL}/projects/{OWN}/media", allow_redirects=False)
    assert r.status_code == 303 and "/login" in r.headers["Location"]


def test_staff_may_add_to_any_listed_project(staff):
    assert upload(staff, OWN, "photo", "Фото от оператора", "a.jpg", exif_jpeg()).status_code == 303
    assert len(media_of(OWN)) == 1


def test_csrf_and_delete(ngo):
    assert upload(ngo, OWN, "photo", "Без токена", "a.jpg", exif_jpeg(), csrf=False).status_code == 403
    assert upload(ngo, OWN, "photo", "Удалим", "a.jpg", exif_jpeg()).status_code == 303
    [(mid, _, _, stored, thumb)] = media_of(OWN)
    r = ngo.post(f"{URL}/projects/{OWN}/media", data={"delete": mid}, allow_redirects=False)
    assert r.status_code == 403 and len(media_of(OWN)) == 1
    tok = csrf_of(ngo.get(f"{URL}/projects/{OWN}/media").text)
    r = ngo.post(f"{URL}/projects/{OWN}/media", data={"csrf": tok, "delete": mid}, allow_redirects=False)
    assert r.status_code == 303 and media_of(OWN) == []
    for name in (stored, thumb):
        assert not os.path.exists(f"{DIR}/files/{name[:2]}/{name}")
    assert public(f"/media/{mid}").status_code == 404
    r = ngo.post(f"{URL}/projects/{OWN}/media", data={"csrf": tok, "delete": mid})
    assert r.status_code == 409 and "Этот файл уже удалён." in r.text
    # another project's media cannot be deleted through this one
    demo = sql("SELECT id FROM project_media WHERE project_id = 1 LIMIT 1")[0][0]
    r = ngo.post(f"{URL}/projects/{OWN}/media", data={"csrf": tok, "delete": demo})
    assert r.status_code == 409 and sql(f"SELECT COUNT(*) FROM project_media WHERE id = {demo}") == [["1"]]


def test_files_of_an_unlisted_project_are_not_served(ngo):
    mid = sql("SELECT id FROM project_media WHERE project_id = 1 AND kind = 'photo' LIMIT 1")[0][0]
    assert public(f"/media/{mid}/thumb").status_code == 200
    exhibit = sql("SELECT exhibit FROM projects WHERE id = 1")[0][0]
    try:
        sql("UPDATE projects SET exhibit = 'none' WHERE id = 1")
        assert public(f"/media/{mid}").status_code == 404
        assert public(f"/media/{mid}/thumb").status_code == 404
        assert ngo.get(f"{URL}/projects/1/media").status_code == 404
    finally:
        sql(f"UPDATE projects SET exhibit = '{exhibit}' WHERE id = 1")
    assert public("/media/999999").status_code == 404


def test_my_links_the_media_page_of_listed_projects(ngo):
    page = ngo.get(f"{URL}/my").text
    assert f'href="/projects/{OWN}/media"' in page and 'href="/projects/1/media"' in page
    # a project not on the exhibition has no such link
    assert 'href="/projects/51/media"' not in page
