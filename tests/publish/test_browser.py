"""A voter completes the published quiz from file:// in Debian's chromium (Playwright), in Dutch
and in English, while every request is watched: none may leave the site's folder. Screenshots go
to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import stemhulp
from stemhulp.matching.results import is_close_call
from stemhulp.publish import publish

from ..paths import ARTIFACTS

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
expect = playwright_api.expect

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load()


@pytest.fixture(scope="module")
def site(quiz, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("published") / "site"
    publish(quiz, folder)
    return folder


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


class Watched:
    """A page whose every request is checked: inside the site's folder it goes on, anything else is
    recorded and aborted (so a leak fails the test, and nothing reaches the network)."""

    def __init__(self, browser, site: Path) -> None:
        self.context = browser.new_context(viewport={"width": 800, "height": 900})
        self.inside = site.as_uri() + "/"
        self.seen: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self.check)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self, route) -> None:
        url = route.request.url
        self.seen.append(url)
        if url.startswith(self.inside):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"publish-{name}.png", full_page=True)


def test_a_voter_completes_the_dutch_quiz_from_file(browser, site, quiz):
    watched = Watched(browser, site)
    page = watched.page
    page.goto((site / "index.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    expect(page.get_by_text(f"{len(quiz.statements)} stellingen, {len(quiz.parties)} partijen.")).to_be_visible()
    shot(page, "nl-intro")
    page.get_by_role("button", name="Begin").click()
    expect(page.get_by_role("heading", name="Welke gemeente?")).to_be_visible()
    page.get_by_role("button", name="Zwolle", exact=False).click()
    words = ["eens", "oneens", "geen van beide", "eens", "Overslaan"]
    answers = {}
    for i, statement in enumerate(quiz.statements):
        expect(page.get_by_text(f"Stelling {i + 1} van {len(quiz.statements)}")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(statement.text)
        if i == 0:  # the options in the web quiz's order: agree first
            web_order = [quiz.scale.label(code, "nl") for code in reversed(range(quiz.scale.size))]
            expect(page.locator("fieldset.answers button.answer")).to_have_text(web_order)
            page.get_by_text("Wat vinden de partijen?").click()
            for party in quiz.parties:
                if party.municipality == "Zwolle":
                    expect(page.locator("details.stances")).to_contain_text(party.label())
            shot(page, "nl-statement")
        word = words[i % len(words)]
        page.get_by_role("button", name=word, exact=True).click()
        answers[statement.id] = "skip" if word == "Overslaan" else word
        if i == 2:  # back one statement: the answer given is shown, and can be changed
            page.get_by_role("button", name="← Terug").click()
            expect(page.get_by_text("Je antwoord was: geen van beide")).to_be_visible()
            page.get_by_role("button", name="eens", exact=True).click()
            answers[statement.id] = "eens"
    expect(page.get_by_role("heading", name="Wat vind je extra belangrijk?")).to_be_visible()
    page.get_by_label(f"1. {quiz.statements[0].text}").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Welke partijen wil je vergelijken?")).to_be_visible()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Jouw uitslag")).to_be_visible()
    zwolle = [p.id for p in quiz.parties if p.municipality == "Zwolle"]
    expected = stemhulp.match(quiz, answers, important=[quiz.statements[0].id], parties=zwolle)
    ranking = page.locator("ol.ranking li")
    expect(ranking).to_have_count(len([e for e in expected.ranking if e.ranked]))
    for row, entry in zip(ranking.all(), [e for e in expected.ranking if e.ranked], strict=False):
        expect(row).to_contain_text(entry.name)
        expect(row).to_contain_text(f"{entry.score:.0f}%")
    expect(page.get_by_text("Waarom? Per partij")).to_be_visible()
    page.get_by_text(f"{expected.ranking[0].name}: jouw antwoorden naast het programma").click()
    expect(page.get_by_text("Jij: eens (telt dubbel)").first).to_be_visible()
    shot(page, "nl-result")
    assert page.evaluate("document.cookie") == ""
    assert watched.outside == [] and watched.errors == []
    assert all(url.startswith(watched.inside) for url in watched.seen)
    loaded = {url.rsplit("/", 1)[1] for url in watched.seen}  # the watch saw the page's own files
    assert loaded >= {"index.html", "data.js", "matcher.js", "stability.js", "page.js", "style.css"}
    watched.close()


def test_a_voter_completes_the_english_quiz_over_all_programmes(browser, site, quiz):
    watched = Watched(browser, site)
    page = watched.page
    page.goto((site / "index.html").as_uri())
    page.get_by_role("button", name="English").click()
    expect(page.get_by_text(f"{len(quiz.statements)} statements, {len(quiz.parties)} parties.")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Which municipality?")).to_be_visible()
    page.get_by_role("button", name="All municipalities: compare all programmes").click()
    for i, statement in enumerate(quiz.statements):
        expect(page.get_by_text(f"Statement {i + 1} of {len(quiz.statements)}")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(statement.text_en or statement.text)
        page.get_by_role("button", name="agree", exact=True).click()
    shot(page, "en-important")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Your result", exact=True)).to_be_visible()
    expected = stemhulp.match(quiz, {s.id: "agree" for s in quiz.statements})
    first = next(e for e in expected.ranking if e.ranked)
    expect(page.locator("ol.ranking li").first).to_contain_text(f"{first.name}")
    expect(page.locator("ol.ranking li").first).to_contain_text(f"{first.score:.0f}%")
    expect(page.get_by_text("What this result says")).to_be_visible()
    shot(page, "en-result")
    margin = expected.top_margin()
    offer = page.get_by_role("button", name=re.compile(r"^Answer \d+ extra statements? to separate them$"))
    if margin is not None and is_close_call(margin) and quiz.tiebreak_statements:  # as the web quiz offers it
        offer.click()
        count = len(quiz.tiebreak_statements)
        for i, statement in enumerate(quiz.tiebreak_statements):
            expect(page.get_by_text(f"Extra statement {i + 1} of {count}")).to_be_visible()
            expect(page.get_by_role("heading", level=1)).to_have_text(statement.text_en or statement.text)
            page.get_by_role("button", name="disagree", exact=True).click()
        expect(page.get_by_role("heading", name="Your result", exact=True)).to_be_visible()
        answers = {s.id: "agree" for s in quiz.statements} | {s.id: "disagree" for s in quiz.tiebreak_statements}
        after = next(e for e in stemhulp.match(quiz, answers).ranking if e.ranked)
        expect(page.locator("ol.ranking li").first).to_contain_text(f"{after.score:.0f}%")
        expect(offer).to_have_count(0)  # nothing left to answer
    else:
        expect(offer).to_have_count(0)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Jouw uitslag")).to_be_visible()
    assert watched.outside == [] and watched.errors == []
    watched.close()


def test_a_request_outside_the_folder_would_be_caught(browser, site):
    """The watch is not blind: a request for another site's address is recorded and stopped."""
    watched = Watched(browser, site)
    watched.page.goto((site / "index.html").as_uri())
    with pytest.raises(playwright_api.Error):
        watched.page.goto("https://example.org/elsewhere.js")
    assert watched.outside == ["https://example.org/elsewhere.js"]
    watched.close()


