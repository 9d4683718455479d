"""How soon does the adaptive quiz reach the full-length advice? A reproducible study (issue 27).

    python benchmarks/adaptive_study.py [--respondents 200] [--seed 27] [--out benchmarks/results]
    python benchmarks/adaptive_study.py --from-json benchmarks/results/adaptive_study.json   # redraw only

On the bundled quiz and every quiz under ../shared/reference that loads (the Wahl-O-Mat elections,
the municipal vote guides, the StemWijzer sample), party-like respondents of the simulator (ε = 0.2
and 0.4, `stemhulp.simulate.PartyModel`) answer the statements in three orders: the adaptive one
(`stemhulp.matching.adaptive`: the same `information` and `choose` that `next_statement` uses, for
all respondents at once), the quiz's fixed order, and a random order per respondent. After n
statements asked (the rest not answered) the top advice (default method, missing policy and
coverage rule) is compared with the full-length top advice: the share of respondents whose top set
is the same, with a 95% Wilson interval. Then the stopping rule: for each candidate stability
threshold and minimum number of answers, the mean number of statements asked before the adaptive
quiz stops and the agreement reached there; the library's `STOP_SHARE` and `MIN_ANSWERS` are the
pair chosen from this table (`chosen_rule`: the cheapest pair that reaches 95% agreement at ε = 0.2 and
90% at ε = 0.4 on every quiz).
No quiz in ../shared/reference holds real voters' answers, so there is no empirical row.

Writes `adaptive_study.json` (every figure), `adaptive_study.md` (the tables), `adaptive_study.png`
(the plot with 95% bands, with the `plot` extra) and rewrites the README's `adaptive_study` block.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import stemhulp
from stemhulp.matching.adaptive import MIN_ANSWERS, STOP_SHARE, answer_likelihoods, choose, information, model_beta
from stemhulp.matching.methods import DEFAULT_METHOD, DEFAULT_MISSING
from stemhulp.simulate.diagnostics import wilson

ROOT = Path(__file__).resolve().parent.parent
EPS = (0.2, 0.4)
ORDERS = ("adaptive", "fixed", "random")
THRESHOLDS = (0.8, 0.85, 0.9, 0.95)
MIN_ANSWER_CHOICES = (5, 8, 10, 12)
STOP_AGREEMENT = {0.2: 0.95, 0.4: 0.9}  # the agreement a stopping rule must reach at each ε on every quiz
HALF_GOAL = 0.9  # the goal: at half the statements, agreement ≥ 90% at ε = 0.2
BEGIN, END = "<!-- adaptive_study:begin -->", "<!-- adaptive_study:end -->"


def _study_quizzes() -> list[tuple[str, Any]]:
    """The quizzes of the defaults study (one loader for every study)."""
    spec = importlib.util.spec_from_file_location("study_defaults", ROOT / "benchmarks" / "study_defaults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.study_quizzes())


def top_sets(quiz: Any, codes: np.ndarray) -> np.ndarray:
    """(respondents × parties) True for the parties sharing the top advice (none: no party ranked)."""
    scores = stemhulp.match_many(quiz, codes, method=DEFAULT_METHOD, missing=DEFAULT_MISSING)
    filled = np.where(np.isnan(scores), -np.inf, scores)
    best = filled.max(axis=1, keepdims=True)
    return np.isfinite(filled) & (filled >= best - 1e-9)


def orders(quiz: Any, codes: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Per order, (respondents × statements) the statement index asked at each step."""
    respondents, count = codes.shape
    T, W = _tables(quiz)
    likelihoods = answer_likelihoods(T, W, model_beta(quiz.scale.size))
    asked = np.zeros(codes.shape, dtype=bool)
    seen = np.full(codes.shape, -1, dtype=codes.dtype)
    weights = np.ones(codes.shape)
    adaptive = np.empty(codes.shape, dtype=np.intp)
    rows = np.arange(respondents)
    for step in range(count):
        picked = choose(information(seen, weights, likelihoods), asked)
        adaptive[:, step] = picked
        asked[rows, picked] = True
        seen[rows, picked] = codes[rows, picked]
    fixed = np.broadcast_to(np.arange(count), codes.shape)
    shuffled = rng.permuted(np.broadcast_to(np.arange(count), codes.shape).copy(), axis=1)
    return {"adaptive": adaptive, "fixed": fixed, "random": shuffled}


