"""The adaptive web quiz (`stemhulp serve --adaptive`): the page flow through TestClient, and a person
in Debian's chromium (Playwright) reading what the pages say: it may stop early, the count of
questions asked, the early stop, and the way on to the full set."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("starlette")

import stemhulp  # noqa: E402
from stemhulp.matching.adaptive import MIN_ANSWERS  # noqa: E402

from ..helpers import even_quiz_document  # noqa: E402
from .test_api import hidden_fields, make_client  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TOTAL = len(even_quiz_document()["statements"])


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(even_quiz_document())


def _press(client, html: str, do: str, **extra) -> str:
    response = client.post("/quiz", data={**hidden_fields(html), "do": do, **extra})
    assert response.status_code == 200, response.text
    return response.text


def _progress(html: str) -> str:
    return re.search(r'class="progress"[^>]*>(.*?)<', html, re.S).group(1)


def test_the_adaptive_pages_stop_early_go_on_and_step_back_in_the_order_asked(quiz):
    from stemhulp.web import create_app

    client = make_client(create_app(quiz, adaptive=True))
    page = _press(client, client.get("/").text, "start")
    for number in range(1, MIN_ANSWERS + 1):
        assert _progress(page).startswith(f"Vraag {number} · stelling {number} van {TOTAL}")
        page = _press(client, page, "answer:2")
    assert f"Je topadvies staat vast na {MIN_ANSWERS} van de {TOTAL} stellingen" in page
    page = _press(client, _press(client, page, "next"), "next", party=["0", "1", "2"])
    assert "Jouw uitslag" in page and f"De andere {TOTAL - MIN_ANSWERS} stellingen ook beantwoorden" in page
    page = _press(client, page, "go_on")
    assert _progress(page).startswith(f"Vraag {MIN_ANSWERS + 1} · stelling {MIN_ANSWERS + 1} van {TOTAL}")
    assert hidden_fields(page)["g"] == "1"
    page = _press(client, page, "back")
    assert _progress(page).startswith(f"Vraag {MIN_ANSWERS} · stelling {MIN_ANSWERS} van {TOTAL}")


def test_a_plain_server_asks_in_quiz_order_and_refuses_go_on(quiz):
    from stemhulp.web import create_app

    client = make_client(create_app(quiz))
    page = client.get("/").text
    assert "eerder stoppen" not in page
    page = _press(client, page, "start")
    for _ in range(MIN_ANSWERS):
        page = _press(client, page, "answer:2")
    assert _progress(page).startswith(f"Stelling {MIN_ANSWERS + 1} van {TOTAL}")
    response = client.post("/quiz", data={**hidden_fields(page), "view": "result", "do": "go_on"})
    assert response.status_code == 400


def test_a_tampered_order_field_is_a_clear_400(quiz):
    from stemhulp.web import create_app

    client = make_client(create_app(quiz, adaptive=True))
    page = _press(client, client.get("/").text, "start")
    response = client.post("/quiz", data={**hidden_fields(page), "k": "99", "do": "answer:2"})
    assert response.status_code == 400 and "k:" in response.text


@pytest.fixture(scope="module")
def adaptive_url(quiz) -> Iterator[str]:
    import uvicorn

    from stemhulp.web import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(quiz, adaptive=True), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed")
def test_a_person_in_the_browser_is_told_it_may_stop_sees_it_stop_and_goes_on(adaptive_url):
    playwright_api = pytest.importorskip("playwright.sync_api")
    expect = playwright_api.expect
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        page.goto(adaptive_url + "/?lang=en")
        expect(page.locator("main")).to_contain_text("the quiz may stop early")
        expect(page.locator("main")).to_contain_text(f"you can always go on to all {TOTAL} statements")
        page.get_by_role("button", name="Start").click()
        for number in range(1, MIN_ANSWERS + 1):
            expect(page.locator(".progress")).to_contain_text(f"Question {number} · statement {number} of {TOTAL}")
            page.get_by_role("button", name="agree", exact=True).click()
        expect(page.locator("main")).to_contain_text(
            f"Your top advice is firm after {MIN_ANSWERS} of the {TOTAL} statements"
        )
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Next").click()
        expect(page.locator("h1")).to_have_text("Your result")
        go_on = page.get_by_role("button", name=f"Answer the other {TOTAL - MIN_ANSWERS} statements too")
        expect(go_on).to_be_visible()
        go_on.click()
        expect(page.locator(".progress")).to_contain_text(f"Question {MIN_ANSWERS + 1} · statement")
        browser.close()
