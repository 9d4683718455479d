"""One way to phrase each fact under a result, in the quiz's language: how close the top is, how firm
the advice is, who is not ranked and why, parties that take one stance everywhere or no side, which
programmes of one municipality were written for different elections, and what a one-programme
result or a comparison across towns means. The terminal, the web, the saved results and
`stemhulp match` all take their sentences from here; the words live in `i18n`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..matching.methods import get_method
from ..matching.results import MatchResult, RankEntry, is_close_call
from ..quiz.model import Quiz
from ..quiz.profiles import FLAG_BY_CODE, party_profile
from ..quiz.scale import coordinate
from ..texts.i18n import plural, text

# Stability is shown from this many answered statements on: a bootstrap of fewer answers redraws
# the same few statements, so its figure says more about chance than about the person's views.
MIN_ANSWERS_FOR_STABILITY = 10
STABILITY_STEP = 10  # the share is shown rounded to 10 points: twice its largest Monte-Carlo error (1.6 points
# at 1,000 resamples) stays below half a step, so another seed would not change the shown figure


def ranked_entries(result: MatchResult) -> list[RankEntry]:
    return [e for e in result.ranking if e.rank is not None and e.score is not None]


def single_programme(result: MatchResult) -> RankEntry | None:
    """The one compared programme when the result is about one programme (no ranking then)."""
    return result.ranking[0] if len(result.ranking) == 1 else None


def answered_count(result: MatchResult) -> int:
    return max((e.coverage.answered for e in result.ranking), default=0)


def top_is_tied(result: MatchResult) -> bool:
    ranked = ranked_entries(result)
    return len(ranked) >= 2 and ranked[0].rank == ranked[1].rank


def single_line(entry: RankEntry, lang: str) -> str:
    """How far you agree with the one programme compared."""
    if entry.score is None:
        return text(lang, "single_none", party=entry.name)
    return text(lang, "single", party=entry.name, score=f"{entry.score:.0f}")


def margin_line(result: MatchResult, lang: str) -> str:
    """The top two tied, or within n points; empty unless it is a close call between two ranked parties."""
    margin = result.top_margin()
    if margin is None or not is_close_call(margin):
        return ""
    if top_is_tied(result):
        return text(lang, "top_tied")
    first, second = (float(e.score or 0.0) for e in ranked_entries(result)[:2])
    points = int(f"{first:.0f}") - int(f"{second:.0f}")  # the difference of the shown percentages
    if points < 1:
        return text(lang, "top_close_under")
    return text(lang, "top_close", points=plural(lang, "point", points))


def stability_lines(result: MatchResult, lang: str) -> list[str]:
    """How firm the top advice is: only with two or more ranked parties and enough answers; a tie is a tie."""
    stability = result.stability
    ranked = ranked_entries(result)
    if stability is None or stability.top_share is None or len(ranked) < 2:
        return []
    if answered_count(result) < MIN_ANSWERS_FOR_STABILITY:
        return [text(lang, "stability_few", k=MIN_ANSWERS_FOR_STABILITY)]
    if top_is_tied(result):
        lines = [text(lang, "stability_tie")]
    else:
        share = STABILITY_STEP * round(100 * stability.top_share / STABILITY_STEP)
        lines = [text(lang, "stability", share=share)]
    differ = [get_method(name).label(lang) for name, same in stability.methods.items() if not same]
    if stability.methods:
        lines.append(text(lang, "methods_differ", methods="; ".join(differ)) if differ else text(lang, "methods_agree"))
    return lines


def unranked_reason(entry: RankEntry, lang: str) -> str:
    """Why a party has no place, in words."""
    why = entry.unranked_why
    return "" if why is None else why.label(lang)


def flag_words(flags: Sequence[str], lang: str) -> list[str]:
    """A party's profile flags (constant, evasive, mostly_silent) in words."""
    return [FLAG_BY_CODE[flag].label(lang) if flag in FLAG_BY_CODE else str(flag) for flag in flags]


def tiebreak_drops(before: MatchResult, after: MatchResult, lang: str) -> list[str]:
    """Parties ranked before the tie-break statements and not after (the coverage rule), said aloud."""
    was_ranked = {e.party for e in before.ranking if e.ranked and e.score is not None}
    return [
        text(lang, "tiebreak_dropped", party=e.name, share=f"{after.min_coverage:.0%}")
        for e in after.ranking
        if e.party in was_ranked and not e.ranked
    ]


