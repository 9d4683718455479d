"""`stemhulp check` on the bundled quiz and every quiz under ../shared/reference, with the defaults.

    python benchmarks/check_real_quizzes.py [--respondents 20000] [--seed 1] [--out benchmarks/results]

Writes `check_real_quizzes.json` (per quiz: size, one-sided statements and every crossed threshold,
with the stemhulp version, the default method and each quiz's fingerprint) and prints the docs
table (`readme_block` of the JSON; tests/analysis/test_study_defaults.py checks docs/guides/checking.md
against the committed JSON and that it was measured under today's defaults). Crossings the quiz accepts are counted as
crossings here (`accepted=False`), so every quiz is judged alike.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from typing import Any

import stemhulp
from stemhulp.analysis.quality import check
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- check_real_quizzes:begin -->", "<!-- check_real_quizzes:end -->"
SHOWN_ITEMS = 3


def _study() -> Any:
    spec = importlib.util.spec_from_file_location("study_defaults", ROOT / "benchmarks" / "study_defaults.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def run(respondents: int, seed: int) -> dict[str, Any]:
    """Every quiz's check report, reduced to what the docs table shows."""
    quizzes = []
    for label, quiz in _study().study_quizzes():
        report = check(quiz, respondents=respondents, seed=seed, accepted=False).to_dict()
        names = {p.id: p.name for p in quiz.parties}
        quizzes.append(
            {
                "label": label,
                "quiz": quiz.id,
                "fingerprint": quiz.fingerprint,
                "parties": len(quiz.parties),
                "statements": len(quiz.statements),
                "one_sided": report["summary"]["one_sided"],
                "failures": [
                    {
                        "threshold": f["threshold"],
                        "value": f["value"],
                        "limit": f["limit"],
                        "items": [names.get(item, item) for item in f["items"]],
                    }
                    for f in report["failures"]
                ],
                "canonical": {
                    c["pattern"]: {"top": [names[t] for t in c["top"]], "margin": c["margin"]}
                    for c in report["canonical"]
                },
            }
        )
    return {
        "stemhulp": stemhulp.__version__,
        "method": DEFAULT_METHOD,
        "missing": DEFAULT_MISSING,
        "min_coverage": DEFAULT_MIN_COVERAGE,
        "respondents": respondents,
        "seed": seed,
        "quizzes": quizzes,
    }


def _value(failure: dict[str, Any]) -> str:
    value = failure["value"]
    if failure["threshold"] in ("max_valence_share", "min_party_stance_share"):
        return f"{100 * value:.0f}%"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _crossing(failure: dict[str, Any], canonical: dict[str, Any]) -> str:
    if failure["threshold"] == "max_canonical_margin":  # its items are answer patterns: name the winner
        leads = [f"all {p} → {', '.join(canonical[p]['top'])}, +{canonical[p]['margin']:.1f}" for p in failure["items"]]
        return f"`{failure['threshold']}` ({'; '.join(leads)})"
    items = failure["items"]
    shown = ", ".join(items[:SHOWN_ITEMS]) + (
        f" and {len(items) - SHOWN_ITEMS} more" if len(items) > SHOWN_ITEMS else ""
    )
    return f"`{failure['threshold']}` {_value(failure)}" + (f" ({shown})" if items else "")


def readme_block(results: dict[str, Any]) -> str:
    lines = [
        f"Measured with stemhulp {results['stemhulp']} and its defaults (method `{results['method']}`, missing "
        f"`{results['missing']}`, min_coverage {results['min_coverage']:g}), {results['respondents']:,} "
        f"respondents, seed {results['seed']}, without accepted crossings (`benchmarks/check_real_quizzes.py`); "
        "one-sided = main statements on which nobody agrees or nobody disagrees:",
        "",
        "| quiz | parties × statements | one-sided | thresholds crossed (value; items) |",
        "|---|---|---|---|",
    ]
    for quiz in results["quizzes"]:
        crossed = "; ".join(_crossing(f, quiz["canonical"]) for f in quiz["failures"]) or "none"
        lines.append(
            f"| {quiz['label']} (`{quiz['quiz']}`) | {quiz['parties']} × {quiz['statements']} "
            f"| {quiz['one_sided']} | {crossed} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", "-n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    results = run(args.respondents, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "check_real_quizzes.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("\n".join([BEGIN, readme_block(results), END]))


if __name__ == "__main__":
    main()
