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
FILES = {
    "index.html",
    "data.js",
    "report.js",
    "matcher.js",
    "stability.js",
    "page.js",
    "style.css",
    "favicon.svg",
    MARKER,
}


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
    """Nothing is fetched or sent; the one thing kept is the shortcut switch (as the web quiz keeps it)."""
    publish(quiz, tmp_path / "site")
    for name in ("matcher.js", "stability.js", "page.js", "report.js"):
        code = (tmp_path / "site" / name).read_text(encoding="utf-8")
        for call in ("fetch(", "XMLHttpRequest", "sendBeacon", "document.cookie", "WebSocket", "eval("):
            assert call not in code, (name, call)
        kept = re.findall(r"localStorage\.(\w+)\((\w+)", code)
        assert kept == ([("getItem", "SWITCH"), ("setItem", "SWITCH")] if name == "page.js" else []), (name, kept)
    assert 'const SWITCH = "stemhulp-shortcuts";' in (tmp_path / "site" / "page.js").read_text(encoding="utf-8")


def test_the_shortcuts_are_the_web_quizs(quiz):
    """The page's keys and words are the ones the web quiz's statement page shows (one rule, exported)."""
    from stemhulp.dialogue.shortcuts import shortcut_keys

    for lang in ("nl", "en"):
        exported = site_data(quiz)["shortcuts"][lang]
        keys = shortcut_keys(quiz.scale, lang)
        assert exported["line"].count(" · ") == len(keys) - 1
        for key, label in keys:
            assert f"{key} {label}" in exported["line"]
        assert [exported["skip"], exported["back"]] == [key for key, _ in keys[-2:]]
        top = quiz.scale.size - 1
        assert exported["answers"] == {keys[0][0]: top, keys[1][0]: top - 1, keys[2][0]: top - 2}
        assert quiz.scale.label(exported["answers"][keys[0][0]], lang) == keys[0][1]


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


def test_a_brand_adds_its_logo_colours_and_privacy_page(tmp_path, quiz):
    from stemhulp.formats.brand import load_brand

    from ..helpers import BRAND_ACCENT, BRAND_ALT, write_brand

    out = tmp_path / "site"
    done = runner.invoke(app, ["publish", "--out", str(out), "--brand", str(write_brand(tmp_path / "brand"))])
    assert done.exit_code == 0, done.output
    branded = FILES | {"brand.css", "logo.svg", "privacy.html"}
    assert {p.name for p in out.iterdir()} == branded
    assert json.loads((out / MARKER).read_text())["files"] == sorted(branded - {MARKER})
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="style.css">\n<link rel="stylesheet" href="brand.css">' in page
    assert f'<img class="logo" src="logo.svg" alt="{BRAND_ALT}">' in page
    assert '<footer class="site"><a href="privacy.html">Privacy</a></footer>' in page
    assert f"--accent: {BRAND_ACCENT};" in (out / "brand.css").read_text()
    privacy = (out / "privacy.html").read_text(encoding="utf-8")
    assert f'content="{POLICY}"' in privacy and "<script" not in privacy and "style=" not in privacy
    assert "Vragen? &lt;script&gt;alert(1)&lt;/script&gt; Mail" in privacy  # text, never markup
    assert '<section lang="en" id="en">' in privacy and "This quiz keeps nothing." in privacy
    assert (out / "logo.svg").read_bytes() == load_brand(tmp_path / "brand").files()["logo.svg"]


def test_without_a_brand_the_site_is_as_before(tmp_path, quiz):
    """No brand: no footer, no brand stylesheet, no logo (the default privacy sentence stays on the intro)."""
    from stemhulp.publish.site import site_files

    page = site_files(quiz)["index.html"].decode()
    assert "<footer" not in page and "brand.css" not in page and "<img" not in page
    assert '<p class="brand">' in page


def test_publishing_again_without_the_brand_removes_its_files(tmp_path, quiz):
    from stemhulp.formats.brand import load_brand

    from ..helpers import write_brand

    out = tmp_path / "site"
    publish(quiz, out, brand=load_brand(write_brand(tmp_path / "brand")))
    publish(quiz, out)
    assert {p.name for p in out.iterdir()} == FILES
    publish(quiz, out)  # and a third publish finds nothing in its way


def test_a_bad_brand_is_one_message_and_nothing_is_written(tmp_path):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "brand.yaml").write_text('colours:\n  accent: "#ffff00"\n')
    done = runner.invoke(app, ["publish", "--out", str(tmp_path / "site"), "--brand", str(brand)])
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "brand.yaml:2" in done.output and "'#ffff00'" in done.output and "4.5:1" in done.output
    assert not (tmp_path / "site").exists()


def test_a_branded_first_screen_keeps_the_budget_with_the_largest_logo(tmp_path, quiz):
    """The first statement on screen within 150 KB (gzip), even with a logo of MAX_LOGO_BYTES that does
    not compress (random bytes behind the PNG signature): the limit is what keeps the budget."""
    import gzip
    import random

    from stemhulp.formats.brand import MAX_LOGO_BYTES, PNG_SIGNATURE, load_brand

    from ..helpers import write_brand

    brand = write_brand(tmp_path / "brand")
    (brand / "logo.svg").unlink()
    noise = random.Random(26).randbytes(MAX_LOGO_BYTES - len(PNG_SIGNATURE))
    (brand / "logo.png").write_bytes(PNG_SIGNATURE + noise)
    publish(quiz, tmp_path / "site", brand=load_brand(brand))
    first_screen = ("index.html", "style.css", "brand.css", "data.js", "matcher.js", "stability.js", "page.js")
    first_screen += ("favicon.svg", "logo.png")
    sent = sum(len(gzip.compress((tmp_path / "site" / name).read_bytes(), 6)) for name in first_screen)
    assert MAX_LOGO_BYTES < sent <= 150 * 1024
