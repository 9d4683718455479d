"""`stemhulp quiz`: the terminal front-end over `QuizSession` (keys in, Rich screens out)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..answers import SKIP, read_answers, write_answers
from ..i18n import MISSING_NAMES, text
from ..methods import get_method
from ..session import Answer, Command, QuizSession, parse_key, parse_numbers, parse_party_choice
from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    MethodOpt,
    MissingOpt,
    SalienceOpt,
    SourceArg,
    handles_errors,
    load_source,
    value,
)

CLOSE_MARGIN = 5.0  # points between the top two that trigger the tie-break offer


class EndOfInput(Exception):
    """Standard input ended: show the result for what was answered."""


class Stop(Exception):
    """The user typed q."""


def default_save_path(quiz_id: str) -> Path:
    """A fresh answers file under the user's data directory."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(base) / "stemhulp" / f"{quiz_id}-{stamp}.json"


class Terminal:
    """Line-based input and Rich output; plain and uncoloured when not on a terminal."""

    def __init__(self, interactive: bool, lang: str) -> None:
        self.interactive = interactive
        self.lang = lang
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False)

    def t(self, key: str, **values: Any) -> str:
        return text(self.lang, key, **values)

    def ask(self, prompt: str) -> str:
        """One line of input; raises EndOfInput at the end of the input."""
        if self.interactive:
            try:
                return self.out.input(f"[bold]{escape(prompt)}[/bold]: ")
            except EOFError:
                raise EndOfInput from None
        line = sys.stdin.readline()
        if not line:
            raise EndOfInput
        line = line.rstrip("\n")
        self.out.print(f"{prompt}: {line}", markup=False)
        return line

    def hint(self, message: str) -> None:
        if self.interactive:
            self.out.print(f"[yellow]{escape(message)}[/yellow]")
        else:
            self.err.print(message, markup=False)