def result_notes(quiz: Quiz, result: MatchResult, lang: str = "nl") -> list[str]:
    """One line per note, in `lang` (nl or en)."""
    notes = []
    entry = single_programme(result)
    if entry is not None:
        notes.append(single_line(entry, lang))
    else:
        towns = {quiz.party_by_id[e.party].municipality for e in result.ranking if e.party in quiz.party_by_id}
        if len(towns) > 1 and None not in towns:
            notes.append(text(lang, "comparison_only"))
        notes.extend(stability_lines(result, lang))
    if any(not e.ranked and e.score is not None and not e.excluded_by for e in result.ranking):
        notes.append(text(lang, "unranked_rule", share=f"{result.min_coverage:.0%}"))
    notes.extend(dealbreaker_notes(quiz, result, lang))
    notes.extend(_election_notes(quiz, result, lang))
    profiles = party_profile(quiz)
    for ranked in result.ranking:
        profile = profiles.get(ranked.party)
        if profile is None:
            continue
        silent_somewhere = profile.stances < profile.statements
        if profile.same_option is not None and not ("evasive" in profile.flags and silent_somewhere):
            option = quiz.scale.label(quiz.scale.code(profile.same_option), lang)
            notes.append(text(lang, "constant", party=ranked.name, option=option))
        elif "evasive" in profile.flags:
            notes.append(
                text(
                    lang,
                    "evasive",
                    party=ranked.name,
                    n=profile.statements,
                    k=profile.statements - profile.stances + profile.neutral,
                )
            )
    return notes


def dealbreaker_notes(quiz: Quiz, result: MatchResult, lang: str) -> list[str]:
    """The deal-breaker rule (when any is marked) and each deal-breaker that excludes nobody because
    the answer there takes no side (neutral, skipped or not answered)."""
    if not result.dealbreakers:
        return []
    answers = _answers(result)
    idle = [
        text(lang, "dealbreaker_idle", n=statement_number(quiz, s))
        for s in result.dealbreakers
        if _side(quiz, answers.get(s)) == 0
    ]
    return [text(lang, "dealbreaker_rule"), *idle]


def excluded_lines(quiz: Quiz, result: MatchResult, lang: str) -> list[str]:
    """One line per party excluded by a deal-breaker, naming the statements (number, text, both sides)."""
    lines = []
    for entry in result.excluded:
        by = {c.statement: c for c in entry.comparisons}
        named = []
        for statement_id in entry.excluded_by:
            row = by.get(statement_id)
            named.append(
                text(
                    lang,
                    "excluded_statement",
                    n=statement_number(quiz, statement_id),
                    text=quiz.statement_by_id[statement_id].localized("text", lang),
                    answer=_option_word(quiz, row.answer if row else None, lang),
                    stance=_option_word(quiz, row.position if row else None, lang),
                )
            )
        lines.append(text(lang, "excluded_line", party=entry.name, statements="; ".join(named)))
    return lines


def statement_number(quiz: Quiz, statement_id: str) -> str:
    """How the quiz numbers a statement: 1-based in quiz order (tie-break ones as "T1", "T2", …)."""
    main = [s.id for s in quiz.statements]
    if statement_id in main:
        return str(main.index(statement_id) + 1)
    return f"T{[s.id for s in quiz.tiebreak_statements].index(statement_id) + 1}"


def _answers(result: MatchResult) -> dict[str, str | None]:
    """The answers behind a result, by statement id (from any entry's breakdown)."""
    for entry in result.ranking:
        return {c.statement: c.answer for c in entry.comparisons}
    return {}


def _side(quiz: Quiz, option: str | None) -> float:
    """Which side of the scale's middle an option name lies on: its coordinate (0 for none)."""
    return 0.0 if option is None else coordinate(quiz.scale.code(option), quiz.scale.size)


def _option_word(quiz: Quiz, option: str | None, lang: str) -> str:
    return "—" if option is None else quiz.scale.label(quiz.scale.code(option), lang)


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
