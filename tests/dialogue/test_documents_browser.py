"""The HTML result opened in a real headless browser (Debian's chromium): text, layout, print."""

from __future__ import annotations

import json
import shutil

import pytest

import stemhulp
from stemhulp.dialogue.documents import render
from stemhulp.quiz.answers import AnswerSet

CHROMIUM = "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="pip install 'stemhulp[test]'")


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (CI installs it)")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_result_renders_offline(browser, mini, tmp_path, lang):
    answers = AnswerSet({"s1": "agree", "s2": "disagree", "s3": "skip"}, ["s1"])
    result = stemhulp.match(mini, answers.answers, important=answers.important)
    page_file = tmp_path / "uitslag.html"
    page_file.write_text(render(result, mini, answers, fmt="html", lang=lang), encoding="utf-8")

    page = browser.new_page(viewport={"width": 900, "height": 700})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    body = page.inner_text("body")
    assert requests == [page_file.as_uri()]  # nothing fetched besides the page itself
    title = "Jouw uitslag: Mini-stemhulp" if lang == "nl" else "Your result: Mini voting aid"
    assert page.inner_text("h1") == title
    for entry in result.ranking:
        assert entry.name in body
    assert "De gemeente betaalt … huishoudelijke hulp" in body  # a quote, as text on screen
    assert ("Waarom deze methode" if lang == "nl" else "Why this method") in body
    rows = page.locator("tbody tr")
    assert rows.count() == len(result.ranking)
    best = rows.nth(0).inner_text()
    assert result.ranking[0].name in best and f"{result.ranking[0].score:.0f}%" in best
    bar = page.locator("tbody tr .bar span").first.bounding_box()
    assert bar is not None and bar["width"] > 0  # the score bar is drawn
    shot = page.screenshot(full_page=True)
    assert len(shot) > 20_000  # a real page of text, not a blank image
    page.emulate_media(media="print")
    assert page.inner_text("h1") == title
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    page.close()


def test_json_result_is_the_same_content(mini):
    result = stemhulp.match(mini, {"s1": "agree"})
    data = json.loads(render(result, mini, {"s1": "agree"}, fmt="json", lang="nl"))
    assert data["result"] == json.loads(json.dumps(result.to_dict()))
    assert [s["number"] for s in data["statements"]] == ["1", "2", "3"]