def numbered(console: Console, rows: list[tuple[str, str]]) -> None:
    """Print `number. text` rows with wrapped lines indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, content in rows:
        grid.add_row(number, content)
    console.print(grid)


class QuizRun:
    """One run of the quiz: the dialogue, saving as it goes, the result and the drill-down."""

    def __init__(self, session: QuizSession, terminal: Terminal, save_path: Path | None,
                 method: str, missing: str, salience: bool) -> None:
        self.session, self.term, self.save_path = session, terminal, save_path
        self.quiz = session.quiz
        self.method, self.missing, self.salience = method, missing, salience

    # Saving -------------------------------------------------------------------------------

    def save(self) -> None:
        if self.save_path is not None:
            write_answers(self.save_path, self.session.to_answer_set())

    def report_saved(self) -> None:
        if self.save_path is not None:
            self.term.err.print(self.term.t("saved", path=self.save_path), markup=False, soft_wrap=True)
            if not self.session.finished:
                self.term.err.print(self.term.t("resume_hint", path=self.save_path), markup=False, soft_wrap=True)

    # The dialogue -------------------------------------------------------------------------

    def intro(self) -> None:
        term, lang = self.term, self.term.lang
        method = get_method(self.method)
        summary = method.summary_nl if lang == "nl" and method.summary_nl else method.summary
        term.out.rule(f"[bold]{escape(self.quiz.localized_title(lang))}[/bold]")
        description = self.quiz.description_en if lang == "en" and self.quiz.description_en else self.quiz.description
        if description:
            term.out.print(escape(description.strip()))
            term.out.print()
        term.out.print(escape(term.t(
            "intro", n=len(self.quiz.statements), p=len(self.quiz.parties), method=method.name,
            summary=summary[0].upper() + summary[1:], missing=MISSING_NAMES[lang][self.missing])))

    def ask_statements(self, session: QuizSession, progress_key: str) -> None:
        """Ask each statement of `session` in turn until all are answered."""
        term, lang = self.term, self.term.lang
        keys = term.t("keys5" if self.quiz.scale.size == 5 else "keys")
        while not session.finished:
            statement = session.current
            term.out.print()
            progress = term.t(progress_key, i=session.index + 1, n=len(session.statements))
            theme = statement.localized("theme", lang)
            term.out.rule(f"{escape(progress)} · {escape(theme)}", align="left")
            term.out.print(f"[bold]{escape(statement.localized('text', lang))}[/bold]")
            previous = session.answers.get(statement.id)
            if previous is not None:
                term.out.print(escape(term.t("your_answer", answer=self.word_label(previous))))
            term.out.print(f"[dim]{escape(keys)}[/dim]")
            while True:
                action = parse_key(term.ask(term.t("prompt")), self.quiz)
                if isinstance(action, Answer):
                    session.answer(action.word)
                    self.save()
                    break
                if action == Command("q"):
                    raise Stop
                if action == Command("b"):
                    if session.back():
                        break
                    term.hint(term.t("first"))
                elif action == Command("?"):
                    self.show_info(statement)
                else:
                    term.hint(term.t("bad_key"))

    def show_info(self, statement: Any) -> None:
        term, lang = self.term, self.term.lang
        shown = False
        for field, label in (("explanation", "explanation"), ("pro", "pro"), ("con", "con")):
            content = statement.localized(field, lang)
            if content:
                term.out.print(f"[bold]{escape(term.t(label))}:[/bold] {escape(content)}")
                shown = True
        if not shown:
            term.out.print(escape(term.t("no_info")))

    def ask_important(self) -> None:
        term, lang = self.term, self.term.lang
        answered = self.session.answered_statements()
        if not answered:
            return
        numbers = {s.id: i + 1 for i, s in enumerate(self.quiz.statements)}
        term.out.print()
        term.out.rule(f"[bold]{escape(term.t('important_title'))}[/bold]", align="left")
        numbered(term.out, [(f"{numbers[s.id]}.", escape(s.localized("text", lang))) for s in answered])
        term.out.print(f"[dim]{escape(term.t('important_help'))}[/dim]")
        allowed = {numbers[s.id] for s in answered}
        while True:
            reply = term.ask(term.t("important_prompt"))
            if reply.strip().lower() == "q":
                raise Stop
            chosen = parse_numbers(reply, len(self.quiz.statements))
            if chosen is not None and set(chosen) <= allowed:
                self.session.important = [self.quiz.statements[n - 1].id for n in chosen]
                self.save()
                return
            term.hint(term.t("bad_numbers"))

    def ask_parties(self) -> None:
        term = self.term
        term.out.print()
        term.out.rule(f"[bold]{escape(term.t('parties_title'))}[/bold]", align="left")
        numbered(term.out, [
            (f"{number}.", escape(party.name) + (f" [dim]({escape(party.full_name)})[/dim]" if party.full_name else ""))
            for number, party in enumerate(self.quiz.parties, start=1)])
        term.out.print(f"[dim]{escape(term.t('parties_help'))}[/dim]")
        while True:
            reply = term.ask(term.t("parties_prompt"))
            if reply.strip().lower() == "q":
                raise Stop
            chosen = parse_party_choice(reply, self.quiz)
            if chosen is not None:
                self.session.parties = chosen or None
                self.save()
                return
            term.hint(term.t("bad_parties"))

    def offer_tiebreak(self, result: Any) -> bool:
        """Offer the tie-break statements when the top two are close; True when answered."""
        margin = result.top_margin()
        pending = [s for s in self.quiz.tiebreak_statements if s.id not in self.session.answers]
        if margin is None or margin > CLOSE_MARGIN or not pending:
            return False
        term = self.term
        term.out.print()
        term.out.print(escape(term.t("close", margin=max(margin, 1))))
        reply = term.ask(term.t("offer_tiebreak", n=len(pending)))
        if reply.strip().lower() not in (term.t("yes"), "j", "y", "ja", "yes"):
            return False
        extra = QuizSession(self.quiz, self.session.answers, statements=pending)
        self.ask_statements(extra, "tiebreak_progress")
        return True

    # Results ------------------------------------------------------------------------------

    def result(self) -> Any:
        from ..api import match

        return match(self.quiz, self.session.answers,
                     important=self.session.important, parties=self.session.parties,
                     method=self.method, missing=self.missing, salience=self.salience)

    def word_label(self, word: str | None) -> str:
        if word is None or word == SKIP:
            return self.term.t("skipped")
        return self.quiz.scale.label(self.quiz.scale.code(word), self.term.lang)

    def show_result(self, result: Any) -> bool:
        """Draw the ranking; False when nothing was answered."""
        term, lang = self.term, self.term.lang
        term.out.print()
        term.out.rule(f"[bold]{escape(term.t('result_title'))}[/bold]")
        if not any(e.score is not None for e in result.ranking):
            term.out.print(escape(term.t("nothing_answered")))
            return False
        shared = {e.rank for e in result.ranking if e.rank is not None
                  and sum(1 for other in result.ranking if other.rank == e.rank) > 1}
        longest = max(len(e.name) for e in result.ranking)
        width = max(8, min(30, term.out.width - longest - 48))
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(style="dim")
        for number, entry in enumerate(result.ranking, start=1):
            notes = []
            if entry.rank in shared:
                notes.append(term.t("tie"))
            if entry.coverage.with_stance < entry.coverage.answered:
                notes.append(term.t("coverage", k=entry.coverage.with_stance, n=entry.coverage.answered))
            if entry.score is None:
                table.add_row("–", escape(entry.name), "", term.t("no_score"), escape("; ".join(notes)))
                continue
            filled = round(entry.score / 100 * width)
            bar = f"[green]{'█' * filled}[/green][dim]{'░' * (width - filled)}[/dim]"
            rank = f"{entry.rank}{'=' if entry.rank in shared else '.'}"
            name = f"[dim]{number})[/dim] {escape(entry.name)}" if term.interactive else escape(entry.name)
            table.add_row(rank, name, bar, f"{entry.score:.0f}%",
                          escape("; ".join(notes)))
        term.out.print(table)
        method_line = term.t("result_method", method=result.method, missing=MISSING_NAMES[lang][result.missing])
        term.out.print(f"[dim]{escape(method_line)}[/dim]")
        return True

    def show_party(self, result: Any, entry: Any) -> None:
        """Per statement: the agreement mark, your answer next to the party's stance, its quote."""
        term, lang = self.term, self.term.lang
        marks = {"agree": "[green]✓[/green]", "partly": "[yellow]~[/yellow]", "disagree": "[red]✗[/red]",
                 "no_stance": "[dim]·[/dim]", "skipped": "[dim]–[/dim]"}
        numbers = {s.id: str(i + 1) for i, s in enumerate(self.quiz.statements)}
        numbers.update({s.id: f"+{i + 1}" for i, s in enumerate(self.quiz.tiebreak_statements)})
        term.out.print()
        term.out.rule(f"[bold]{escape(term.t('drill_title', party=entry.name))}[/bold]", align="left")
        term.out.print(f"[dim]{escape(term.t('legend'))}[/dim]")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        for comparison in entry.comparisons:
            statement = self.quiz.statement_by_id[comparison.statement]
            you = self.word_label(comparison.answer)
            if comparison.important:
                you += f" {term.t('important_mark')}"
            party = term.t("no_stance") if comparison.position is None else self.word_label(comparison.position)
            body = (f"[bold]{escape(statement.localized('text', lang))}[/bold]\n"
                    f"{escape(term.t('col_you'))}: {escape(you)} · {escape(entry.name)}: {escape(party)}")
            if comparison.quote:
                body += f"\n[italic]“{escape(comparison.quote.strip())}”[/italic]"
            grid.add_row(marks[comparison.agreement], f"{numbers[statement.id]}.", body)
        term.out.print(grid)

    def show_themes(self, result: Any) -> None:
        """Per theme, the sub-score of each party; columns are the parties' numbers in the result."""
        term = self.term
        scored = [(number, e) for number, e in enumerate(result.ranking, start=1) if e.score is not None]
        themes = list(dict.fromkeys(t for _, e in scored for t in e.themes))
        translate = {s.theme: s.localized("theme", term.lang) for s in self.quiz.statement_by_id.values()}
        term.out.print()
        term.out.rule(f"[bold]{escape(term.t('themes_title'))}[/bold]", align="left")
        legend = " · ".join(f"{number}) {e.name}".replace(" ", "\u00a0") for number, e in scored)
        term.out.print(f"[dim]{escape(legend)}[/dim]")
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(term.t("col_theme"), overflow="fold")
        for number, _ in scored:
            table.add_column(f"{number})", justify="right", no_wrap=True)
        for theme in themes:
            cells = ["–" if e.themes.get(theme) is None else f"{e.themes[theme]:.0f}%" for _, e in scored]
            table.add_row(escape(translate.get(theme, theme)), *cells)
        term.out.print(table)

    def drill_down(self, result: Any) -> None:
        term = self.term
        while True:
            term.out.print()
            reply = term.ask(term.t("drill_prompt")).strip().lower()
            if reply in ("", "q"):
                return
            if reply == "t":
                self.show_themes(result)
            elif reply.isdigit() and 1 <= int(reply) <= len(result.ranking):
                self.show_party(result, result.ranking[int(reply) - 1])
            else:
                term.hint(term.t("bad_numbers"))

    def finish(self) -> None:
        """Result, tie-break offer and drill-down (the latter two on a terminal only)."""
        result = self.result()
        if not self.show_result(result):
            return
        if self.term.interactive:
            if self.offer_tiebreak(result):
                self.save()
                result = self.result()
                self.show_result(result)
            self.drill_down(result)

    def run(self, *, ask: bool = True) -> int:
        """The whole dialogue; returns the exit code."""
        try:
            if ask and self.save_path is not None and self.save_path.parent.exists():
                self.save()  # a chosen file that cannot be written fails now, before any answer
            if ask:
                self.intro()
                self.ask_statements(self.session, "progress")
                self.ask_important()
                self.ask_parties()
            self.finish()
        except EndOfInput:
            self.term.out.print()
            self.finish_quietly()
        except Stop:
            self.save()
            self.term.out.print(escape(self.term.t("stopped")))
            self.report_saved()
            return 0
        except KeyboardInterrupt:
            self.save()
            self.term.err.print()
            self.term.err.print(self.term.t("interrupted"), markup=False)
            self.report_saved()
            return 130
        if ask:
            self.report_saved()
        return 0

    def finish_quietly(self) -> None:
        """End of input: the result for what was answered, nothing more to ask."""
        self.show_result(self.result())


