"""Which default method, missing-stance policy and min_coverage? A reproducible study (issues 12, 23).

    python benchmarks/study_defaults.py [--respondents 20000] [--seeds 12,13,14,15,16] [--out benchmarks/results]

The criterion, fixed before any number was looked at (also in docs/explanation/trust.md); round 3 (issue 23)
restated criterion 4 and measures criterion 3 as a mean over seeds:

1. Safety: `min_coverage` >= 0.5, so no party with a stance on fewer than half of your answers
   can be ranked, let alone first.
2. Accuracy: recovery under the party model at eps = 0.2 (the share of respondents drawn from a
   party whose top advice is that party, ties split) of at least 90%, averaged over the quizzes
   and seeds.
3. Fairness: of those, the smallest worst-case advantage: the largest bias ratio (top share under
   random answers × number of parties) over all parties of all quizzes, one figure per seed,
   averaged over the seeds (its spread over the seeds is reported beside it).
4. Ties (worst-case advantage within 0.05): the smaller share of *misplaced* flagged top advice,
   then the higher recovery at eps = 0.4. Restated in round 3: for the all-neutral and the
   all-agree respondent, a flagged (constant, evasive, mostly silent) party on top counts against
   a method only when its stances are not the respondent's own answers. An all-neutral party is
   the right advice for an all-neutral respondent (their answers are identical), so that is not
   counted; an evasive party that wins an all-agree respondent is. The old measure (any flagged
   party on top) is still reported, as "flagged top (any)".

Every method × missing policy × MIN_COVERAGES is measured with the library itself
(`stemhulp.simulate.simulate`, seeded; `stemhulp.match` for the two fixed respondents) on the
bundled quiz and every quiz under ../shared/reference that loads (Wahl-O-Mat sets, municipal
vote guides, StemWijzer files). On a quiz where every party has a stance on every statement the
policy and the coverage rule change nothing (tested), so such a quiz is measured once per seed and
that row stands for every policy and min_coverage. Per party the bias ratio is kept (at
min_coverage 0.5) to show whom each method favours: by share of neutral stances and by distance
from the centre of the quiz's parties. Writes `study_defaults.json` (every figure) and
`study_defaults.md` (the tables; the docs block is `readme_block(...)` of the JSON, which
tests/analysis/test_study_defaults.py checks against docs/explanation/trust.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import stemhulp
from stemhulp.errors import StemhulpError
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING, METHODS, MISSING_POLICIES
from stemhulp.quiz.profiles import party_profile

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
MIN_COVERAGES = (0.0, 0.25, 0.5, 0.75)
EPS = (0.2, 0.4)
SEEDS = (12, 13, 14, 15, 16)
NEUTRAL_BINS = ((0.0, 0.05, "under 5%"), (0.05, 0.15, "5–15%"), (0.15, 0.3, "15–30%"), (0.3, 1.01, "30% or more"))
DISTANCE_BINS = ("nearest third", "middle third", "farthest third")
SAFE_COVERAGE = 0.5
RECOVERY_NEEDED = 0.9
ADVANTAGE_TIE = 0.05
BEGIN, END = "<!-- study_defaults:begin -->", "<!-- study_defaults:end -->"


def quiz_sources(reference: Path = REFERENCE) -> list[tuple[str, Any]]:
    """(label, source) of every quiz in the study: the bundled one, then the imported real ones."""
    sources: list[tuple[str, Any]] = [("bundled", None)]
    for folder in sorted((reference / "wahlomat").glob("*")):
        if folder.is_dir() and (folder / "opinion.json").exists():
            sources.append((f"wahlomat/{folder.name}", folder))
    for folder in sorted((reference / "municipal-vote-guide").glob("*")):
        if folder.is_dir() and (folder / "nl.json").exists():
            sources.append((f"municipal/{folder.name}", folder))
    for path in sorted((reference / "stemwijzer").glob("*.json")):
        sources.append((f"stemwijzer/{path.stem}", path))
    return sources


def study_quizzes(reference: Path = REFERENCE) -> list[tuple[str, Any]]:
    """(label, loaded quiz) of every study quiz that loads; one that does not is named on stderr."""
    loaded = []
    for label, source in quiz_sources(reference):
        try:
            loaded.append((label, stemhulp.load(source)))
        except StemhulpError as error:
            print(f"skipped {label}: {error.problems[0]}", file=sys.stderr)
    return loaded


def fixed_respondents(quiz: Any) -> dict[str, dict[str, str]]:
    """The all-neutral (centre option; odd scales only) and the all-agree respondent."""
    options = quiz.scale.options
    people = {"all_agree": {s.id: options[-1] for s in quiz.statements}}
    if len(options) % 2:
        people["all_neutral"] = {s.id: options[len(options) // 2] for s in quiz.statements}
    return people


def flagged_top(quiz: Any, answers: dict[str, str], method: str, missing: str, min_coverage: float) -> dict[str, float]:
    """The share of the top advice (ties split) that goes to a flagged party: `any` flagged party,
    and `misplaced`: a flagged party whose stances are not the respondent's own answers (criterion 4)."""
    result = stemhulp.match(quiz, answers, method=method, missing=missing, min_coverage=min_coverage)
    top = [e for e in result.ranking if e.rank == 1]
    if not top:
        return {"any": 0.0, "misplaced": 0.0}
    flagged = [e for e in top if e.flags]
    misplaced = [e for e in flagged if not _copies(quiz, e.party, answers)]
    return {"any": len(flagged) / len(top), "misplaced": len(misplaced) / len(top)}


