"""The news editor (/staff/news): Markdown rendered safely, preview, drafts,
scheduled and published items, the image checked by content, unpublish and
delete after a confirmation, audit entries, Russian messages."""
import re
import uuid

import pytest
import requests

from conftest import DEMO_PASSWORD, URL, csrf_of, login, sql
from test_project_media import SECRET, exif_jpeg

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
# a real WebP (1×1, lossless) and the start of a GIF: the first is taken, the second not
# a whole 1×1 lossless WebP (libvips decodes what it publishes)
WEBP = bytes.fromhex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700")
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@pytest.fixture(autouse=True, scope="module")
def own_news():
    """The items a test adds go with its module: the home page and other
    tests expect the demo's latest news."""
    top = int(sql("SELECT COALESCE(MAX(id), 0) FROM news")[0][0])
    yield
    sql(f"DELETE FROM news WHERE id > {top}")


@pytest.fixture
def staff():
    s = requests.Session()
    assert login(s, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
    yield s
    s.close()


def form(s, path="/staff/news/new"):
    return csrf_of(s.get(f"{URL}{path}").text)


def post(s, path="/staff/news/new", files=None, **fields):
    data = {"csrf": form(s, path), "title": "Заголовок", "summary": "Анонс.", "body": "Текст.",
            "publish_at": "", "image_alt": "", "action": "save"}
    data.update(fields)
    return s.post(f"{URL}{path}", data=data, files=files or {"image": ("", b"", "application/octet-stream")},
                  allow_redirects=False)


def new_id(r):
    assert r.status_code == 303, r.text[:3000]
    return int(re.search(r"/staff/news/(\d+)\?done=saved", r.headers["Location"]).group(1))


def public(path):
    """As an anonymous visitor; a query string of its own passes the 5 s page cache."""
    sep = "&" if "?" in path else "?"
    return requests.get(f"{URL}{path}{sep}nocache={uuid.uuid4().hex}", allow_redirects=False)


def rendered(page):
    """The rendered Markdown of a page (an item, or the editor's preview)."""
    m = re.search(r'<div class="text markdown">(.*?)</div>', page, re.S)
    assert m, "no rendered body"
    return m.group(1)


def test_only_staff_use_the_editor():
    assert requests.get(f"{URL}/staff/news", allow_redirects=False).headers["Location"].startswith("/login")
    s = requests.Session()
    login(s, "ngo@demo.grantfair.local", DEMO_PASSWORD)
    assert s.get(f"{URL}/staff/news").status_code == 403
    assert s.get(f"{URL}/staff/news/new").status_code == 403


def test_cabinet_links_the_editor(staff):
    assert 'href="/staff/news"' in staff.get(f"{URL}/cabinet/staff").text


def test_publish_now_shows_on_news_and_is_audited(staff):
    title = f"Новость {uuid.uuid4().hex[:8]}"
    nid = new_id(post(staff, title=title, body="Первый абзац.\n\n## Подзаголовок\n\n- пункт **жирно**",
                      publish_at="01.01.2026 10:00"))
    page = staff.get(f"{URL}/staff/news/{nid}?done=saved").text
    assert "Новость сохранена и опубликована" in page
    item = public(f"/news/{nid}")
    assert item.status_code == 200
    assert "<h2>Подзаголовок</h2>" in item.text and "<li>пункт <strong>жирно</strong></li>" in item.text
    assert f'href="/news/{nid}"' in public("/news").text
    assert sql(f"SELECT action, to_state FROM audit_log WHERE object_type = 'news' AND object_id = {nid}") == \
        [["create", "published"]]
    assert title in staff.get(f"{URL}/staff/news").text


def test_draft_and_scheduled_are_never_public(staff):
    draft = new_id(post(staff, title="Черновик новости"))
    sched = new_id(post(staff, title="Запланированная новость", publish_at="01.01.2037 10:00"))
    assert "Новость сохранена как черновик" in staff.get(f"{URL}/staff/news/{draft}?done=saved").text
    assert "она появится на сайте 01.01.2037 10:00" in staff.get(f"{URL}/staff/news/{sched}?done=saved").text
    for nid in (draft, sched):
        assert public(f"/news/{nid}").status_code == 404
        assert f'href="/news/{nid}"' not in public("/news").text
        assert f"/news/{nid}<" not in public("/news.atom").text
        assert f"/news/{nid}<" not in public("/sitemap/4000.xml").text
    listing = staff.get(f"{URL}/staff/news").text
    assert "Черновик" in listing and "Запланирована" in listing
    # the time comes: the scheduled item appears by itself
    sql(f"UPDATE news SET published_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = {sched}")
    assert public(f"/news/{sched}").status_code == 200


def test_preview_renders_without_saving(staff):
    before = sql("SELECT COUNT(*) FROM news")[0][0]
    r = post(staff, action="preview", title="Предпросмотр", body="Текст *курсивом* и [ссылка](https://example.ru).")
    assert r.status_code == 200
    assert "Предпросмотр" in r.text and "<em>курсивом</em>" in r.text
    assert '<a href="https://example.ru">ссылка</a>' in r.text
    assert 'value="Предпросмотр"' in r.text                 # the form keeps what was typed
    assert sql("SELECT COUNT(*) FROM news")[0][0] == before


def test_markdown_raw_html_and_script_links_are_neutralised(staff):
    body = ('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
            '[клик](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) '
            '<a href="javascript:alert(4)">a</a>')
    nid = new_id(post(staff, title='<script>alert("t")</script>', summary="'\"<b>", body=body,
                      publish_at="01.01.2026 10:00"))
    for page in (public(f"/news/{nid}").text, post(staff, action="preview", body=body).text):
        page = rendered(page)
        assert "<script>alert" not in page and "onerror" not in page
        assert "javascript:" not in page and "data:text/html" not in page
    page = public(f"/news/{nid}").text
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in page
    assert "&#39;&quot;&lt;b&gt;" in page
    listing = staff.get(f"{URL}/staff/news").text
    assert '<script>alert("t")' not in listing


def test_validation_messages_keep_what_was_typed(staff):
    r = post(staff, title="", summary="", body="", publish_at="32.13.2026 99:00")
    assert r.status_code == 400
    assert "Новость не сохранена" in r.text
    assert r.text.count('class="field-error"') >= 4
    assert "Дата и время публикации" in r.text and 'value="32.13.2026 99:00"' in r.text
    r = post(staff, title="Один\nдва")
    assert r.status_code == 400 and 'id="err-title"' in r.text


def test_oversize_fields_are_refused_with_their_limit(staff):
    r = post(staff, title="Я" * 301, body="x" * 100001)
    assert r.status_code == 400
    assert 'id="err-title"' in r.text and 'id="err-body"' in r.text
    assert "300" in r.text and "100000" in r.text


def test_missing_or_wrong_csrf_is_refused(staff):
    data = {"title": "x", "summary": "x", "body": "x", "action": "save"}
    assert staff.post(f"{URL}/staff/news/new", data=data).status_code == 403
    assert staff.post(f"{URL}/staff/news/new", data=dict(data, csrf="forged")).status_code == 403
    nid = new_id(post(staff))
    assert staff.post(f"{URL}/staff/news/{nid}/delete", data={}).status_code == 403
    assert sql(f"SELECT COUNT(*) FROM news WHERE id = {nid}") == [["1"]]


def test_image_checked_by_content_kept_across_preview_and_served(staff):
    r = post(staff, files={"image": ("pic.png", b"<svg onload=alert(1)>", "image/png")})
    assert r.status_code == 400 and "JPEG, PNG или WebP (тип определяется по содержимому)" in r.text
    r = post(staff, files={"image": ("pic.gif", GIF, "image/gif")})
    assert r.status_code == 400 and "тип определяется по содержимому" in r.text
    # an image without its description is refused, and the upload waits in the form
    r = post(staff, files={"image": ("pic.png", PNG, "image/png")}, publish_at="01.01.2026 10:00")
    assert r.status_code == 400 and 'id="err-image_alt"' in r.text
    pending = re.search(r'name="pending_image" value="(\d+)"', r.text).group(1)
    # preview shows it (to its uploader only) ...
    r = post(staff, action="preview", pending_image=pending, image_alt="Схема проезда")
    assert f'src="/staff/news/upload/{pending}"' in r.text
    assert staff.get(f"{URL}/staff/news/upload/{pending}").content[:3] == b"\xff\xd8\xff"  # made a JPEG
    other = requests.Session()
    login(other, "admin@demo.grantfair.local", DEMO_PASSWORD)
    assert other.get(f"{URL}/staff/news/upload/{pending}").status_code == 404
    # ... and saving moves it to the item
    nid = new_id(post(staff, pending_image=pending, image_alt="Схема проезда", publish_at="01.01.2026 10:00"))
    page = public(f"/news/{nid}").text
    assert f'<img src="/news/{nid}/image" alt="Схема проезда">' in page
    img = public(f"/news/{nid}/image")
    assert img.status_code == 200 and img.headers["Content-Type"] == "image/jpeg"
    assert img.content[:3] == b"\xff\xd8\xff"
    assert sql(f"SELECT COUNT(*) FROM news_uploads WHERE id = {pending}") == [["0"]]


def test_webp_accepted_and_unpublished_image_staff_only(staff):
    nid = new_id(post(staff, files={"image": ("p.webp", WEBP, "image/webp")}, image_alt="Картинка"))
    assert public(f"/news/{nid}/image").status_code == 404          # a draft's image
    r = staff.get(f"{URL}/news/{nid}/image")
    assert r.status_code == 200 and r.headers["Content-Type"] == "image/jpeg"


def test_a_published_image_keeps_no_metadata(staff):
    """A phone photo's EXIF (GPS: where it was taken) never reaches the public image: the
    upload is re-encoded by image.c like the project photos."""
    original = exif_jpeg()
    assert SECRET in original
    nid = new_id(post(staff, files={"image": ("phone.jpg", original, "image/jpeg")},
                      image_alt="Фото с телефона", publish_at="01.01.2026 10:00"))
    img = public(f"/news/{nid}/image")
    assert img.status_code == 200 and img.content[:3] == b"\xff\xd8\xff"
    assert SECRET not in img.content and b"Exif" not in img.content


def test_image_size_limit(staff):
    big = PNG + b"\0" * (2 * 1024 * 1024)
    r = post(staff, files={"image": ("big.png", big, "image/png")}, image_alt="x")
    assert r.status_code == 400 and "Картинка — не больше 2\xa0МБ." in r.text


def test_replacing_and_removing_the_image(staff):
    nid = new_id(post(staff, files={"image": ("a.png", PNG, "image/png")}, image_alt="а"))
    first = sql(f"SELECT image_name FROM news WHERE id = {nid}")[0][0]
    new_id(post(staff, f"/staff/news/{nid}", files={"image": ("b.webp", WEBP, "image/webp")}, image_alt="б"))
    assert sql(f"SELECT image_mime FROM news WHERE id = {nid}") == [["image/jpeg"]]
    assert sql(f"SELECT COUNT(*) FROM news WHERE image_name = '{first}'") == [["0"]]
    new_id(post(staff, f"/staff/news/{nid}", remove_image="1"))
    assert sql(f"SELECT image_name IS NULL FROM news WHERE id = {nid}") == [["1"]]


def test_edit_form_starts_from_the_stored_item(staff):
    nid = new_id(post(staff, title="Правка", body="Тело", publish_at="2026-03-01T09:30"))
    page = staff.get(f"{URL}/staff/news/{nid}").text
    assert 'value="Правка"' in page and ">Тело</textarea>" in page and 'value="2026-03-01T09:30"' in page
    new_id(post(staff, f"/staff/news/{nid}", title="Правка 2", body="Тело 2", publish_at="2026-03-01T09:30"))
    assert sql(f"SELECT title, body FROM news WHERE id = {nid}") == [["Правка 2", "Тело 2"]]
    assert ["update", "published", "published"] in \
        sql(f"SELECT action, from_state, to_state FROM audit_log WHERE object_type = 'news' AND object_id = {nid}")
    assert staff.get(f"{URL}/staff/news/99999999").status_code == 404


def test_unpublish_and_delete_after_confirmation(staff):
    nid = new_id(post(staff, title="Снять и удалить", publish_at="01.01.2026 10:00"))
    assert public(f"/news/{nid}").status_code == 200
    page = staff.get(f"{URL}/staff/news/{nid}/unpublish").text
    assert "Снять новость «Снять и удалить» с публикации?" in page
    assert sql(f"SELECT published_at IS NOT NULL FROM news WHERE id = {nid}") == [["1"]]
    r = staff.post(f"{URL}/staff/news/{nid}/unpublish", data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/staff/news/{nid}?done=unpublished"
    assert public(f"/news/{nid}").status_code == 404
    page = staff.get(f"{URL}/staff/news/{nid}/delete").text
    assert "Вернуть её будет нельзя" in page
    r = staff.post(f"{URL}/staff/news/{nid}/delete", data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.headers["Location"] == "/staff/news?done=deleted"
    assert sql(f"SELECT COUNT(*) FROM news WHERE id = {nid}") == [["0"]]
    assert [a for (a,) in sql(f"SELECT action FROM audit_log WHERE object_type = 'news' AND object_id = {nid} ORDER BY id")] \
        == ["create", "unpublish", "delete"]
    assert staff.get(f"{URL}/staff/news/{nid}/delete").status_code == 404
