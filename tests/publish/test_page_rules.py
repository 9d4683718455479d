"""The published page's own decisions, compared with Python's over many random states in one Node
process per quiz: which notes show under a result (`dialogue.notes.result_notes`), the downloaded
report (`dialogue.documents.report_data`, the web quiz's JSON download) and its Markdown and HTML
(`dialogue.documents.render`, fmt "md" and "html"), and reading a resume link
(`web.state.FlowState`). Each comparison is shown failing once on a broken copy of the page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

import stemhulp
from stemhulp.dialogue.documents import render, report_data
from stemhulp.dialogue.notes import result_notes
from stemhulp.matching.facade import municipality_parties
from stemhulp.matching.matcher import Matcher
from stemhulp.publish import publish
from stemhulp.quiz.answers import AnswerSet
from stemhulp.web.state import FlowState

from .equality import differences, random_requests
from .test_equality import NODE, needs_node

PAGE_RUNNER = Path(__file__).parent / "page_runner.js"
NOTES_PER_QUIZ = 50  # 14 quizzes: 700 random results, each in both languages
REPORTS_PER_QUIZ = 15
DOCUMENTS_PER_QUIZ = 15  # 14 quizzes: 210 random results, each in both languages


def run_page(folder: Path, jobs: dict[str, Any], scratch: Path) -> dict[str, Any]:
    path = scratch / "jobs.json"
    path.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run([NODE, str(PAGE_RUNNER), str(folder), str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def python_result(quiz: Any, request: dict[str, Any], matchers: dict[Any, Matcher]) -> Any:
    """The result POST /api/v1/match computes for `request` (as equality.PythonSide, as an object)."""
    key = (request["method"], request["missing"], request.get("salience", False))
    if key not in matchers:
        matchers[key] = Matcher(quiz, *key)
    parties = municipality_parties(quiz, request.get("municipality"), request.get("parties"))
    return matchers[key].match(
        request["answers"],
        important=request.get("important", []),
        parties=parties,
        dealbreakers=request.get("dealbreakers", []),
    )


def page_requests(quiz: Any, count: int, seed: int) -> list[dict[str, Any]]:
    """Random requests as the page makes them: important marks only on given answers, in quiz order."""
    order = [s.id for s in [*quiz.statements, *quiz.tiebreak_statements]]
    requests = random_requests(quiz, count, seed)
    for request in requests:
        given = {k for k, v in request["answers"].items() if v != "skip"}
        for key in ("important", "dealbreakers"):
            if key in request:
                request[key] = [i for i in order if i in set(request[key]) and (key == "dealbreakers" or i in given)]
    return requests


def compare_notes(sites, scratch: Path, count: int, reports: bool = False) -> tuple[int, list[Any]]:
    """Python's notes (and reports) against the page's; how many results were compared, and the differences."""
    compared, wrong = 0, []
    for n, (name, (quiz, folder)) in enumerate(sites.items()):
        requests = page_requests(quiz, count, seed=1000 + n)
        got = run_page(folder, {"requests": requests, "reports": reports}, scratch)["results"]
        matchers: dict[Any, Matcher] = {}
        for request, mine in zip(requests, got, strict=True):
            result = python_result(quiz, request, matchers)
            for lang in ("nl", "en"):
                if result_notes(quiz, result, lang) != mine[lang]["notes"]:
                    wrong.append((name, request, lang, result_notes(quiz, result, lang), mine[lang]["notes"]))
                if reports:
                    answers = AnswerSet(request["answers"], tuple(request.get("important", ())), None)
                    expected = json.loads(json.dumps(report_data(result, quiz, answers, lang)))
                    report = mine[lang]["report"]
                    if differences(expected.pop("result"), report.pop("result")) or expected != report:
                        keys = [k for k in expected if expected[k] != report.get(k)]
                        wrong.append((name, request, lang, "report", keys))
            compared += 1
    return compared, wrong


@needs_node
def test_the_page_shows_the_notes_python_shows(sites, tmp_path):
    compared, wrong = compare_notes(sites, tmp_path, NOTES_PER_QUIZ)
    assert not wrong, wrong[:3]
    assert compared >= 700


@needs_node
def test_the_download_is_the_web_quizs_report(sites, tmp_path):
    compared, wrong = compare_notes(sites, tmp_path, REPORTS_PER_QUIZ, reports=True)
    assert not wrong, wrong[:3]
    assert compared >= 200


@needs_node
def test_a_broken_copy_of_the_notes_rule_is_caught(sites, tmp_path):
    """The comparison can fail: a page that withholds the stability figure at exactly 10 answers,
    drops the election-year note or the deal-breaker notes disagrees somewhere."""
    for old, new in [
        (
            "if (answered < data.rules.min_answers_for_stability)",
            "if (answered <= data.rules.min_answers_for_stability)",
        ),
        ("if (new Set(found.map(([, year]) => year)).size > 1)", "if (false)"),
        ("if (result.dealbreakers.length) {", "if (false) {"),
    ]:
        wrong: list[Any] = []
        for name, (quiz, folder) in sites.items():  # quiz by quiz, until one tells the copy apart
            copy = tmp_path / "broken" / name
            shutil.copytree(folder, copy, dirs_exist_ok=True)
            code = (copy / "page.js").read_text(encoding="utf-8")
            assert code.count(old) == 1, old
            (copy / "page.js").write_text(code.replace(old, new), encoding="utf-8")
            wrong += compare_notes({name: (quiz, copy)}, tmp_path, NOTES_PER_QUIZ)[1]
            if wrong:
                break
        assert wrong, f"no state told {new!r} apart"


HOSTILE = [
    "a | b * c _d_ [x](javascript:alert(1)) <script>&amp; #1 ~2~ !`e` \\ (f) 'single' \"double\" $title",
    "Clear \x1b[2J \u202eevil\u202c tab\there\nnew  line\u00a0nbsp\u2028sep\u2029par\ufeffbom\x85nel\x0bvt\r\x7f",
    "  padded  \u3000ideographic\u2003em  ",
]


def _hostile_quiz() -> Any:
    """The mini quiz with markup, Markdown punctuation, control characters and odd spaces in every
    text the Markdown report shows: its escaping must be Python's, character for character."""
    from stemhulp.formats.exchange import quiz_to_exchange

    from ..paths import FIXTURES

    document = quiz_to_exchange(stemhulp.load(FIXTURES / "mini"))
    document["id"] = "hostile_quiz|*"
    document["title"] = f"Titel {HOSTILE[0]}"
    for n, statement in enumerate([*document["statements"], *document["tiebreak_statements"]]):
        for field in ("theme", "text", "theme_en", "text_en"):
            statement[field] = f"{statement.get(field) or field} {HOSTILE[(n + len(field)) % len(HOSTILE)]}"
    for n, party in enumerate(document["parties"]):
        party["name"] = f"{party['name']} {HOSTILE[n % len(HOSTILE)]}"
    for n, position in enumerate(document["positions"]):
        for k, field in enumerate(("quote", "note", "note_en", "explanation")):
            if (n + k) % 3:
                position[field] = f"{field} {HOSTILE[(n + k) % len(HOSTILE)]}"
    return stemhulp.load(document)


