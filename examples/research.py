"""A small VAA study: is the quiz fair to every party, and does the method matter?

    python examples/research.py [SOURCE] [RESPONDENTS]

1. Bias under the null model: 200,000 respondents answer every statement at random. A quiz
   that favours no party gives each one 1/parties of the top advice (bias ratio 1).
2. Method sensitivity: for the same respondents, how often do two methods give the same top
   advice, and how similar are their party rankings (Kendall's tau)?
3. Recovery: respondents who copy a party with some noise; how often is that party advised?

Deterministic: a fixed seed, so the output (examples/research.out for the bundled quiz) is
the same on every run, whatever the chunk size or number of workers.
"""

from __future__ import annotations

import sys

import stemhulp
from stemhulp.simulate import simulate

SEED = 2024
METHODS = ["cityblock", "stemwijzer", "euclidean", "directional"]


def main(source: str | None = None, respondents: int = 200_000) -> None:
    quiz = stemhulp.load(source)
    names = {p.id: p.name for p in quiz.parties}
    print(f"{quiz.title}: {len(quiz.statements)} statements, {len(quiz.parties)} parties, "
          f"{respondents:,} simulated respondents (seed {SEED})")

    null = simulate(quiz, respondents, model="uniform", seed=SEED, methods=METHODS).to_dict()
    print(f"\n1. Bias under the null model (uniform answers, method {null['method']}):")
    for party in sorted(null["parties"], key=lambda p: -null["top_share"][p]):
        low, high = null["top_share_interval"][party]
        flag = "" if low <= 1 / len(quiz.parties) <= high else "  <- differs from a fair share"
        print(f"   {names[party]:<28} top {100 * null['top_share'][party]:5.1f}% "
              f"[{100 * low:4.1f}–{100 * high:4.1f}]  bias ratio {null['bias_ratio'][party]:4.2f}{flag}")
    margin = null["margin"]
    print(f"   ties at the top: {100 * null['tie_rate']:.1f}%; first-second margin below 5 points: "
          f"{100 * margin['close_call_rate']:.1f}% (median {margin['quantiles']['p50']:.2f} points)")

    sensitivity = null["sensitivity"]
    print("\n2. Method sensitivity (same respondents): same top advice / mean Kendall tau")
    for entry in sensitivity["kendall_tau"]:
        a, b = entry["methods"]
        same = sensitivity["same_top"][METHODS.index(a)][METHODS.index(b)]
        print(f"   {a:>11} vs {b:<11} {100 * same:5.1f}%   tau {entry['mean']:.3f} "
              f"(median {entry['median']:.3f})")

    party = simulate(quiz, respondents // 4, model="party", eps=[0.0, 0.1, 0.2, 0.3], seed=SEED,
                     influence_sample=0).to_dict()
    recovery = party["recovery"]
    print("\n3. Recovery: respondents copy a party, each answer changed with chance eps")
    print("   " + "  ".join(f"eps {e:.1f}: {100 * r:5.1f}%" for e, r in zip(recovery["eps"], recovery["rate"],
                                                                         strict=True)))
    worst = min(quiz.parties, key=lambda p: recovery["by_party"][p.id][2])
    print(f"   hardest to recover at eps 0.2: {worst.name} "
          f"({100 * recovery['by_party'][worst.id][2]:.1f}%)")

    influence = sorted(null["influence"]["statements"], key=lambda s: -s["flip"])[:3]
    print("\nMost influential statements (a flipped answer changes the top advice):")
    for item in influence:
        text = quiz.statement_by_id[item["statement"]].text
        print(f"   {item['statement']}: {100 * item['flip']:.1f}%  {text[:70]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else None,
         int(sys.argv[2]) if len(sys.argv) > 2 else 200_000)
