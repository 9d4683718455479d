"""Research plots (optional `plot` extra: matplotlib, drawn with the Agg backend, no pyplot).

- `plot_top_share`: top advice per party with 95% intervals and the fair share 1/parties.
- `plot_method_agreement`: how often two methods give the same top advice (heatmap).
- `plot_party_agreement`: share of statements on which two parties take the same stance.
- `plot_landscape`: parties (and a user) on the quiz's axes. A position on an axis is the mean,
  over the statements that load on that axis and that the party has a stance on (the user
  answered), of the option's coordinate (c/(k-1) - 0.5) times the statement's loading, so it
  lies in [-0.5, 0.5]; positive is the axis's positive pole. The map zooms in on the points.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import SimulationError
from ..formats.provenance import png_metadata, provenance
from ..formats.records import document
from ..quiz.model import Quiz
from ..quiz.scale import coordinate
from ..simulate.defaults import PLOT_RESPONDENTS
from ..simulate.report import SimulationReport
from .text import check_lang, number, report_title, say

_INSTALL = "install with: pip install 'stemhulp[plot]'"


def _figure(width: float, height: float) -> Any:
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise SimulationError(f"plots need matplotlib; {_INSTALL}") from None
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Any, path: str | os.PathLike[str], origin: Mapping[str, Any] | None) -> None:
    from ..formats.atomic import write_atomic

    write_atomic(path, lambda stream: figure.savefig(stream, format="png", metadata=png_metadata(origin)))


# --- simulation plots -------------------------------------------------------------------------


def _top_share_axes(axes: Any, report: SimulationReport, names: Mapping[str, str], lang: str = "nl") -> None:
    """Bars sorted by top share (largest on top) with 95% intervals and the fair share."""
    names = {**report.party_names, **names}
    parties = sorted(report.parties, key=lambda p: (-(report.top_share[p] or 0.0), str(p)))
    shares = [report.top_share[p] or 0.0 for p in parties]
    intervals = [report.top_share_interval[p] or (s, s) for p, s in zip(parties, shares, strict=True)]
    low = [100 * (s - i[0]) for s, i in zip(shares, intervals, strict=True)]
    high = [100 * (i[1] - s) for s, i in zip(shares, intervals, strict=True)]
    labels = [names.get(p, p) for p in parties]
    positions = list(range(len(parties)))[::-1]
    axes.barh(positions, [100 * s for s in shares], xerr=[low, high], color="#4c72b0", ecolor="#222222", capsize=3)
    fair = 100 / len(parties)
    axes.axvline(fair, color="#c44e52", linestyle="--", linewidth=1.2)
    span = max(100 * max(i[1] for i in intervals) * 1.18, fair * 1.3)
    for y, share, interval in zip(positions, shares, intervals, strict=True):
        axes.text(
            100 * interval[1] + span * 0.01,
            y,
            f"{100 * share:.1f}%",
            va="center",
            fontsize=8,
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    axes.set_yticks(positions, labels, fontsize=_tick_size(len(parties)))
    # The fair-share line is explained under the axis, not in a legend that could cover a bar.
    axes.set_xlabel(f"{say(lang, 'top_axis')}\n- - - {say(lang, 'fair', p=len(parties), share=fair)}")
    axes.xaxis.label.set_fontsize(9)
    axes.set_xlim(0, span)
    axes.set_ylim(-0.6, len(parties) - 0.4)
    axes.set_title(
        _wrap(
            f"{report_title(report, lang)}\n"
            + say(lang, "top_title", model=report.model, n=number(report.respondents, lang), method=report.method),
            axes.figure.get_figwidth() * (0.55 if report.sensitivity and axes.figure.get_figwidth() > 10 else 1),
        ),
        fontsize=10,
    )


def as_report(report: SimulationReport | Mapping[str, Any]) -> SimulationReport:
    """The typed report, also from its JSON document (`SimulationResult.to_dict()`, a saved `--json`)."""
    if isinstance(report, SimulationReport):
        return report
    record, problems = SimulationReport.from_dict(report, "the simulation report")
    if record is None:
        raise SimulationError(problems)
    return record


def _tick_size(count: int) -> float:
    """Tick label size that stays legible for up to 40 rows on a page."""
    return max(6.0, min(9.0, 220 / max(count, 1)))


def _heatmap(
    figure: Any,
    axes: Any,
    matrix: Sequence[Sequence[float | None]],
    labels: Sequence[str],
    title: str,
    colorbar: str,
    columns: Sequence[str] | None = None,
    vmax: float = 100.0,
    scale: float = 100.0,
    shrink: float = 0.8,
) -> None:
    """A 0–100 heatmap; cell values written while they fit (up to 16 rows)."""
    values = [[float("nan") if v is None else scale * v for v in row] for row in matrix]
    count = len(labels)
    image = axes.imshow(values, vmin=0, vmax=vmax, cmap="viridis")
    size = _tick_size(count)
    axes.set_xticks(
        range(len(columns or labels)),
        columns or labels,
        rotation=45 if count > 6 else 35,
        ha="right",
        rotation_mode="anchor",
        fontsize=size,
    )
    axes.set_yticks(range(count), labels, fontsize=size)
    if count <= 16:
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v == v:  # not NaN
                    axes.text(
                        j,
                        i,
                        f"{v:.0f}",
                        ha="center",
                        va="center",
                        fontsize=8 if count <= 10 else 6.5,
                        color="white" if v < 60 else "black",
                    )
    axes.set_title(_wrap(title, figure.get_figwidth() - 1.5), fontsize=10)
    figure.colorbar(image, ax=axes, label=_wrap(colorbar, figure.get_figheight() * shrink), shrink=shrink)


def _wrap(title: str, inches: float) -> str:
    """Wrap each line of a title to the figure's width (about 11 characters an inch at 10 pt)."""
    import textwrap

    width = max(30, int(inches * 11))
    return "\n".join(textwrap.fill(line, width) for line in title.split("\n"))


