"""The web quiz as a person uses it: Debian's chromium (headless, through Playwright) against a real
uvicorn server on a free loopback port. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
playwright_api = pytest.importorskip("playwright.sync_api")

import stemhulp  # noqa: E402
from tests.paths import ARTIFACTS as ARTIFACTS_DIR  # noqa: E402

from ..web.web_quiz import HOSTILE, web_document  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ARTIFACTS_DIR
expect = playwright_api.expect

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


@pytest.fixture(scope="module")
def base_url(quiz) -> Iterator[str]:
    """A uvicorn server in a thread, on a free loopback port, for the whole module."""
    from stemhulp.web import create_app

    with serving(create_app(quiz)) as url:
        yield url


@contextlib.contextmanager
def serving(app) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free loopback port; its address, until closed."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def shots(request) -> Path:
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser, **options):
    """A fresh context; every console error (a CSP violation, a script error) is collected."""
    context = browser.new_context(accept_downloads=True, **options)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def answer(page, label: str, progress: str) -> None:
    expect(page.locator(".progress")).to_contain_text(progress)
    page.get_by_role("button", name=label, exact=True).click()


def take_main_statements(page, labels: list[str], word: str, total: int) -> None:
    for number, label in enumerate(labels, start=1):
        answer(page, label, f"{word} {number} {'van' if word == 'Stelling' else 'of'} {total}")


def test_dutch_whole_quiz(browser, base_url, quiz, shots):
    page = new_page(browser)
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teststemhulp")
    page.screenshot(path=shots / "1-intro.png")
    page.get_by_role("button", name="Begin").click()

    # The municipality first, before any statement.
    expect(page.get_by_role("heading", name="Welke gemeente?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Aadorp (2 programma's: Partij A, Partij B)")
    page.get_by_label(re.compile("^Aadorp")).check()
    page.get_by_role("button", name="Verder").click()

    # Statement 1, then back to it: the earlier answer is shown.
    answer(page, "eens", "Stelling 1 van 4")
    expect(page.locator(".progress")).to_contain_text("Stelling 2 van 4")
    page.get_by_role("button", name="Terug").click()
    expect(page.locator(".progress")).to_contain_text("Stelling 1 van 4")
    expect(page.locator(".previous")).to_have_text("Je antwoord was: eens")
    answer(page, "eens", "Stelling 1 van 4")

    # Statement 2: more information and the parties' views, then skip it.
    page.get_by_text("Meer informatie").click()
    expect(page.get_by_text("Uitleg bij stelling 2.")).to_be_visible()
    expect(page.get_by_text("Voor 2.")).to_be_visible()
    page.screenshot(path=shots / "2-statement-info.png", full_page=True)
    page.get_by_role("button", name="Wat vinden de partijen?").click()  # a step of the dialogue: its own page
    expect(page.locator(".progress")).to_have_text("Wat vinden de partijen? Stelling 2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stelling 2: mantelzorgers krijgen een waardering")
    expect(page.get_by_text("Citaat van a over s2")).to_be_visible()
    expect(page.locator(".stances")).to_contain_text(HOSTILE)  # shown as text, never run
    page.screenshot(path=shots / "2-statement-parties.png", full_page=True)
    page.get_by_role("button", name="Terug naar de stelling").click()
    answer(page, "Overslaan", "Stelling 2 van 4")
    answer(page, "eens", "Stelling 3 van 4")
    answer(page, "geen van beide", "Stelling 4 van 4")

    # Extra important: statement 1 counts double.
    expect(page.get_by_role("heading", name="Wat vind je extra belangrijk?")).to_be_visible()
    expect(page.get_by_label(re.compile("^2\\."))).to_have_count(0)  # skipped: not offered
    page.get_by_label(re.compile("^1\\. Stelling 1")).check()
    page.get_by_role("button", name="Verder").click()

    # The parties standing in Aadorp.
    expect(page.get_by_role("checkbox")).to_have_count(2)
    page.screenshot(path=shots / "3-parties.png")
    page.get_by_role("button", name="Verder").click()

    # The result: A and B share the first place, so the tie-break statements are offered.
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    ranking = page.locator("ol.ranking > li")
    expect(ranking).to_have_count(2)
    expect(ranking.nth(0).locator(".rank")).to_have_text("1=")
    expect(ranking.nth(1).locator(".rank")).to_have_text("1=")
    expect(ranking.nth(0)).to_contain_text("gedeelde plaats")
    expect(page.locator("main")).to_contain_text("De bovenste twee partijen staan gelijk.")
    expect(page.locator("main")).not_to_contain_text("top_share")
    expected = stemhulp.match(
        quiz, {"s1": "eens", "s2": "skip", "s3": "eens", "s4": "neutraal"}, important=["s1"], parties=["a", "b"]
    )
    expect(ranking.nth(0).locator(".score")).to_have_text(f"{expected.ranking[0].score:.0f}%")
    page.screenshot(path=shots / "4-result-tie.png", full_page=True)
    page.get_by_role("button", name=re.compile("Beantwoord 2 extra stellingen")).click()
    answer(page, "eens", "Extra stelling 1 van 2")
    answer(page, "eens", "Extra stelling 2 van 2")

    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    expect(ranking.nth(0).locator(".name")).to_have_text("Partij A")
    expect(ranking.nth(0).locator(".rank")).to_have_text("1.")
    # Drill-down: the party's quote and the coder's note, and the per-theme view.
    expect(page.locator("table.themes")).to_contain_text("Wonen")
    page.get_by_role("button", name="Partij A: jouw antwoorden naast het programma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partij A: jouw antwoorden naast het programma")
    party = page.locator("main")
    expect(party).to_contain_text("Citaat van a over s1")
    expect(party).to_contain_text("Twijfelachtige codering")
    expect(party).to_contain_text("telt dubbel")
    page.screenshot(path=shots / "5-result-drilldown.png", full_page=True)
    # From the drill-down: what all compared parties think of a tie-break statement, then back to the result.
    page.get_by_role("button", name="Wat vinden de partijen? +1").click()
    expect(page.locator(".progress")).to_have_text("Wat vinden de partijen? Stelling +1")
    expect(page.locator(".stances")).to_contain_text("Citaat van b over t1")
    expect(page.locator(".stances > li")).to_have_count(2)  # the compared parties only
    page.get_by_role("button", name="Terug naar je uitslag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")

    # Download: the JSON is the library's result for the same answers.
    page.get_by_label("Bestandsformaat").select_option("json")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    downloaded = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    answers = {"s1": "agree", "s2": "skip", "s3": "agree", "s4": "neutral", "t1": "agree", "t2": "agree"}
    assert downloaded["result"] == stemhulp.match(quiz, answers, important=["s1"], parties=["a", "b"]).to_dict()
    assert info.value.suggested_filename == "stemhulp-uitslag.json"
    assert page.errors == []


def test_english_all_programmes(browser, base_url, shots):
    page = new_page(browser)
    page.goto(base_url + "/")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test voting aid")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("All municipalities: compare all programmes").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement 1: the municipality pays for home help")
    for number in range(1, 5):
        answer(page, "agree" if number != 3 else "disagree", f"Statement {number} of 4")
    expect(page.get_by_role("heading", name="Which statements matter most to you?")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("checkbox")).to_have_count(4)
    page.get_by_label(re.compile("^Partij C")).uncheck()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    names = page.locator("ol.ranking .name").all_text_contents()
    assert sorted(names) == sorted(["Partij A", "Partij B", HOSTILE])
    expect(page.locator("ol.ranking")).to_contain_text("takes a position on 2 of your 4 answers")
    expect(page.locator("main")).to_contain_text("This compares programmes from different municipalities")
    # The language can change mid-way and the answers stay.
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    page.get_by_role("button", name="English").click()
    page.get_by_label("File format").select_option("md")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    assert info.value.suggested_filename == "stemhulp-result.md"
    assert "Partij A" in Path(info.value.path()).read_text(encoding="utf-8")
    page.screenshot(path=shots / "result-en.png", full_page=True)
    assert page.errors == []


def test_phone_width_and_keyboard(browser, base_url, shots):
    page = new_page(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.get_by_role("button", name="Begin").click()
    page.get_by_role("button", name="Verder").click()  # all municipalities
    page.screenshot(path=shots / "statement-360.png", full_page=True)
    # The keys: Tab reaches the first answer; the shortcut keys answer too.
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="eens", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".progress")).to_contain_text("Stelling 2 van 4")
    for key, number in (("o", 2), ("n", 3), ("s", 4)):
        expect(page.locator(".progress")).to_contain_text(f"Stelling {number} van 4")
        page.keyboard.press(key)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    page.get_by_role("button", name=re.compile("jouw antwoorden naast het programma")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("jouw antwoorden naast het programma")
    page.screenshot(path=shots / "result-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.errors == []


def test_without_javascript(browser, base_url, quiz, shots):
    page = new_page(browser, java_script_enabled=False)
    page.goto(base_url + "/?lang=en")
    page.get_by_role("button", name="Start").click()
    page.get_by_label(re.compile("^Beestad")).check()
    page.get_by_role("button", name="Next").click()
    answer(page, "agree", "Statement 1 of 4")
    page.get_by_role("button", name="Back").click()
    answer(page, "disagree", "Statement 1 of 4")
    for number in (2, 3, 4):
        answer(page, "Skip" if number == 2 else "neither", f"Statement {number} of 4")
    page.get_by_label(re.compile("^1\\. Statement 1")).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    page.get_by_role("button", name=re.compile("Partij C: your answers")).click()
    expect(page.locator("main")).to_contain_text("Citaat van c over s1")
    page.get_by_role("button", name="Back to your result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    page.screenshot(path=shots / "result-nojs.png", full_page=True)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    assert info.value.suggested_filename == "stemhulp-result.html"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Partij C" in text and "<script>alert" not in text
    expected = stemhulp.match(
        quiz, {"s1": "oneens", "s2": "skip", "s3": "neutraal", "s4": "neutraal"}, important=["s1"], parties=["c", "d"]
    )
    first = page.locator("ol.ranking > li").first
    expect(first.locator(".name")).to_have_text(expected.ranking[0].name)
    expect(first.locator(".score")).to_have_text(f"{expected.ranking[0].score:.0f}%")


def test_no_serious_accessibility_violations(browser, base_url, shots):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = new_page(browser, bypass_csp=True)  # axe-core is injected as a script

    def check(name: str) -> None:
        for details in page.locator("details").all():
            details.evaluate("element => element.open = true")
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        page.screenshot(path=shots / f"{name}.png", full_page=True)
        assert not serious, f"{name}: " + "; ".join(f"{v['id']}: {v['help']}" for v in serious)

    page.goto(base_url + "/")
    check("intro")
    page.get_by_role("button", name="Begin").click()
    check("municipality")
    page.get_by_role("button", name="Verder").click()
    check("statement")
    page.get_by_role("button", name="Wat vinden de partijen?").click()
    check("statement-parties")
    page.get_by_role("button", name="Terug naar de stelling").click()
    for label in ("eens", "oneens", "geen van beide", "eens"):
        page.get_by_role("button", name=label, exact=True).click()
    check("important")
    page.get_by_role("button", name="Overzicht").click()
    check("overview")
    page.get_by_role("button", name="Verder waar je was").click()
    page.get_by_role("button", name="Verder").click()
    check("parties")
    page.get_by_role("button", name="Verder").click()
    check("result")
    page.get_by_role("button", name=re.compile("jouw antwoorden naast het programma")).first.click()
    check("party")
    page.get_by_role("button", name="Wat vinden de partijen? 1", exact=True).click()
    check("result-statement-parties")
    page.get_by_role("button", name="Terug naar je uitslag").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    saved = shots / "saved.html"
    info.value.save_as(saved)
    page.goto(saved.resolve().as_uri())  # the saved HTML result
    check("saved-html")


def fits(page, width: int, name: str) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} at {width} px scrolls sideways ({scroll} px wide)"


@pytest.mark.parametrize("width", [320, 390])
def test_every_page_and_the_saved_html_fit_a_phone(browser, base_url, shots, width):
    """Each page at 320 and 390 px: what it says, no sideways scrolling, the first action on the first screen."""
    page = new_page(browser, viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True)
    page.goto(base_url + "/")
    begin = page.get_by_role("button", name="Begin")
    box = begin.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 640, "Begin is below the first screen"
    expect(page.locator("main")).to_contain_text("4 stellingen, 4 partijen.")
    fits(page, width, "intro")
    begin.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welke gemeente?")
    fits(page, width, "municipality")
    page.get_by_role("button", name="Verder").click()
    for number, label in enumerate(("eens", "oneens", "eens", "geen van beide"), start=1):
        expect(page.locator(".progress")).to_contain_text(f"Stelling {number} van 4")
        fits(page, width, f"statement {number}")
        page.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat vind je extra belangrijk?")
    fits(page, width, "important")
    page.get_by_role("button", name="Overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van je antwoorden")
    fits(page, width, "overview")
    page.get_by_role("button", name="Verder waar je was").click()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welke partijen wil je vergelijken?")
    fits(page, width, "parties")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    expect(page.locator("main")).to_contain_text("een vergelijking van programma's uit verschillende gemeenten")
    for details in page.locator("details").all():
        details.evaluate("element => element.open = true")
    page.screenshot(path=shots / f"result-{width}.png", full_page=True)
    fits(page, width, "result")
    page.get_by_role("button", name="Partij A: jouw antwoorden naast het programma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partij A: jouw antwoorden naast het programma")
    fits(page, width, "party")
    page.get_by_role("button", name="Wat vinden de partijen? 3", exact=True).click()
    expect(page.locator(".progress")).to_have_text("Wat vinden de partijen? Stelling 3")
    fits(page, width, "statement parties")
    page.get_by_role("button", name="Terug naar je uitslag").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    saved = shots / "saved.html"
    info.value.save_as(saved)
    page.goto(saved.resolve().as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag: Teststemhulp")
    expect(page.locator("table")).to_contain_text("Partij A")
    page.screenshot(path=shots / f"saved-{width}.png", full_page=True)
    fits(page, width, "saved HTML result")
    assert page.errors == []


@pytest.mark.parametrize(
    ("lang", "line", "agree", "skip_link"),
    [("nl", "e eens", "e", "Meer informatie"), ("en", "a agree", "a", "More information")],
)
def test_shortcuts_are_shown_localised_off_in_other_controls_and_switchable(
    browser, base_url, lang, line, agree, skip_link
):
    page = new_page(browser)
    page.goto(f"{base_url}/?lang={lang}")
    page.locator("form button.primary").click()
    page.locator("form button.primary").click()  # all municipalities
    expect(page.locator("p.shortcuts")).to_contain_text(line)
    progress = page.locator(".progress")
    first = "Stelling 1" if lang == "nl" else "Statement 1"
    second = "Stelling 2" if lang == "nl" else "Statement 2"
    page.get_by_text(skip_link).focus()  # a control that is not an answer: the key does nothing
    page.keyboard.press(agree)
    expect(progress).to_contain_text(first)
    page.get_by_role("button", name=re.compile("Sneltoetsen uit|Shortcuts off")).click()  # switched off
    page.locator("h1").focus()
    page.keyboard.press(agree)
    expect(progress).to_contain_text(first)
    page.get_by_role("button", name=re.compile("Sneltoetsen aan|Shortcuts on")).click()
    page.locator("h1").focus()
    page.keyboard.press(agree)
    expect(progress).to_contain_text(second)
    assert page.errors == []


def test_the_overview_jumps_to_any_answer_from_the_result(browser, base_url):
    page = new_page(browser)
    page.goto(base_url + "/")
    page.get_by_role("button", name="Begin").click()
    page.get_by_label(re.compile("^Beestad")).check()
    page.get_by_role("button", name="Verder").click()
    for label in ("eens", "eens", "eens", "eens"):
        page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    page.get_by_role("button", name="Antwoorden aanpassen").click()
    overview = page.locator("ol.overview > li")
    expect(overview).to_have_count(4)
    expect(overview.nth(2)).to_contain_text("eens")
    page.get_by_role("button", name="Wijzig: 3").click()
    expect(page.locator(".progress")).to_contain_text("Stelling 3 van 4")
    page.get_by_role("button", name="oneens", exact=True).click()
    expect(overview.nth(2)).to_contain_text("oneens")
    page.get_by_role("button", name="Verder waar je was").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw uitslag")
    assert page.errors == []


def test_a_saved_link_of_another_quiz_version_is_refused(browser, base_url):
    page = new_page(browser)
    page.goto(base_url + "/quiz?lang=nl&a=2222--&i=000000&view=statement&n=1&q=00000000")
    expect(page.get_by_role("heading", level=1)).to_contain_text("hoort bij een andere versie van de stemhulp")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "nl",
            {
                "start": "Begin",
                "next": "Verder",
                "agree": "eens",
                "disagree": "oneens",
                "progress": "Stelling {n} van 4",
                "mark": "breekpunt: 1",
                "title": "Uitgesloten door je breekpunten",
                "line": "Partij C: staat aan de andere kant van je breekpunt stelling 1 (Stelling 1: de gemeente "
                "betaalt de huishoudelijke hulp — jij: eens, de partij: oneens)",
                "rule": "Neutraal of geen standpunt sluit niet uit.",
            },
        ),
        (
            "en",
            {
                "start": "Start",
                "next": "Next",
                "agree": "agree",
                "disagree": "disagree",
                "progress": "Statement {n} of 4",
                "mark": "deal-breaker: 1",
                "title": "Excluded by your deal-breakers",
                "line": "Partij C: on the other side of your deal-breaker statement 1 (Statement 1: the municipality "
                "pays for home help — you: agree, the party: disagree)",
                "rule": "Neutral or no stance does not exclude.",
            },
        ),
    ],
)
def test_a_deal_breaker_in_the_web_quiz(browser, base_url, quiz, shots, lang, words):
    """Marked on the important page, the deal-breaker takes Partij C (against statement 1, which you
    agree with) out of the ranking: listed apart under its own heading with the statement named."""
    page = new_page(browser)
    page.goto(f"{base_url}/?lang={lang}")
    page.get_by_role("button", name=words["start"]).click()
    page.get_by_label(re.compile("^Beestad")).check()
    page.get_by_role("button", name=words["next"]).click()
    for number, key in enumerate(("agree", "agree", "agree", "disagree"), start=1):
        answer(page, words[key], words["progress"].format(n=number))
    page.get_by_label(words["mark"], exact=True).check()
    page.screenshot(path=shots / "important-dealbreaker.png", full_page=True)
    page.get_by_role("button", name=words["next"]).click()
    page.get_by_role("button", name=words["next"]).click()
    expect(page.get_by_role("heading", name=words["title"])).to_be_visible()
    expect(page.locator("ul.excluded > li")).to_have_count(1)
    expect(page.locator("ul.excluded > li")).to_contain_text(words["line"])
    expect(page.locator("ol.ranking")).not_to_contain_text("Partij C")
    expect(page.locator("ol.ranking > li")).to_have_count(1)
    expect(page.locator("main")).to_contain_text(words["rule"])
    expected = stemhulp.match(
        quiz, {"s1": "agree", "s2": "agree", "s3": "agree", "s4": "disagree"}, parties=["c", "d"], dealbreakers=["s1"]
    )
    assert [e.party for e in expected.excluded] == ["c"]
    page.screenshot(path=shots / "result-dealbreaker.png", full_page=True)
    assert page.errors == []


def test_a_branded_server_shows_the_logo_colours_and_privacy_page(browser, quiz, shots, tmp_path):
    """`serve --brand`: the logo as an image, the accent colour on the start button, and the privacy
    page from the footer in Dutch, then in English; its markup shown as text."""
    from stemhulp.formats.brand import load_brand
    from stemhulp.web import create_app

    from ..helpers import BRAND_ALT, write_brand

    with serving(create_app(quiz, brand=load_brand(write_brand(tmp_path / "brand")))) as url:
        page = new_page(browser)
        page.goto(url + "/")
        logo = page.get_by_role("img", name=BRAND_ALT)
        expect(logo).to_have_attribute("src", "/brand/logo.svg")
        assert logo.evaluate("image => image.complete && image.naturalWidth > 0")  # loaded, as an image
        start = page.get_by_role("button", name="Begin")
        assert start.evaluate("button => getComputedStyle(button).backgroundColor") == "rgb(122, 31, 92)"
        page.screenshot(path=shots / "intro.png")
        page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Privacyverklaring")
        expect(
            page.get_by_text("Vragen? <script>alert(1)</script> Mail privacy@voorbeeldstad.example.")
        ).to_be_visible()
        page.screenshot(path=shots / "privacy-nl.png")
        page.get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Privacy statement")
        expect(page.get_by_text("This quiz keeps nothing.")).to_be_visible()
        page.screenshot(path=shots / "privacy-en.png")
        page.get_by_role("link", name="Back to the quiz").click()
        expect(page.get_by_role("button", name="Start")).to_be_visible()
        assert page.errors == []
        page.context.close()
        from axe_playwright_python.sync_playwright import Axe

        checked = new_page(browser, bypass_csp=True)  # axe-core is injected as a script
        for address in ("/", "/privacy?lang=en"):
            checked.goto(url + address)
            violations = Axe().run(checked).response["violations"]
            assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")], address
        checked.context.close()
