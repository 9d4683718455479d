"""Embed stemhulp in an app: load a quiz, score one person's answers, explain the result.

Run: python examples/embed.py  (uses the bundled quiz; pass a quiz path to use another)
"""

import json
import sys

import stemhulp

quiz = stemhulp.load(sys.argv[1] if len(sys.argv) > 1 else None)  # None: the bundled quiz

# Your front-end collects answers as {statement_id: word}. Words are the scale's options
# ("agree", "neutral", "disagree"), the Dutch words ("eens", "geen van beide", "oneens") or "skip".
words = ["eens", "oneens", "geen van beide", "skip"]
answers = {statement.id: words[i % len(words)] for i, statement in enumerate(quiz.statements)}
important = [quiz.statements[0].id]  # "extra belangrijk": counts double

result = stemhulp.match(quiz, answers, important=important, method="cityblock", missing="neutral")

print(f"{quiz.title}: {len(quiz.statements)} statements, method {result.method}")
for entry in result.ranking:
    cover = f"{entry.coverage.with_stance}/{entry.coverage.answered}"
    rank = "–" if entry.rank is None else entry.rank  # None: not ranked (see entry.unranked_reason)
    score = "—" if entry.score is None else f"{entry.score:5.1f}%"
    reason = f" {entry.unranked_reason}" if entry.unranked_reason else ""
    print(f"{rank:>2}. {entry.name:<28} {score}  (stance on {cover} answered){reason}")

# Why: per statement, your answer next to the party's stance and its quote.
best = result.ranking[0]
for row in result.breakdown(best.party)[:3]:
    print(
        f"  {row.statement}: you {row.answer or 'skipped'}, {best.name} {row.position or 'no stance'}"
        f" -> {row.agreement}"
    )

# The same result as JSON for a web front-end (what `stemhulp match --json` prints).
document = result.to_dict()
print(json.dumps(document["results"][0], ensure_ascii=False)[:120] + " …")

# Researchers: many respondents at once, as option codes (-1 = skipped).
import numpy as np  # noqa: E402

codes = np.random.default_rng(1).integers(0, quiz.scale.size, size=(5, len(quiz.statements)))
print(np.round(stemhulp.match_many(quiz, codes), 1))  # NaN: that party is not ranked for that row

# How firm the top advice is: the share of resamples of these answers that keep it on top.
if result.stability.top_share is not None:
    print(f"top advice stays on top in {100 * result.stability.top_share:.0f}% of resamples")