def plot_top_share(
    report: SimulationReport | Mapping[str, Any],
    path: str | os.PathLike[str] | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "nl",
) -> Any:
    """Top-share bars (sorted) with their 95% intervals and the fair share 1/parties; returns the Figure."""
    check_lang(lang)
    report = as_report(report)
    figure = _figure(7.5, 1.8 + 0.32 * len(report.parties))
    _top_share_axes(figure.add_subplot(), report, names or {}, lang)
    return _finish(figure, path, document(report.provenance))


def plot_method_agreement(
    report: SimulationReport | Mapping[str, Any], path: str | os.PathLike[str] | None = None, lang: str = "nl"
) -> Any:
    """Heatmap: share of respondents with the same top advice under two methods; returns the Figure."""
    check_lang(lang)
    report = as_report(report)
    sensitivity = report.sensitivity
    if not sensitivity:
        raise SimulationError("a method-agreement plot needs a simulation with two or more methods")
    size = 3.0 + 0.8 * len(sensitivity.methods)
    figure = _figure(size + 1.2, size)
    _heatmap(
        figure,
        figure.add_subplot(),
        sensitivity.same_top,
        sensitivity.methods,
        f"{report_title(report, lang)}\n{say(lang, 'same_top_title')}\n("
        + say(lang, "same_top_detail", model=report.model, n=number(report.respondents, lang))
        + ")",
        say(lang, "respondents_pct"),
    )
    return _finish(figure, path, document(report.provenance))


def plot_simulation(
    report: SimulationReport | Mapping[str, Any],
    path: str | os.PathLike[str] | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "nl",
) -> Any:
    """Top shares, and beside them the method agreement when methods were compared; returns the Figure."""
    check_lang(lang)
    report = as_report(report)
    sensitivity = report.sensitivity
    height = max(4.0, 1.8 + 0.32 * len(report.parties))
    figure = _figure(14 if sensitivity else 7.5, height)
    if sensitivity:
        left, right = figure.subplots(1, 2, width_ratios=[1.3, 1])
        _top_share_axes(left, report, names or {}, lang)
        _heatmap(
            figure,
            right,
            sensitivity.same_top,
            sensitivity.methods,
            say(lang, "same_top_title"),
            say(lang, "respondents_pct"),
            shrink=min(0.8, 4.0 / height),
        )
    else:
        _top_share_axes(figure.add_subplot(), report, names or {}, lang)
    return _finish(figure, path, document(report.provenance))


