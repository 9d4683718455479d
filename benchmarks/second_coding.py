"""Agreement between the bundled quiz's codes and a second coding of the same cells.

    python benchmarks/second_coding.py /work/blind/coding.yaml [--quiz DIR] [--sources DIR]

The second coding is a YAML file `{cells: [{party, statement, code, weight, quote, note}]}` with
`code` one of agree / neutral / disagree / null (the layout of CODEBOOK §16's brief). Compared with
the quiz's positions: agreement, chance agreement pₑ and Cohen's κ = (pₒ − pₑ)/(1 − pₑ) over the four
categories and over stance vs no stance, how often the direction matches where both took a stance,
how often the weights match where both chose the same stance, the confusion table, and every
disagreeing cell. Cells of statements the quiz does not have (retired after the second coder's brief
was written) are listed and left out; a quiz cell the second coding lacks is an error. `--sources`
also checks that every quote of the second coder stands verbatim in its programme. `--quiz` compares
with another version of the quiz: CODEBOOK §15 quotes the comparison with version 2.1
(`git worktree add /tmp/v21 e82e846` and `--quiz /tmp/v21`; benchmarks/results/second_coding.md),
§16 the comparison of version 3 with its blind second coding.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

import stemhulp
from stemhulp.formats.evidence import missing_fragment

CATEGORIES = ("agree", "neutral", "disagree", "null")


def first_codes(quiz: stemhulp.Quiz) -> dict[tuple[str, str], str]:
    codes = {}
    for party in quiz.parties:
        for statement in (*quiz.statements, *quiz.tiebreak_statements):
            position = quiz.position(party.id, statement.id)
            codes[party.id, statement.id] = (
                "null" if position is None or position.position is None else position.position
            )
    return codes


def unverified_quotes(cells: list[dict], quiz: stemhulp.Quiz, sources: Path) -> list[str]:
    """The second coder's quotes that do not stand verbatim in the programme of their party."""
    problems = []
    for cell in cells:
        party = quiz.party_by_id.get(cell["party"])
        if not cell.get("quote") or party is None or party.source is None:
            continue
        fragment = missing_fragment(cell["quote"], (sources / party.source).read_text(encoding="utf-8"))
        if fragment is not None:
            problems.append(f"{cell['party']} {cell['statement']}: not found: {fragment[:80]!r}")
    return problems


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
    parser.add_argument("--sources", type=Path, default=None, help="check the second coder's quotes in these texts")
    args = parser.parse_args()
    cells = yaml.safe_load(args.second.read_text(encoding="utf-8"))["cells"]
    second = {(c["party"], c["statement"]): c["code"] or "null" for c in cells}
    quiz = stemhulp.load(args.quiz)
    first = first_codes(quiz)
    missing = sorted(set(first) - set(second))
    if missing:
        sys.exit(f"the second coding lacks {len(missing)} cells, e.g. {missing[:3]}")
    retired = sorted({k[1] for k in second} - {k[1] for k in first})
    if retired:
        left_out = len(second) - len(first)
        print(f"Left out: {left_out} cells of statements the quiz no longer has ({', '.join(retired)}).")
    if args.sources is not None:
        bad = unverified_quotes([c for c in cells if (c["party"], c["statement"]) in first], quiz, args.sources)
        print(f"Second coder's quotes not verbatim: {len(bad)}" + "".join(f"\n- {b}" for b in bad))
    print()
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
    weights = {(c["party"], c["statement"]): c.get("weight") for c in cells}
    same = [k for k in keys if first[k] == second[k] != "null"]
    equal = sum(1 for k in same if weights.get(k) == quiz.position(k[0], k[1]).weight)  # type: ignore[union-attr]
    print(f"\nSame stance in {len(same)} cells; the same weight in {equal} of them.")
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