def _copies(quiz: Any, party: str, answers: dict[str, str]) -> bool:
    """Whether every stance the party takes is the respondent's answer to that statement."""
    stances = [(s.id, quiz.position(party, s.id)) for s in quiz.statements]
    return all(answers.get(sid) == p.position for sid, p in stances if p is not None and p.position is not None)


def has_every_stance(quiz: Any) -> bool:
    """Every party has a stance on every main statement: policy and coverage rule change nothing."""
    return bool((quiz.cells.main_by_party >= 0).all())


def measure_quiz(
    quiz: Any, n: int, seed: int, min_coverages: tuple[float, ...] = MIN_COVERAGES
) -> list[dict[str, Any]]:
    """Every method (fitting the scale) × policy × min_coverage on one quiz, one seed."""
    return expand(_measure(quiz, n, seed, min_coverages), has_every_stance(quiz), min_coverages)


def _measure(quiz: Any, n: int, seed: int, min_coverages: tuple[float, ...]) -> list[dict[str, Any]]:
    """The rows to store: on a quiz with every stance one setting stands for all (see `expand`)."""
    if has_every_stance(quiz):
        return _measure_setting(quiz, n, seed, DEFAULT_MISSING, min_coverages[0])
    settings = [(p.name, c) for p in MISSING_POLICIES for c in min_coverages]
    return [row for m, c in settings for row in _measure_setting(quiz, n, seed, m, c)]


def expand(
    rows: list[dict[str, Any]], every_stance: bool, min_coverages: tuple[float, ...] = MIN_COVERAGES
) -> list[dict[str, Any]]:
    """Stored rows as one row per setting: on a quiz where every party has a stance everywhere,
    each stored row stands for every policy and min_coverage (they change nothing there)."""
    if not every_stance:
        return rows
    return [
        row | {"missing": p.name, "min_coverage": c} for p in MISSING_POLICIES for c in min_coverages for row in rows
    ]