def _finish(figure: Any, path: str | os.PathLike[str] | None, origin: Mapping[str, Any] | None) -> Any:
    if path is not None:
        _save(figure, path, origin)
    return figure


def _square_size(count: int) -> float:
    """Inches for a party × party heatmap: readable at 40 parties, no larger than a page."""
    return min(10.5, 3.0 + 0.2 * count)


def plot_party_agreement(quiz: Quiz, path: str | os.PathLike[str] | None = None, lang: str = "nl") -> Any:
    """Heatmap: share of statements (both with a stance) where two parties take the same one,
    parties in the order of a hierarchical clustering; returns the Figure."""
    import numpy as np

    from ..analysis.distances import cluster_order
    from ..quiz.stats import party_agreement
    from ..simulate.models import stance_matrix

    check_lang(lang)
    agreement = party_agreement(stance_matrix(quiz), [p.id for p in quiz.parties])
    matrix = np.array([[np.nan if v is None else v for v in row] for row in agreement["matrix"]], dtype=float)
    order = cluster_order(100.0 * (1.0 - matrix))
    size = _square_size(len(quiz.parties))
    figure = _figure(size + 1.4, size)
    _heatmap(
        figure,
        figure.add_subplot(),
        [[agreement["matrix"][i][j] for j in order] for i in order],
        [quiz.parties[i].name for i in order],
        f"{quiz.localized_title(lang)}:\n{say(lang, 'parties_title')}",
        say(lang, "parties_bar"),
    )
    return _finish(figure, path, provenance(quiz))


def plot_party_distances(
    quiz: Quiz,
    path: str | os.PathLike[str] | None = None,
    method: str | None = None,
    missing: str | None = None,
    salience: bool = False,
    lang: str = "nl",
) -> Any:
    """Heatmap of `stemhulp.analysis.distances.party_distances`: each row party's stances scored against
    every column party, both in the clustered order; returns the Figure."""
    from ..analysis.distances import party_distances

    check_lang(lang)
    data = party_distances(quiz, method=method, missing=missing, salience=salience)
    index = {p: i for i, p in enumerate(data["parties"])}
    order = [index[p] for p in data["order"]]
    labels = [data["party_names"][data["parties"][i]] for i in order]
    size = _square_size(len(order))
    figure = _figure(size + 1.4, size + 0.4)
    axes = figure.add_subplot()
    _heatmap(
        figure,
        axes,
        [[data["scores"][i][j] for j in order] for i in order],
        labels,
        f"{quiz.localized_title(lang)}:\n{say(lang, 'distances_title')}\n"
        f"({say(lang, 'distances_detail', method=data['method'], missing=data['missing'])})",
        say(lang, "distances_bar"),
        scale=1.0,
    )
    axes.set_ylabel(say(lang, "answers_of"))
    axes.set_xlabel(say(lang, "scored_party"))
    return _finish(figure, path, data["provenance"])


# --- the political landscape ------------------------------------------------------------------


def landscape_positions(quiz: Quiz, answers: Any = None) -> dict[str, Any]:
    """Positions on the quiz's axes: {"axes": [ids], "parties": {id: [x or None, …]},
    "user": [x or None, …] or None}. `answers` is an AnswerSet or a {statement: word} mapping."""
    axes = [a.id for a in quiz.axes] or sorted({a for s in quiz.statements for a in s.axes})
    if not axes or not any(s.axes.get(a) for s in quiz.statements for a in axes):
        raise SimulationError(
            f"quiz {quiz.id!r} has no axis loadings to draw a landscape: add axes to "
            "statements/quiz.yaml and `axes: {axis_id: loading}` to the statements"
        )
    k = quiz.scale.size

    def position(codes: Mapping[str, int]) -> list[float | None]:
        result = []
        for axis in axes:
            terms = [
                coordinate(codes[s.id], k) * s.axes[axis] for s in quiz.statements if s.axes.get(axis) and s.id in codes
            ]
            result.append(sum(terms) / len(terms) if terms else None)
        return result

    parties = {}
    for party, row in zip(quiz.parties, quiz.cells.main_by_party.tolist(), strict=True):
        codes = {s.id: c for s, c in zip(quiz.statements, row, strict=True)}
        parties[party.id] = position({s: c for s, c in codes.items() if c >= 0})
    user = None
    if answers is not None:
        words = getattr(answers, "answers", answers)
        codes = {}
        for statement, word in words.items():
            code = quiz.scale.parse_answer(word)
            if code is not None:
                codes[str(statement)] = code
        user = position(codes)
    return {"axes": axes, "parties": parties, "user": user}


