"""Agreement between the bundled quiz's codes and a second coding of the same cells.

    python benchmarks/second_coding.py benchmarks/results/second-coding-blind-2026-12.yaml [--quiz DIR]

The second coding is a YAML file `{cells: [{party, statement, code, weight, quote, note}]}` with
`code` one of agree / neutral / disagree / null. Compared with the bundled quiz's positions:
agreement, chance agreement pₑ and Cohen's κ = (pₒ − pₑ)/(1 − pₑ) over the four categories and
over stance vs no stance, how often the direction matches where both took a stance, the
confusion table, and every disagreeing cell. `--quiz` compares with another version of the quiz:
CODEBOOK §15 quotes the comparison with version 2.1, the codes the second coder worked blind to
(`git worktree add /tmp/v21 e82e846` and `--quiz /tmp/v21`; the result is in
benchmarks/results/second_coding.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

import stemhulp

CATEGORIES = ("agree", "neutral", "disagree", "null")


def first_codes(source: Path | None) -> dict[tuple[str, str], str]:
    quiz = stemhulp.load(source)
    codes = {}
    for party in quiz.parties:
        for statement in (*quiz.statements, *quiz.tiebreak_statements):
            position = quiz.position(party.id, statement.id)
            codes[party.id, statement.id] = (
                "null" if position is None or position.position is None else position.position
            )
    return codes


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Observed agreement, chance agreement and Cohen's kappa of (first, second) pairs."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[c] * second[c] for c in set(first) | set(second)) / n**2
    return observed, chance, (observed - chance) / (1 - chance) if chance < 1 else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", type=Path)
    parser.add_argument("--quiz", type=Path, default=None, help="the first coding's quiz (default: the bundled one)")
    args = parser.parse_args()
    cells = yaml.safe_load(args.second.read_text(encoding="utf-8"))["cells"]
    second = {(c["party"], c["statement"]): c["code"] or "null" for c in cells}
    first = first_codes(args.quiz)
    missing = sorted(set(first) - set(second))
    if missing:
        sys.exit(f"the second coding lacks {len(missing)} cells, e.g. {missing[:3]}")
    keys = sorted(first, key=lambda k: (k[1], k[0]))
    main_keys = [k for k in keys if k[1].startswith("s")]
    print("| cells | n | agreement | pₑ | κ | stance vs no stance: agreement | pₑ | κ | both a stance, not opposite |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, chosen in (("all (main + tie-break)", keys), ("main statements only", main_keys)):
        pairs = [(first[k], second[k]) for k in chosen]
        observed, chance, k4 = kappa(pairs)
        stance = [(a != "null", b != "null") for a, b in pairs]
        s_observed, s_chance, s_kappa = kappa([(str(a), str(b)) for a, b in stance])
        both = [(a, b) for a, b in pairs if a != "null" and b != "null"]
        opposite = sum(1 for a, b in both if {a, b} == {"agree", "disagree"})
        matched = sum(1 for a, b in pairs if a == b)
        print(
            f"| {label} | {len(pairs)} | {matched} ({observed:.1%}) | {chance:.3f} | {k4:.2f} | "
            f"{sum(a == b for a, b in stance)} ({s_observed:.1%}) | {s_chance:.3f} | {s_kappa:.2f} | "
            f"{len(both) - opposite} of {len(both)} |"
        )
    print()
    print("| first \\ second | " + " | ".join(CATEGORIES) + " | total |")
    print("|---|" + "---|" * (len(CATEGORIES) + 1))
    table = Counter((first[k], second[k]) for k in keys)
    for a in CATEGORIES:
        row = [table[a, b] for b in CATEGORIES]
        print(f"| {a} | " + " | ".join(str(x) for x in row) + f" | {sum(row)} |")
    print()
    notes = {(c["party"], c["statement"]): c.get("note") for c in cells}
    print("Disagreements (statement, party: first → second; the second coder's note):")
    for k in keys:
        if first[k] != second[k]:
            print(f"- {k[1]}, {k[0]}: {first[k]} → {second[k]}; {notes.get(k) or ''}")


if __name__ == "__main__":
    main()
