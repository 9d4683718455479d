"""Every screen and page of both front ends, and every result format, in Dutch and English over a set
of answer patterns: no words from the other language's table, no internal id or code word, no number
with more decimals than intended; programme text on an English page is marked `lang="nl"`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("starlette")

import stemhulp  # noqa: E402
from stemhulp.cli.app import app  # noqa: E402
from stemhulp.texts.i18n import MESSAGES  # noqa: E402

from ..web.test_api import hidden_fields, make_client  # noqa: E402
from ..web.web_quiz import web_document  # noqa: E402

CODE_WORDS = re.compile(
    r"directional|mostly_silent|top_share|methods_agree|resamples:|\bseed\b|\bTrue\b|\bFalse\b|\bNone\b|[{}]"
)
LONG_DECIMALS = re.compile(r"\d[.,]\d{2,}")
# answer pattern -> (municipality choice, the answer pressed per statement, parties ticked)
PATTERNS = {
    "all agree": ("0", ["answer:2"] * 4, ["0", "1"]),
    "all neutral": ("all", ["answer:1"] * 4, ["0", "1", "2", "3"]),
    "one answer": ("all", ["answer:2", "skip", "skip", "skip"], ["0", "1", "2", "3"]),
    "a tie": ("0", ["answer:2", "answer:2", "answer:2", "answer:1"], ["0", "1"]),
    "a single party": ("1", ["answer:0", "answer:0", "answer:2", "answer:0"], ["2"]),
    "unranked parties": ("all", ["answer:2", "answer:0", "answer:0", "answer:2"], ["0", "1", "2", "3"]),
}


def fragments(lang: str) -> set[str]:
    """Runs of four words (or whole short texts of 12+ characters) from the other language's table that
    the own table does not have."""
    own = " ".join(" ".join(value.split()) for value in MESSAGES[lang].values())
    pieces = set()
    for other_lang, table in MESSAGES.items():
        if other_lang == lang:
            continue
        for value in table.values():
            for piece in re.split(r"\{[^}]*\}|\n", value):
                words = piece.split()
                runs = [words[i : i + 4] for i in range(len(words) - 3)] or [words]
                for run in runs:
                    text = " ".join(run).strip(" .,:;()'\"")
                    if len(text) >= 12 and text not in own:
                        pieces.add(text)
    return pieces


def test_the_check_can_fail():
    for wrong in ("Your top advice stays on top in", "Methode: directional", "top_share: 0.55", "1 punt{s}"):
        with pytest.raises(AssertionError):
            assert_clean(wrong, "nl", "a wrong text")
    assert_clean("Je bovenste advies blijft bovenaan in ongeveer 90% van de steekproeven.", "nl", "a right text")


class Visible(HTMLParser):
    """The text a person sees (no script, style or attributes), with text marked in another language left out."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.stack, self.parts = lang, [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "meta", "link", "br", "img", "rect"):
            return
        marked = dict(attrs).get("lang")
        self.stack.append((tag, tag in ("script", "style") or (marked is not None and marked != self.lang)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not any(hidden for _, hidden in self.stack):
            self.parts.append(data)

    @classmethod
    def text(cls, html: str, lang: str) -> str:
        parser = cls(lang)
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def assert_clean(shown: str, lang: str, where: str) -> None:
    for piece in fragments(lang):
        assert piece not in shown, f"{where}: {piece!r} from the other language in {lang}"
    code = CODE_WORDS.search(shown)
    assert code is None, (
        f"{where}: code word {code.group()!r} in: …{shown[max(code.start() - 60, 0) : code.end() + 60]}…"
    )
    decimals = LONG_DECIMALS.search(shown)
    assert decimals is None, f"{where}: {decimals.group()!r} has too many decimals"


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


@pytest.fixture(scope="module")
def client(quiz):
    from stemhulp.web import create_app

    return make_client(create_app(quiz))


def press(client, html, do, **extra):
    response = client.post("/quiz", data={**hidden_fields(html), "do": do, **extra})
    assert response.status_code == 200, response.text
    return response.text


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_every_web_page_and_download(client, quiz, lang, pattern):
    place, presses, parties = PATTERNS[pattern]
    pages = {"intro": client.get(f"/?lang={lang}").text}
    page = pages["municipality"] = press(client, pages["intro"], "start")
    page = press(client, page, "next", municipality=place)
    for number, do in enumerate(presses):
        pages[f"statement {number + 1}"] = page
        pages[f"parties on statement {number + 1}"] = press(client, page, "stances")
        page = press(client, page, do)
    pages["important"] = page
    pages["overview"] = press(client, page, "overview")
    page = pages["parties"] = press(client, page, "next", important=["0"] if presses[0] != "skip" else [])
    assert 'role="alert"' not in page
    page = pages["result"] = press(client, page, "next", party=parties)
    assert hidden_fields(page)["view"] == "result"
    for party in parties:  # each compared party's drill-down, and from there the parties on statement 1
        drill = pages[f"party {party}"] = press(client, page, f"party:{party}")
        assert hidden_fields(drill)["view"] == "party"
        pages[f"parties on statement 1 from party {party}"] = press(client, drill, "stances:0")
    pages["error"] = client.get(f"/quiz?lang={lang}&a=bad").text
    pages["other quiz"] = client.get(f"/quiz?lang={lang}&a=----&q=00000000").text
    for name, html in pages.items():
        assert f'<html lang="{lang}">' in html
        assert_clean(Visible.text(html, lang), lang, f"web {pattern} {name}")
    fields = hidden_fields(pages["result"])
    for fmt in ("html", "md", "json"):
        body = client.post("/download", data={**fields, "fmt": fmt}).text
        if fmt == "html":
            shown = Visible.text(body, lang)
        elif fmt == "md":
            shown = body
        else:
            document = json.loads(body)
            shown = " ".join(
                [*document["notes"], document["method"]["label"], document["method"]["explanation"]]
                + [
                    " ".join([row["place"], row["score"], row["coverage"], *row["notes"]])
                    for row in document["ranking"]
                ]
                + [s["answer_label"] for s in document["statements"]]
                + [p["position_label"] for s in document["statements"] for p in s["parties"]]
            )
        assert_clean(shown, lang, f"{fmt} download {pattern}")


def test_the_result_says_a_tie_and_no_raw_stability(client):
    page = press(client, client.get("/").text, "start")
    page = press(client, page, "next", municipality="0")
    for do in PATTERNS["a tie"][1]:
        page = press(client, page, do)
    page = press(client, press(client, page, "next"), "next", party=["0", "1"])
    shown = Visible.text(page, "nl")
    assert "De bovenste twee partijen staan gelijk." in shown and "gedeelde plaats" in shown
    assert "top_share" not in page and "resamples" not in page


def test_a_single_programme_gets_no_rank_and_no_stability(client):
    page = press(client, client.get("/?lang=en").text, "start")
    page = press(client, page, "next", municipality="1")
    for do in PATTERNS["a single party"][1]:
        page = press(client, page, do)
    page = press(client, press(client, page, "next"), "next", party=["2"])
    shown = Visible.text(page, "en")
    assert re.search(r"You agree \d+% with the programme of Partij C\.", shown)
    assert "resamples" not in shown and "matching methods" not in shown and 'class="rank"' not in page


def test_all_municipalities_is_labelled_a_comparison(client):
    page = press(client, client.get("/").text, "start")
    page = press(client, page, "next", municipality="all")
    for do in PATTERNS["all agree"][1]:
        page = press(client, page, do)
    page = press(client, press(client, page, "next"), "next", party=["0", "1", "2", "3"])
    assert "een vergelijking van programma's uit verschillende gemeenten, geen stemadvies" in Visible.text(page, "nl")


@pytest.fixture
def web_quiz_path(tmp_path):
    path = tmp_path / "web.json"
    path.write_text(json.dumps(web_document()), encoding="utf-8")
    return path


# municipality, answers, important, parties, then the result screen's keys (piped: none are read)
TERMINAL = {
    "nl": {
        "all agree": ["1", "e", "e", "e", "e", "1", ""],
        "all neutral": ["", "n", "n", "n", "n", "", ""],
        "one answer": ["", "?", "p", "e", "s", "s", "s", "", ""],
        "a tie": ["1", "e", "e", "e", "n", "", ""],
        "a single party": ["2", "o", "o", "e", "o", "", "3"],
        "unranked parties": ["", "e", "o", "o", "e", "", ""],
    },
    "en": {
        "all agree": ["1", "a", "a", "a", "a", "1", ""],
        "all neutral": ["", "n", "n", "n", "n", "", ""],
        "one answer": ["", "?", "p", "a", "s", "s", "s", "", ""],
        "a tie": ["1", "a", "a", "a", "n", "", ""],
        "a single party": ["2", "d", "d", "a", "d", "", "3"],
        "unranked parties": ["", "a", "d", "d", "a", "", ""],
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_every_terminal_screen(runner, web_quiz_path, tmp_path, lang, pattern):
    result_file = tmp_path / "r.md"
    lines = TERMINAL[lang][pattern]
    outcome = runner.invoke(
        app,
        ["quiz", str(web_quiz_path), "--lang", lang, "--breakdown", "--result", str(result_file)],
        input="".join(f"{line}\n" for line in lines),
        env={"COLUMNS": "80"},
    )
    assert outcome.exit_code == 0, outcome.output
    shown = outcome.stdout + outcome.stderr
    shown = "\n".join(line for line in shown.splitlines() if MESSAGES[lang]["in_dutch"] not in line)
    shown = re.sub(r"/\S+", "", shown)  # file paths
    assert_clean(" ".join(shown.split()), lang, f"terminal {pattern}")
    assert_clean(result_file.read_text(encoding="utf-8"), lang, f"terminal result file {pattern}")
    assert all(len(line) <= 80 for line in outcome.stdout.splitlines()), "wider than 80 columns"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_match_prints_in_the_quiz_language(runner, web_quiz_path, tmp_path, lang):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"quiz": "webtest", "answers": {"s1": "agree", "s2": "disagree"}}))
    outcome = runner.invoke(
        app, ["match", str(web_quiz_path), "-a", str(answers), "--lang", lang], env={"COLUMNS": "100"}
    )
    assert outcome.exit_code == 0, outcome.output
    assert_clean(" ".join(outcome.stdout.split()), lang, "match")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("pattern", ["a tie", "all agree", "unranked parties"])
def test_the_terminal_and_the_web_say_the_same(client, runner, web_quiz_path, lang, pattern):
    """The same answers give the same sentences under the result in both front ends."""
    place, presses, parties = PATTERNS[pattern]
    page = press(client, client.get(f"/?lang={lang}").text, "start")
    page = press(client, page, "next", municipality=place)
    for do in presses:
        page = press(client, page, do)
    page = press(client, press(client, page, "next"), "next", party=parties)
    facts = re.findall(r"<li>([^<]+)</li>", page.split('id="facts-title"')[1].split("</section>")[0])
    margin = re.search(r'<p>([^<]+)</p>\s*<button type="submit" name="do" value="tiebreak"', page)
    web = [*(m.group(1) for m in [margin] if m), *facts]
    outcome = runner.invoke(
        app,
        ["quiz", str(web_quiz_path), "--lang", lang],
        input="".join(f"{line}\n" for line in TERMINAL[lang][pattern]),
        env={"COLUMNS": "80"},
    )
    terminal = " ".join(outcome.stdout.split())
    assert web and all(" ".join(line.replace("&#39;", "'").split()) in terminal for line in web), (web, terminal)


def test_dutch_text_on_an_english_page_is_marked(runner, tmp_path):
    """A statement without English text: `lang="nl"` on the web, a marker in the terminal."""
    from stemhulp.web import create_app

    document = web_document()
    del document["statements"][0]["text_en"]
    quiz = stemhulp.load(document)
    client = make_client(create_app(quiz))
    page = press(client, press(client, client.get("/?lang=en").text, "start"), "next", municipality="all")
    assert '<h1 class="statement"><span lang="nl">Stelling 1: de gemeente betaalt' in page
    path = tmp_path / "q.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = runner.invoke(app, ["quiz", str(path), "--lang", "en"], input="\n", env={"COLUMNS": "80"})
    assert "(in Dutch) Stelling 1: de gemeente betaalt" in outcome.stdout


# The quiz's own errors: the wrong municipality, a --result it cannot write, answers files that do not fit.
def _quiz_errors(tmp_path, web_quiz_path):
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"quiz": "other", "answers": {"zz": "agree", "s1": None, "s2": "maybe"}}))
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: {s1: agree\n", encoding="utf-8")
    fine = tmp_path / "fine.json"
    fine.write_text(json.dumps({"answers": {"s1": "agree"}}))
    ids = tmp_path / "ids.json"
    ids.write_text(json.dumps({"answers": {"s1": "agree"}, "important": ["s9"], "parties": []}))
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"answers": {}, "lang": "fr", "method": "x", "salience": 3, "min_coverage": 2}))
    quiz = str(web_quiz_path)
    return {
        "unknown municipality": ["--municipality", "Atlantis", "-a", str(fine)],
        "unknown result kind": ["-a", str(fine), "--result", str(tmp_path / "r.txt")],
        "result folder missing": ["-a", str(fine), "--result", str(tmp_path / "no" / "r.html")],
        "result is the answers file": ["-a", str(fine), "--result", str(fine)],
        "result is a folder": ["-a", str(fine), "--result", str(tmp_path) + "/"],
        "answers file missing": ["-a", str(tmp_path / "none.json")],
        "answers file is a folder": ["-a", str(tmp_path)],
        "answers for another quiz": ["-a", str(wrong)],
        "answers not YAML": ["-a", str(broken)],
        "unknown ids": ["-a", str(ids)],
        "recorded settings": ["--resume", str(settings)],
    }, quiz


