"""The plain-language notes under a result: how firm the advice is, who is not ranked and why,
which parties take the same stance everywhere or no side at all, and which programmes of one
municipality were written for different elections. Shared by the quiz and `stemhulp match`; the
texts live in `i18n`."""

from __future__ import annotations

from .i18n import text
from .model import Quiz
from .profiles import party_profile
from .results import MatchResult


def result_notes(quiz: Quiz, result: MatchResult, lang: str = "nl") -> list[str]:
    """One line per note, in `lang` (nl or en)."""
    notes = []
    stability = result.stability
    if stability is not None and stability.top_share is not None:
        notes.append(text(lang, "stability", share=100 * stability.top_share))
        differ = [name for name, same in stability.methods.items() if not same]
        if stability.methods:
            notes.append(
                text(lang, "methods_differ", methods=", ".join(differ)) if differ else text(lang, "methods_agree")
            )
    if any(not e.ranked and e.score is not None for e in result.ranking):
        notes.append(text(lang, "unranked_rule", share=result.min_coverage))
    notes.extend(_election_notes(quiz, result, lang))
    profiles = party_profile(quiz)
    for entry in result.ranking:
        profile = profiles.get(entry.party)
        if profile is None:
            continue
        if profile.same_option is not None:
            option = quiz.scale.label(quiz.scale.code(profile.same_option), lang)
            notes.append(text(lang, "constant", party=entry.name, option=option))
        elif "evasive" in profile.flags:
            notes.append(
                text(
                    lang,
                    "evasive",
                    party=entry.name,
                    n=profile.statements,
                    k=profile.statements - profile.stances + profile.neutral,
                )
            )
    return notes


def _election_notes(quiz: Quiz, result: MatchResult, lang: str) -> list[str]:
    """A line for each municipality whose compared programmes come from different elections."""
    towns: dict[str, list[tuple[str, int]]] = {}
    for entry in result.ranking:
        party = quiz.party_by_id[entry.party]
        if party.municipality and party.election_year is not None:
            towns.setdefault(party.municipality, []).append((party.name, party.election_year))
    return [
        text(lang, "elections_differ", town=town, years=", ".join(f"{name} {year}" for name, year in found))
        for town, found in towns.items()
        if len({year for _, year in found}) > 1
    ]
