"""One run of the terminal quiz: drives a `QuizSession` step by step, saving as it goes."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from rich.markup import escape

from ..dialogue.flow import offers_tiebreak
from ..dialogue.notes import tiebreak_drops
from ..dialogue.session import (
    BACK,
    IMPORTANT,
    INFO,
    MUNICIPALITY,
    OVERVIEW,
    OVERVIEW_KEY,
    PARTIES,
    PARTIES_VIEW,
    QUIT,
    RESULT,
    STATEMENT,
    Answer,
    Command,
    QuizSession,
    choose_municipality,
    choose_parties,
    parse_key,
)
from ..formats.answers import write_answers
from ..matching.methods import DEFAULT_MIN_COVERAGE
from ..texts.i18n import plural
from . import screens
from .terminal import EndOfInput, Stop, Terminal


class QuizRun:
    """The dialogue, saving as it goes, the result, the drill-down and the result file."""

    def __init__(
        self,
        session: QuizSession,
        terminal: Terminal,
        save_path: Path | None,
        *,
        result_path: Path | None = None,
        breakdown: bool = False,
        resume_args: str = "",
    ) -> None:
        self.session, self.term, self.save_path = session, terminal, save_path
        self.quiz = session.quiz
        settings = session.settings
        self.method, self.missing, self.salience = settings["method"], settings["missing"], settings["salience"]
        self.min_coverage = settings.get("min_coverage", DEFAULT_MIN_COVERAGE)
        self.result_path, self.breakdown, self.resume_args = result_path, breakdown, resume_args
        self.offered_tiebreak = False

    # Saving -------------------------------------------------------------------------------

    def save(self) -> None:
        if self.save_path is not None:
            write_answers(self.save_path, self.session.to_answer_set())

    def report_saved(self) -> None:
        if self.save_path is None:
            return
        term = self.term
        term.path(term.t("saved", path="").rstrip() + ":", self.save_path)
        if not self.session.finished:
            hint = f"stemhulp quiz{self.resume_args} --resume {shlex.quote(str(self.save_path))}"
            if term.lang != "nl":
                hint += f" --lang {term.lang}"
            term.path(term.t("resume_hint"), hint)

    def write_result(self, path: Path, result: Any) -> None:
        from ..dialogue.documents import format_for, render
        from ..formats.atomic import write_text_atomic

        fmt = format_for(str(path)) or "html"
        write_text_atomic(path, render(result, self.quiz, self.session.to_answer_set(), fmt=fmt, lang=self.term.lang))
        self.term.path(self.term.t("result_saved"), path.resolve(), err=not self.term.interactive)

    # The dialogue -------------------------------------------------------------------------

    def read(self, prompt_key: str) -> str:
        """A line at a step's prompt; q stops everywhere."""
        reply = self.term.ask(self.term.t(prompt_key))
        if reply.strip().lower() == QUIT:
            raise Stop
        return reply

    def go_back(self) -> None:
        if not self.session.back():
            self.term.hint(self.term.t("first"))

    def ask_statement(self, session: QuizSession, progress_key: str) -> None:
        """Draw the current statement and handle keys until it is answered or left."""
        term = self.term
        screens.statement(term, session, progress_key)
        while True:
            action = parse_key(term.ask(term.t("prompt")), self.quiz)
            session.close_view()  # the parties' view stays open until the next key
            if isinstance(action, Answer):
                session.answer(action.word)
                self.save()
                return
            if action == Command(QUIT):
                raise Stop
            if action == Command(BACK):
                if session.back():
                    return
                term.hint(term.t("first"))
            elif action == Command(INFO):
                screens.info(term, session.current)
            elif action == Command(PARTIES_VIEW):
                screens.parties_view(term, self.quiz, session.open_statement_parties(session.current.id))
            elif action == Command(OVERVIEW_KEY) and session.main:
                session.open_overview()
                return
            else:
                term.hint(term.t("bad_key"))

    def ask_overview(self) -> None:
        screens.overview(self.term, self.session)
        while True:
            reply = self.read("overview_prompt").strip().lower()
            if reply == "":
                self.session.leave_overview()
                return
            if reply == BACK:
                self.session.back()
                return
            if reply.isdigit() and 1 <= int(reply) <= len(self.quiz.statements):
                self.session.jump(int(reply))
                return
            self.term.hint(self.term.t("bad_overview"))

    def ask_important(self) -> None:
        session = self.session
        screens.important(self.term, session)
        while True:
            reply = self.read("important_prompt")
            if reply.strip().lower() == BACK:
                return self.go_back()
            if reply.strip().lower() == OVERVIEW_KEY:
                return session.open_overview()
            if session.choose_important(reply):
                self.save()
                return
            self.term.hint(self.term.t("bad_numbers"))

    def ask_municipality(self) -> None:
        session = self.session
        screens.municipalities(self.term, session)
        while True:
            reply = self.read("municipality_prompt").strip()
            if reply.lower() == BACK:
                if not session.back():
                    self.term.hint(self.term.t("first_step"))
                    continue
                return None
            if reply.lower() == OVERVIEW_KEY:
                return session.open_overview()
            valid, chosen = choose_municipality(reply, session.municipalities)
            if valid:
                session.set_municipality(chosen)
                self.save()
                return
            self.term.hint(self.term.t("bad_municipality", text=reply))

    def ask_parties(self) -> None:
        session = self.session
        screens.parties(self.term, session)
        while True:
            reply = self.read("parties_prompt")
            if reply.strip().lower() == BACK:
                return self.go_back()
            if reply.strip().lower() == OVERVIEW_KEY:
                return session.open_overview()
            choice = choose_parties(reply, session.party_list)
            if choice.problem is None:
                session.set_parties(list(choice.ids))
                self.save()
                return
            if choice.problem.kind == "ambiguous":
                self.term.hint(
                    self.term.t("ambiguous_party", text=choice.problem.text, names=", ".join(choice.problem.candidates))
                )
            else:
                self.term.hint(self.term.t("bad_parties", text=choice.problem.text))

    def dialogue(self) -> None:
        """Walk the steps until the result."""
        steps = {
            STATEMENT: lambda: self.ask_statement(self.session, "progress"),
            OVERVIEW: self.ask_overview,
            IMPORTANT: self.ask_important,
            MUNICIPALITY: self.ask_municipality,
            PARTIES: self.ask_parties,
        }
        while self.session.step != RESULT:
            was = self.session.step
            steps[was]()
            if was == STATEMENT and self.session.state.stopped_early:
                screens.stopped_early(self.term, self.session)

    def offer_reopen(self) -> None:
        """A finished quiz was resumed: the result, or the overview to change answers."""
        term = self.term
        term.out.print()
        term.out.print(escape(term.t("reopen_offer")))
        while True:
            reply = self.read("reopen_prompt").strip().lower()
            if reply == "":
                return
            if reply == OVERVIEW_KEY:
                self.session.reopen()
                return
            term.hint(term.t("bad_overview"))

    def offer_tiebreak(self, result: Any) -> bool:
        """Offer the tie-break statements when the top two are close; True when answered."""
        pending = self.session.state.pending_tiebreaks()
        if self.offered_tiebreak or not offers_tiebreak(self.session.state, result.top_margin()):
            return False
        self.offered_tiebreak = True
        term = self.term
        term.out.print()
        reply = term.ask(term.t("offer_tiebreak", statements=plural(term.lang, "extra", len(pending))))
        if reply.strip().lower() not in ("j", "y", "ja", "yes"):
            return False
        self.session.start_tiebreak()
        while self.session.step == STATEMENT and not self.session.main:
            self.ask_statement(self.session, "tiebreak_progress")
        return True

    # Results ------------------------------------------------------------------------------

    def result(self) -> Any:
        from ..matching.facade import match

        return match(
            self.quiz,
            self.session.answers,
            important=self.session.important,
            dealbreakers=self.session.dealbreakers,
            parties=self.session.compared,
            method=self.method,
            missing=self.missing,
            salience=self.salience,
            min_coverage=self.min_coverage,
        )

    def pick_party(self, reply: str, result: Any) -> Any | None:
        """A party of the result by its place in the list, or its name (or the start of it)."""
        if reply.isdigit():
            number = int(reply)
            return result.ranking[number - 1] if 1 <= number <= len(result.ranking) else None
        compared = [self.quiz.party_by_id[e.party] for e in result.ranking]
        choice = choose_parties(reply, compared)
        if choice.problem is None and len(choice.ids) == 1:
            return result.entry(choice.ids[0])
        if choice.problem is not None and choice.problem.kind == "ambiguous":
            self.term.hint(
                self.term.t("ambiguous_party", text=choice.problem.text, names=", ".join(choice.problem.candidates))
            )
            return False
        return None

    def result_screen(self, result: Any) -> bool:
        """The keys after the result; True when the user went back to change answers."""
        term = self.term
        show_help = True
        while True:
            if show_help:
                term.out.print()
                screens.dim(term, term.t("drill_help"))
                if self.session.state.stopped_early:
                    left = len(self.session.unanswered())
                    screens.dim(term, term.t("go_on_help", go=term.t("go_on_key"), left=left))
            show_help = True
            reply = term.ask(term.t("drill_prompt")).strip()
            lowered = reply.lower()
            self.session.close_view()  # a party or statement view stays open until the next key
            if lowered in ("", QUIT):
                return False
            if lowered == term.t("go_on_key") and self.session.state.stopped_early:
                self.session.go_on()
                return True
            if lowered == "t":
                screens.themes(term, self.quiz, result)
            elif lowered == OVERVIEW_KEY:
                self.session.open_overview()
                return True
            elif lowered == BACK and self.session.back():
                return True
            elif lowered == "r":
                self.ask_result_file(result)
            elif lowered.startswith(PARTIES_VIEW) and lowered[1:].strip().lstrip("+").isdigit():
                self.show_statement_parties(lowered[1:].strip(), result)
            elif lowered == PARTIES_VIEW:
                term.hint(term.t("bad_statement_number"))
            else:
                entry = self.pick_party(reply, result)
                if entry:
                    self.session.open_party(entry.party)
                    screens.party(term, self.quiz, result.entry(self.session.state.shown))
                else:
                    show_help = False
                    if entry is None:
                        term.hint(term.t("bad_result_key"))

    def show_statement_parties(self, number: str, result: Any) -> None:
        statements = self.quiz.tiebreak_statements if number.startswith("+") else self.quiz.statements
        index = int(number.lstrip("+")) - 1
        if not 0 <= index < len(statements):
            self.term.hint(self.term.t("bad_statement_number"))
            return
        shown = self.session.open_statement_parties(statements[index].id)
        screens.parties_view(self.term, self.quiz, shown, [e.party for e in result.ranking])

    def ask_result_file(self, result: Any) -> None:
        from ..dialogue.documents import format_for

        default = Path("stemhulp-uitslag.html" if self.term.lang == "nl" else "stemhulp-result.html")
        reply = self.term.ask(self.term.t("result_file_prompt", path=default)).strip()
        path = Path(reply) if reply else default
        if format_for(str(path)) is None:
            path = path.with_name(path.name + ".html")
        try:
            self.write_result(path, result)
        except Exception as error:  # a write error is a hint, the quiz goes on
            from ..errors import StemhulpError

            if not isinstance(error, StemhulpError | OSError):
                raise
            from ..texts.i18n import say

            problems = error.problems if isinstance(error, StemhulpError) else [str(error)]
            self.term.hint("; ".join(say(problem, self.term.lang) for problem in problems))

    def finish(self) -> bool:
        """Result, tie-break offer and drill-down (the latter two on a terminal only);
        True when the user went back to change answers."""
        self.save()
        result = self.result()
        shown = screens.result(self.term, self.quiz, result)
        if shown and self.term.interactive and self.offer_tiebreak(result):
            self.save()
            before, result = result, self.result()
            screens.result(self.term, self.quiz, result)
            for line in tiebreak_drops(before, result, self.term.lang):
                self.term.out.print(escape(line))
        if shown and self.breakdown and not self.term.interactive:
            screens.breakdown(self.term, self.quiz, result)
        if self.result_path is not None:
            self.write_result(self.result_path, result)
        if shown and self.term.interactive:
            return self.result_screen(result)
        return False

    def run(self, *, ask: bool = True) -> int:
        """The whole dialogue; returns the exit code."""
        try:
            if ask and self.save_path is not None and self.save_path.parent.exists():
                self.save()  # a chosen file that cannot be written fails now, before any answer
            if ask:
                screens.intro(self.term, self.quiz, self.method, self.missing)
                if self.session.state.adaptive is not None:
                    screens.adaptive_intro(self.term, self.quiz)
                if self.save_path is not None:
                    self.term.out.print()
                    self.term.path(self.term.t("save_where"), self.save_path, err=not self.term.interactive)
                if self.session.step == RESULT and self.term.interactive:
                    self.offer_reopen()
                self.dialogue()
            while self.finish():
                self.dialogue()
        except EndOfInput:
            self.term.out.print()
            result = self.result()
            screens.result(self.term, self.quiz, result)
            if self.result_path is not None:
                self.write_result(self.result_path, result)
        except Stop:
            self.save()
            self.term.out.print(escape(self.term.t("stopped")))
            self.term.flush()
            self.report_saved()
            return 0
        except KeyboardInterrupt:
            self.save()
            self.term.flush()
            self.term.err.print()
            self.term.err.print(self.term.t("interrupted"), markup=False)
            self.report_saved()
            return 130
        self.term.flush()
        if ask:
            self.report_saved()
        return 0
