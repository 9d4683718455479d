"""Municipality first (issue 22, part 1) on the bundled quiz: piped, `--municipality`, the API and the
JSON API; a town with one programme gets how far you agree, no ranking; and the result's sentences."""

from __future__ import annotations

import re

import pytest

import stemhulp
from stemhulp.cli.app import app
from stemhulp.dialogue.notes import margin_line, result_notes, stability_lines, tiebreak_drops
from stemhulp.matching.results import CLOSE_CALL


@pytest.fixture(scope="module")
def bundled():
    return stemhulp.load()


def test_a_piped_quiz_asks_the_municipality_first(runner, bundled):
    outcome = runner.invoke(app, ["quiz"], input="zwolle\ne\n", env={"COLUMNS": "80"})
    assert outcome.exit_code == 0, outcome.output
    out = outcome.stdout
    assert out.index("Kies je gemeente") < out.index("Stelling 1 van")
    result = out.split("Jouw uitslag")[1]
    assert "D66 Zwolle" in result and "PvdA Zwolle" in result and "Harderwijk" not in result


def test_harderwijk_gets_no_ranking(runner, bundled):
    answers = "\n".join(["e"] * len(bundled.statements))
    outcome = runner.invoke(
        app, ["quiz", "--municipality", "harderwijk"], input=f"{answers}\n\n", env={"COLUMNS": "80"}
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Kies je gemeente" not in outcome.stdout
    result = " ".join(outcome.stdout.split("Jouw uitslag")[1].split())
    assert re.search(r"Je bent het voor \d+% eens met het programma van D66 Harderwijk \(2022\)\.", result)
    assert "1." not in result and "steekproeven" not in result and "rekenmethoden" not in result


def test_an_unknown_municipality_is_one_clear_error(runner):
    outcome = runner.invoke(app, ["quiz", "--municipality", "Atlantis"], input="")
    assert outcome.exit_code == 1
    assert "fout: --municipality: 'Atlantis' is geen gemeente van deze stemhulp" in outcome.stderr
    assert "Zwolle" in outcome.stderr and "Traceback" not in outcome.output
    outcome = runner.invoke(app, ["quiz", "--municipality", "Atlantis", "--lang", "en"], input="")
    assert outcome.exit_code == 1
    assert "error: --municipality: 'Atlantis' is not a municipality of this quiz" in outcome.stderr


def test_the_api_takes_a_municipality(bundled):
    answers = {s.id: "agree" for s in bundled.statements}
    zwolle = stemhulp.match(bundled, answers, municipality="Zwolle")
    assert {e.party for e in zwolle.ranking} == {"d66-zwolle", "pvda-zwolle"}
    with pytest.raises(stemhulp.MatchError, match="unknown municipality 'Atlantis'"):
        stemhulp.match(bundled, answers, municipality="Atlantis")
    with pytest.raises(stemhulp.MatchError, match="do not stand in"):
        stemhulp.match(bundled, answers, municipality="Zwolle", parties=["d66-harderwijk"])


def test_the_json_api_takes_a_municipality(bundled):
    pytest.importorskip("starlette")
    from stemhulp.web import create_app

    from ..web.test_api import make_client

    client = make_client(create_app(bundled), raise_server_exceptions=False)
    answers = {s.id: "agree" for s in bundled.statements}
    response = client.post("/api/v1/match", json={"answers": answers, "municipality": "zwolle"})
    assert response.status_code == 200, response.text
    assert {e["party"] for e in response.json()["results"]} == {"d66-zwolle", "pvda-zwolle"}
    bad = client.post("/api/v1/match", json={"answers": answers, "municipality": "Atlantis"})
    assert bad.status_code == 422 and "Atlantis" in bad.text


def test_one_close_call_rule_for_the_sentence(bundled):
    """The close-call sentence follows `is_close_call` (< CLOSE_CALL points), like the tie-break offer."""
    result = stemhulp.match(bundled, {s.id: "agree" for s in bundled.statements}, municipality="Zwolle")
    first, second = result.ranking[0], result.ranking[1]

    def with_scores(a: float, b: float):
        import attrs

        ranking = (attrs.evolve(first, score=a, rank=1), attrs.evolve(second, score=b, rank=2))
        return attrs.evolve(result, ranking=ranking)

    assert margin_line(with_scores(60.0, 60.0 - CLOSE_CALL), "nl") == ""
    assert margin_line(with_scores(60.0, 56.0), "nl") == "De bovenste twee partijen liggen 4 punten uit elkaar."
    assert margin_line(with_scores(60.0, 59.4), "en") == "The top two parties are 1 point apart."
    assert margin_line(with_scores(56.7, 53.3), "en") == "The top two parties are 4 points apart."  # as shown: 57, 53
    assert (
        margin_line(with_scores(60.0, 59.8), "nl") == "De bovenste twee partijen liggen minder dan 1 punt uit elkaar."
    )


def test_stability_is_said_only_where_it_means_something(bundled):
    few = stemhulp.match(bundled, {s.id: "agree" for s in bundled.statements[:3]}, municipality="Zwolle")
    assert stability_lines(few, "nl") == [
        "Hoe vast de volgorde staat, zeggen we pas vanaf 10 beantwoorde stellingen: met minder antwoorden "
        "zegt zo'n getal meer over toeval dan over jouw mening."
    ]
    many = stemhulp.match(bundled, {s.id: "agree" for s in bundled.statements}, municipality="Zwolle")
    line = stability_lines(many, "en")[0]
    share = int(re.search(r"about (\d+)%", line).group(1))
    assert share % 10 == 0 and abs(share - 100 * many.stability.top_share) <= 5
    single = stemhulp.match(bundled, {s.id: "agree" for s in bundled.statements}, municipality="Harderwijk")
    assert stability_lines(single, "nl") == [] and not any("steekproeven" in n for n in result_notes(bundled, single))


def test_a_tie_is_a_tie_not_a_percentage(bundled):
    neutral = stemhulp.match(bundled, {s.id: "neutral" for s in bundled.statements})
    assert neutral.ranking[0].rank == neutral.ranking[1].rank  # an all-neutral voter: a shared first place
    lines = stability_lines(neutral, "nl")
    assert lines and lines[0].startswith("Bovenaan staan partijen gelijk") and "%" not in lines[0]


def test_a_party_the_tiebreak_unranks_is_named(bundled):
    answers = {s.id: "agree" for s in bundled.statements}
    before = stemhulp.match(bundled, answers, min_coverage=0.0)
    after = stemhulp.match(bundled, answers, min_coverage=1.0)
    dropped = tiebreak_drops(before, after, "nl")
    assert dropped and all("staat na de extra stellingen niet meer in de rangschikking" in line for line in dropped)
    assert tiebreak_drops(before, before, "nl") == []


def test_dutch_full_names_are_marked_in_english(runner, bundled):
    answers = "\n".join(["a"] * len(bundled.statements))
    outcome = runner.invoke(
        app, ["quiz", "--lang", "en", "--municipality", "zwolle"], input=f"{answers}\n\n", env={"COLUMNS": "80"}
    )
    assert outcome.exit_code == 0, outcome.output
    assert "D66 Zwolle (2022) (Democraten 66 Zwolle; in Dutch)" in outcome.stdout
