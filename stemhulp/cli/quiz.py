"""`stemhulp quiz`: options in, a `QuizSession` set up (new, resumed or continued), then `QuizRun`."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import AnswersError, StemhulpError
from ..matching.methods import (
    DEFAULT_METHOD,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_MISSING,
    METHOD_BY_NAME,
    POLICY_BY_NAME,
    get_method,
)
from ..texts.i18n import DEFAULT_LANGUAGE, LANGUAGES, Phrase
from .common import FromOpt, MethodName, MissingName, SourceArg, handles_errors, load_source, value

if TYPE_CHECKING:  # the session, the run and the terminal are imported when a quiz is taken
    from .terminal import Terminal

HELP = """Take the quiz in the terminal: one statement at a time, then your ranked result and why.

Keys at a statement (type one, then Enter). Dutch: e eens, o oneens, n geen van beide, s overslaan
(5-point quizzes: he, ho). English: a agree, d disagree, n neither, s skip (5-point: sa, sd); the
Dutch keys work in English too.

At every step: b back, ? more information, p what do the parties think?, l list of your answers
(type a number to change one), q stop (your answers are kept).

After the result: a party's number or name (statement by statement), t by theme, p 4 the
parties' positions on statement 4, l change answers, r save the result as a page.

Answers are saved as you go (to --save FILE, else to a file under $XDG_DATA_HOME/stemhulp/ whose
path is printed first); the file remembers the language, method and policy, which --resume uses
unless you override them.
"""


def quiz(
    source: SourceArg = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=f"Language: {' or '.join(LANGUAGES)}. [default: nl, or the one a resumed file was taken in]",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        MethodName | None,
        typer.Option(
            "--method",
            "-m",
            help=f"Matching method (see `stemhulp methods`). [default: {DEFAULT_METHOD}]",
            show_default=False,
        ),
    ] = None,
    missing: Annotated[
        MissingName | None,
        typer.Option(
            "--missing",
            help=f"What a party's missing stance counts as. [default: {DEFAULT_MISSING}]",
            show_default=False,
        ),
    ] = None,
    salience: Annotated[
        bool | None,
        typer.Option(
            "--salience/--no-salience",
            help="Weigh statements by each party's salience. [default: no]",
            show_default=False,
        ),
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            min=0.0,
            max=1.0,
            show_default=False,
            help="Rank a party only if it has a stance on at least this share of your answered statements. "
            f"[default: {DEFAULT_MIN_COVERAGE}]",
        ),
    ] = None,
    save: Annotated[
        Path | None, typer.Option("--save", metavar="FILE", help="Write your answers to FILE as you go.")
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume", metavar="FILE", help="Continue a saved answers FILE (a finished one can be reopened)."
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", "-a", metavar="FILE", help="Skip the questions: show the result for FILE."),
    ] = None,
    result: Annotated[
        Path | None,
        typer.Option(
            "--result",
            metavar="FILE",
            help="Also write the result to FILE: .html (a page to keep, share or print), .md or .json.",
        ),
    ] = None,
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            metavar="NAME",
            help="Your municipality: compare its programmes and skip the question (asked first otherwise).",
            show_default=False,
        ),
    ] = None,
    adaptive: Annotated[
        bool | None,
        typer.Option(
            "--adaptive/--all-statements",
            help="Ask the most telling statement next and stop early once the top advice is firm "
            "(you can always go on to all statements). [default: no, or what a resumed file used]",
            show_default=False,
        ),
    ] = None,
    breakdown: Annotated[
        bool, typer.Option("--breakdown", help="When piped: also print each party's statement-by-statement comparison.")
    ] = False,
    layout: FromOpt = None,
) -> None:
    raise typer.Exit(
        _run_quiz(
            source,
            lang,
            method,
            missing,
            salience,
            save,
            resume,
            answers,
            result,
            breakdown,
            layout,
            min_coverage,
            municipality,
            adaptive,
        )
    )


quiz.__doc__ = HELP


def _check_settings(path: Path, recorded: dict[str, Any]) -> dict[str, Any]:
    """The settings an answers file recorded, each checked; a clear error naming the file and key."""
    problems: list[str] = []
    for key, known in (("lang", LANGUAGES), ("method", METHOD_BY_NAME), ("missing", POLICY_BY_NAME)):
        if key in recorded and recorded[key] not in known:
            problems.append(Phrase(f"err_setting_{key}", at=path, got=recorded[key], known=list(known)))
    for flag in ("salience", "adaptive"):
        if flag in recorded and not isinstance(recorded[flag], bool):
            problems.append(Phrase("err_setting_flag", at=path, setting=flag, got=recorded[flag]))
    if "min_coverage" in recorded:
        from ..matching.coverage import check_min_coverage

        try:
            check_min_coverage(recorded["min_coverage"])
        except StemhulpError:
            problems.append(Phrase("err_setting_coverage", at=path, got=recorded["min_coverage"]))
    if problems:
        raise AnswersError(problems)
    return recorded


@handles_errors
def _run_quiz(source: Path | None, lang: str | None, *rest: Any) -> int:
    """`_quiz_steps`, its errors (a file, an option, an answers file) said in the quiz taker's language."""
    try:
        return _quiz_steps(source, lang, *rest)
    except StemhulpError as error:
        from .common import fail

        fail(error.problems, lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def _quiz_steps(
    source: Path | None,
    lang: str | None,
    method: Any,
    missing: Any,
    salience: bool | None,
    save: Path | None,
    resume: Path | None,
    answers: Path | None,
    result: Path | None,
    breakdown: bool,
    layout: Any,
    min_coverage: float | None = None,
    municipality: str | None = None,
    adaptive: bool | None = None,
) -> int:
    from ..dialogue.documents import format_for
    from ..dialogue.session import QuizSession, settings_from
    from ..formats.answers import read_answers
    from .common import fail
    from .quiz_run import QuizRun
    from .terminal import Terminal

    if lang is not None and lang not in LANGUAGES:
        fail([Phrase("err_lang", got=lang, known=list(LANGUAGES))])
    if result is not None and format_for(str(result)) is None:
        fail([Phrase("err_result_kind", path=result)], lang=lang or DEFAULT_LANGUAGE)
    given = {
        "lang": lang,
        "method": value(method) if method else None,
        "missing": value(missing) if missing else None,
        "salience": salience,
        "min_coverage": min_coverage,
        "adaptive": adaptive,
    }
    given = {key: v for key, v in given.items() if v is not None}
    from ..formats.outputs import check_outputs

    inputs = {"the quiz": source, "--answers": answers, "--resume": resume, "--save": save}
    check_outputs({"--result": result}, inputs)
    loaded = load_source(source, layout)
    interactive = sys.stdin.isatty()
    terminal = Terminal(interactive, str(given.get("lang", "nl")))

    from_file = answers or resume
    save_path: Path | None = None
    answer_set = None
    if from_file is not None:
        answer_set = read_answers(from_file, loaded)
        save_path = None if answers is not None else (save or resume)
    elif save is not None:
        save_path = save
    elif interactive:
        answer_set, save_path = _offer_to_continue(loaded, terminal)
    if answer_set is not None:
        recorded = _check_settings(Path(str(from_file or save_path)), settings_from(answer_set.extra))
        settings = {**recorded, **given}
    else:
        settings = dict(given)
    settings = {
        "lang": "nl",
        "method": DEFAULT_METHOD,
        "missing": DEFAULT_MISSING,
        "salience": False,
        "min_coverage": DEFAULT_MIN_COVERAGE,
        **settings,
    }
    get_method(settings["method"]).check_scale(loaded.scale.size)  # before any question, not after the last
    terminal.lang = settings["lang"]
    options: dict[str, Any] = {"settings": settings}
    session = (
        QuizSession.resume(loaded, answer_set, **options) if answer_set is not None else QuizSession(loaded, **options)
    )
    if municipality is not None:
        session.choose_municipality_given(_known_municipality(loaded, municipality))
    resume_args = "" if source is None else f" {shlex.quote(str(source))}"
    if layout is not None:
        resume_args += f" --from {value(layout)}"
    run = QuizRun(session, terminal, save_path, result_path=result, breakdown=breakdown, resume_args=resume_args)
    from ..formats.loading import bundled_path
    from ..formats.savefile import claim_save_file

    # The save file is checked (never the quiz, a device, or someone else's file) and locked for the run;
    # a file being continued (--resume, or the offered unfinished one) may of course exist.
    continued = resume if resume is not None else (save_path if answer_set is not None and save is None else None)
    with claim_save_file(save_path, loaded, source=source or bundled_path(), resume=continued):
        return run.run(ask=answers is None)


def _known_municipality(quiz: Any, typed: str) -> str:
    """The quiz's municipality named by --municipality (case and accents ignored); exit 1 otherwise."""
    from ..dialogue.session import choose_municipality, municipalities

    names = municipalities(quiz)
    valid, chosen = choose_municipality(typed, names)
    if not valid or chosen is None:
        known = ", ".join(names) if names else Phrase("err_no_municipalities")
        raise StemhulpError(Phrase("err_municipality", got=typed, known=known))
    return str(chosen)


def _offer_to_continue(quiz: Any, terminal: Terminal) -> tuple[Any, Path]:
    """An unfinished quiz in the default save folder: offer to continue it; else a fresh file."""
    from ..errors import StemhulpError
    from ..formats.answers import read_answers
    from ..formats.autosave import default_save_path, unfinished
    from .terminal import EndOfInput

    found = unfinished(quiz)
    if found is not None:
        path, count = found
        terminal.path(terminal.t("continue_offer", k=count, n=len(quiz.statements)), path, err=False)
        try:
            reply = terminal.ask(terminal.t("continue_prompt")).strip().lower()
        except EndOfInput:
            raise typer.Exit(0) from None
        if reply in ("", "j", "ja", "y", "yes"):
            try:
                return read_answers(path, quiz), path
            except StemhulpError:
                pass  # a damaged file is passed over: start afresh
    return None, default_save_path(quiz.id)