def _tables(quiz: Any) -> tuple[np.ndarray, np.ndarray]:
    from stemhulp.matching.tables import method_tables as tables

    _, T, W, _ = tables(quiz, quiz.statements, [p.id for p in quiz.parties], DEFAULT_METHOD, DEFAULT_MISSING, False)
    return T, W


def agreement_curve(quiz: Any, codes: np.ndarray, order: np.ndarray, full: np.ndarray) -> list[int]:
    """For n = 1 … statements: how many respondents' top set after n asked equals the full-length one."""
    respondents, count = codes.shape
    rows = np.arange(respondents)[:, None]
    agree = []
    for n in range(1, count + 1):
        shown = np.full(codes.shape, -1, dtype=codes.dtype)
        shown[rows, order[:, :n]] = codes[rows, order[:, :n]]
        agree.append(int(np.all(top_sets(quiz, shown) == full, axis=1).sum()))
    return agree


def stop_table(quiz: Any, codes: np.ndarray, order: np.ndarray, full: np.ndarray) -> list[dict[str, Any]]:
    """Every candidate (threshold, minimum answers): mean statements asked at the stop, agreement there."""
    from stemhulp.matching.adaptive import next_statement

    options = quiz.scale.options
    ids = [s.id for s in quiz.statements]
    stops = {(t, m): [] for t in THRESHOLDS for m in MIN_ANSWER_CHOICES}  # type: dict[tuple[float, int], list[int]]
    for r in range(codes.shape[0]):
        answers: dict[str, str] = {}
        pending = dict.fromkeys(stops)
        for n in range(codes.shape[1]):
            index = int(order[r, n])
            code = int(codes[r, index])
            answers[ids[index]] = "skip" if code < 0 else options[code]
            real = sum(1 for w in answers.values() if w != "skip")
            if real < min(MIN_ANSWER_CHOICES):
                continue
            verdict = next_statement(quiz, answers)  # its top_share only: every rule is tried below
            share = verdict.top_share or 0.0
            for t, m in [key for key, at in pending.items() if at is None]:
                if real >= m and share >= t:
                    pending[(t, m)] = n + 1
            if all(at is not None for at in pending.values()):
                break
        for key, at in pending.items():
            stops[key].append(codes.shape[1] if at is None else at)
    rows = []
    respondents = np.arange(codes.shape[0])
    for (t, m), asked in stops.items():
        lengths = np.array(asked)
        shown = np.full(codes.shape, -1, dtype=codes.dtype)
        for r, n in zip(respondents, lengths, strict=True):
            shown[r, order[r, :n]] = codes[r, order[r, :n]]
        agree = int(np.all(top_sets(quiz, shown) == full, axis=1).sum())
        rows.append(_stop_row(t, m, lengths, agree, codes.shape[0]))
    return rows


def _stop_row(threshold: float, minimum: int, lengths: np.ndarray, agree: int, n: int) -> dict[str, Any]:
    return {
        "threshold": threshold,
        "min_answers": minimum,
        "mean_asked": float(lengths.mean()),
        "agreement": agree / n,
        "interval": wilson(agree / n, n),
    }


def measure(label: str, quiz: Any, respondents: int, seed: int) -> dict[str, Any]:
    from stemhulp.simulate import make_model

    started = time.perf_counter()
    model = make_model(quiz, "party", eps=list(EPS))
    rng = np.random.default_rng([seed, len(quiz.statements), len(quiz.parties)])
    draw = model.draw(rng, respondents)
    result: dict[str, Any] = {"quiz": label, "statements": len(quiz.statements), "parties": len(quiz.parties)}
    for eps, codes in zip(EPS, draw.variants, strict=True):
        codes = codes.astype(np.int64)
        full = top_sets(quiz, codes)
        sequences = orders(quiz, codes, rng)
        curves = {name: agreement_curve(quiz, codes, order, full) for name, order in sequences.items()}
        entry: dict[str, Any] = {"respondents": respondents, "agreement": curves}
        entry["stopping"] = stop_table(quiz, codes, sequences["adaptive"], full)
        result[f"eps={eps}"] = entry
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(f"{label}: {result['seconds']} s", file=sys.stderr)
    return result


