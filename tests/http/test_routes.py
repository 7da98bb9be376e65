"""Routes come from cgi-bin/MANIFEST: every URL pattern of the manifest
reaches its program through the stack's nginx (the local stack tags each
answer with the socket that served it), other paths fall to the home
program's 404, and the Apache and .htaccess examples are in step."""
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


def test_apache_and_htaccess_examples_are_in_step_with_the_manifest():
    r = subprocess.run([f"{ROOT}/conf/routes.sh", "check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
