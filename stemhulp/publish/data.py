"""What the published site needs, exported from the Python tables as one JSON-able document.

The browser's matcher and page read only this: the quiz (statements, parties, stances, salience,
quotes), every registered method's term table on the quiz's scale and every missing-stance policy's
fill, the ranking constants, and the words of `i18n` in every language. Nothing is written twice
by hand: a method added to `methods.METHODS` reaches the browser through `method_tables`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._version import __version__
from ..dialogue.documents import HTML_PAGE
from ..dialogue.flow import IMPORTANT, MUNICIPALITY, OVERVIEW, PARTIES, RESULT, STATEMENT, DialogueState, fingerprint
from ..dialogue.notes import MIN_ANSWERS_FOR_STABILITY, STABILITY_STEP
from ..dialogue.shortcuts import shortcut_data
from ..matching.adaptive import ALL_ASKED, FIRM, MIN_ANSWERS, NOT_FIRM, STOP_SHARE, TIE, TOO_FEW, model_beta
from ..matching.coverage import _SLACK
from ..matching.engine import coordinates
from ..matching.methods import (
    DEFAULT_METHOD,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_MISSING,
    METHODS,
    MISSING_POLICIES,
)
from ..matching.ranking import TIE_TOLERANCE
from ..matching.results import CLOSE_CALL, agreement
from ..matching.stability import DRAWS_SEED, GOLDEN, RESAMPLES
from ..matching.unranked import UNRANKED_REASONS
from ..quiz.groups import fold, municipalities
from ..quiz.model import Quiz, Statement
from ..quiz.profiles import FLAG_REGISTRY, party_profile
from ..quiz.scale import _ALIASES, SKIP_WORDS
from ..texts.i18n import LANGUAGES, MESSAGES

FORMAT = "stemhulp-site/1"
STATEMENT_TEXTS = ("theme", "text", "explanation", "pro", "con")


def site_data(quiz: Quiz, adaptive: bool = False) -> dict[str, Any]:
    """The whole document the published site embeds (see the module docstring); `adaptive` makes
    the page the adaptive quiz."""
    return {
        "format": FORMAT,
        "stemhulp": __version__,
        "quiz": quiz_data(quiz),
        "methods": method_tables(quiz.scale.size),
        "policies": [
            {
                "name": p.name,
                "clause": {"nl": p.clause_nl, "en": p.clause},
                "summary": {"nl": p.summary_nl, "en": p.summary},
            }
            for p in MISSING_POLICIES
        ],
        "defaults": {
            "method": DEFAULT_METHOD,
            "missing": DEFAULT_MISSING,
            "min_coverage": DEFAULT_MIN_COVERAGE,
            "adaptive": adaptive,
        },
        "rules": {
            "tie_tolerance": TIE_TOLERANCE,
            "coverage_slack": _SLACK,
            "close_call": CLOSE_CALL,
            "resamples": RESAMPLES,
            "draws_seed": DRAWS_SEED,
            "draws_golden": GOLDEN,
            "min_answers_for_stability": MIN_ANSWERS_FOR_STABILITY,
            "stability_step": STABILITY_STEP,
        },
        "adaptive": adaptive_rule(quiz.scale.size),
        "dialogue": dialogue_steps(quiz),
        "unranked": {why.code: why.reason for why in UNRANKED_REASONS},
        "unranked_labels": {why.code: {lang: why.label(lang) for lang in LANGUAGES} for why in UNRANKED_REASONS},
        "flag_labels": {flag.code: {lang: flag.label(lang) for lang in LANGUAGES} for flag in FLAG_REGISTRY},
        "words": {lang: dict(MESSAGES[lang]) for lang in LANGUAGES},
        "shortcuts": {lang: shortcut_data(quiz.scale, lang) for lang in LANGUAGES},
    }


def adaptive_rule(scale_size: int) -> dict[str, Any]:
    """The adaptive quiz's model and stopping rule (`matching.adaptive`), for the browser's `nextStatement`."""
    return {
        "beta": model_beta(scale_size),
        "stop_share": STOP_SHARE,
        "min_answers": MIN_ANSWERS,
        "tie": TIE,
        "reasons": {"firm": FIRM, "all_asked": ALL_ASKED, "too_few": TOO_FEW, "not_firm": NOT_FIRM},
    }


def dialogue_steps(quiz: Quiz) -> dict[str, Any]:
    """The step names of `dialogue`, and the order of the steps for all programmes ("") and per municipality."""
    choices: list[str | None] = [None, *municipalities(quiz)]
    return {
        "municipality": MUNICIPALITY,
        "statement": STATEMENT,
        "important": IMPORTANT,
        "parties": PARTIES,
        "result": RESULT,
        "overview": OVERVIEW,
        "fingerprint": fingerprint(quiz),  # the web quiz's `q`: a resume link of another quiz version is refused
        "orders": {choice or "": DialogueState(quiz, municipality=choice).order() for choice in choices},
    }


def method_tables(scale_size: int) -> list[dict[str, Any]]:
    """Every registered method on a `scale_size`-point scale: its term for each (answer, stance)
    pair of options, and per missing-stance policy the term and weight for each answer."""
    x = coordinates(scale_size)
    tables = []
    for method in METHODS:
        entry: dict[str, Any] = {
            "name": method.name,
            "root": method.root,
            "fits": method.fits(scale_size),
            "label": {"nl": method.label("nl"), "en": method.label("en")},
            "explain": {"nl": method.explain("nl"), "en": method.explain("en")},
        }
        if method.fits(scale_size):
            terms = np.broadcast_to(method.kernel(x[:, None], x[None, :]), (scale_size, scale_size))
            entry["terms"] = terms.astype(float).tolist()
            fills = {}
            for policy in MISSING_POLICIES:
                fill_terms, fill_weights = policy.fill(method, x)
                fills[policy.name] = {
                    "terms": np.broadcast_to(fill_terms, (scale_size,)).astype(float).tolist(),
                    "weights": np.broadcast_to(fill_weights, (scale_size,)).astype(float).tolist(),
                }
            entry["fills"] = fills
        tables.append(entry)
    return tables


def _statement(statement: Statement, tiebreak: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": statement.id, "tiebreak": tiebreak}
    for field in STATEMENT_TEXTS:
        for name in (field, f"{field}_en"):
            value = getattr(statement, name, None)
            if value:
                data[name] = value
    return data


def _words(quiz: Quiz) -> dict[str, int | None]:
    """Every accepted answer word, normalised as `Scale.parse_answer` normalises (→ option code, None: skip)."""
    candidates = {*quiz.scale.options, *SKIP_WORDS, *_ALIASES.get(quiz.scale.options, {})}
    found: dict[str, int | None] = {}
    for word in sorted(candidates):
        normalised = " ".join(word.strip().lower().replace("_", " ").split())
        found[normalised] = quiz.scale.parse_answer(word)
    return found


def quiz_data(quiz: Quiz) -> dict[str, Any]:
    """The quiz as the browser needs it; stances are [statement][party] option codes, -1: none."""
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    party_ids = [p.id for p in quiz.parties]
    cells = quiz.cells
    codes = cells.take_codes(statements, party_ids)
    salience = cells.take_weights(statements, party_ids)
    positions = [cells.positions[cells.statement_index[s.id]] for s in statements]
    columns = [cells.party_index[p] for p in party_ids]
    profiles = party_profile(quiz)
    size = quiz.scale.size
    points: list[float | None] = [None, *coordinates(size).tolist()]
    return {
        "id": quiz.id,
        "title": quiz.title,
        "title_en": quiz.title_en,
        "description": quiz.description,
        "description_en": quiz.description_en,
        "fingerprint": quiz.fingerprint,
        "scale": {
            "options": list(quiz.scale.options),
            "labels": {lang: [quiz.scale.label(c, lang) for c in range(size)] for lang in LANGUAGES},
            "neutral": quiz.scale.neutral,
            "words": _words(quiz),
            "accepted": quiz.scale.accepted_words(),  # as the server's message lists them
            "agreement": [[agreement(u, p) for p in points] for u in points],  # [answer + 1][stance + 1]
        },
        "statements": [_statement(s, False) for s in quiz.statements]
        + [_statement(s, True) for s in quiz.tiebreak_statements],
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "label": p.label(),
                "full_name": p.full_name,
                "municipality": p.municipality,
                "election_year": p.election_year,
                "flags": list(profiles[p.id].flags),
                "profile": profiles[p.id].to_dict(),
            }
            for p in quiz.parties
        ],
        "municipalities": [{"name": name, "folded": fold(name)} for name in municipalities(quiz)],
        "stances": codes.tolist(),
        "salience": salience.tolist(),
        "quotes": [[_field(row[c], "quote") for c in columns] for row in positions],
        "sources": [[_field(row[c], "source") for c in columns] for row in positions],
    }


def report_data(quiz: Quiz) -> dict[str, Any]:
    """What only the downloaded report shows: each position's note and the party's explanation,
    [statement][party] as in `quiz_data` (a separate script, loaded at the result: long
    explanations, as the Wahl-O-Mat's, would weigh on the first statement), and the HTML report's
    page template (`documents.HTML_PAGE`), which the page fills as Python does."""
    statements = [*quiz.statements, *quiz.tiebreak_statements]
    cells = quiz.cells
    positions = [cells.positions[cells.statement_index[s.id]] for s in statements]
    columns = [cells.party_index[p.id] for p in quiz.parties]
    texts: dict[str, Any] = {
        name: [[_field(row[c], field) for c in columns] for row in positions]
        for name, field in (("notes", "note"), ("notes_en", "note_en"), ("explanations", "explanation"))
    }
    return {**texts, "html_page": HTML_PAGE.template}


def _field(position: Any, name: str) -> str | None:
    return None if position is None else getattr(position, name)
