"""Routes come from cgi-bin/MANIFEST: every URL pattern of the manifest
reaches its program through the stack's nginx (the local stack tags each
answer with the socket that served it), other paths fall to the home
program's 404, and the Apache and .htaccess examples made from the manifest
route every pattern while the repository lists none by hand."""
import subprocess

import pytest
import requests

from conftest import DIR, ROOT, URL


def routes():
    """(pattern, program) for every URL pattern of the manifest."""
    rows = []
    for line in open(f"{ROOT}/cgi-bin/MANIFEST", encoding="utf-8"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, pats, _ = (f.strip() for f in line.split("|"))
        rows += [(p, name) for p in pats.split() if p != "-"]
    return rows


def sample(pattern):
    """A path the pattern matches: # is an id, * anything below."""
    return pattern.replace("#", "1").replace("*", "some/thing")


@pytest.mark.parametrize("pattern,program", routes())
def test_each_manifest_pattern_reaches_its_program(pattern, program):
    r = requests.get(URL + sample(pattern), allow_redirects=False)
    assert r.headers.get("X-Grantfair-Upstream") == f"unix:{DIR}/run/{program}.sock"
    assert r.status_code < 500


@pytest.mark.parametrize("path", ["/applications/abc", "/applications/1/other",
                                  "/projects/1/x", "/org/logo", "/cabinetx", "/news/"])
def test_paths_no_pattern_fits_fall_to_the_home_program(path):
    r = requests.get(URL + path, allow_redirects=False)
    assert r.headers.get("X-Grantfair-Upstream") == f"unix:{DIR}/run/home.sock"
    assert r.status_code == 404


def test_static_files_are_not_routed_to_programs():
    r = requests.get(f"{URL}/static/site.css")
    assert r.status_code == 200 and "X-Grantfair-Upstream" not in r.headers


def test_apache_and_htaccess_examples_route_every_pattern_and_list_none_by_hand():
    r = subprocess.run([f"{ROOT}/conf/routes.sh", "check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    conf = subprocess.run([f"{ROOT}/conf/routes.sh", "render", f"{ROOT}/conf/apache/grantfair.conf"],
                          capture_output=True, text=True, check=True).stdout
    hta = subprocess.run([f"{ROOT}/conf/routes.sh", "render", f"{ROOT}/conf/apache/htaccess"],
                         capture_output=True, text=True, check=True).stdout
    for pattern, program in routes():
        if pattern == "/*":
            continue
        rx = "^" + pattern.replace(".", "\\.").replace("#", "[0-9]+").replace("/*", "/")
        rx += "" if pattern.endswith("/*") else "$"
        assert any(f'"{rx}"' in line and f"/{program}.sock" in line for line in conf.splitlines()), pattern
        hx = "^" + rx[2:]               # .htaccess paths have no leading slash
        assert any(line.split()[:3] == ["RewriteRule", hx, f"cgi-bin/{program}"]
                   for line in hta.splitlines()), pattern