def _axis_label(quiz: Quiz, axis_id: str, lang: str) -> tuple[str, str, str]:
    axis = next((a for a in quiz.axes if a.id == axis_id), None)
    if axis is None:
        return axis_id, "−", "+"
    english = lang == "en"
    name = (axis.name_en if english and axis.name_en else axis.name) or axis.id
    negative = (axis.negative_en if english and axis.negative_en else axis.negative) or "−"
    positive = (axis.positive_en if english and axis.positive_en else axis.positive) or "+"
    return pole_order(name, negative, positive), negative, positive


def pole_order(name: str, negative: str, positive: str) -> str:
    """An axis name written as "pole ↔ pole" in the order of the plot: negative pole first (left,
    bottom). A name that lists the positive pole first is turned around; other names are kept."""
    parts = [part.strip() for part in name.split("↔")]
    if len(parts) != 2:
        return name

    def same(a: str, b: str) -> bool:
        a, b = a.casefold(), b.casefold()
        return bool(a and b) and (a.startswith(b) or b.startswith(a))

    if same(parts[0], positive) and same(parts[1], negative):
        first, second = parts[1], parts[0]
        return (
            f"{first[:1].upper()}{first[1:]} ↔ {second[:1].lower() if second[1:2].islower() else second[:1]}"
            f"{second[1:]}"
        )
    return name


def plot_landscape(
    quiz: Quiz, path: str | os.PathLike[str] | None = None, answers: Any = None, lang: str = "nl"
) -> Any:
    """Parties, and given answers the user, on the quiz's first two axes (one axis: a line);
    returns the Figure."""
    check_lang(lang)
    data = landscape_positions(quiz, answers)
    axes_ids = data["axes"][:2]
    names = {p.id: p.name for p in quiz.parties}
    points = [(names[p], pos) for p, pos in data["parties"].items()]
    if data["user"] is not None:
        points.append((say(lang, "you"), data["user"]))
    two = len(axes_ids) == 2
    figure = _figure(7.5, 6.5 if two else 2.8)
    axes = figure.add_subplot()
    placed_points = [
        (label, pos[0], pos[1] if two else 0.0, pos is data["user"])
        for label, pos in points
        if pos[0] is not None and (not two or pos[1] is not None)
    ]
    extent = max([abs(v) for _, x, y, _ in placed_points for v in (x, y)] + [0.0])
    limit = min(0.55, max(0.15, math.ceil(extent * 1.35 / 0.05) * 0.05))  # zoom in on the parties
    axes.set_xlim(-limit, limit)
    axes.set_ylim(*((-limit, limit) if two else (-0.2, 0.2)))
    for _, x, y, is_user in placed_points:
        axes.scatter(
            [x],
            [y],
            s=160 if is_user else 70,
            marker="*" if is_user else "o",
            color="#c44e52" if is_user else "#4c72b0",
            zorder=3,
            edgecolor="black",
        )
    _place_labels(figure, axes, placed_points)
    name, negative, positive = _axis_label(quiz, axes_ids[0], lang)
    axes.axvline(0, color="#999999", linewidth=0.8)
    axes.set_xlabel(f"{name}\n← {negative}        {positive} →")
    if two:
        name2, negative2, positive2 = _axis_label(quiz, axes_ids[1], lang)
        axes.axhline(0, color="#999999", linewidth=0.8)
        axes.set_ylabel(f"{name2}\n← {negative2}        {positive2} →")
        axes.set_aspect("equal")
    else:
        axes.set_yticks([])
        axes.axhline(0, color="#999999", linewidth=0.8)
    missing = [names[p] for p, pos in data["parties"].items() if any(v is None for v in pos[:2])]
    title = f"{quiz.localized_title(lang)} — {say(lang, 'landscape')}"
    if missing:
        title += f"\n({say(lang, 'not_placed', parties=', '.join(missing))})"
    axes.set_title(title, fontsize=11)
    axes.grid(True, alpha=0.3)
    return _finish(figure, path, provenance(quiz, answers=answers is not None))


