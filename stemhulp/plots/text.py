"""The words on research plots in Dutch (default) and English: titles, axis labels, legends."""

from __future__ import annotations

from typing import Any

from ..errors import SimulationError
from ..simulate.report import SimulationReport

LANGUAGES = ("nl", "en")

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "top_title": "Eerste advies per partij — {model}-respondenten (n = {n}), methode {method}",
        "top_axis": "aandeel respondenten met deze partij als eerste advies (%), met 95%-interval",
        "fair": "eerlijk aandeel 1/{p} = {share:.1f}%",
        "same_top_title": "Zelfde eerste advies bij twee methoden",
        "same_top_detail": "{model}-respondenten, n = {n}",
        "respondents_pct": "respondenten (%)",
        "parties_title": "zelfde standpunt op een stelling (geclusterde volgorde)",
        "parties_bar": "stellingen waarop beide een standpunt hebben (%)",
        "distances_title": "score van elke partij (kolom) voor de standpunten van een partij (rij)",
        "distances_detail": "methode {method}, ontbrekend standpunt: {missing}; geclusterde volgorde",
        "distances_bar": "score (0–100)",
        "answers_of": "standpunten van",
        "scored_party": "partij",
        "landscape": "politiek landschap",
        "you": "jij",
        "not_placed": "niet geplaatst, geen standpunt op een as: {parties}",
    },
    "en": {
        "top_title": "Top advice per party — {model} respondents (n = {n}), method {method}",
        "top_axis": "share of respondents whose top advice it is (%), with 95% interval",
        "fair": "fair share 1/{p} = {share:.1f}%",
        "same_top_title": "Same top advice under two methods",
        "same_top_detail": "{model} respondents, n = {n}",
        "respondents_pct": "respondents (%)",
        "parties_title": "same stance on a statement (clustered order)",
        "parties_bar": "statements where both take a stance (%)",
        "distances_title": "score of each party (column) for one party's stances (row)",
        "distances_detail": "method {method}, missing stance: {missing}; clustered order",
        "distances_bar": "score (0–100)",
        "answers_of": "stances of",
        "scored_party": "party",
        "landscape": "political landscape",
        "you": "you",
        "not_placed": "not placed, no stance on an axis: {parties}",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise SimulationError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def say(lang: str, key: str, **values: Any) -> str:
    """The text `key` in `lang`, formatted with `values`."""
    return TEXT[check_lang(lang)][key].format(**values)


def number(value: int, lang: str) -> str:
    """A whole number with thousands separators in the language's style (1.000 / 1,000)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def report_title(report: SimulationReport, lang: str) -> str:
    """The quiz's title from a simulation report, in `lang` (Dutch, then the quiz id, where missing)."""
    return report.quiz_title.get(lang) or report.quiz_title.get("nl") or report.quiz
