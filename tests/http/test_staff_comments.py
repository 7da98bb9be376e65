"""/staff/comments: the moderation queue for staff — the queue, counts,
filters, approve and reject one or the ticked ones (at most BulkMax), a
decision another moderator took first left alone, the audit chain, the
cabinet's link, escaping, access."""
import re

import pytest
import requests

from conftest import DEMO_PASSWORD, URL, csrf_of, login, sql

PIDS = [row[0] for row in sql("SELECT id FROM projects WHERE listed = 1 ORDER BY id LIMIT 2")]


@pytest.fixture
def staff():
    with requests.Session() as sess:
        assert login(sess, "staff@demo.grantfair.local", DEMO_PASSWORD).status_code == 303
        yield sess


@pytest.fixture
def made():
    """Comments a test adds through add(); deleted afterwards."""
    before = int(sql("SELECT COALESCE(MAX(id), 0) FROM comments")[0][0])
    yield
    sql(f"DELETE FROM comments WHERE id > {before}")


def add(body, status="pending", pid=None, name="Гость", email="guest@example.ru"):
    pid = pid or PIDS[0]
    esc = lambda v: v.replace("\\", "\\\\").replace("'", "\\'")
    sql("INSERT INTO comments (project_id, author_name, email, body, status, created_at, ip) "
        f"VALUES ({pid}, '{esc(name)}', '{esc(email)}', '{esc(body)}', '{status}', NOW(), '127.0.0.1')")
    return int(sql("SELECT MAX(id) FROM comments")[0][0])


def status_of(cid):
    return sql(f"SELECT status FROM comments WHERE id = {cid}")[0][0]


def audit(cid):
    return sql("SELECT a.action, a.from_state, a.to_state, u.email FROM audit_log a "
               f"JOIN users u ON u.id = a.user_id WHERE a.object_type = 'comment' AND a.object_id = {cid} "
               "ORDER BY a.id")


def decide(sess, data, query=""):
    page = sess.get(f"{URL}/staff/comments{query}").text
    return sess.post(f"{URL}/staff/comments", data=dict(data, csrf=csrf_of(page)),
                     allow_redirects=False)


def test_the_queue_shows_pending_comments_newest_first_with_project_author_and_email(staff, made):
    older = add("Первый комментарий в очереди.", email="first@example.ru")
    newer = add("Второй комментарий в очереди.", email="second@example.ru", pid=PIDS[1])
    add("Одобренный комментарий не в очереди.", status="approved")
    page = staff.get(f"{URL}/staff/comments").text
    assert page.index(f'id="comment-{newer}"') < page.index(f'id="comment-{older}"')
    item = page[page.index(f'id="comment-{older}"'):page.index(f'id="comment-{older}"') + 2500]
    title = sql(f"SELECT title FROM projects WHERE id = {PIDS[0]}")[0][0]
    assert f'<a href="/projects/{PIDS[0]}">{title}</a>' in item
    assert "first@example.ru" in item and "Первый комментарий в очереди." in item
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", item)
    assert "Одобренный комментарий не в очереди." not in page
    pending = sql("SELECT COUNT(*) FROM comments WHERE status = 'pending'")[0][0]
    approved = sql("SELECT COUNT(*) FROM comments WHERE status = 'approved'")[0][0]
    assert f'<span class="n-pending">{pending}</span>' in page
    assert f'<span class="n-approved">{approved}</span>' in page


def test_filters_by_status_and_project(staff, made):
    a = add("Одобренный к первому.", status="approved")
    b = add("Отклонённый ко второму.", status="rejected", pid=PIDS[1])
    c = add("Ждёт проверки ко второму.", pid=PIDS[1])
    page = staff.get(f"{URL}/staff/comments?status=approved").text
    assert f'id="comment-{a}"' in page and f'id="comment-{b}"' not in page
    page = staff.get(f"{URL}/staff/comments?status=all&project={PIDS[1]}").text
    assert f'id="comment-{b}"' in page and f'id="comment-{c}"' in page
    assert f'id="comment-{a}"' not in page
    assert f'href="/projects/{PIDS[1]}"' in page and "все проекты" in page
    page = staff.get(f"{URL}/staff/comments?status=nonsense&project=abc").text
    assert f'id="comment-{c}"' in page and f'id="comment-{a}"' not in page   # the queue
    page = staff.get(f"{URL}/staff/comments?project=99999999").text
    assert "Проекта № 99999999 нет." in page


def test_approve_one_shows_it_on_the_project_with_the_decision_audited(staff, made):
    cid = add("Комментарий, который одобрят.", name="Вера Одобренная")
    r = decide(staff, {"approve": cid, f"seen.{cid}": "pending", "status": "pending"})
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/staff/comments?status=pending&done=approve&n=1")
    assert status_of(cid) == "approved"
    assert sql(f"SELECT u.email FROM comments c JOIN users u ON u.id = c.decided_by WHERE c.id = {cid}") \
        == [["staff@demo.grantfair.local"]]
    assert audit(cid) == [["approve", "pending", "approved", "staff@demo.grantfair.local"]]
    done = staff.get(URL + r.headers["Location"]).text
    assert "Одобрено комментариев: 1." in done
    with requests.Session() as anon:
        assert "Комментарий, который одобрят." in anon.get(f"{URL}/projects/{PIDS[0]}").text
    # shown among the approved with who decided
    page = staff.get(f"{URL}/staff/comments?status=approved").text
    item = page[page.index(f'id="comment-{cid}"'):]
    assert "Решение: " in item[:3000]