_OFFSETS = [
    (7, 5),
    (7, -13),
    (-7, 5),
    (-7, -13),
    (7, 18),
    (7, -26),
    (-7, 18),
    (-7, -26),
    (7, 31),
    (7, -39),
    (-7, 31),
    (-7, -39),
]  # points from the marker: right/left, up/down


def _place_labels(figure: Any, axes: Any, points: Sequence[tuple[str, float, float, bool]]) -> None:
    """Label every point where its text overlaps no label or marker placed before it."""
    renderer = figure.canvas.get_renderer()
    figure.canvas.draw()  # settle the layout, so that display coordinates hold
    taken: list[Any] = []
    markers = [axes.transData.transform((x, y)) for _, x, y, _ in points]
    for label, x, y, is_user in points:
        for dx, dy in _OFFSETS:
            text = axes.annotate(
                label,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0 else "right",
                fontsize=9,
                weight="bold" if is_user else "normal",
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(other) for other in taken) and not any(box.contains(mx, my) for mx, my in markers):
                break
            text.remove()
        else:
            text = axes.annotate(
                label,
                (x, y),
                xytext=_OFFSETS[0],
                textcoords="offset points",
                fontsize=9,
                weight="bold" if is_user else "normal",
            )
            box = text.get_window_extent(renderer)
        taken.append(box)


# --- any kind, by name (the registry is `plot_kinds.PLOT_KINDS`) -------------------------------


def draw(
    kind: str,
    path: str | os.PathLike[str] | None = None,
    *,
    quiz: Quiz | None = None,
    report: SimulationReport | None = None,
    answers: Any = None,
    method: str | None = None,
    methods: Sequence[str] | None = None,
    missing: str | None = None,
    salience: bool = False,
    lang: str = "nl",
    **simulation: Any,
) -> tuple[Any, SimulationReport | None]:
    """Draw plot `kind` and return (Figure, the simulation report it drew or None).

    A simulation kind draws `report` when given (for example a saved one, `frames.load_report`), else
    simulates `quiz` (`simulation` holds `simulate`'s options: respondents, model, seed, …)."""
    from .kinds import PLOT_KIND_BY_NAME, plot_kind_names

    entry = PLOT_KIND_BY_NAME.get(kind)
    if entry is None:
        raise SimulationError(f"unknown plot kind {kind!r}; choose one of {plot_kind_names()}")
    function = globals()[entry.function]
    if entry.simulation:
        if report is None:
            report = _simulate_for(entry, quiz, method, methods, missing, salience, simulation)
        names = {p.id: p.name for p in quiz.parties} if quiz is not None else None
        return _call(function, report, path, names=names, lang=lang), report
    if report is not None:
        raise SimulationError(f"a saved simulation draws top-share or agreement, not {kind}")
    if quiz is None:
        raise SimulationError(f"plot {kind} needs a quiz")
    return _call(
        function, quiz, path, answers=answers, method=method, missing=missing, salience=salience, lang=lang
    ), None


def _call(function: Any, source: Any, path: Any, **options: Any) -> Any:
    """Call a plot function with the options it takes (each kind takes some of them)."""
    import inspect

    accepted = inspect.signature(function).parameters
    return function(source, path, **{k: v for k, v in options.items() if k in accepted})


def _simulate_for(
    entry: Any,
    quiz: Quiz | None,
    method: str | None,
    methods: Sequence[str] | None,
    missing: str | None,
    salience: bool,
    options: dict[str, Any],
) -> SimulationReport:
    from ..matching.methods import METHODS
    from ..simulate import simulate

    if quiz is None:
        raise SimulationError(f"plot {entry.name} needs a quiz or a saved simulation")
    compared = list(methods or [])
    if entry.all_methods and not compared:
        compared = [m.name for m in METHODS if m.fits(quiz.scale.size)]
    respondents = options.pop("respondents", PLOT_RESPONDENTS)
    return simulate(
        quiz,
        respondents,
        method=method,
        methods=compared or None,
        missing=missing,
        salience=salience,
        influence_sample=0,
        **options,
    ).report