def quiz_rows(quiz: dict[str, Any], study: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored quiz's rows, one per setting."""
    return expand(quiz["rows"], quiz["missing_stances"] == 0, tuple(study["min_coverages"]))


def _measure_setting(quiz: Any, n: int, seed: int, missing: str, min_coverage: float) -> list[dict[str, Any]]:
    from stemhulp.simulate import simulate

    methods = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    people = fixed_respondents(quiz)
    quiet = {"tau_sample": 0, "influence_sample": 0, "missing": missing, "min_coverage": min_coverage}
    null = simulate(quiz, n, model="uniform", seed=seed, method=methods[0], methods=methods, **quiet).report
    rows = []
    for method in methods:
        party = simulate(quiz, n, model="party", eps=list(EPS), seed=seed + 1, method=method, **quiet).report
        assert null.sensitivity is not None and party.recovery is not None  # two methods, the party model
        shares = null.sensitivity.top_share[method]
        P, scored = len(shares), null.scored
        ratios = {p: None if s is None else s * P for p, s in shares.items()}
        known = {p: r for p, r in ratios.items() if r is not None}
        # No ranked party for any random respondent (every party below min_coverage): no advice.
        high = max(known, key=known.get) if known else None  # type: ignore[arg-type]
        low = min(known, key=known.get) if known else None  # type: ignore[arg-type]
        fixed = {who: flagged_top(quiz, answers, method, missing, min_coverage) for who, answers in people.items()}
        rows.append(
            {
                "method": method,
                "missing": missing,
                "min_coverage": min_coverage,
                "seed": seed,
                "max_bias": known.get(high),
                "max_bias_party": high,
                "max_bias_interval": None if high is None else _interval(shares[high], scored, P),
                "min_bias": known.get(low),
                "min_bias_party": low,
                "min_bias_interval": None if low is None else _interval(shares[low], scored, P),
                "bias_by_party": ratios,
                "recovery": list(party.recovery.rate),
                "recovery_respondents": list(party.recovery.respondents),
                "flagged_top": {who: v["misplaced"] for who, v in fixed.items()},
                "flagged_top_any": {who: v["any"] for who, v in fixed.items()},
            }
        )
    return rows


def _slim(row: dict[str, Any]) -> dict[str, Any]:
    """A row to store: per-party ratios only where `bias_by_kind` reads them."""
    if row["missing"] == DEFAULT_MISSING and row["min_coverage"] in (SAFE_COVERAGE, MIN_COVERAGES[0]):
        return row
    return {k: v for k, v in row.items() if k != "bias_by_party"}


def party_kinds(quiz: Any) -> dict[str, dict[str, Any]]:
    """Per party: its share of neutral stances and its distance from the centre of the quiz's
    parties (root mean square over statements of its coordinate minus the parties' mean; no stance
    counts as 0), with the distance's third within the quiz (0 nearest … 2 farthest)."""
    import numpy as np

    codes = quiz.cells.main_by_party
    k = quiz.scale.size
    coordinates = np.where(codes >= 0, codes / (k - 1) - 0.5, 0.0)
    distance = np.sqrt(((coordinates - coordinates.mean(axis=0)) ** 2).mean(axis=1))
    order = np.argsort(np.argsort(distance, kind="stable"), kind="stable")
    profiles = party_profile(quiz)
    return {
        party.id: {
            "neutral_share": profiles[party.id].neutral_share if k % 2 else None,
            "centre_distance": float(distance[i]),
            "distance_third": int(3 * order[i] // len(quiz.parties)),
        }
        for i, party in enumerate(quiz.parties)
    }


def _interval(share: float | None, n: int, parties: int) -> list[float] | None:
    from stemhulp.simulate.diagnostics import wilson

    bounds = wilson(share, n)
    return None if bounds is None else [b * parties for b in bounds]


def run_study(n: int, seeds: tuple[int, ...], reference: Path = REFERENCE) -> dict[str, Any]:
    quizzes = []
    for label, quiz in study_quizzes(reference):
        started = time.perf_counter()
        flags = {p: list(profile.flags) for p, profile in party_profile(quiz).items() if profile.flags}
        quizzes.append(
            {
                "label": label,
                "quiz": quiz.id,
                "fingerprint": quiz.fingerprint,
                "parties": len(quiz.parties),
                "statements": len(quiz.statements),
                "scale": quiz.scale.size,
                "missing_stances": int((quiz.cells.main_by_party < 0).sum()),
                "flagged_parties": flags,
                "party_kinds": party_kinds(quiz),
                "party_names": {p.id: p.name for p in quiz.parties},
                "rows": [_slim(row) for seed in seeds for row in _measure(quiz, n, seed, MIN_COVERAGES)],
            }
        )
        print(f"{label}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    study = {
        "stemhulp": stemhulp.__version__,
        "respondents": n,
        "seeds": list(seeds),
        "eps": list(EPS),
        "min_coverages": list(MIN_COVERAGES),
        "quizzes": quizzes,
    }
    study["summary"] = summarise(study)
    study["choice"] = choose(study["summary"])
    study["kinds"] = bias_by_kind(study)
    return study


def summarise(study: dict[str, Any]) -> list[dict[str, Any]]:
    """Per method × policy × min_coverage, over the quizzes: worst cases (per seed, then mean and
    spread over the seeds) and means."""
    groups: dict[tuple[str, str, float], list[dict[str, Any]]] = {}
    for quiz in study["quizzes"]:
        for row in quiz_rows(quiz, study):
            groups.setdefault((row["method"], row["missing"], row["min_coverage"]), []).append(
                row | {"label": quiz["label"]}
            )
    seeds = study["seeds"]
    summary = []
    for (method, missing, min_coverage), rows in groups.items():
        if len(rows) < len(study["quizzes"]) * len(seeds):
            continue  # a method not defined on every quiz's scale
        flagged = [v for r in rows for v in r["flagged_top"].values()]
        flagged_any = [v for r in rows for v in r["flagged_top_any"].values()]
        silent = sorted({r["label"] for r in rows if r["max_bias"] is None})
        worst_by_seed, lowest_by_seed = [], []
        for seed in seeds:
            advised = [r for r in rows if r["seed"] == seed and r["max_bias"] is not None]
            if advised:
                worst_by_seed.append(max(advised, key=lambda r: r["max_bias"]))
                lowest_by_seed.append(min(advised, key=lambda r: r["min_bias"]))
        worst = max(worst_by_seed, key=lambda r: r["max_bias"]) if worst_by_seed else rows[0]
        figures = [r["max_bias"] for r in worst_by_seed]
        eps = range(len(study["eps"]))
        by_quiz = [[r["recovery"][e] for r in rows] for e in eps]
        per_quiz = {
            e: [sum(r["recovery"][e] for r in rows if r["label"] == q["label"]) / len(seeds) for q in study["quizzes"]]
            for e in eps
        }
        summary.append(
            {
                "method": method,
                "missing": missing,
                "min_coverage": min_coverage,
                "max_bias": None if silent else sum(figures) / len(figures),
                "max_bias_spread": None if silent else _spread(figures),
                "max_bias_where": f"no advice at all on {', '.join(silent)}"
                if silent
                else f"{worst['label']}: {_party_name(study, worst['label'], worst['max_bias_party'])}",
                "min_bias": None if silent else min(r["min_bias"] for r in lowest_by_seed),
                "recovery": [sum(v) / len(v) for v in by_quiz],
                "recovery_worst": [min(per_quiz[e]) for e in eps],
                "flagged_top": sum(flagged) / len(flagged),
                "flagged_top_any": sum(flagged_any) / len(flagged_any),
            }
        )
    return summary


def _party_name(study: dict[str, Any], label: str, party: str) -> str:
    quiz = next(q for q in study["quizzes"] if q["label"] == label)
    name = quiz["party_names"].get(party, party)
    return name if name == party else f"{name} ({party})"


def _spread(values: list[float]) -> dict[str, float]:
    from statistics import mean, stdev

    return {
        "mean": mean(values),
        "sd": stdev(values) if len(values) > 1 else 0.0,
        "min": min(values),
        "max": max(values),
    }


def bias_by_kind(study: dict[str, Any], min_coverage: float = SAFE_COVERAGE) -> dict[str, Any]:
    """Mean bias ratio per method (policy neutral) over the parties of every quiz and seed, by the
    party's share of neutral stances and by its third of distance from the centre of its quiz."""
    kinds: dict[str, Any] = {}
    for quiz in study["quizzes"]:
        for row in quiz_rows(quiz, study):
            if row["missing"] != DEFAULT_MISSING or row["min_coverage"] != min_coverage:
                continue
            method = kinds.setdefault(row["method"], {"neutral_share": {}, "distance": {}})
            for party, ratio in row["bias_by_party"].items():
                kind = quiz["party_kinds"][party]
                share = kind["neutral_share"]
                if share is not None:
                    label = next(name for low, high, name in NEUTRAL_BINS if low <= share < high)
                    method["neutral_share"].setdefault(label, []).append(ratio or 0.0)
                method["distance"].setdefault(DISTANCE_BINS[kind["distance_third"]], []).append(ratio or 0.0)
    return {
        method: {
            axis: {
                label: {"mean": sum(v) / len(v), "parties": len(v) // len(study["seeds"])}
                for label in labels
                if (v := groups[axis].get(label))
            }
            for axis, labels in (
                ("neutral_share", [name for _, _, name in NEUTRAL_BINS]),
                ("distance", list(DISTANCE_BINS)),
            )
        }
        for method, groups in kinds.items()
    }


def eligible(row: dict[str, Any]) -> bool:
    """Criteria 1–2; a setting that leaves some quiz without any advice is not eligible."""
    return (
        row["max_bias"] is not None and row["min_coverage"] >= SAFE_COVERAGE and row["recovery"][0] >= RECOVERY_NEEDED
    )


def choose(summary: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The criterion of the module docstring, applied to the summary."""
    candidates = [r for r in summary if eligible(r)]
    if not candidates:
        return None
    best = min(r["max_bias"] for r in candidates)
    close = [r for r in candidates if r["max_bias"] <= best + ADVANTAGE_TIE]
    chosen = min(close, key=lambda r: (r["flagged_top"], -r["recovery"][1], r["min_coverage"]))
    return {"method": chosen["method"], "missing": chosen["missing"], "min_coverage": chosen["min_coverage"]}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _worst(row: dict[str, Any]) -> str:
    """The worst-case bias ratio: mean over seeds (sd; lowest–highest seed)."""
    spread = row["max_bias_spread"]
    if spread is None:
        return "—"
    return f"{spread['mean']:.2f} (sd {spread['sd']:.2f}; {spread['min']:.2f}–{spread['max']:.2f})"


def summary_table(summary: list[dict[str, Any]], rows: list[dict[str, Any]] | None = None) -> list[str]:
    lines = [
        "| method | missing | min_coverage | worst max bias ratio: mean over seeds (sd; range) | where (worst seed) "
        "| lowest min bias ratio | recovery ε=0.2 mean (worst quiz) | recovery ε=0.4 mean "
        "| flagged top (criterion 4) | flagged top (any) | criterion 1–2 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows if rows is not None else summary:
        lines.append(
            f"| {r['method']} | {r['missing']} | {r['min_coverage']:g} | {_worst(r)} "
            f"| {r['max_bias_where']} | {_ratio(r['min_bias'])} "
            f"| {_pct(r['recovery'][0])} ({_pct(r['recovery_worst'][0])}) | {_pct(r['recovery'][1])} "
            f"| {_pct(r['flagged_top'])} | {_pct(r['flagged_top_any'])} | {'yes' if eligible(r) else 'no'} |"
        )
    return lines


def kinds_table(kinds: dict[str, Any], methods: list[str]) -> list[str]:
    """Mean bias ratio by kind of party (1 = a fair share of random respondents' top advice)."""
    neutral = [name for _, _, name in NEUTRAL_BINS]
    first = next(iter(kinds.values()))
    counts = [first["neutral_share"].get(b, {}).get("parties", 0) for b in neutral]
    counts += [first["distance"].get(b, {}).get("parties", 0) for b in DISTANCE_BINS]
    header = [f"neutral {b} ({c} parties)" for b, c in zip(neutral, counts, strict=False)]
    header += [f"{b} from the centre ({c})" for b, c in zip(DISTANCE_BINS, counts[len(neutral) :], strict=True)]
    lines = ["| method | " + " | ".join(header) + " |", "|---" * (len(header) + 1) + "|"]
    for method in methods:
        by = kinds[method]
        cells = [_ratio(by["neutral_share"].get(b, {}).get("mean")) for b in neutral]
        cells += [_ratio(by["distance"].get(b, {}).get("mean")) for b in DISTANCE_BINS]
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    return lines


def _row(summary: list[dict[str, Any]], method: str, missing: str, min_coverage: float) -> dict[str, Any]:
    return next(r for r in summary if (r["method"], r["missing"], r["min_coverage"]) == (method, missing, min_coverage))


def whom_it_favours(study: dict[str, Any]) -> list[str]:
    """The generated paragraph on the choice: its figures beside the runner-up's, and whom it favours."""
    summary, choice, kinds = study["summary"], study["choice"], study["kinds"]
    chosen = _row(summary, choice["method"], choice["missing"], choice["min_coverage"])
    others = [
        r
        for r in summary
        if eligible(r)
        and r["method"] != choice["method"]
        and (r["missing"], r["min_coverage"]) == (choice["missing"], choice["min_coverage"])
    ]
    runner_up = min(others, key=lambda r: r["max_bias"]) if others else None
    by = kinds[choice["method"]]
    neutral = {b: by["neutral_share"][b]["mean"] for _, _, b in NEUTRAL_BINS if b in by["neutral_share"]}
    distance = {b: by["distance"][b]["mean"] for b in DISTANCE_BINS if b in by["distance"]}
    most, least = max(neutral, key=neutral.get), min(neutral, key=neutral.get)  # type: ignore[arg-type]
    text = (
        f"**The choice: `{choice['method']}`, missing `{choice['missing']}`, `min_coverage` "
        f"{choice['min_coverage']:g}.** Its worst-case bias ratio is {chosen['max_bias']:.2f} on average over "
        f"the {len(study['seeds'])} seeds (from {chosen['max_bias_spread']['min']:.2f} to "
        f"{chosen['max_bias_spread']['max']:.2f}); mean recovery at ε = 0.2 is {_pct(chosen['recovery'][0])} "
        f"(worst quiz {_pct(chosen['recovery_worst'][0])})"
    )
    if runner_up:
        text += (
            f"; the next fairest eligible method, `{runner_up['method']}`, has {runner_up['max_bias']:.2f} and "
            f"{_pct(runner_up['recovery'][0])}"
        )
    text += (
        f". **Whom it favours:** {_leaning(distance, neutral)} By distance from the centre of their quiz's "
        f"parties, the farthest third gets {distance[DISTANCE_BINS[-1]]:.2f} times a fair share of random "
        f"respondents' top advice on average, the nearest third {distance[DISTANCE_BINS[0]]:.2f}; by share of "
        f"neutral stances, parties with {most} neutral stances get {neutral[most]:.2f}, parties with {least} "
        f"{neutral[least]:.2f}. The single most favoured party gets {chosen['max_bias']:.2f} "
        f"times a fair share (the mean over seeds of the largest ratio; {chosen['max_bias_where']} in the "
        "worst seed). "
        f"Flagged parties at the top of the all-neutral and all-agree respondents: "
        f"{_pct(chosen['flagged_top_any'])} (any), {_pct(chosen['flagged_top'])} not the respondent's own answers."
    )
    return [text]


def _leaning(distance: dict[str, float], neutral: dict[str, float]) -> str:
    """Which kind of party the method favours more: the larger gap between the kinds' mean ratios."""
    far, near = distance[DISTANCE_BINS[-1]], distance[DISTANCE_BINS[0]]
    by_neutral = max(neutral.values()) - min(neutral.values())
    if abs(far - near) >= by_neutral:
        return f"parties {'far from' if far > near else 'near'} the centre more than any other kind."
    first, last = neutral[NEUTRAL_BINS[0][2]], neutral[NEUTRAL_BINS[-1][2]]
    return f"parties with {'few' if first > last else 'many'} neutral stances more than any other kind."


def readme_block(study: dict[str, Any]) -> str:
    """The docs section between the markers: the chosen setting's neighbours, the choice, by kind."""
    summary, choice = study["summary"], study["choice"]
    labels = ", ".join(q["label"] for q in study["quizzes"])
    seeds = ", ".join(str(s) for s in study["seeds"])
    lines = [
        f"Measured with stemhulp {study['stemhulp']} on {len(study['quizzes'])} quizzes ({labels}); "
        f"{study['respondents']:,} simulated respondents per model, setting and seed, seeds {seeds}. "
        "Worst max bias ratio: the largest bias ratio of any party of any quiz, one figure per seed, "
        "then its mean, sd and range over the seeds (a maximum over about "
        f"{sum(q['parties'] for q in study['quizzes'])} parties, so it sits above a typical party's "
        "ratio by chance alone); lowest: over all seeds; recovery: mean over the quizzes and seeds (worst "
        "quiz in brackets); flagged top: share of the all-neutral and all-agree respondents whose top "
        "advice is a flagged party (criterion 4: only when its stances are not the respondent's own "
        "answers; any: every flagged party). Missing stances (statement × party cells without one): "
        + ", ".join(f"{q['label']} {q['missing_stances']:,}" for q in study["quizzes"])
        + ".",
        "",
    ]
    shown = [r for r in summary if r["min_coverage"] == (choice or {}).get("min_coverage", SAFE_COVERAGE)]
    shown.sort(key=lambda r: (not eligible(r), r["max_bias"] if r["max_bias"] is not None else float("inf")))
    lines.append(f"Every method × policy at min_coverage {shown[0]['min_coverage']:g}, best eligible first:")
    lines.append("")
    lines += summary_table(summary, shown)
    if choice:
        lines += [
            "",
            f"Chosen: method `{choice['method']}`, missing `{choice['missing']}`, "
            f"min_coverage {choice['min_coverage']:g}. The same method and policy at every min_coverage:",
            "",
        ]
        lines += summary_table(
            summary, [r for r in summary if r["method"] == choice["method"] and r["missing"] == choice["missing"]]
        )
        methods = sorted(study["kinds"], key=lambda m: _row(summary, m, DEFAULT_MISSING, SAFE_COVERAGE)["max_bias"])
        lines += [
            "",
            f"Whom each method favours: the mean bias ratio (1 = a fair share of random respondents' top "
            f"advice) of the parties of all quizzes and seeds, by their share of neutral stances and by "
            f"their third of distance from the centre of their quiz's parties (missing `{DEFAULT_MISSING}`, "
            f"min_coverage {SAFE_COVERAGE:g}):",
            "",
        ]
        lines += kinds_table(study["kinds"], methods)
        lines += ["", *whom_it_favours(study)]
    else:
        lines += ["", "No setting meets criteria 1 and 2."]
    return "\n".join(lines)


def write_outputs(study: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "study_defaults.json").write_text(json.dumps(study, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = [
        "# Study of the defaults (generated by benchmarks/study_defaults.py)",
        "",
        BEGIN,
        readme_block(study),
        END,
        "",
        "## Every setting, over all quizzes",
        "",
    ]
    lines += summary_table(
        sorted(
            study["summary"],
            key=lambda r: (r["min_coverage"], r["max_bias"] if r["max_bias"] is not None else float("inf")),
        )
    )
    for quiz in study["quizzes"]:
        complete = quiz["missing_stances"] == 0
        lines += [
            "",
            f"## {quiz['label']} ({quiz['quiz']}: {quiz['statements']} statements, {quiz['parties']} parties, "
            f"{quiz['missing_stances']} missing stances; fingerprint {quiz['fingerprint'][:12]}…)",
            "",
            f"Flagged parties: {quiz['flagged_parties'] or 'none'}",
            "",
            "Every party has a stance everywhere: one row per method stands for every policy and min_coverage."
            if complete
            else "Per method × policy × min_coverage:",
            "",
            "| method | missing | min_coverage | seed | max bias (party) | min bias (party) | recovery ε=0.2 | ε=0.4 "
            "| flagged top, criterion 4 (all-neutral, all-agree) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in quiz_rows(quiz, study):
            if complete and (r["missing"], r["min_coverage"]) != (DEFAULT_MISSING, SAFE_COVERAGE):
                continue
            flagged = ", ".join(f"{k} {_pct(v)}" for k, v in r["flagged_top"].items())
            lines.append(
                f"| {r['method']} | {r['missing']} | {r['min_coverage']:g} | {r['seed']} | {_ratio(r['max_bias'])} "
                f"({r['max_bias_party'] or 'no ranked party'}) | {_ratio(r['min_bias'])} "
                f"({r['min_bias_party'] or 'no ranked party'}) "
                f"| {_pct(r['recovery'][0])} | {_pct(r['recovery'][1])} | {flagged} |"
            )
    (out / "study_defaults.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", "-n", type=int, default=20_000)
    parser.add_argument("--seeds", default=",".join(str(s) for s in SEEDS), help="comma-separated seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    study = run_study(args.respondents, tuple(int(s) for s in args.seeds.split(",")))
    write_outputs(study, args.out)
    current = {"method": DEFAULT_METHOD, "missing": DEFAULT_MISSING, "min_coverage": DEFAULT_MIN_COVERAGE}
    print(json.dumps({"choice": study["choice"], "current_defaults": current}))


if __name__ == "__main__":
    main()