@pytest.mark.parametrize(
    ("lang", "start", "next_", "agree"), [("nl", "Begin", "Verder", "eens"), ("en", "Start", "Next", "agree")]
)
def test_a_deal_breaker_on_the_published_site(browser, site, quiz, lang, start, next_, agree):
    """Marked beside statement 1, the deal-breaker takes the programmes against it out of the ranking:
    listed apart, the statement named, in the words Python's notes use."""
    from stemhulp.dialogue.notes import excluded_lines
    from stemhulp.texts.i18n import text

    watched = Watched(browser, site)
    page = watched.page
    page.goto((site / "index.html").as_uri())
    if lang == "en":
        page.get_by_role("button", name="English").click()
    page.get_by_role("button", name=start).click()
    page.get_by_role("button", name="Zwolle", exact=False).click()
    for _ in quiz.statements:
        page.get_by_role("button", name=agree, exact=True).click()
    mark = f"{text(lang, 'dealbreaker_mark')}: 1"
    page.get_by_label(mark, exact=True).check()
    shot(page, f"{lang}-dealbreaker")
    page.get_by_role("button", name=next_).click()
    page.get_by_role("button", name=next_).click()
    zwolle = [p.id for p in quiz.parties if p.municipality == "Zwolle"]
    answers = {s.id: "agree" for s in quiz.statements}
    expected = stemhulp.match(quiz, answers, parties=zwolle, dealbreakers=[quiz.statements[0].id])
    lines = excluded_lines(quiz, expected, lang)
    assert lines, "the bundled quiz has a Zwolle programme against statement 1"
    expect(page.get_by_role("heading", name=text(lang, "excluded_title"))).to_be_visible()
    expect(page.locator("ul.excluded > li")).to_have_count(len(lines))
    for item, line in zip(page.locator("ul.excluded > li").all(), lines, strict=True):
        expect(item).to_have_text(line)
    for entry in expected.excluded:
        expect(page.locator("ol.ranking")).not_to_contain_text(entry.name)
    expect(page.locator("main")).to_contain_text(text(lang, "dealbreaker_rule"))
    shot(page, f"{lang}-dealbreaker-result")
    assert watched.outside == [] and watched.errors == []
    watched.close()


