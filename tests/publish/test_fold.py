"""The page folds a municipality's name as Python's `quiz.groups.fold` does (casefold, NFKD, no
combining marks, hyphens as spaces): on tricky names, on every character of the scripts Dutch and
European names use, and in a request naming a municipality."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import stemhulp
from stemhulp.publish import publish
from stemhulp.quiz.groups import fold

from ..paths import FIXTURES
from .test_equality import NODE, needs_node

FOLD_RUNNER = Path(__file__).parent / "fold_runner.js"
TRICKY = [
    "ß",
    "Straße",
    "STRASSE",
    "ẞ",
    "İstanbul",
    "Den-Haag",
    "den  haag",
    "Súdwest-Fryslân",
    "'s-Hertogenbosch",
    "’s-Hertogenbosch",
    "Ĳsselstein",
    "IJsselstein",
    "Oost_Gelre",
    "Σίσυφος",
    "ΣΊΣΥΦΟΣ",
    "ᾠδή",
    "ﬁnale",
    "Ærø",
    "Łódź",
    "Ꭰꭰ",
    "ᲀ",
    "Dĳon",
    "Noardeast-Fryslân",
    "Nuenen, Gerwen en Nederwetten",
    "ℌ①",
]


def js_fold(site: Path, names: list[str], scratch: Path) -> list[str]:
    path = scratch / "names.json"
    path.write_text(json.dumps(names), encoding="utf-8")
    done = subprocess.run([NODE, str(FOLD_RUNNER), str(site), str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fold") / "site"
    publish(stemhulp.load(FIXTURES / "mini"), folder)
    return folder


def _latin_greek_cyrillic() -> list[str]:
    """Every assigned character below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, their
    marks) and in the Latin and Greek extended blocks, Cherokee and the letterlike symbols."""
    ranges = [(0x20, 0x800), (0x1C80, 0x1C90), (0x1E00, 0x2000), (0x2100, 0x2190), (0x13A0, 0x1400), (0xAB70, 0xABC0)]
    ranges += [(0xFB00, 0xFB07)]
    return [chr(c) for start, end in ranges for c in range(start, end) if unicodedata.category(chr(c)) != "Cn"]


@needs_node
def test_the_page_folds_names_as_python_does(site, tmp_path):
    names = TRICKY + _latin_greek_cyrillic()
    got = js_fold(site, names, tmp_path)
    wrong = [(name, mine, fold(name)) for name, mine in zip(names, got, strict=True) if mine != fold(name)]
    assert not wrong, wrong[:20]
    assert fold("Straße") == fold("STRASSE") == "strasse" and fold("İstanbul") == "istanbul"


@needs_node
def test_a_copy_with_lower_case_folding_is_caught(site, tmp_path):
    """The comparison can fail: the page's old `toLowerCase` folding differs on ß, ς and Cherokee."""
    broken = tmp_path / "site"
    broken.mkdir()
    for name in ("data.js", "matcher.js"):
        (broken / name).write_bytes((site / name).read_bytes())
    code = (broken / "matcher.js").read_text(encoding="utf-8")
    (broken / "matcher.js").write_text(
        code.replace("return casefold(text).normalize", "return text.toLowerCase().normalize")
    )
    got = js_fold(broken, TRICKY, tmp_path)
    assert {name for name, mine in zip(TRICKY, got, strict=True) if mine != fold(name)} >= {"ß", "Straße", "ᾠδή", "Ꭰꭰ"}


@needs_node
def test_a_request_names_a_municipality_in_any_spelling(tmp_path):
    """`municipality` in a request finds the town as the server does, from the pre-folded names."""
    from .test_equality import run_node

    quiz = stemhulp.load()
    folder = tmp_path / "site"
    publish(quiz, folder)
    town = next(p.municipality for p in quiz.parties if p.municipality)
    spellings = [town.upper(), f"  {town.lower()} ", town.replace(" ", "-")]
    got = run_node(folder, [{"answers": {}, "municipality": name} for name in spellings], tmp_path)
    wanted = sorted(p.id for p in quiz.parties if p.municipality == town)
    for answer in got:
        assert sorted(e["party"] for e in answer["results"]) == wanted, answer
    assert sys.maxunicode > 0xFFFF