@pytest.fixture(scope="module")
def document_sites(sites, tmp_path_factory) -> dict[str, tuple[Any, Path]]:
    quiz = _hostile_quiz()
    folder = tmp_path_factory.mktemp("page") / "hostile"
    publish(quiz, folder)
    return {**sites, "hostile": (quiz, folder)}


def compare_documents(sites, scratch: Path, count: int) -> tuple[int, list[Any]]:
    """Python's Markdown and HTML reports against the page's for random results; how many compared,
    and the differences."""
    compared, wrong = 0, []
    for n, (name, (quiz, folder)) in enumerate(sites.items()):
        requests = page_requests(quiz, count, seed=3000 + n)
        got = run_page(folder, {"requests": requests, "markdown": True}, scratch)["results"]
        matchers: dict[Any, Matcher] = {}
        for request, mine in zip(requests, got, strict=True):
            result = python_result(quiz, request, matchers)
            answers = AnswerSet(request["answers"], tuple(request.get("important", ())), None)
            for lang in ("nl", "en"):
                for fmt, key in (("md", "markdown"), ("html", "html")):
                    expected = render(result, quiz, answers, fmt=fmt, lang=lang)
                    if expected != mine[lang][key]:
                        wrong.append((name, lang, fmt, _first_difference(expected, mine[lang][key])))
            compared += 1
    return compared, wrong