def chosen_rule(study: dict[str, Any]) -> list[float] | None:
    """The [threshold, minimum answers] whose agreement at the stop reaches `STOP_AGREEMENT` on every
    quiz at both ε, asking the fewest statements at ε = 0.2 (a share of each quiz's length, averaged)."""
    best = None
    for t in THRESHOLDS:
        for m in MIN_ANSWER_CHOICES:
            if all(
                _row(q, eps, t, m)["agreement"] >= need
                for q in study["quizzes"]
                for eps, need in STOP_AGREEMENT.items()
            ):
                cost = float(np.mean([_row(q, EPS[0], t, m)["mean_asked"] / q["statements"] for q in study["quizzes"]]))
                if best is None or cost < best[0]:
                    best = (cost, [t, m])
    return None if best is None else best[1]


def _row(quiz: dict[str, Any], eps: float, threshold: float, minimum: int) -> dict[str, Any]:
    return next(
        r for r in quiz[f"eps={eps}"]["stopping"] if r["threshold"] == threshold and r["min_answers"] == minimum
    )


def _at(curve: list[int], n: int, respondents: int) -> str:
    share = curve[min(n, len(curve)) - 1] / respondents
    low, high = wilson(share, respondents) or (share, share)
    return f"{100 * share:.0f}% ({100 * low:.0f}–{100 * high:.0f})"


