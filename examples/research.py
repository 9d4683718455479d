"""A small VAA study: is the quiz fair to every party, and does the method matter?

    python examples/research.py [SOURCE] [RESPONDENTS]

1. Bias under the null model: 200,000 respondents answer every statement at random. A quiz
   that favours no party gives each one 1/parties of the top advice (bias ratio 1).
2. Method sensitivity: for the same respondents, how often do two methods give the same top
   advice, and how similar are their party rankings (Kendall's tau)?
3. Recovery: respondents who copy a party with some noise; how often is that party advised?
4. Uncertainty: Kendall's tau with its interval, and top shares across replications (seeds
   derived from the main seed) beside their Wilson intervals.
5. Party-pair distances: each party's own stances scored against every party; and the data out
   (arrays in party order, a DataFrame with party names as columns when pandas is installed).

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
    print(
        f"{quiz.title}: {len(quiz.statements)} statements, {len(quiz.parties)} parties, "
        f"{respondents:,} simulated respondents (seed {SEED})"
    )

    null_result = simulate(quiz, respondents, model="uniform", seed=SEED, methods=METHODS)
    null = null_result.report  # typed records; null_result.to_dict() is the JSON document
    print(f"\n1. Bias under the null model (uniform answers, method {null.method}):")
    for party in sorted(null.parties, key=lambda p: -null.top_share[p]):
        low, high = null.top_share_interval[party]
        flag = "" if low <= 1 / len(quiz.parties) <= high else "  <- differs from a fair share"
        print(
            f"   {names[party]:<28} top {100 * null.top_share[party]:5.1f}% "
            f"[{100 * low:4.1f}–{100 * high:4.1f}]  bias ratio {null.bias_ratio[party]:4.2f}{flag}"
        )
    margin = null.margin
    print(
        f"   ties at the top: {100 * null.tie_rate:.1f}%; first-second margin below 5 points: "
        f"{100 * margin.close_call_rate:.1f}% (median {margin.quantiles['p50']:.2f} points)"
    )

    sensitivity = null.sensitivity
    assert sensitivity is not None  # two or more methods were compared
    print("\n2. Method sensitivity (same respondents): same top advice / mean Kendall tau")
    for entry in sensitivity.kendall_tau:
        a, b = entry.methods
        same = sensitivity.same_top[METHODS.index(a)][METHODS.index(b)]
        print(f"   {a:>11} vs {b:<11} {100 * same:5.1f}%   tau {entry.mean:.3f} (median {entry.median:.3f})")

    party = simulate(
        quiz, respondents // 4, model="party", eps=[0.0, 0.1, 0.2, 0.3], seed=SEED, influence_sample=0
    ).report
    recovery = party.recovery
    assert recovery is not None  # the party model
    print("\n3. Recovery: respondents copy a party, each answer changed with chance eps")
    print("   " + "  ".join(f"eps {e:.1f}: {100 * r:5.1f}%" for e, r in zip(recovery.eps, recovery.rate, strict=True)))
    worst = min(quiz.parties, key=lambda p: recovery.by_party[p.id][2])
    print(f"   hardest to recover at eps 0.2: {worst.name} ({100 * recovery.by_party[worst.id][2]:.1f}%)")

    influence = sorted(null.influence.statements, key=lambda s: -s.flip)[:3]
    print("\nMost influential statements (a flipped answer changes the top advice):")
    for item in influence:
        text = quiz.statement_by_id[item.statement].text
        print(f"   {item.statement}: {100 * item.flip:.1f}%  {text[:70]}")

    print("\n4. Uncertainty")
    tau = sensitivity.kendall_tau[0]
    low, high = tau.mean_interval
    print(
        f"   tau {' vs '.join(tau.methods)}: mean {tau.mean:.3f}, 95% interval {low:.3f}–{high:.3f} "
        f"(normal, sd {tau.sd:.3f}, n {tau.respondents:,})"
    )
    replicated = simulate(quiz, respondents // 4, seed=SEED, replications=5, influence_sample=0, tau_sample=0).report
    assert replicated.replications is not None  # replications=5
    spread = replicated.replications.top_share
    print(f"   top share over 5 replications of {respondents // 4:,} respondents: mean ± sd [min–max]")
    for party_id in replicated.parties:
        s = spread[party_id]
        print(f"   {names[party_id]:<28} {100 * s.mean:5.1f}% ± {100 * s.sd:.2f} [{100 * s.min:.1f}–{100 * s.max:.1f}]")

    from stemhulp.analysis.distances import party_distances

    distances = party_distances(quiz)
    scores, ids = distances["scores"], distances["parties"]
    pairs = [
        (min(scores[i][j], scores[j][i]), ids[i], ids[j])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
        if scores[i][j] is not None and scores[j][i] is not None
    ]
    print(f"\n5. Party-pair distances ({distances['method']}, each party's stances as answers)")
    if pairs:
        best, worst = max(pairs), min(pairs)
        print(f"   closest: {names[best[1]]} and {names[best[2]]} (each scores the other at least {best[0]:.0f})")
        print(f"   furthest: {names[worst[1]]} and {names[worst[2]]} ({worst[0]:.0f})")
    print(f"   arrays in party order: top_share_array {null_result.top_share_array.round(3).tolist()}")
    try:
        frame = null_result.to_frame()
        print(f"   to_frame(): {frame.shape[0]} measures × {frame.shape[1]} parties (columns: party names)")
    except stemhulp.StemhulpError:
        print("   to_frame() needs pandas: pip install 'stemhulp[pandas]'")


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else None,
        int(sys.argv[2]) if len(sys.argv) > 2 else 200_000,
    )
