"""The page flow through TestClient on the mini quiz: one municipality (no choice page), going back,
nothing answered, and the result next to the library's."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")

import stemhulp  # noqa: E402

from ..web.test_api import hidden_fields, make_client  # noqa: E402


@pytest.fixture
def client(mini):
    from stemhulp.web import create_app

    return make_client(create_app(mini))


def press(client, html: str, do: str, **extra) -> str:
    response = client.post("/quiz", data={**hidden_fields(html), "do": do, **extra})
    assert response.status_code == 200, response.text
    return response.text


def heading(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def test_one_municipality_goes_straight_to_the_parties_and_back(client, mini):
    page = press(client, client.get("/").text, "start")
    for do in ("answer:2", "answer:0", "answer:1"):
        page = press(client, page, do)
    assert heading(page) == "Wat vind je extra belangrijk?"
    page = press(client, page, "back", important="0")
    assert "Stelling 3 van 3" in page and "Je antwoord was: geen van beide" in page
    page = press(client, page, "answer:2")
    assert 'value="0" id="imp-0" checked' in page  # the choice made before going back is kept
    page = press(client, page, "next", important="0")
    assert heading(page) == "Welke partijen wil je vergelijken?"  # no municipality page
    page = press(client, page, "next")
    assert "Kies ten minste één partij." in page and " checked" not in page  # none chosen: asked again, none ticked
    page = press(client, page, "next", party=["0", "2"])
    assert heading(page) == "Jouw uitslag"
    chosen = [mini.parties[0].id, mini.parties[2].id]
    expected = stemhulp.match(mini, {"s1": "agree", "s2": "disagree", "s3": "agree"}, important=["s1"], parties=chosen)
    names = re.findall(r'<span class="name">([^<]*)</span>', page)
    assert names == [e.name for e in expected.ranking]
    scores = re.findall(r'<span class="score">([^<]*)</span>', page)
    assert scores == [f"{e.score:.0f}%" for e in expected.ranking]
    page = press(client, page, "back")
    assert 'value="0" id="party-0" checked' in page and 'id="party-1" checked' not in page


def test_nothing_answered_shows_every_party_unranked(client, mini):
    page = press(client, client.get("/?lang=en").text, "start")
    for _ in mini.statements:
        page = press(client, page, "skip")
    assert "You answered no statements" in page
    page = press(client, press(client, page, "next"), "next", party=["0", "1", "2"])
    assert "You have not answered any statement yet; there is no result." in page
    assert page.count("nothing to compare") == len(mini.parties)


def test_back_from_the_first_statement_is_the_introduction(client):
    page = press(client, client.get("/").text, "start")
    assert heading(press(client, page, "back")) == "Mini-stemhulp"


def test_a_server_restart_loses_nothing(mini):
    """The page holds everything: a page from one server process continues on a fresh one."""
    from stemhulp.web import create_app

    first, second = make_client(create_app(mini)), make_client(create_app(mini))
    page = press(first, first.get("/").text, "start")
    page = press(first, page, "answer:2")
    page = press(second, page, "answer:0")
    assert "Stelling 3 van 3" in page
    page = press(second, press(second, press(second, page, "answer:2"), "next"), "next", party=["0", "1", "2"])
    expected = stemhulp.match(mini, {"s1": "agree", "s2": "disagree", "s3": "agree"})
    assert re.findall(r'<span class="name">([^<]*)</span>', page) == [e.name for e in expected.ranking]


def test_the_resume_link_reopens_the_same_page(client, mini):
    page = press(client, press(client, client.get("/").text, "start"), "answer:2")
    link = re.search(r'<a href="(/quiz\?[^"]+)">Later verder', page).group(1).replace("&amp;", "&")
    again = client.get(link)
    assert again.status_code == 200 and "Stelling 2 van 3" in again.text
    assert hidden_fields(again.text) == hidden_fields(page)
    assert client.get("/quiz?a=bad").status_code == 400


def test_page_titles_are_plain_text(client):
    page = press(client, client.get("/").text, "start")
    assert re.search(r"<title>([^<]*)</title>", page).group(1) == "Stelling 1 van 3 · Mini-stemhulp"


def test_the_drill_down_and_the_parties_view_are_steps_the_page_carries(client, mini):
    """Open a party from the result, a statement's parties from there, close back; a statement's own
    parties' view returns to that statement; a party that is not compared is refused."""
    page = press(client, client.get("/").text, "start")
    page = press(client, page, "answer:2")
    page = press(client, page, "stances")
    assert hidden_fields(page)["view"] == "stances" and "Wat vinden de partijen? Stelling 2" in page
    page = press(client, page, "close")
    assert "Stelling 2 van 3" in page
    for do in ("answer:0", "answer:1"):
        page = press(client, page, do)
    page = press(client, press(client, page, "next"), "next", party=["0", "2"])
    result = page
    page = press(client, page, "party:2")
    fields = hidden_fields(page)
    assert (fields["view"], fields["n"]) == ("party", "2")
    assert heading(page) == f"{mini.parties[2].name}: jouw antwoorden naast het programma"
    again = press(client, client.get("/quiz?" + "&".join(f"{k}={v}" for k, v in fields.items())).text, "close")
    assert heading(again) == "Jouw uitslag"  # a saved link of the party page reopens it
    page = press(client, page, "stances:1")
    assert hidden_fields(page)["view"] == "result-stances" and "Stelling 2" in page
    assert page.count("<li><strong>") == 2  # the compared parties only
    assert heading(press(client, page, "back")) == "Jouw uitslag"
    assert heading(press(client, page, "close")) == "Jouw uitslag"
    refused = client.post("/quiz", data={**hidden_fields(result), "do": "party:1"})
    assert refused.status_code == 400 and "Deze pagina klopt niet" in refused.text
    tampered = client.post("/quiz", data={**fields, "n": "1", "do": "close"})
    assert tampered.status_code == 400 and "not one of the compared parties" in tampered.text
    wrong_step = client.post("/quiz", data={**hidden_fields(result), "do": "close"})
    assert wrong_step.status_code == 400