def _first_difference(expected: str, got: str) -> tuple[str, str]:
    pairs = zip(expected.splitlines(), got.splitlines(), strict=False)
    return next(((a, b) for a, b in pairs if a != b), (f"{len(expected)} chars", f"{len(got)} chars"))


@needs_node
def test_the_markdown_and_html_downloads_are_the_web_quizs(document_sites, tmp_path):
    compared, wrong = compare_documents(document_sites, tmp_path, DOCUMENTS_PER_QUIZ)
    assert not wrong, wrong[:3]
    assert compared >= 200


@needs_node
def test_a_broken_copy_of_the_markdown_or_html_is_caught(document_sites, tmp_path):
    """The comparison can fail: a page whose Markdown leaves a table bar unescaped, drops the
    deal-breaker mark or the notes under the result, shows a control character's escape in upper
    case, or whose HTML leaves an apostrophe unescaped or a quote unstripped, disagrees somewhere."""
    for old, new in [
        ("#|~!<>&])/g;", "#~!<>&])/g;"),
        ('...(statement.dealbreaker ? [t("dealbreaker_mark")] : [])', ""),
        ("if (facts.length)", "if (false)"),
        ('code.toString(16).padStart(2, "0")', 'code.toString(16).toUpperCase().padStart(2, "0")'),
        ("\\u2028\\u2029\\u202f\\u205f\\u3000]+/;", "\\u2028\\u202f\\u205f\\u3000]+/;"),
        ('\'"\': "&quot;", "\'": "&#x27;" }', '\'"\': "&quot;" }'),
        ('esc(party.quote.replace(STRIP, ""))', "esc(party.quote)"),
    ]:
        wrong: list[Any] = []
        for name, (quiz, folder) in reversed(document_sites.items()):  # the hostile quiz first
            copy = tmp_path / "broken-md" / name
            shutil.copytree(folder, copy, dirs_exist_ok=True)
            code = (copy / "report.js").read_text(encoding="utf-8")
            assert code.count(old) == 1, old
            (copy / "report.js").write_text(code.replace(old, new), encoding="utf-8")
            wrong += compare_documents({name: (quiz, copy)}, tmp_path, DOCUMENTS_PER_QUIZ)[1]
            if wrong:
                break
        assert wrong, f"no result told {new!r} apart"


def _fragment(state: FlowState) -> str:
    return urlencode(state.fields())


@needs_node
def test_the_page_reads_the_web_quizs_resume_link(sites, tmp_path):
    """A resume link's fields, as the server writes them, give the page the same answers and step;
    a tampered link or one of another quiz gives the web quiz's error, never a crash."""
    quiz, folder = sites["bundled"]
    fresh = FlowState.fresh(quiz, "en")
    answered = fresh.with_answer(0, 2).with_answer(1, None).with_important([0])
    at_statement = answered.at("statement", 2)
    fragments = [
        _fragment(at_statement),
        _fragment(answered.at("result")),
        _fragment(answered.at("overview", 0)),
        _fragment(fresh.at("intro")),
        urlencode({**at_statement.fields(), "a": "x" * 3}),
        urlencode({**at_statement.fields(), "view": "nowhere", "p": "1,999", "k": "x", "g": "2"}),
        urlencode({**at_statement.fields(), "q": "00000000"}),
        "lang=en",
        "a=%ZZ&&&q",
    ]
    got = run_page(folder, {"fragments": fragments}, tmp_path)["fragments"]
    first, second = quiz.statements[0].id, quiz.statements[1].id
    assert got[0] == {"answers": {first: 2, second: None}, "step": "statement", "index": 2}
    assert got[1]["step"] == "result" and got[2]["step"] == "overview" and got[3]["step"] is None
    for failed in got[4:6]:
        assert failed["failed"]["key"] == "bad_request" and failed["failed"]["problems"]
    assert got[4]["failed"]["problems"][0].startswith("a: expected")
    assert {p.split(":")[0] for p in got[5]["failed"]["problems"]} == {"view", "p", "k", "g"}
    for failed in got[6:]:
        assert failed["failed"]["key"] == "other_quiz"
    for n, fragment in enumerate(fragments[4:6], start=4):  # the server refuses these too
        with pytest.raises(stemhulp.StemhulpError) as refused:
            FlowState.parse(dict(parse_qsl(fragment, keep_blank_values=True)), quiz)
        assert got[n]["failed"]
        assert got[n]["failed"]["problems"] == refused.value.problems  # in the server's words
