"""`serve --brand` through Starlette's TestClient: the brand's stylesheet, logo and privacy page on every
page (under a sub-path too), the privacy text shown as text, and nothing of it without a brand."""

from __future__ import annotations

import json
import warnings

import pytest

pytest.importorskip("starlette")

import stemhulp  # noqa: E402
from stemhulp.formats.brand import load_brand  # noqa: E402
from stemhulp.web import create_app  # noqa: E402

from ..helpers import BRAND_ACCENT, BRAND_ALT, write_brand  # noqa: E402
from .web_quiz import web_document  # noqa: E402


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


@pytest.fixture(scope="module")
def brand(tmp_path_factory):
    return load_brand(write_brand(tmp_path_factory.mktemp("brand") / "brand"))


def client(app, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(app, raise_server_exceptions=False, **options)


def test_every_page_carries_the_brand(quiz, brand):
    web = client(create_app(quiz, brand=brand))
    for page in (web.get("/"), web.get("/?lang=en"), web.post("/quiz", data={"do": "start"}), web.get("/nowhere")):
        html = page.text
        assert '<link rel="stylesheet" href="/brand/brand.css">' in html
        assert f'<img class="logo" src="/brand/logo.svg" alt="{BRAND_ALT}">' in html
        assert '<footer class="site"><a href="/privacy?lang=' in html


def test_the_brand_files_are_served_as_files(quiz, brand):
    web = client(create_app(quiz, brand=brand))
    logo = web.get("/brand/logo.svg")
    assert logo.status_code == 200 and logo.headers["content-type"] == "image/svg+xml"
    assert logo.content == brand.files()["logo.svg"]
    assert "script-src 'self'" in logo.headers["content-security-policy"]  # opened by itself, it runs nothing
    assert logo.headers["cache-control"] == "public, max-age=3600"
    css = web.get("/brand/brand.css")
    assert css.headers["content-type"].startswith("text/css") and f"--accent: {BRAND_ACCENT};" in css.text
    assert web.get("/brand/logo.png").status_code == 404


def test_the_privacy_page_in_both_languages_shows_text_not_markup(quiz, brand):
    web = client(create_app(quiz, brand=brand))
    dutch = web.get("/privacy?lang=nl")
    assert dutch.status_code == 200 and "<h1>Privacyverklaring</h1>" in dutch.text
    assert "Vragen? &lt;script&gt;alert(1)&lt;/script&gt; Mail" in dutch.text
    assert 'href="/privacy?lang=en"' in dutch.text
    english = web.get("/privacy?lang=en")
    assert "<h1>Privacy statement</h1>" in english.text and "<p>This quiz keeps nothing.</p>" in english.text
    assert web.get("/privacy?lang=xx").text == dutch.text


def test_under_a_sub_path_the_brand_links_start_with_it(quiz, brand):
    web = client(create_app(quiz, brand=brand), root_path="/stemhulp")
    html = web.get("/").text
    assert 'href="/stemhulp/brand/brand.css"' in html and 'src="/stemhulp/brand/logo.svg"' in html
    assert 'href="/stemhulp/privacy?lang=nl"' in html


def test_without_a_brand_nothing_of_it_is_there(quiz):
    web = client(create_app(quiz))
    html = web.get("/").text
    assert "<footer" not in html and "/brand/" not in html and "<img" not in html
    assert web.get("/privacy").status_code == 404 and web.get("/brand/brand.css").status_code == 404


def test_a_worker_process_reads_the_brand_too(quiz, tmp_path, monkeypatch):
    from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MISSING
    from stemhulp.web.app import SERVE_SETTINGS, app_from_environment

    settings = {"source": None, "layout": None, "method": DEFAULT_METHOD, "missing": DEFAULT_MISSING}
    settings |= {"cors_origins": [], "frame_ancestors": [], "brand": str(write_brand(tmp_path / "brand"))}
    monkeypatch.setenv(SERVE_SETTINGS, json.dumps(settings))
    web = client(app_from_environment())
    assert web.get("/privacy?lang=en").status_code == 200


def test_serve_refuses_a_bad_brand_before_it_listens(tmp_path):
    from typer.testing import CliRunner

    from stemhulp.cli.app import app

    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (brand / "brand.yaml").write_text("logo_alt: Logo\n")
    done = CliRunner().invoke(app, ["serve", "--brand", str(brand), "--port", "9"])
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert f"{brand / 'logo.svg'}: holds a <script> element" in done.output
    missing = CliRunner().invoke(app, ["serve", "--brand", str(tmp_path / "nowhere"), "--port", "9"])
    assert missing.exit_code == 1 and "--brand" in missing.output and "not a folder" in missing.output