def readme_block(study: dict[str, Any]) -> str:
    """The README's table: agreement at 5, 10, 15, 20 statements and at half, per order; the stopping rule."""
    lines = [
        f"Share of party-like respondents ({study['respondents']} per quiz and ε, seed {study['seed']}) whose top "
        "advice after n statements equals the full-length top advice, with 95% Wilson intervals; adaptive / "
        "fixed quiz order / random order. Generated by `benchmarks/adaptive_study.py`.",
        "",
        "| quiz | ε | n | half (n) | adaptive at half | fixed at half | random at half "
        "| adaptive at 5 · 10 · 15 · 20 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    misses = []
    for q in study["quizzes"]:
        for eps in EPS:
            entry = q[f"eps={eps}"]
            curves, n = entry["agreement"], entry["respondents"]
            half = (q["statements"] + 1) // 2
            steps = " · ".join(
                f"{100 * curves['adaptive'][k - 1] / n:.0f}%" for k in (5, 10, 15, 20) if k <= q["statements"]
            )
            cells = [_at(curves[name], half, n) for name in ORDERS]
            lines.append(f"| {q['quiz']} | {eps} | {q['statements']} | {half} | {' | '.join(cells)} | {steps} |")
            if eps == EPS[0] and curves["adaptive"][half - 1] / n < HALF_GOAL:
                misses.append(q["quiz"])
    goal = "every quiz reaches it" if not misses else f"missed on {', '.join(misses)}"
    lines += ["", f"Goal at half the statements, ε = 0.2: at least {HALF_GOAL:.0%} agreement — {goal}.", ""]
    rule = study["chosen"]
    lines += [
        f"The stopping rule (stability `top_share` ≥ {STOP_SHARE}, at least {MIN_ANSWERS} real answers): mean "
        "statements asked before the quiz may stop, and the agreement reached there.",
        "",
        "| quiz | n | ε = 0.2: mean asked | agreement at the stop | ε = 0.4: mean asked | agreement at the stop |",
        "|---|---|---|---|---|---|",
    ]
    for q in study["quizzes"]:
        cells = []
        for eps in EPS:
            r = _row(q, eps, STOP_SHARE, MIN_ANSWERS)
            low, high = r["interval"]
            cells += [f"{r['mean_asked']:.1f}", f"{100 * r['agreement']:.0f}% ({100 * low:.0f}–{100 * high:.0f})"]
        lines.append(f"| {q['quiz']} | {q['statements']} | {' | '.join(cells)} |")
    needs = " and ".join(f"{need:.0%} at ε = {eps}" for eps, need in STOP_AGREEMENT.items())
    chosen = "none reaches it on every quiz" if rule is None else f"threshold {rule[0]}, minimum {rule[1]}"
    lines += [
        "",
        f"Candidates: thresholds {list(THRESHOLDS)} × minimum answers {list(MIN_ANSWER_CHOICES)}; the cheapest "
        f"pair reaching {needs} on every quiz: {chosen} "
        "(all pairs in `benchmarks/results/adaptive_study.md`). No reference quiz holds real voters' answers, "
        "so there is no empirical row.",
        "",
        "![Agreement with the full-length advice by statements asked](benchmarks/results/adaptive_study.png)",
    ]
    return "\n".join(lines)


def all_pairs(study: dict[str, Any]) -> str:
    lines = ["| quiz | ε | threshold | minimum | mean asked | agreement |", "|---|---|---|---|---|---|"]
    for q in study["quizzes"]:
        for eps in EPS:
            for r in q[f"eps={eps}"]["stopping"]:
                lines.append(
                    f"| {q['quiz']} | {eps} | {r['threshold']} | {r['min_answers']} | {r['mean_asked']:.1f} | "
                    f"{100 * r['agreement']:.1f}% |"
                )
    return "\n".join(lines)


def plot(study: dict[str, Any], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        print("no plot: matplotlib is not installed (pip install 'stemhulp[plot]')", file=sys.stderr)
        return
    quizzes = study["quizzes"]
    columns = min(4, len(quizzes))
    rows = -(-len(quizzes) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.6 * rows), squeeze=False, sharey=True)
    colours = {"adaptive": "tab:blue", "fixed": "tab:orange", "random": "tab:grey"}
    for ax, q in zip(axes.ravel(), quizzes, strict=False):
        for eps, style in zip(EPS, ("-", "--"), strict=True):
            entry = q[f"eps={eps}"]
            n = entry["respondents"]
            for name in ORDERS:
                share = np.array(entry["agreement"][name]) / n
                steps = np.arange(1, len(share) + 1)
                ax.plot(steps, share, style, color=colours[name], label=f"{name}, ε = {eps}")
                bounds = np.array([wilson(float(v), n) for v in share])  # the 95% interval, shaded
                ax.fill_between(steps, bounds[:, 0], bounds[:, 1], color=colours[name], alpha=0.12, linewidth=0)
        ax.axvline((q["statements"] + 1) // 2, color="black", linewidth=0.5)
        ax.set_title(q["quiz"], fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(0, 1.02)
        ax.tick_params(labelsize=7)
    for ax in axes.ravel()[len(quizzes) :]:
        ax.axis("off")
    axes[0, 0].legend(fontsize=6)
    figure.supxlabel("statements asked")
    figure.supylabel("same top advice as the full quiz")
    figure.tight_layout()
    figure.savefig(path, dpi=110, metadata={"Software": f"stemhulp {stemhulp.__version__}"})
    plt.close(figure)


def run(respondents: int, seed: int, only: str | None = None) -> dict[str, Any]:
    quizzes = [(label, quiz) for label, quiz in _study_quizzes() if only is None or only in label]
    study: dict[str, Any] = {"respondents": respondents, "seed": seed, "eps": list(EPS)}
    study["quizzes"] = [measure(label, quiz, respondents, seed) for label, quiz in quizzes]
    study["chosen"] = chosen_rule(study)
    return study


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=27)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--only", help="only the quizzes whose label contains this text (no README block)")
    parser.add_argument("--no-readme", action="store_true", help="leave the README alone")
    parser.add_argument("--from-json", type=Path, help="write the tables, plot and README block of a stored run")
    args = parser.parse_args(argv)
    if args.from_json is not None:
        study = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        study = run(args.respondents, args.seed, args.only)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "adaptive_study.json").write_text(json.dumps(study, indent=1) + "\n", encoding="utf-8")
    block = readme_block(study)
    (args.out / "adaptive_study.md").write_text(
        "# The adaptive quiz (generated by benchmarks/adaptive_study.py)\n\n"
        f"{BEGIN}\n{block}\n{END}\n\n## Every stopping rule\n\n{all_pairs(study)}\n",
        encoding="utf-8",
    )
    plot(study, args.out / "adaptive_study.png")
    if args.only is None and not args.no_readme:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from docs_block import replace_block

        replace_block("adaptive_study", block, docs=ROOT / "README.md")


if __name__ == "__main__":
    main()
