"""A small quiz for the web tests: two municipalities, a tie at the top, tie-break statements,
quotes and notes, English texts, and a party name full of HTML to prove it is escaped."""

from __future__ import annotations

from typing import Any

HOSTILE = '<script>alert("x")</script> & Co'


def web_document() -> dict[str, Any]:
    statements = [
        {
            "id": f"s{i}",
            "theme": theme,
            "theme_en": theme_en,
            "text": f"Stelling {i}: {nl}",
            "text_en": f"Statement {i}: {en}",
            "explanation": f"Uitleg bij stelling {i}.",
            "explanation_en": f"Background to statement {i}.",
            "pro": f"Voor {i}.",
            "con": f"Tegen {i}.",
            "pro_en": f"For {i}.",
            "con_en": f"Against {i}.",
        }
        for i, theme, theme_en, nl, en in [
            (1, "Zorg", "Care", "de gemeente betaalt de huishoudelijke hulp", "the municipality pays for home help"),
            (2, "Zorg", "Care", "mantelzorgers krijgen een waardering", "carers get an allowance"),
            (3, "Wonen", "Housing", "er komt Housing First", "Housing First is introduced"),
            (4, "Wonen", "Housing", "er komen meer huurwoningen", "more rental homes are built"),
        ]
    ]
    tiebreaks = [
        {
            "id": f"t{i}",
            "theme": "Wonen",
            "theme_en": "Housing",
            "text": f"Extra stelling {i}",
            "text_en": f"Extra statement {i}",
        }
        for i in (1, 2)
    ]
    parties = [
        {"id": "a", "name": "Partij A", "municipality": "Aadorp"},
        {"id": "b", "name": "Partij B", "municipality": "Aadorp"},
        {"id": "c", "name": "Partij C", "municipality": "Beestad"},
        {"id": "d", "name": HOSTILE, "municipality": "Beestad"},
    ]
    stances = {
        "a": ["agree", "agree", "agree", "neutral", "agree", "agree"],
        "b": ["agree", "agree", "agree", "neutral", "disagree", "disagree"],
        "c": ["disagree", "disagree", "disagree", "disagree", "disagree", "agree"],
        "d": ["agree", None, None, "disagree", None, None],
    }
    ids = [s["id"] for s in statements] + [t["id"] for t in tiebreaks]
    positions = [
        {
            "party": party,
            "statement": sid,
            "position": stance,
            "weight": 1.0,
            "quote": None if stance is None else f"Citaat van {party} over {sid}",
            "source": f"{party}.txt",
            **({"note": "Twijfelachtige codering: het programma is vaag."} if (party, sid) == ("a", "s1") else {}),
        }
        for party, row in stances.items()
        for sid, stance in zip(ids, row, strict=True)
    ]
    return {
        "format": "stemhulp/1",
        "id": "webtest",
        "title": "Teststemhulp",
        "title_en": "Test voting aid",
        "description": "Een kleine quiz om de webversie te testen.",
        "description_en": "A small quiz to test the web version.",
        "scale": ["disagree", "neutral", "agree"],
        "statements": statements,
        "tiebreak_statements": tiebreaks,
        "parties": parties,
        "positions": positions,
    }