def test_reject_one_and_take_an_approval_back(staff, made):
    cid = add("Реклама: купите слона.")
    assert decide(staff, {"reject": cid, f"seen.{cid}": "pending"}).status_code == 303
    assert status_of(cid) == "rejected"
    ok = add("Хороший, но одобренный по ошибке? Нет, хороший.", status="approved")
    assert decide(staff, {"reject": ok, f"seen.{ok}": "approved"}, "?status=approved").status_code == 303
    assert status_of(ok) == "rejected"
    assert audit(cid) == [["reject", "pending", "rejected", "staff@demo.grantfair.local"]]
    assert audit(ok) == [["reject", "approved", "rejected", "staff@demo.grantfair.local"]]


def test_bulk_approve_and_bulk_reject_the_ticked_ones(staff, made):
    ids = [add(f"Комментарий для пакетного решения {i}.") for i in range(4)]
    data = {"bulk": "approve", "ids": ids[:3], **{f"seen.{i}": "pending" for i in ids}}
    r = decide(staff, data)
    assert r.status_code == 303 and "done=approve&n=3&skipped=0" in r.headers["Location"]
    assert [status_of(i) for i in ids] == ["approved"] * 3 + ["pending"]
    assert all(audit(i) == [["approve", "pending", "approved", "staff@demo.grantfair.local"]]
               for i in ids[:3])
    r = decide(staff, {"bulk": "reject", "ids": [ids[3]], f"seen.{ids[3]}": "pending"})
    assert r.status_code == 303 and status_of(ids[3]) == "rejected"
    assert "Отклонено комментариев: 1." in staff.get(URL + r.headers["Location"]).text


def test_a_decision_taken_first_by_another_moderator_is_left_alone(staff, made):
    cid = add("Этот одобрил коллега, пока страница была открыта.")
    other = add("А этот ещё ждёт.")
    sql(f"UPDATE comments SET status = 'approved' WHERE id = {cid}")   # the colleague
    r = decide(staff, {"bulk": "reject", "ids": [cid, other],
                       f"seen.{cid}": "pending", f"seen.{other}": "pending"})
    assert r.status_code == 303 and "n=1&skipped=1" in r.headers["Location"]
    assert status_of(cid) == "approved" and status_of(other) == "rejected"
    assert audit(cid) == []
    assert "Не изменено: 1" in staff.get(URL + r.headers["Location"]).text


def test_bulk_refuses_nothing_ticked_and_more_than_the_maximum(staff, made):
    cid = add("Остаётся на проверке.")
    r = decide(staff, {"bulk": "approve"})
    assert r.status_code == 400 and "Отметьте комментарии" in r.text
    many = list(range(1, 102))                       # BulkMax is 100
    r = decide(staff, {"bulk": "approve", "ids": many + [cid], f"seen.{cid}": "pending"})
    assert r.status_code == 400
    assert "За один раз можно одобрить или отклонить не больше 100 комментариев." in r.text
    assert status_of(cid) == "pending"
    r = decide(staff, {"bulk": "approve", "ids": ["x1"]})
    assert r.status_code == 400 and status_of(cid) == "pending"


def test_a_post_without_csrf_is_refused(staff, made):
    cid = add("Без токена не решить.")
    r = staff.post(f"{URL}/staff/comments", data={"approve": cid, f"seen.{cid}": "pending"},
                   allow_redirects=False)
    assert r.status_code == 403 and status_of(cid) == "pending"


def test_hostile_name_and_text_are_escaped_in_the_queue(staff, made):
    add("<script>alert(\"t\")</script> 'одинарные' \"двойные\"",
        name="<script>alert('n')</script> О'Брайен", email="x\"y@example.ru")
    page = staff.get(f"{URL}/staff/comments").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &#39;одинарные&#39; &quot;двойные&quot;" in page
    assert "&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt; О&#39;Брайен" in page
    assert 'href="mailto:x&quot;y@example.ru"' in page


def test_only_staff_moderate(made):
    cid = add("Решают только сотрудники.")
    with requests.Session() as anon:
        r = anon.get(f"{URL}/staff/comments", allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login?next=")
    for who in ("ngo@demo.grantfair.local", "expert@demo.grantfair.local",
                "secretary@demo.grantfair.local"):
        with requests.Session() as sess:
            login(sess, who, DEMO_PASSWORD)
            assert sess.get(f"{URL}/staff/comments").status_code == 403, who
            page = sess.get(f"{URL}/cabinet").text
            r = sess.post(f"{URL}/staff/comments", data={"csrf": csrf_of(page), "approve": cid,
                                                         f"seen.{cid}": "pending"},
                          allow_redirects=False)
            assert r.status_code == 403, who
    assert status_of(cid) == "pending"


def test_the_staff_cabinet_links_the_queue_with_the_pending_count(staff, made):
    add("Ещё один на проверку.")
    pending = sql("SELECT COUNT(*) FROM comments WHERE status = 'pending'")[0][0]
    page = staff.get(f"{URL}/cabinet/staff").text
    assert f'<a href="/staff/comments">Комментарии на модерации ({pending})</a>' in page