def quiz(
    source: SourceArg = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: nl (default) or en.")] = "nl",
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    salience: SalienceOpt = False,
    save: Annotated[Path | None, typer.Option("--save", help="Write your answers to FILE as you go.")] = None,
    resume: Annotated[Path | None, typer.Option("--resume", help="Continue from a saved answers FILE.")] = None,
    answers: Annotated[Path | None, typer.Option(
        "--answers", help="Skip the questions: show the result for FILE.")] = None,
    layout: FromOpt = None,
) -> None:
    """Take the quiz in the terminal: one statement at a time, then your ranked result and why."""
    raise typer.Exit(_run_quiz(source, lang, value(method), value(missing), salience, save, resume, answers, layout))


@handles_errors
def _run_quiz(source: Path | None, lang: str, method: str, missing: str, salience: bool,
              save: Path | None, resume: Path | None, answers: Path | None, layout: Any) -> int:
    from .common import fail

    if lang not in ("nl", "en"):
        fail([f"--lang: unknown language {lang!r}; choose 'nl' or 'en'"])
    loaded = load_source(source, layout)
    get_method(method).check_scale(loaded.scale.size)  # before any question, not after the last
    terminal = Terminal(sys.stdin.isatty(), lang)
    if answers is not None:
        session = QuizSession.resume(loaded, read_answers(answers, loaded))
        return QuizRun(session, terminal, None, method, missing, salience).run(ask=False)
    if resume is not None:
        session = QuizSession.resume(loaded, read_answers(resume, loaded))
        save_path: Path | None = save or resume
    else:
        session = QuizSession(loaded)
        save_path = save or (default_save_path(loaded.id) if terminal.interactive else None)
    from ..loading import bundled_path
    from ..savefile import claim_save_file

    with claim_save_file(save_path, loaded, source=source or bundled_path(), resume=resume):
        return QuizRun(session, terminal, save_path, method, missing, salience).run()