def test_a_branded_site_shows_the_logo_colours_and_privacy_page(browser, quiz, tmp_path):
    """`publish --brand`: the logo as an image, the accent colour on the start button, and the privacy
    page (linked from the footer) in Dutch and English, its markup shown as text; nothing leaves."""
    from stemhulp.formats.brand import load_brand

    from ..helpers import BRAND_ALT, write_brand

    site = tmp_path / "site"
    publish(quiz, site, brand=load_brand(write_brand(tmp_path / "brand")))
    watched = Watched(browser, site)
    page = watched.page
    page.goto((site / "index.html").as_uri())
    logo = page.get_by_role("img", name=BRAND_ALT)
    expect(logo).to_have_attribute("src", "logo.svg")
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")  # loaded, as an image
    start = page.get_by_role("button", name="Begin")
    assert start.evaluate("button => getComputedStyle(button).backgroundColor") == "rgb(122, 31, 92)"
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    shot(page, "brand-intro")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", name="Privacyverklaring")).to_be_visible()
    expect(page.get_by_text("Vragen? <script>alert(1)</script> Mail privacy@voorbeeldstad.example.")).to_be_visible()
    expect(page.get_by_role("heading", name="Privacy statement")).to_be_visible()
    expect(page.get_by_text("This quiz keeps nothing.")).to_be_visible()
    expect(page.get_by_role("img", name=BRAND_ALT)).to_be_visible()
    shot(page, "brand-privacy")
    page.get_by_role("link", name="Back to the quiz").click()
    expect(page.get_by_role("button", name="Begin")).to_be_visible()
    assert watched.outside == [] and watched.errors == []
    watched.close()


