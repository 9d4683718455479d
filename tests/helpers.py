"""Test helpers: build quizzes from arrays, and a slow per-respondent reference scorer."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import stemhulp
from stemhulp.quiz.scale import FIVE_POINT, THREE_POINT

SCALES = {3: list(THREE_POINT), 5: list(FIVE_POINT), 4: ["a", "b", "c", "d"], 2: ["no", "yes"]}
SCALES |= {k: [f"o{c}" for c in range(k)] for k in (6, 7)}


def quiz_from_stances(
    stances: Sequence[Sequence[int]],
    scale_size: int = 3,
    salience: Sequence[Sequence[float]] | None = None,
    names: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
):
    """A stemhulp/1 quiz whose party p takes option stances[s][p] (-1: no stance) on statement s."""
    scale = SCALES[scale_size]
    n_statements, n_parties = len(stances), len(stances[0])
    names = names or [f"Partij {chr(65 + p)}" for p in range(n_parties)]
    document = {
        "format": "stemhulp/1",
        "id": "t",
        "title": "T",
        "scale": scale,
        "statements": [
            {"id": f"s{s}", "theme": (themes[s] if themes else "Thema"), "text": f"Stelling {s}"}
            for s in range(n_statements)
        ],
        "parties": [{"id": f"p{p}", "name": names[p]} for p in range(n_parties)],
        "positions": [
            {
                "party": f"p{p}",
                "statement": f"s{s}",
                "position": None if stances[s][p] < 0 else scale[stances[s][p]],
                "weight": 1.0 if salience is None else salience[s][p],
                "quote": None,
                "source": None,
            }
            for s in range(n_statements)
            for p in range(n_parties)
        ],
    }
    # Every party needs at least one stance to be a valid quiz.
    for p in range(n_parties):
        if all(stances[s][p] < 0 for s in range(n_statements)):
            document["positions"][p]["position"] = scale[0]
    return stemhulp.load(document)


def reference_score(
    method: str,
    missing: str,
    answers: Sequence[int],
    weights: Sequence[float],
    stances: Sequence[int],
    salience: Sequence[float],
    k: int,
) -> float:
    """One respondent, one party, written straight from methods.md as a plain loop."""

    def x(code: int) -> float:
        return code / (k - 1) - 0.5

    if missing not in ("neutral", "exclude", "opposite", "disagree"):
        raise ValueError(f"the reference scorer does not know the policy {missing!r}")
    numerator = denominator = 0.0
    for answer, weight, stance, party_weight in zip(answers, weights, stances, salience, strict=True):
        if answer < 0:
            continue
        w = weight * party_weight
        xu = x(answer)
        if stance < 0:
            if missing == "exclude":
                continue
            if missing == "disagree":
                numerator += w * 1.0
                denominator += w
                continue
            if missing == "neutral":
                xp = 0.0
            elif missing == "opposite":
                xp = -0.5 if xu > 0 else 0.5
            else:
                raise ValueError(f"the reference scorer does not know the policy {missing!r}")
        else:
            xp = x(stance)
        if method == "stemwijzer":
            term = 0.0 if xu == xp else 1.0
        elif method == "wahlomat":
            term = (2 - 2 * (1 - abs(xu - xp))) / 2  # points 2·(1-|xu-xp|) out of 2
        elif method == "cityblock":
            term = abs(xu - xp)
        elif method == "euclidean":
            term = (xu - xp) ** 2
        elif method == "directional":
            term = 0.5 - 2 * xu * xp
        elif method == "hybrid":
            term = (abs(xu - xp) + 0.5 - 2 * xu * xp) / 2
        elif method == "midpoint":
            term = ((0.0 if xu == xp else 1.0) + 0.5 - 2 * xu * xp) / 2
        else:
            raise ValueError(method)
        numerator += w * term
        denominator += w
    if denominator == 0:
        return math.nan
    mean = numerator / denominator
    if method == "euclidean":
        mean = math.sqrt(mean)
    return 100 * (1 - mean)


def even_quiz_document(statements: int = 12) -> dict:
    """A quiz where party A agrees with everything, B disagrees, C is neutral: every statement tells
    as much (the adaptive quiz asks them in quiz order and can stop early)."""
    options = ["disagree", "neutral", "agree"]
    return {
        "format": "stemhulp/1",
        "id": "adaptief",
        "title": "Adaptief",
        "scale": options,
        "statements": [{"id": f"s{s}", "theme": "Thema", "text": f"Stelling nummer {s}"} for s in range(statements)],
        "parties": [{"id": p, "name": f"Partij {p.upper()}"} for p in ("a", "b", "c")],
        "positions": [
            {"party": p, "statement": f"s{s}", "position": word, "weight": 1.0, "quote": None, "source": None}
            for s in range(statements)
            for p, word in (("a", "agree"), ("b", "disagree"), ("c", "neutral"))
        ],
    }


BRAND_ACCENT = "#7a1f5c"  # rgb(122, 31, 92): white on it and it on white both meet WCAG AA
BRAND_ALT = "Gemeente Voorbeeldstad"
BRAND_PRIVACY = {
    "nl": "Deze stemhulp bewaart niets.\n\nVragen? <script>alert(1)</script> Mail privacy@voorbeeldstad.example.",
    "en": "This quiz keeps nothing.\n\nQuestions? Mail privacy@voorbeeldstad.example.",
}


def write_brand(folder: Path) -> Path:
    """A brand folder (`--brand`) with an SVG logo, an accent colour and a privacy text in both languages;
    the Dutch text holds markup that must be shown as text."""
    folder.mkdir()
    (folder / "brand.yaml").write_text(f'logo_alt: {BRAND_ALT}\ncolours:\n  accent: "{BRAND_ACCENT}"\n')
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
        f'<rect width="40" height="40" rx="6" fill="{BRAND_ACCENT}"/></svg>'
    )
    for lang, text in BRAND_PRIVACY.items():
        (folder / f"privacy.{lang}.txt").write_text(text, encoding="utf-8")
    return folder