ERROR_WORDS = {
    "nl": ("fout: ", ["Atlantis", "onbekend", "bestaat niet", "van ditzelfde commando", "niet gevonden", "een map"]),
    "en": ("error: ", ["Atlantis", "unknown", "does not exist", "of this same command", "not found", "a directory"]),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_quiz_errors_follow_lang(runner, web_quiz_path, tmp_path, lang):
    cases, quiz = _quiz_errors(tmp_path, web_quiz_path)
    prefix, expected = ERROR_WORDS[lang]
    seen = []
    for name, arguments in cases.items():
        outcome = runner.invoke(app, ["quiz", quiz, "--lang", lang, *arguments], env={"COLUMNS": "80"})
        assert outcome.exit_code == 1, (name, outcome.output)
        lines = outcome.stderr.splitlines()
        assert lines and all(line.startswith(prefix) for line in lines), (name, outcome.stderr)
        shown = re.sub(r"/\S+", "", outcome.stderr)  # file paths
        shown = re.sub(r"'[^']*'", "", shown)  # what the person typed or the file holds, quoted
        assert_clean(" ".join(shown.split()), lang, f"quiz error {name}")
        seen.append(outcome.stderr)
    for word in expected:
        assert any(word in text for text in seen), (word, seen)


def test_the_quiz_errors_are_dutch_by_default(runner, web_quiz_path, tmp_path):
    cases, quiz = _quiz_errors(tmp_path, web_quiz_path)
    outcome = runner.invoke(app, ["quiz", quiz, *cases["answers for another quiz"]])
    assert outcome.exit_code == 1
    assert "horen bij stemhulp 'other', niet bij 'webtest'" in outcome.stderr
    assert "onbekende stelling-id 'zz'" in outcome.stderr
    assert "is leeg (null)" in outcome.stderr and "onbekend antwoord 'maybe'" in outcome.stderr
