"""`make install`: the installed tree is complete and an installed program,
run as plain CGI with a configuration that points at the installed
templates and the test stack's database, serves a real page."""
import os
import re
import subprocess

import pytest

from conftest import BUILD, DIR, ROOT, sql


@pytest.fixture(scope="module")
def dest(tmp_path_factory):
    """DESTDIR after `make install PREFIX=/usr` of the build under test."""
    d = tmp_path_factory.mktemp("destdir")
    subprocess.run(["make", "-s", "-C", ROOT, "install", f"B={os.path.relpath(BUILD, ROOT)}",
                    "PREFIX=/usr", f"DESTDIR={d}"], check=True, capture_output=True, text=True)
    return str(d)


def manifest(web):
    out = subprocess.run([f"{ROOT}/conf/routes.sh", "programs" if web else "tools"],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def test_every_program_tool_and_data_file_is_installed(dest):
    cgi = f"{dest}/usr/lib/grantfair/cgi-bin"
    assert sorted(os.listdir(cgi)) == sorted(manifest(web=True))
    for name in manifest(web=True):
        assert os.access(f"{cgi}/{name}", os.X_OK)
    for tool in manifest(web=False):
        assert os.access(f"{dest}/usr/sbin/gf-{tool.removeprefix('gf-')}", os.X_OK)
    share = f"{dest}/usr/share/grantfair"
    for f in ["templates/header.cs", "templates/projects.cs", "templates/mail",
              "htdocs/static", "schema/001_init.sql", "schema/migrate.sh", "schema/reference"]:
        assert os.path.exists(f"{share}/{f}"), f
    assert os.access(f"{share}/schema/migrate.sh", os.X_OK)
    ex = f"{dest}/usr/share/doc/grantfair/examples"
    for f in ["grantfair.hdf", "nginx.conf.in", "nginx-routes.conf", "apache/grantfair.conf",
              "apache/htaccess", "systemd/grantfair@.service", "systemd/grantfair@.socket",
              "systemd/grantfair-mailer.service"]:
        assert os.path.exists(f"{ex}/{f}"), f
    # the examples name the installed paths, not the checkout's
    assert "Paths.Templates = /usr/share/grantfair/templates" in open(f"{ex}/grantfair.hdf").read()
    assert "ExecStart=/usr/lib/grantfair/cgi-bin/%i" in open(f"{ex}/systemd/grantfair@.service").read()
    assert "ExecStart=/usr/sbin/gf-mailer --daemon" in \
        open(f"{ex}/systemd/grantfair-mailer.service").read()
    assert "fastcgi_pass unix:/run/grantfair/projects.sock;" in open(f"{ex}/nginx-routes.conf").read()


def test_an_installed_program_serves_the_exhibition_as_plain_cgi(dest, tmp_path):
    ex = f"{dest}/usr/share/doc/grantfair/examples"
    conf = tmp_path / "grantfair.hdf"
    # the installed example, with the test stack's secrets and database; the
    # templates are under DESTDIR because nothing was installed into /usr
    conf.write_text(f'#include "{ex}/grantfair.hdf"\n#include "{DIR}/secrets.hdf"\n'
                    f"Paths.Templates = {dest}/usr/share/grantfair/templates\n"
                    f"Paths.Tmp = {tmp_path}\nPaths.Files = {tmp_path}/files\n"
                    f"DB.Socket = {DIR}/run/mysql.sock\n")
    cgi = f"{dest}/usr/lib/grantfair/cgi-bin"
    env = {"PATH": "/usr/bin:/bin", "GF_CONFIG": str(conf), "GATEWAY_INTERFACE": "CGI/1.1",
           "REQUEST_METHOD": "GET", "REQUEST_URI": "/projects", "SCRIPT_NAME": "/projects",
           "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
           "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "192.0.2.7", "HTTP_HOST": "127.0.0.1"}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    r = subprocess.run([f"{cgi}/projects"], input=b"", env=env, cwd=cgi, capture_output=True,
                       timeout=20)
    head, _, page = r.stdout.decode().partition("\r\n\r\n")
    assert r.returncode == 0, r.stderr.decode()
    assert "Status: 200 OK" in head and "Content-Type: text/html; charset=utf-8" in head
    assert re.search(r"<title>[^<]*Конкурс грантов для НКО Кубани</title>", page)
    assert "<h1>Выставка проектов</h1>" in page
    # a page of rows from the stack's database: listed projects, every one
    ids = sorted(set(re.findall(r'href="/projects/(\d+)"', page)))
    assert len(ids) >= 10
    listed = sql(f"SELECT COUNT(*) FROM projects WHERE listed = 1 AND id IN ({','.join(ids)})")
    assert int(listed[0][0]) == len(ids)


def run_cgi(program, conf, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "GF_CONFIG": str(conf), "GATEWAY_INTERFACE": "CGI/1.1",
           "REQUEST_METHOD": "GET", "REQUEST_URI": "/", "SCRIPT_NAME": "/", "QUERY_STRING": "",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
           "REMOTE_ADDR": "192.0.2.7", "HTTP_HOST": "127.0.0.1"}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    return subprocess.run([f"{BUILD}/{program}"], input=b"", env=env, cwd=str(tmp_path),
                          capture_output=True, timeout=20)


@pytest.mark.parametrize("key", ["change-me", "", "short-key-of-31-characters-long"])
def test_a_public_site_with_the_default_or_a_short_key_does_not_start(tmp_path, key):
    conf = tmp_path / "grantfair.hdf"
    conf.write_text(f'#include "{DIR}/grantfair.hdf"\n'
                    f"Site.URL = https://grants.example.ru\nSecrets.Key = {key}\n")
    for program in ("home", "mailer"):
        r = run_cgi(program, conf, tmp_path)
        assert r.returncode != 0, program
        assert b"Status: 200" not in r.stdout
        assert b"Secrets.Key" in r.stderr, r.stderr.decode()


def test_the_local_stack_may_keep_the_default_key(tmp_path):
    conf = tmp_path / "grantfair.hdf"
    conf.write_text(f'#include "{DIR}/grantfair.hdf"\nSecrets.Key = change-me\n')
    r = run_cgi("home", conf, tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert b"Status: 200 OK" in r.stdout


def test_the_local_stack_writes_a_random_key():
    key = open(f"{DIR}/secrets.hdf").read().split("Secrets.Key = ")[1].split("\n")[0]
    assert len(key) >= 32 and key != "change-me"
