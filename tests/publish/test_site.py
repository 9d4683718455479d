"""`stemhulp publish`: the files of the site, its safety (CSP, no inline script, nothing from another
site) and the output-folder rule, through the library and the command."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import stemhulp
from stemhulp.cli.app import app
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.publish import publish
from stemhulp.publish.data import site_data
from stemhulp.publish.site import MARKER, POLICY

runner = CliRunner()
FILES = {"index.html", "data.js", "matcher.js", "stability.js", "page.js", "style.css", "favicon.svg", MARKER}


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load()


def directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def test_the_command_writes_the_site(tmp_path):
    out = tmp_path / "site"
    done = runner.invoke(app, ["publish", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert {p.name for p in out.iterdir()} == FILES
    marker = json.loads((out / MARKER).read_text())
    assert marker["files"] == sorted(FILES - {MARKER})
    assert "index.html" in done.output


def test_the_page_carries_the_serve_policy_and_no_inline_script(tmp_path, quiz):
    publish(quiz, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'http-equiv="Content-Security-Policy" content="{POLICY}"' in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all(re.search(r'src="[\w.]+\.js"', tag) for tag in scripts)  # none inline, all local
    assert not re.search(r"\son\w+=", page)  # no inline handlers
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing from another site
    from stemhulp.web.guards import security_headers

    serve = directives(dict(security_headers())[b"content-security-policy"].decode())
    serve.pop("frame-ancestors")  # a <meta> policy cannot carry it (only a header can)
    assert directives(POLICY) == serve


def test_the_scripts_fetch_nothing_and_keep_nothing(tmp_path, quiz):
    publish(quiz, tmp_path / "site")
    for name in ("matcher.js", "stability.js", "page.js"):
        code = (tmp_path / "site" / name).read_text(encoding="utf-8")
        for call in ("fetch(", "XMLHttpRequest", "sendBeacon", "document.cookie", "localStorage", "WebSocket", "eval("):
            assert call not in code, (name, call)


def test_the_data_exports_every_method_and_policy_from_the_tables(quiz):
    data = site_data(quiz)
    assert [m["name"] for m in data["methods"]] == [m.name for m in METHODS]
    assert [p["name"] for p in data["policies"]] == [p.name for p in MISSING_POLICIES]
    for method, exported in zip(METHODS, data["methods"], strict=True):
        assert exported["fits"] == method.fits(quiz.scale.size)
        if exported["fits"]:
            assert set(exported["fills"]) == {p.name for p in MISSING_POLICIES}
    assert set(data["words"]) == {"nl", "en"}
    assert data["quiz"]["fingerprint"] == quiz.fingerprint


def test_a_second_publish_replaces_only_its_own_files(tmp_path, quiz):
    out = tmp_path / "site"
    publish(quiz, out)
    (out / "data.js").write_text("stale", encoding="utf-8")
    publish(quiz, out)
    assert (out / "data.js").read_text(encoding="utf-8").startswith("window.STEMHULP_DATA = ")


def test_a_folder_publish_did_not_write_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("my own page", encoding="utf-8")
    done = runner.invoke(app, ["publish", "--out", str(out)])
    assert done.exit_code == 1
    assert "index.html" in done.output and "not empty" in done.output and "Traceback" not in done.output
    assert (out / "index.html").read_text(encoding="utf-8") == "my own page"
    assert [p.name for p in out.iterdir()] == ["index.html"]


def test_a_foreign_file_in_an_earlier_site_is_refused(tmp_path, quiz):
    out = tmp_path / "site"
    publish(quiz, out)
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    before = (out / "data.js").read_bytes()
    done = runner.invoke(app, ["publish", "--out", str(out)])
    assert done.exit_code == 1 and "notes.txt" in done.output
    assert (out / "data.js").read_bytes() == before


def test_a_missing_parent_folder_is_an_error(tmp_path):
    done = runner.invoke(app, ["publish", "--out", str(tmp_path / "no" / "site")])
    assert done.exit_code == 1 and "does not exist" in done.output
    assert not (tmp_path / "no").exists()


def test_out_is_required():
    done = runner.invoke(app, ["publish"])
    assert done.exit_code == 2 and "--out" in done.output


def test_every_word_the_page_asks_for_is_exported(quiz):
    """Each key page.js passes to w(…) (literal or either side of a choice) is in the exported words,
    in both languages: a renamed key fails here, not in a voter's browser."""
    from stemhulp.publish.site import ASSETS

    page = (ASSETS / "page.js").read_text(encoding="utf-8")
    asked = set()
    for start in (m.end() for m in re.finditer(r"\bw\(", page)):
        argument = re.split(r"[,)]", page[start:], maxsplit=1)[0]
        asked |= set(re.findall(r'"(\w+)"', argument))
    asked |= {"explanation", "pro", "con", "agree", "partly", "disagree"}  # w(field), w(c.agreement)
    words = site_data(quiz)["words"]
    assert len(asked) > 40
    for lang in ("nl", "en"):
        assert not sorted(asked - set(words[lang])), lang
