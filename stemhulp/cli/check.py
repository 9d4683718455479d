"""`stemhulp check`: the quality report of `stemhulp.check` as text (Dutch or English) or JSON.

Registered in app.py as `app.command()(check.check)`; numpy is imported inside the command.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from ..quiz.thresholds import NULL_MODEL_RESPONDENTS, NULL_MODEL_SEED
from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    JsonOpt,
    MethodOpt,
    MissingOpt,
    SourceArg,
    echo,
    handles_errors,
    load_source,
    print_json,
    value,
    warn_about_texts,
    whole,
)


class Lang(StrEnum):
    nl = "nl"
    en = "en"


WORDS: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Kwaliteitscontrole: {title} ({id})",
        "passed": "Oordeel: geslaagd — geen van de {n} drempels overschreden.",
        "failed": "Oordeel: niet geslaagd — {k} van de {n} drempels overschreden:",
        "passed_accepted": "Oordeel: geslaagd, met {a} (zie de redenen):",
        "failed_accepted": "Oordeel: niet geslaagd — {k} van de {n} drempels overschreden, daarnaast {a}:",
        "failed_notes": "Oordeel: niet geslaagd — {m} toelichting(en) voor kiezers met sporen van de codering:",
        "notes": "  Toelichtingen voor kiezers met sporen van de codering (stelling-id, §, codewoord of codeerterm; "
        "zet die in coding_note):",
        "accepted_one": "{a} aanvaarde overschrijding",
        "accepted_many": "{a} aanvaarde overschrijdingen",
        "accepted_max": "aanvaard tot {accepted}",
        "accepted_min": "aanvaard tot minimaal {accepted}",
        "worse_max": "aanvaard tot {accepted}, gemeten {value}",
        "worse_min": "aanvaard tot minimaal {accepted}, gemeten {value}",
        "unaccepted": "niet aanvaard voor {items}",
        "reason": "reden: {reason}",
        "not_needed": "  (niet meer nodig: de quiz aanvaardt {name} ({accepted}), maar die drempel wordt niet meer "
        "overschreden; haal hem weg uit check.accepted)",
        "ignored": "  (--no-accepted: de aanvaarde overschrijdingen van de quiz tellen hier niet: {names})",
        "not_evaluated": "  (niet getoetst: {names}; de simulatie staat uit met --respondents 0)",
        "hints": "Opmerkingen (signalen, geen drempel): {items}.",
        "hint_double": "{n} mogelijk dubbelzinnige stellingen (en/of/zodat)",
        "hint_redundant": "{n} overlappende stellingparen",
        "hint_long": "{n} stellingen langer dan {words} woorden",
        "hint_neutral": "{n} partijen meestal neutraal",
        "min_stances": "te weinig standpunten: {items} (minst: {value:g}; minimaal {limit:g})",
        "max_valence_share": "eenzijdige stellingen: {value:.0%} van de hoofdstellingen ({count}); "
        "maximaal {limit:.0%}",
        "min_party_stance_share": "partijen met weinig standpunten: {items}; minimaal {limit:.0%} van de stellingen",
        "max_constant_parties": "partijen met overal hetzelfde standpunt: {items}; maximaal {limit:g}",
        "max_bias_ratio": "bevoordeelde partijen in het nulmodel: {items} (ondergrens bias-ratio tot {value:.2f}); "
        "maximaal {limit:g}",
        "max_canonical_margin": "een vast antwoordpatroon geeft een duidelijke winnaar: {items}; "
        "maximaal {limit:g} punten voorsprong",
        "overview": "Overzicht",
        "overview_1": "{statements} stellingen (+{tiebreak} extra), {parties} partijen, {themes} thema's; "
        "{stance_share:.0%} van de cellen (stelling × partij) heeft een standpunt",
        "overview_2": "tweezijdig (iemand eens én iemand oneens): {two_sided} van {statements}; "
        "een stelling scheidt gemiddeld {separated} van de partijparen; "
        "gemiddeld {words:.1f} woorden",
        "statements": "Stellingen",
        "statement_columns": ("nr", "id", "standp.", "eens", "neutr.", "oneens", "scheidt", "woorden", "signalen"),
        "details": "Toelichting bij de signalen:",
        "parties": "Partijen (hoofdstellingen)",
        "party_columns": ("partij", "standpunten", "neutraal", "instemming", "signalen"),
        "canonical": "Vaste antwoordpatronen ({method}, geen standpunt: {missing})",
        "pattern_agree": "alles eens",
        "pattern_neutral": "alles neutraal",
        "pattern_disagree": "alles oneens",
        "canonical_row": "{pattern:<16} {top} {score:.1f}, voorsprong {margin:.1f}",
        "canonical_none": "{pattern:<16} geen uitslag",
        "null": "Nulmodel: {n} willekeurige respondenten (uniform, seed {seed}); eerlijk aandeel {fair:.1%}",
        "null_columns": ("partij", "top-aandeel", "95%-interval", "bias-ratio", "95%-interval"),
        "null_off": "Nulmodel: niet gesimuleerd (--respondents 0).",
        "thresholds": "Drempels: {items} (wijzig met --threshold NAAM=WAARDE)",
        "flag_few_stances": "weinig standpunten",
        "flag_one_sided": "eenzijdig",
        "flag_redundant": "overlap",
        "flag_long": "lang",
        "flag_double_barrelled": "dubbel?",
        "flag_mostly_silent": "meestal stil",
        "flag_constant": "constant",
        "flag_mostly_neutral": "meestal neutraal",
        "one_sided_agree": "niemand is het oneens",
        "one_sided_disagree": "niemand is het eens",
        "one_sided_none": "alleen neutrale standpunten",
        "redundant_same": "{id} (zelfde standpunten bij {share:.0%} van {n} partijen)",
        "redundant_mirror": "{id} (gespiegeld bij {share:.0%} van {n} partijen)",
        "overlaps": "overlapt met",
        "joined_by": "mogelijk twee beweringen, verbonden door",
        "words": "woorden",
    },
    "en": {
        "title": "Quality check: {title} ({id})",
        "passed": "Verdict: passed — none of the {n} thresholds crossed.",
        "failed": "Verdict: not passed — {k} of the {n} thresholds crossed:",
        "passed_accepted": "Verdict: passed, with {a} (see the reasons):",
        "failed_accepted": "Verdict: not passed — {k} of the {n} thresholds crossed, besides {a}:",
        "failed_notes": "Verdict: not passed — {m} note(s) shown to voters carry the coding trail:",
        "notes": "  Notes shown to voters that carry the coding trail (statement id, §, code word or coder's term; "
        "move it to coding_note):",
        "accepted_one": "{a} accepted crossing",
        "accepted_many": "{a} accepted crossings",
        "accepted_max": "accepted up to {accepted}",
        "accepted_min": "accepted down to {accepted}",
        "worse_max": "accepted up to {accepted}, measured {value}",
        "worse_min": "accepted down to {accepted}, measured {value}",
        "unaccepted": "not accepted for {items}",
        "reason": "reason: {reason}",
        "not_needed": "  (no longer needed: the quiz accepts {name} ({accepted}), but that threshold is no longer "
        "crossed; remove it from check.accepted)",
        "ignored": "  (--no-accepted: the quiz's accepted crossings do not count here: {names})",
        "not_evaluated": "  (not tested: {names}; the simulation is off with --respondents 0)",
        "hints": "Remarks (hints, no threshold): {items}.",
        "hint_double": "{n} possibly double-barrelled statements (and/or/so that)",
        "hint_redundant": "{n} overlapping statement pairs",
        "hint_long": "{n} statements longer than {words} words",
        "hint_neutral": "{n} parties mostly neutral",
        "min_stances": "too few stances: {items} (fewest: {value:g}; at least {limit:g})",
        "max_valence_share": "one-sided statements: {value:.0%} of the main statements ({count}); at most {limit:.0%}",
        "min_party_stance_share": "parties with few stances: {items}; at least {limit:.0%} of the statements",
        "max_constant_parties": "parties with the same stance everywhere: {items}; at most {limit:g}",
        "max_bias_ratio": "parties favoured under the null model: {items} (lower bound of the bias ratio up to "
        "{value:.2f}); at most {limit:g}",
        "max_canonical_margin": "a fixed answer pattern gets a clear winner: {items}; at most {limit:g} points lead",
        "overview": "Overview",
        "overview_1": "{statements} statements (+{tiebreak} tie-break), {parties} parties, {themes} themes; "
        "{stance_share:.0%} of the cells (statement × party) hold a stance",
        "overview_2": "two-sided (someone agrees and someone disagrees): {two_sided} of {statements}; "
        "a statement separates {separated} of the party pairs on average; {words:.1f} words on average",
        "statements": "Statements",
        "statement_columns": ("no", "id", "stances", "agree", "neutr.", "disagr.", "separates", "words", "flags"),
        "details": "About the flags:",
        "parties": "Parties (main statements)",
        "party_columns": ("party", "stances", "neutral", "acquiescence", "flags"),
        "canonical": "Fixed answer patterns ({method}, no stance: {missing})",
        "pattern_agree": "all agree",
        "pattern_neutral": "all neutral",
        "pattern_disagree": "all disagree",
        "canonical_row": "{pattern:<16} {top} {score:.1f}, lead {margin:.1f}",
        "canonical_none": "{pattern:<16} no result",
        "null": "Null model: {n} random respondents (uniform, seed {seed}); fair share {fair:.1%}",
        "null_columns": ("party", "top share", "95% interval", "bias ratio", "95% interval"),
        "null_off": "Null model: not simulated (--respondents 0).",
        "thresholds": "Thresholds: {items} (change with --threshold NAME=VALUE)",
        "flag_few_stances": "few stances",
        "flag_one_sided": "one-sided",
        "flag_redundant": "overlap",
        "flag_long": "long",
        "flag_double_barrelled": "double?",
        "flag_mostly_silent": "mostly silent",
        "flag_constant": "constant",
        "flag_mostly_neutral": "mostly neutral",
        "one_sided_agree": "nobody disagrees",
        "one_sided_disagree": "nobody agrees",
        "one_sided_none": "only neutral stances",
        "redundant_same": "{id} (same stances for {share:.0%} of {n} parties)",
        "redundant_mirror": "{id} (mirrored for {share:.0%} of {n} parties)",
        "overlaps": "overlaps with",
        "joined_by": "possibly two claims, joined by",
        "words": "words",
    },
}

RespondentsOpt = Annotated[
    int,
    typer.Option(
        "--respondents",
        "-n",
        parser=whole(0),
        metavar="INTEGER",
        help="Simulated respondents for the null model (0: no simulation).",
    ),
]
SeedOpt = Annotated[
    int, typer.Option("--seed", parser=whole(0), metavar="INTEGER", help="Seed of the null-model simulation.")
]
ThresholdOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--threshold",
        "-t",
        metavar="NAME=VALUE",
        help="Override a threshold, e.g. max_bias_ratio=1.5 (repeatable; see docs/guides/checking.md).",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit with status 1 when a threshold is crossed.")]
NoAcceptedOpt = Annotated[
    bool,
    typer.Option(
        "--no-accepted",
        help="Ignore the crossings the quiz accepts (check.accepted in its header): every crossing fails.",
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the text report.")]


@handles_errors
def check(
    source: SourceArg = None,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    respondents: RespondentsOpt = NULL_MODEL_RESPONDENTS,
    seed: SeedOpt = NULL_MODEL_SEED,
    threshold: ThresholdOpt = None,
    strict: StrictOpt = False,
    no_accepted: NoAcceptedOpt = False,
    json: JsonOpt = False,
    lang: LangOpt = Lang.nl,
    layout: FromOpt = None,
) -> None:
    """Quality report for quiz authors: statements, parties, null-model bias, fixed answer patterns."""
    from ..analysis.quality import check as run_check
    from ..analysis.quality import parse_thresholds

    overrides = parse_thresholds(threshold or [])
    quiz = load_source(source, layout)
    warn_about_texts(quiz)
    report = run_check(
        quiz,
        method=value(method),
        missing=value(missing),
        respondents=respondents,
        seed=seed,
        thresholds=overrides,
        accepted=not no_accepted,
    )
    files = _note_files(source, quiz, report)
    if json:
        data = report.to_dict()
        for problem in data["voter_notes"]:
            problem["file"] = files.get(problem["party"])
        print_json(data)
    else:
        echo("\n".join(render(report, {p.id: p.name for p in quiz.parties}, value(lang), files)))
    if strict and not report.passed:
        raise typer.Exit(1)


# --- text ---------------------------------------------------------------------------------------


def _note_files(source: Any, quiz: Any, report: Any) -> dict[str, str]:
    """The file each party with a faulty voter note is in: its party file in a native quiz
    directory, otherwise the source itself."""
    if not report.voter_notes:
        return {}
    from pathlib import Path

    from ..formats.loading import bundled_path
    from ..formats.native import is_native, party_files

    root = Path(source) if source is not None else bundled_path()
    if root.is_dir() and is_native(root):
        return {party: str(path) for party, path in party_files(root).items()}
    return {party.id: str(root) for party in quiz.parties}


def render(
    report: Any, names: Mapping[str, str], lang: str = "nl", files: Mapping[str, str] | None = None
) -> list[str]:
    """The report as lines of text: verdict first, then overview, statements, parties, patterns."""
    w = WORDS[lang]
    lines = [w["title"].format(title=report.title, id=report.quiz), ""]
    lines += _verdict(report, names, w)
    lines += _voter_notes(report, w, files or {})
    lines += ["", w["overview"]] + _overview(report, w)
    lines += ["", w["statements"]] + _statements(report, w)
    lines += ["", w["parties"]] + _parties(report, w)
    lines += ["", w["canonical"].format(method=report.method, missing=report.missing)]
    lines += _canonical(report, names, w)
    lines += [""] + _null_model(report, names, w)
    items = " ".join(f"{name}={limit:g}" for name, limit in report.thresholds.items())
    lines += ["", w["thresholds"].format(items=items)]
    return lines


def _verdict(report: Any, names: Mapping[str, str], w: dict[str, Any]) -> list[str]:
    total, failed, accepted = len(report.thresholds), len(report.failures), len(report.accepted)
    counted = w["accepted_one" if accepted == 1 else "accepted_many"].format(a=accepted)
    if failed:
        first = w["failed_accepted"].format(k=failed, n=total, a=counted) if accepted else None
        lines = [first or w["failed"].format(k=failed, n=total)]
    elif report.voter_notes:
        lines = [w["failed_notes"].format(m=len(report.voter_notes))]
    else:
        lines = [w["passed_accepted"].format(a=counted) if accepted else w["passed"].format(n=total)]
    for failure in report.failures:
        text = f"  ✗ {_crossing(report, failure, names, w)}"
        if failure.unaccepted:
            text += "; " + w["unaccepted"].format(items=", ".join(names.get(i, i) for i in failure.unaccepted))
        elif failure.accepted is not None:
            accepted_text, measured = _shown(failure.threshold, failure.accepted, failure.value)
            text += "; " + w["worse_" + _bound(failure.threshold)].format(accepted=accepted_text, value=measured)
        lines.append(text)
    for crossing in report.accepted:
        accepted_text = _shown(crossing.threshold, crossing.accepted)[0]
        bound = w["accepted_" + _bound(crossing.threshold)].format(accepted=accepted_text)
        lines.append(f"  ~ {_crossing(report, crossing, names, w)}; {bound}")
        lines.append("      " + w["reason"].format(reason=" ".join(crossing.reason.split())))
    for declaration in report.not_needed:
        shown = w["accepted_" + _bound(declaration.threshold)].format(
            accepted=_shown(declaration.threshold, declaration.value)[0]
        )
        lines.append(w["not_needed"].format(name=declaration.threshold, accepted=shown))
    if report.ignored:
        lines.append(w["ignored"].format(names=", ".join(a.threshold for a in report.ignored)))
    if report.not_evaluated:
        lines.append(w["not_evaluated"].format(names=", ".join(report.not_evaluated)))
    summary = report.summary
    hints = [
        w["hint_double"].format(n=summary["double_barrelled"]) if summary["double_barrelled"] else "",
        w["hint_redundant"].format(n=summary["redundant_pairs"]) if summary["redundant_pairs"] else "",
        _count_hint(report, w),
        _neutral_hint(report, w),
    ]
    if any(hints):
        lines.append(w["hints"].format(items="; ".join(h for h in hints if h)))
    return lines


def _voter_notes(report: Any, w: dict[str, Any], files: Mapping[str, str]) -> list[str]:
    """One line per voter-facing note with the coding trail: file, party, statement, field, what."""
    if not report.voter_notes:
        return []
    lines = [w["notes"]]
    for problem in report.voter_notes:
        where = f"{files[problem.party]}: " if problem.party in files else ""
        found = ", ".join(repr(text) for text in problem.found)
        lines.append(f"  ✗ {where}{problem.party}, {problem.statement}, {problem.field}: {found} in «{problem.note}»")
    return lines


def _crossing(report: Any, crossing: Any, names: Mapping[str, str], w: dict[str, Any]) -> str:
    """A crossed threshold (failed or accepted) as one line of text, its name in brackets."""
    items = _failure_items(report, crossing, names, w)
    text = w[crossing.threshold].format(
        value=crossing.value, limit=crossing.limit, items=items, count=len(crossing.items)
    )
    return f"{text} [{crossing.threshold}]"


def _bound(threshold: str) -> str:
    from ..analysis.quality import THRESHOLD_BY_NAME

    return THRESHOLD_BY_NAME[threshold].bound


def _shown(threshold: str, *values: float) -> list[str]:
    """Values of a threshold as text (shares as percentages), with as many decimals as it takes
    to tell different values apart (up to six)."""
    from ..analysis.quality import THRESHOLD_BY_NAME

    share = THRESHOLD_BY_NAME[threshold].share
    texts: list[str] = []
    for digits in range(1, 7):
        texts = [_decimal(v * 100 if share else v, digits) + ("%" if share else "") for v in values]
        if len(set(texts)) == len(set(values)):
            break
    return texts


def _decimal(number: float, digits: int) -> str:
    """`number` with at most `digits` decimals, trailing zeros dropped: 12.9, 2, 90.3."""
    text = f"{number:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _count_hint(report: Any, w: dict[str, Any]) -> str:
    from ..analysis.quality import LONG_WORDS

    long = sum(1 for s in report.statements if "long" in s.flags)
    return w["hint_long"].format(n=long, words=LONG_WORDS) if long else ""


def _neutral_hint(report: Any, w: dict[str, Any]) -> str:
    count = sum(1 for p in report.parties if "mostly_neutral" in p.flags)
    return w["hint_neutral"].format(n=count) if count else ""


def _failure_items(report: Any, failure: Any, names: Mapping[str, str], w: dict[str, Any]) -> str:
    if failure.threshold == "min_party_stance_share":
        shares = {p.id: p.stance_share for p in report.parties}
        return ", ".join(f"{names.get(p, p)} {shares[p]:.0%}" for p in failure.items)
    if failure.threshold == "max_canonical_margin":
        patterns = {c.pattern: c for c in report.canonical}
        return ", ".join(
            f"{w['pattern_' + p]} → {_names(patterns[p].top, names)} (+{patterns[p].margin:.1f})" for p in failure.items
        )
    if failure.threshold == "max_bias_ratio" and report.null_model is not None:
        ratios = report.null_model.bias_ratio
        return ", ".join(f"{names.get(p, p)} {ratios[p]:.2f}" for p in failure.items)
    if failure.threshold in ("max_constant_parties",):
        return _names(failure.items, names)
    return _shorten(", ".join(failure.items))


def _names(ids: Any, names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(",", 1)[0] + ", …"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _overview(report: Any, w: dict[str, Any]) -> list[str]:
    s = report.summary
    return [
        "  "
        + w["overview_1"].format(
            statements=s["statements"],
            tiebreak=s["tiebreak_statements"],
            parties=s["parties"],
            themes=s["themes"],
            stance_share=s["stance_share"],
        ),
        "  "
        + w["overview_2"].format(
            two_sided=s["two_sided"],
            statements=s["statements"],
            separated=_percent(s["mean_separated"]),
            words=s["mean_words"],
        ),
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """Rows as aligned columns (numbers right-aligned), two spaces apart, indented."""
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [str(c).rjust(widths[i]) if i in right else str(c).ljust(widths[i]) for i, c in enumerate(row)]
        return ("  " + "  ".join(cells)).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _statements(report: Any, w: dict[str, Any]) -> list[str]:
    parties = len(report.parties)
    rows = []
    for s in report.statements:
        number = f"+{s.number}" if s.tiebreak else str(s.number)
        rows.append(
            (
                number,
                s.id,
                f"{s.stances}/{parties}",
                str(s.agree),
                str(s.neutral),
                str(s.disagree),
                _percent(s.separated),
                str(s.words),
                ", ".join(w[f"flag_{f}"] for f in s.flags),
            )
        )
    lines = _table(w["statement_columns"], rows, right={0, 2, 3, 4, 5, 6, 7})
    details = []
    for s in report.statements:
        notes = []
        if "one_sided" in s.flags:
            notes.append(
                w["one_sided_none"]
                if not (s.agree or s.disagree)
                else w["one_sided_agree"]
                if s.agree
                else w["one_sided_disagree"]
            )
        if s.redundant:
            notes.append(
                w["overlaps"]
                + " "
                + ", ".join(
                    w[f"redundant_{r.kind}"].format(id=r.statement, share=r.similarity, n=r.compared)
                    for r in s.redundant
                )
            )
        if s.joiners:
            notes.append(w["joined_by"] + " " + ", ".join(f"'{j}'" for j in s.joiners))
        if "long" in s.flags:
            notes.append(f"{s.words} {w['words']}")
        if notes:
            details.append(f"  {s.id}: {s.text}")
            details.append(f"      {'; '.join(notes)}")
    return lines + (["", w["details"], *details] if details else [])


def _parties(report: Any, w: dict[str, Any]) -> list[str]:
    total = report.summary["statements"]
    rows = [
        (
            p.name,
            f"{p.stances}/{total} ({p.stance_share:.0%})",
            _percent(p.neutral_share),
            "–" if p.acquiescence is None else f"{p.acquiescence:+.2f}",
            ", ".join(w[f"flag_{f}"] for f in p.flags),
        )
        for p in report.parties
    ]
    return _table(w["party_columns"], rows, right={1, 2, 3})


def _canonical(report: Any, names: Mapping[str, str], w: dict[str, Any]) -> list[str]:
    lines = []
    for c in report.canonical:
        pattern = w[f"pattern_{c.pattern}"]
        if c.score is None:
            lines.append("  " + w["canonical_none"].format(pattern=pattern))
        else:
            lines.append(
                "  "
                + w["canonical_row"].format(
                    pattern=pattern, top=_names(c.top, names), score=c.score, margin=c.margin or 0.0
                )
            )
    return lines


def _null_model(report: Any, names: Mapping[str, str], w: dict[str, Any]) -> list[str]:
    model = report.null_model
    if model is None:
        return [w["null_off"]]
    fair = 1 / len(report.parties)
    lines = [
        w["null"].format(
            n=f"{model.respondents:,}".replace(",", "." if w is WORDS["nl"] else ","), seed=model.seed, fair=fair
        )
    ]
    order = sorted(model.top_share, key=lambda p: -(model.top_share[p] or 0.0))
    rows = []
    for p in order:
        share, interval = model.top_share[p], model.top_share_interval[p]
        ratio, ratio_interval = model.bias_ratio[p], model.bias_ratio_interval[p]
        rows.append(
            (
                names.get(p, p),
                _percent1(share),
                _interval(interval, percent=True),
                "–" if ratio is None else f"{ratio:.2f}",
                _interval(ratio_interval),
            )
        )
    return lines + _table(w["null_columns"], rows, right={1, 2, 3, 4})


def _percent1(share: float | None) -> str:
    return "–" if share is None else f"{share:.1%}"


def _interval(bounds: list[float] | None, percent: bool = False) -> str:
    if bounds is None:
        return "–"
    low, high = bounds
    return f"{low:.1%}–{high:.1%}" if percent else f"{low:.2f}–{high:.2f}"
