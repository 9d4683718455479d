"""Which default method, missing-stance policy and min_coverage? A reproducible study (issue 12).

    python benchmarks/study_defaults.py [--respondents 20000] [--seed 12] [--out benchmarks/results]

The criterion, fixed before any number was looked at (also in the README):

1. Safety: `min_coverage` >= 0.5, so no party with a stance on fewer than half of your answers
   can be ranked, let alone first.
2. Accuracy: recovery under the party model at eps = 0.2 (the share of respondents drawn from a
   party whose top advice is that party, ties split) of at least 90%, averaged over the quizzes.
3. Fairness: of those, the smallest worst-case advantage: the largest bias ratio (top share under
   random answers × number of parties) over all parties of all quizzes.
4. Ties (worst-case advantage within 0.05): the smaller share of all-neutral and all-agree
   respondents whose top advice is a flagged (constant, evasive, mostly silent) party, then the
   higher recovery at eps = 0.4.

Every method × missing policy × MIN_COVERAGES is measured with the library itself
(`stemhulp.simulate.simulate`, seeded; `stemhulp.match` for the two fixed respondents) on the
bundled quiz and on every Wahl-O-Mat set under ../shared/reference/wahlomat, plus any quiz that
loads from ../shared/reference/municipal-vote-guide. Writes `study_defaults.json` (every figure)
and `study_defaults.md` (the tables; the README block is `readme_block(...)` of the JSON, which
tests/test_study.py checks against the README).
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
from stemhulp.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING, METHODS, MISSING_POLICIES
from stemhulp.profiles import party_profile

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
MIN_COVERAGES = (0.0, 0.25, 0.5, 0.75)
EPS = (0.2, 0.4)
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
        if folder.is_dir():
            sources.append((f"municipal/{folder.name}", folder))
    return sources


def fixed_respondents(quiz: Any) -> dict[str, dict[str, str]]:
    """The all-neutral (centre option; odd scales only) and the all-agree respondent."""
    options = quiz.scale.options
    people = {"all_agree": {s.id: options[-1] for s in quiz.statements}}
    if len(options) % 2:
        people["all_neutral"] = {s.id: options[len(options) // 2] for s in quiz.statements}
    return people


def flagged_top(quiz: Any, answers: dict[str, str], method: str, missing: str, min_coverage: float) -> float:
    """The share of the top advice (ties split) that goes to a flagged party."""
    result = stemhulp.match(quiz, answers, method=method, missing=missing, min_coverage=min_coverage)
    top = [e for e in result.ranking if e.rank == 1]
    return sum(1 for e in top if e.flags) / len(top) if top else 0.0


def measure_quiz(
    quiz: Any, n: int, seed: int, min_coverages: tuple[float, ...] = MIN_COVERAGES
) -> list[dict[str, Any]]:
    """Every method (fitting the scale) × policy × min_coverage on one quiz."""
    from stemhulp.simulate import simulate

    methods = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    people = fixed_respondents(quiz)
    rows = []
    for missing in (p.name for p in MISSING_POLICIES):
        for min_coverage in min_coverages:
            null = simulate(
                quiz,
                n,
                model="uniform",
                seed=seed,
                method=methods[0],
                methods=methods,
                missing=missing,
                min_coverage=min_coverage,
                tau_sample=0,
                influence_sample=0,
            ).report
            for method in methods:
                party = simulate(
                    quiz,
                    n,
                    model="party",
                    eps=list(EPS),
                    seed=seed + 1,
                    method=method,
                    missing=missing,
                    min_coverage=min_coverage,
                    tau_sample=0,
                    influence_sample=0,
                ).report
                shares = null["sensitivity"]["top_share"][method]
                P, scored = len(shares), null["scored"]
                ratios = {p: None if s is None else s * P for p, s in shares.items()}
                known = {p: r for p, r in ratios.items() if r is not None}
                # No ranked party for any random respondent (every party below min_coverage): no advice.
                high = max(known, key=known.get) if known else None  # type: ignore[arg-type]
                low = min(known, key=known.get) if known else None  # type: ignore[arg-type]
                rows.append(
                    {
                        "method": method,
                        "missing": missing,
                        "min_coverage": min_coverage,
                        "max_bias": known.get(high),
                        "max_bias_party": high,
                        "max_bias_interval": None if high is None else _interval(shares[high], scored, P),
                        "min_bias": known.get(low),
                        "min_bias_party": low,
                        "min_bias_interval": None if low is None else _interval(shares[low], scored, P),
                        "recovery": party["recovery"]["rate"],
                        "recovery_respondents": party["recovery"]["respondents"],
                        "flagged_top": {
                            who: flagged_top(quiz, answers, method, missing, min_coverage)
                            for who, answers in people.items()
                        },
                    }
                )
    return rows


def _interval(share: float | None, n: int, parties: int) -> list[float] | None:
    from stemhulp.simulate.diagnostics import wilson

    bounds = wilson(share, n)
    return None if bounds is None else [b * parties for b in bounds]


def run_study(n: int, seed: int, reference: Path = REFERENCE) -> dict[str, Any]:
    quizzes = []
    for label, source in quiz_sources(reference):
        try:
            quiz = stemhulp.load(source)
        except StemhulpError as error:
            print(f"skipped {label}: {error.problems[0]}", file=sys.stderr)
            continue
        started = time.perf_counter()
        flags = {p: list(profile.flags) for p, profile in party_profile(quiz).items() if profile.flags}
        quizzes.append(
            {
                "label": label,
                "quiz": quiz.id,
                "parties": len(quiz.parties),
                "statements": len(quiz.statements),
                "flagged_parties": flags,
                "rows": measure_quiz(quiz, n, seed),
            }
        )
        print(f"{label}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    study = {"respondents": n, "seed": seed, "eps": list(EPS), "min_coverages": list(MIN_COVERAGES), "quizzes": quizzes}
    study["summary"] = summarise(study)
    study["choice"] = choose(study["summary"])
    return study


def summarise(study: dict[str, Any]) -> list[dict[str, Any]]:
    """Per method × policy × min_coverage, over the quizzes: worst cases and means."""
    groups: dict[tuple[str, str, float], list[dict[str, Any]]] = {}
    for quiz in study["quizzes"]:
        for row in quiz["rows"]:
            groups.setdefault((row["method"], row["missing"], row["min_coverage"]), []).append(
                row | {"label": quiz["label"]}
            )
    summary = []
    for (method, missing, min_coverage), rows in groups.items():
        if len(rows) < len(study["quizzes"]):
            continue  # a method not defined on every quiz's scale
        flagged = [v for r in rows for v in r["flagged_top"].values()]
        silent = [r["label"] for r in rows if r["max_bias"] is None]
        advised = [r for r in rows if r["max_bias"] is not None] or rows
        worst = max(advised, key=lambda r: r["max_bias"] or 0.0)
        lowest = min(advised, key=lambda r: r["min_bias"] or 0.0)
        summary.append(
            {
                "method": method,
                "missing": missing,
                "min_coverage": min_coverage,
                "max_bias": None if silent else worst["max_bias"],
                "max_bias_interval": None if silent else worst["max_bias_interval"],
                "max_bias_where": f"no advice at all on {', '.join(silent)}"
                if silent
                else f"{worst['label']}: {worst['max_bias_party']}",
                "min_bias": None if silent else lowest["min_bias"],
                "min_bias_interval": None if silent else lowest["min_bias_interval"],
                "recovery": [sum(r["recovery"][e] for r in rows) / len(rows) for e in range(len(study["eps"]))],
                "recovery_worst": [min(r["recovery"][e] for r in rows) for e in range(len(study["eps"]))],
                "flagged_top": sum(flagged) / len(flagged),
            }
        )
    return summary


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


def _ratio(value: float | None, interval: list[float] | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if interval is None else f"{value:.2f} ({interval[0]:.2f}–{interval[1]:.2f})"


def summary_table(summary: list[dict[str, Any]], rows: list[dict[str, Any]] | None = None) -> list[str]:
    lines = [
        "| method | missing | min_coverage | worst max bias ratio (95%) | where | lowest min bias ratio (95%) "
        "| recovery ε=0.2 mean (worst) | recovery ε=0.4 mean | flagged top | criterion 1–2 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows if rows is not None else summary:
        lines.append(
            f"| {r['method']} | {r['missing']} | {r['min_coverage']:g} "
            f"| {_ratio(r['max_bias'], r['max_bias_interval'])} "
            f"| {r['max_bias_where']} | {_ratio(r['min_bias'], r['min_bias_interval'])} "
            f"| {_pct(r['recovery'][0])} ({_pct(r['recovery_worst'][0])}) | {_pct(r['recovery'][1])} "
            f"| {_pct(r['flagged_top'])} | {'yes' if eligible(r) else 'no'} |"
        )
    return lines


def readme_block(study: dict[str, Any]) -> str:
    """The README section between the markers: the chosen setting's neighbours, then the choice."""
    summary, choice = study["summary"], study["choice"]
    labels = ", ".join(q["label"] for q in study["quizzes"])
    lines = [
        f"Measured on {len(study['quizzes'])} quizzes ({labels}); {study['respondents']:,} simulated "
        f"respondents per model and setting, seed {study['seed']}. Worst/lowest: over all parties of "
        "all quizzes; recovery: mean over the quizzes (worst quiz in brackets); flagged top: share of "
        "the all-neutral and all-agree respondents whose top advice is a flagged party.",
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
    else:
        lines += ["", "No setting meets criteria 1 and 2."]
    return "\n".join(lines)


def write_outputs(study: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "study_defaults.json").write_text(json.dumps(study, indent=1) + "\n", encoding="utf-8")
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
        lines += [
            "",
            f"## {quiz['label']} ({quiz['quiz']}: {quiz['statements']} statements, {quiz['parties']} parties)",
            "",
            f"Flagged parties: {quiz['flagged_parties'] or 'none'}",
            "",
            "| method | missing | min_coverage | max bias (party) | min bias (party) | recovery ε=0.2 | ε=0.4 "
            "| flagged top (all-neutral, all-agree) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in quiz["rows"]:
            flagged = ", ".join(f"{k} {_pct(v)}" for k, v in r["flagged_top"].items())
            lines.append(
                f"| {r['method']} | {r['missing']} | {r['min_coverage']:g} | {_ratio(r['max_bias'], None)} "
                f"({r['max_bias_party'] or 'no ranked party'}) | {_ratio(r['min_bias'], None)} "
                f"({r['min_bias_party'] or 'no ranked party'}) "
                f"| {_pct(r['recovery'][0])} | {_pct(r['recovery'][1])} | {flagged} |"
            )
    (out / "study_defaults.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", "-n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    study = run_study(args.respondents, args.seed)
    write_outputs(study, args.out)
    current = {"method": DEFAULT_METHOD, "missing": DEFAULT_MISSING, "min_coverage": DEFAULT_MIN_COVERAGE}
    print(json.dumps({"choice": study["choice"], "current_defaults": current}))


if __name__ == "__main__":
    main()
