"""`stemhulp simulate` and `stemhulp plot`: research commands.

Registered in app.py as `app.command()(research.simulate)` and `app.command()(research.plot)`.
numpy, scipy and matplotlib are imported inside the command bodies only, so that
`stemhulp --help` and `stemhulp quiz` start fast.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..limits import MAX_WORKERS
from ..plots.kinds import PLOT_KINDS, plot_kind_names
from ..simulate import defaults
from ..simulate.respondents import DEFAULT_DISCRIMINATION, DEFAULT_EPS, DEFAULT_MODEL, model_names
from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MIN_COVERAGE_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    JsonOpt,
    Layout,
    MethodOpt,
    MinCoverageOpt,
    MissingOpt,
    SalienceOpt,
    SeedOpt,
    SourceArg,
    handles_errors,
    load_source,
    print_json,
    value,
    whole,
)

ModelName = Enum("ModelName", {name: name for name in model_names()}, type=str)  # type: ignore[misc]
DEFAULT_MODEL_CHOICE = ModelName(DEFAULT_MODEL)


PlotKind = Enum("PlotKind", {name: name for name in plot_kind_names()}, type=str)  # type: ignore[misc]


RespondentsOpt = Annotated[
    int,
    typer.Option("--respondents", "-n", parser=whole(1), metavar="INTEGER", help="Number of simulated respondents."),
]
ModelOpt = Annotated[ModelName, typer.Option("--model", help="Respondent model.")]
MethodsOpt = Annotated[
    str | None,
    typer.Option(
        "--methods", help="Comma-separated methods to compare (method sensitivity), e.g. cityblock,stemwijzer."
    ),
]
EpsOpt = Annotated[
    str,
    typer.Option(
        "--eps",
        help="party model: chance each answer moves to another option; a comma-separated list "
        "reports recovery for each (the first drives the other diagnostics).",
    ),
]
SkipOpt = Annotated[float, typer.Option("--skip", min=0.0, max=1.0, help="Chance each answer is skipped.")]
ImportantOpt = Annotated[
    float,
    typer.Option(
        "--important", min=0.0, max=1.0, help="Chance each answered statement is marked important (counts double)."
    ),
]
DealbreakersOpt = Annotated[
    float,
    typer.Option(
        "--dealbreakers",
        min=0.0,
        max=1.0,
        help="Share of respondents who mark one deal-breaker, picked uniformly among the statements they "
        "answered on a side (not neutral); a party on the other side is excluded for them.",
    ),
]
PoolOpt = Annotated[
    Path | None,
    typer.Option("--answers", help="empirical model: answers file, directory or JSON list of them, or CSV of codes."),
]
SharesOpt = Annotated[
    str | None,
    typer.Option(
        "--shares", help="party model: how often each party is copied, e.g. rood=2,groen=1 (default: equally)."
    ),
]
DiscriminationOpt = Annotated[
    float, typer.Option("--discrimination", min=0.0, help="spatial model: how strongly positions drive answers.")
]
ThresholdsOpt = Annotated[
    str | None,
    typer.Option(
        "--thresholds", help="spatial model: k-1 increasing ordered-logit cut points (default: one logit apart)."
    ),
]
ChunkOpt = Annotated[
    int | None,
    typer.Option(
        "--chunk-size",
        parser=whole(1),
        metavar="INTEGER",
        show_default=False,
        help="Respondents scored at once (memory; default: the engine's chunk size); never changes the results.",
    ),
]
WorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers", parser=whole(1, MAX_WORKERS), metavar="INTEGER", help="Processes; never change the results."
    ),
]
TauOpt = Annotated[
    int,
    typer.Option(
        "--tau-sample", parser=whole(0), metavar="INTEGER", help="Kendall's tau over the first this many respondents."
    ),
]
InfluenceOpt = Annotated[
    int,
    typer.Option(
        "--influence-sample",
        parser=whole(0),
        metavar="INTEGER",
        help="Statement influence over the first this many respondents.",
    ),
]
RowsOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Per-respondent results: CSV, or Parquet for a name ending in .parquet."),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="With --out: comma-separated column groups: top, scores, margin, model, answers, important, "
        "compared (top/scores/margin for every --methods method too). Default: top,scores,model.",
    ),
]
ReplicationsOpt = Annotated[
    int,
    typer.Option(
        "--replications",
        parser=whole(1),
        metavar="INTEGER",
        help="Repeat the run with this many seeds derived from --seed and report the mean "
        "and spread of top shares and bias ratios across them (the first replication is the main run).",
    ),
]
PlotOpt = Annotated[
    Path | None, typer.Option("--plot", help="Also draw the top shares (and method agreement) to this PNG.")
]
PngOpt = Annotated[Path, typer.Option("--out", "-o", help="PNG file to write.")]
YouOpt = Annotated[Path | None, typer.Option("--answers", "-a", help="landscape: your answers file, shown as 'you'.")]
PartiesOpt = Annotated[
    str | None, typer.Option("--parties", help="Comma-separated party ids to compare (default: all parties).")
]
EstimateAxesOpt = Annotated[
    bool,
    typer.Option(
        "--estimate-axes",
        help="Use axes estimated from the party positions (principal components) instead of "
        "the quiz's own loadings: the spatial model and the landscape then work on imported quizzes too.",
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", help="nl or en: language of titles and axis names.")]


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _names_list(text: str | None, option: str) -> list[str] | None:
    """A comma-separated option: None when not given; empty or repeated names are an error."""
    from ..errors import SimulationError

    if text is None:
        return None
    names = _split(text)
    if not names:
        raise SimulationError(f"{option}: no names in {text!r}; give a comma-separated list or leave it out")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise SimulationError(f"{option}: {', '.join(repeated)} listed more than once")
    return names


def _floats(text: str, name: str) -> list[float]:
    from ..errors import SimulationError

    try:
        return [float(part) for part in _split(text)]
    except ValueError:
        raise SimulationError(f"{name} must be comma-separated numbers, got {text!r}") from None


def _shares(text: str | None) -> dict[str, float] | None:
    from ..errors import SimulationError

    if not text:
        return None
    shares: dict[str, float] = {}
    parts = _split(text)
    if not parts:
        raise SimulationError(f"--shares takes party=weight pairs, got {text!r}")
    for part in parts:
        party, _, number = part.partition("=")
        party = party.strip()
        if party in shares:
            raise SimulationError(f"--shares: party {party!r} is given more than once")
        try:
            shares[party] = float(number)
        except ValueError:
            raise SimulationError(f"--shares takes party=weight pairs, got {part!r}") from None
    return shares


def _with_axes(quiz: Any, estimate: bool) -> Any:
    if not estimate:
        return quiz
    from ..analysis.axes import estimate_axes

    return estimate_axes(quiz)


def _names(quiz: Any) -> dict[str, str]:
    return {p.id: p.name for p in quiz.parties}


@handles_errors
def simulate(
    source: SourceArg = None,
    respondents: RespondentsOpt = defaults.RESPONDENTS,
    model: ModelOpt = DEFAULT_MODEL_CHOICE,
    seed: SeedOpt = None,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    methods: MethodsOpt = None,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    min_coverage: MinCoverageOpt = DEFAULT_MIN_COVERAGE_CHOICE,
    parties: PartiesOpt = None,
    eps: EpsOpt = str(DEFAULT_EPS),
    shares: SharesOpt = None,
    discrimination: DiscriminationOpt = DEFAULT_DISCRIMINATION,
    thresholds: ThresholdsOpt = None,
    skip: SkipOpt = 0.0,
    important: ImportantOpt = 0.0,
    dealbreakers: DealbreakersOpt = 0.0,
    answers: PoolOpt = None,
    chunk_size: ChunkOpt = None,
    workers: WorkersOpt = 1,
    tau_sample: TauOpt = defaults.TAU_SAMPLE,
    influence_sample: InfluenceOpt = defaults.INFLUENCE_SAMPLE,
    estimate_axes: EstimateAxesOpt = False,
    out: RowsOpt = None,
    columns: ColumnsOpt = None,
    replications: ReplicationsOpt = 1,
    plot: PlotOpt = None,
    lang: LangOpt = "nl",
    json: JsonOpt = False,
    layout: FromOpt = None,
) -> None:
    """Simulate respondents and report bias, ties, margins, method sensitivity and influence."""
    from ..formats.outputs import check_outputs
    from ..matching.engine import DEFAULT_CHUNK
    from ..simulate import simulate as run
    from .simulation_summary import TerminalProgress, print_replications, print_summary, wants_progress

    check_outputs({"--out": out, "--plot": plot}, {"the quiz": source, "--answers": answers})
    quiz = _with_axes(load_source(source, layout), estimate_axes)
    progress = TerminalProgress() if wants_progress() else None
    try:
        result = run(
            quiz,
            respondents,
            model=model.value,
            seed=seed,
            method=value(method),
            methods=_names_list(methods, "--methods"),
            missing=value(missing),
            salience=salience,
            eps=_floats(eps, "--eps"),
            shares=_shares(shares),
            discrimination=discrimination,
            thresholds=_floats(thresholds, "--thresholds") if thresholds else None,
            answers=answers,
            skip=skip,
            important=important,
            dealbreakers=dealbreakers,
            chunk_size=chunk_size or DEFAULT_CHUNK,
            workers=workers,
            out=out,
            columns=columns,
            replications=replications,
            tau_sample=tau_sample,
            influence_sample=influence_sample,
            progress=progress,
            min_coverage=min_coverage,
            parties=_split(parties) if parties is not None else None,
        )
    finally:
        if progress is not None:
            progress.close()
    report = result.report
    if plot is not None:
        from ..plots.figures import plot_simulation

        plot_simulation(report, plot, names=_names(quiz), lang=lang)
    if json:
        print_json(report.to_dict())
    else:
        print_summary(report, names=_names(quiz))
        print_replications(report, names=_names(quiz))
        for path, what in ((out, "per-respondent results"), (plot, "plot")):
            if path is not None:
                typer.echo(f"wrote {what}: {path}")


FromResultOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Force the quiz's layout (native, stemhulp, wahlomat, stemwijzer), or a saved "
        "`simulate --json` document to draw top-share or agreement from without simulating again.",
    ),
]


@handles_errors
def plot(
    kind: Annotated[PlotKind, typer.Argument(help="; ".join(f"{k.name}: {k.summary}" for k in PLOT_KINDS) + ".")],
    source: SourceArg = None,
    out: PngOpt = ...,  # type: ignore[assignment]
    answers: YouOpt = None,
    respondents: RespondentsOpt = defaults.PLOT_RESPONDENTS,
    model: ModelOpt = DEFAULT_MODEL_CHOICE,
    seed: SeedOpt = None,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    methods: MethodsOpt = None,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    lang: LangOpt = "nl",
    estimate_axes: EstimateAxesOpt = False,
    layout: FromResultOpt = None,
) -> None:
    """Draw a research plot to a PNG (needs the plot extra: pip install 'stemhulp[plot]')."""
    from ..errors import SimulationError
    from ..formats.outputs import check_outputs
    from ..plots import figures as plots
    from ..plots.text import check_lang

    check_lang(lang)
    layouts = {item.value: item for item in Layout}
    saved = None if layout is None or layout in layouts else layout
    check_outputs({"--out": out}, {"the quiz": source, "--answers": answers, "--from": saved})
    report = quiz = answer_set = None
    if layout is not None and layout not in layouts:  # a saved simulation
        from ..simulate.frames import load_report

        report = load_report(layout)
    else:
        quiz = _with_axes(load_source(source, layouts.get(layout) if layout else None), estimate_axes)
        if answers is not None:
            from ..formats.answers import read_answers

            answer_set = read_answers(answers, quiz)
    try:
        _, drawn = plots.draw(
            value(kind),
            out,
            quiz=quiz,
            report=report,
            answers=answer_set,
            method=value(method),
            methods=_names_list(methods, "--methods"),
            missing=value(missing),
            salience=salience,
            lang=lang,
            respondents=respondents,
            model=model.value,
            seed=seed,
        )
    except SimulationError as error:
        if report is not None:
            raise SimulationError([f"--from {layout}: {problem}" for problem in error.problems]) from None
        raise
    if drawn is not None and report is None and seed is None:
        typer.echo(f"seed: {drawn.seed}")
    typer.echo(f"wrote {out}")