def test_overview_download_and_resume_link_from_file(browser, site, quiz):
    """The web quiz's overview, result download and resume link on the published page, in Dutch and
    English: the jump changes an answer, the shortcut keys answer, the HTML, Markdown and JSON files are
    the web quiz's reports made in the page, the link
    opens the same result in a new page, a link of another quiz version gives its error text."""
    import json

    from stemhulp.dialogue.documents import render, report_data
    from stemhulp.quiz.answers import AnswerSet
    from stemhulp.texts.i18n import text

    from .equality import differences

    watched = Watched(browser, site)
    page = watched.page
    page.goto((site / "index.html").as_uri())
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("button", name="Zwolle", exact=False).click()
    for word in ("eens", "oneens", "Overslaan"):
        page.get_by_role("button", name=word, exact=True).click()
    page.get_by_role("button", name="Overzicht").click()
    expect(page.get_by_role("heading", name="Overzicht van je antwoorden")).to_be_visible()
    rows = page.locator("ol.overview > li")
    expect(rows).to_have_count(len(quiz.statements))
    expect(rows.nth(1).locator(".answer")).to_have_text("oneens")
    expect(rows.nth(2).locator(".answer")).to_have_text("overgeslagen")
    expect(rows.nth(3).locator(".answer")).to_have_text("nog niet beantwoord")
    page.get_by_role("button", name="Wijzig: 2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.statements[1].text)
    expect(page.get_by_text("Je antwoord was: oneens")).to_be_visible()
    page.get_by_role("button", name="eens", exact=True).click()
    expect(rows.nth(1).locator(".answer")).to_have_text("eens")  # back on the overview, changed
    shot(page, "nl-overview")
    page.get_by_role("button", name="Verder waar je was").click()
    expect(page.get_by_text(f"Stelling 4 van {len(quiz.statements)}")).to_be_visible()
    # The web quiz's shortcut keys: shown in a line; "e" answers "eens" with the focus on the page.
    expect(page.locator("p.shortcuts")).to_contain_text("e eens · n geen van beide · o oneens · s overslaan · b terug")
    page.get_by_text("Meer informatie").focus()  # a control that is not an answer: the key does nothing
    page.keyboard.press("e")
    page.get_by_role("button", name="Sneltoetsen uit").click()  # switched off, and remembered
    assert page.evaluate("localStorage.getItem('stemhulp-shortcuts')") == "off"
    page.locator("h1").focus()
    page.keyboard.press("e")
    expect(page.get_by_text(f"Stelling 4 van {len(quiz.statements)}")).to_be_visible()
    page.get_by_role("button", name="Sneltoetsen aan").click()
    page.locator("h1").focus()
    for number, _ in enumerate(quiz.statements[3:], start=4):
        expect(page.get_by_text(f"Stelling {number} van {len(quiz.statements)}")).to_be_visible()
        page.keyboard.press("e")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Jouw uitslag")).to_be_visible()
    expect(page.get_by_role("heading", name="Uitslag downloaden")).to_be_visible()

    answers = {s.id: "eens" for s in quiz.statements} | {quiz.statements[2].id: "skip"}
    zwolle = [p.id for p in quiz.parties if p.municipality == "Zwolle"]
    expected = stemhulp.match(quiz, answers, parties=zwolle)
    with page.expect_download() as started:
        page.get_by_role("link", name="Download (JSON)").click()
    download = started.value
    assert download.suggested_filename == "stemhulp-uitslag.json"
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    wanted = json.loads(json.dumps(report_data(expected, quiz, AnswerSet(answers, (), tuple(zwolle)), "nl")))
    assert not differences(wanted.pop("result"), document.pop("result"))
    assert document == wanted  # every answer "eens": the shortcut key's answers were recorded
    with page.expect_download() as started:
        page.get_by_role("link", name="Download (Markdown)").click()
    assert started.value.suggested_filename == "stemhulp-uitslag.md"
    markdown = Path(started.value.path()).read_text(encoding="utf-8")
    assert f"### 4. {quiz.statements[3].text}" in markdown.splitlines()
    assert markdown == render(expected, quiz, AnswerSet(answers, (), tuple(zwolle)), fmt="md", lang="nl")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download (HTML)").click()
    assert started.value.suggested_filename == "stemhulp-uitslag.html"
    page_html = Path(started.value.path()).read_text(encoding="utf-8")
    assert page_html == render(expected, quiz, AnswerSet(answers, (), tuple(zwolle)), fmt="html", lang="nl")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Your result", exact=True)).to_be_visible()
    resume = page.get_by_role("link", name=text("en", "resume"))
    expect(resume).to_be_visible()
    link = resume.get_attribute("href")
    assert link.startswith("#") and "lang=en" in link
    shot(page, "en-result-resume")
    again = watched.context.new_page()
    again.on("pageerror", lambda error: watched.errors.append(str(error)))
    again.goto((site / "index.html").as_uri() + link)
    expect(again.get_by_role("heading", name="Your result", exact=True)).to_be_visible()
    first = next(e for e in expected.ranking if e.ranked)
    expect(again.locator("ol.ranking li").first).to_contain_text(f"{first.name}")
    expect(again.locator("ol.ranking li").first).to_contain_text(f"{first.score:.0f}%")
    again.get_by_role("button", name="Change your answers").click()
    expect(again.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(again.locator("ol.overview > li").nth(2).locator(".answer")).to_have_text("skipped")
    expect(again.locator("ol.overview > li").nth(1).locator(".answer")).to_have_text("agree")

    again.goto((site / "index.html").as_uri() + link.replace("q=", "q=0"))  # another version of the quiz
    again.reload()
    expect(again.get_by_role("heading", level=1)).to_have_text(text("en", "other_quiz"))
    shot(again, "en-resume-other-quiz")
    assert watched.outside == [] and watched.errors == []
    assert all(url.startswith(watched.inside) for url in watched.seen)
    watched.close()
