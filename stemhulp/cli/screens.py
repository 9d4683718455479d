"""The quiz's screens drawn with Rich: a statement, the overview, the lists, the result, the why."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table

from ..dialogue.session import QuizSession
from ..matching.methods import get_method, missing_phrase
from ..matching.unranked import NOTHING_TO_COMPARE
from ..quiz.answers import SKIP
from ..quiz.model import Quiz, Statement
from ..texts.i18n import plural
from .terminal import Terminal

MARKS = {
    "agree": "[green]✓[/green]",
    "partly": "[yellow]~[/yellow]",
    "disagree": "[red]✗[/red]",
    "no_stance": "[dim]○[/dim]",
    "skipped": "[dim]–[/dim]",
}


def numbered(term: Terminal, rows: list[tuple[str, str]]) -> None:
    """Print `number. text` rows with wrapped lines indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, content in rows:
        grid.add_row(number, content)
    term.out.print(grid)


def heading(term: Terminal, title: str) -> None:
    term.out.print()
    term.out.rule(f"[bold]{escape(title)}[/bold]", align="left")


def dim(term: Terminal, line: str) -> None:
    term.out.print(f"[dim]{escape(line)}[/dim]")


def word_label(quiz: Quiz, term: Terminal, word: str | None) -> str:
    if word is None or word == SKIP:
        return term.t("skipped")
    return quiz.scale.label(quiz.scale.code(word), term.lang)


def quiz_text(term: Terminal, item: Any, field: str) -> str:
    """A statement's `field` in the screen's language, marked when it falls back to the Dutch text."""
    value = item.localized(field, term.lang) or ""
    if term.lang != "nl" and value and not getattr(item, f"{field}_en", None):
        return f"{term.t('in_dutch')} {value}"
    return value


def statement_numbers(quiz: Quiz) -> dict[str, str]:
    """How statements are numbered on screen: 1… for the main ones, +1… for tie-break ones."""
    numbers = {s.id: str(i + 1) for i, s in enumerate(quiz.statements)}
    numbers.update({s.id: f"+{i + 1}" for i, s in enumerate(quiz.tiebreak_statements)})
    return numbers


def intro(term: Terminal, quiz: Quiz, method_name: str, missing: str) -> None:
    lang = term.lang
    method = get_method(method_name)
    term.out.rule(f"[bold]{escape(quiz.localized_title(lang))}[/bold]")
    description = quiz.description_en if lang == "en" and quiz.description_en else quiz.description
    if description:
        marker = f"{term.t('in_dutch')} " if lang != "nl" and description is quiz.description else ""
        term.out.print(escape(marker + description.strip()))
        term.out.print()
    term.out.print(
        escape(
            term.t(
                "intro",
                n=len(quiz.statements),
                p=len(quiz.parties),
                method=method.label(lang),
                summary=method.explain(lang),
                missing=missing_phrase(lang, missing),
            )
        )
    )


def adaptive_intro(term: Terminal, quiz: Quiz) -> None:
    """The adaptive quiz says up front that it may stop early, and that the full set stays open."""
    from ..matching.adaptive import MIN_ANSWERS

    term.out.print()
    term.out.print(escape(term.t("adaptive_intro", m=MIN_ANSWERS, n=len(quiz.statements))))


def stopped_early(term: Terminal, session: QuizSession) -> None:
    """The adaptive quiz left the statements early: how many were asked, and that the rest stays open."""
    asked = len(session.quiz.statements) - len(session.unanswered())
    total = len(session.quiz.statements)
    term.out.print()
    term.out.print(escape(term.t("adaptive_stopped", k=asked, n=total, left=total - asked)))


def statement(term: Terminal, session: QuizSession, progress_key: str) -> None:
    quiz = session.quiz
    current = session.current
    term.out.print()
    progress = term.t(progress_key, i=session.index + 1, n=len(session.statements))
    if session.state.adaptive is not None and session.main:
        asked = session.state.asked_order()
        number = asked.index(session.index) + 1 if session.index in asked else len(asked) + 1
        progress = term.t("adaptive_progress", k=number, i=session.index + 1, n=len(session.statements))
    term.out.rule(f"{escape(progress)} · {escape(quiz_text(term, current, 'theme'))}", align="left")
    term.out.print(f"[bold]{escape(quiz_text(term, current, 'text'))}[/bold]")
    previous = session.answers.get(current.id)
    if previous is not None:
        term.out.print(escape(term.t("your_answer", answer=word_label(quiz, term, previous))))
    dim(term, term.t("keys5" if quiz.scale.size == 5 else "keys"))
    dim(term, term.t("keys_nav"))


def info(term: Terminal, current: Statement) -> None:
    shown = False
    for field in ("explanation", "pro", "con"):
        content = quiz_text(term, current, field)
        if content:
            term.out.print(f"[bold]{escape(term.t(field))}:[/bold] {escape(content)}")
            shown = True
    if not shown:
        term.out.print(escape(term.t("no_info")))


def position_lines(term: Terminal, quiz: Quiz, party: str, statement_id: str) -> str:
    """The quote, the party's own explanation and the note for voters under a shown position."""
    position = quiz.position(party, statement_id)
    lines = []
    marker = "" if term.lang == "nl" else f"{term.t('in_dutch')} "  # programme text is Dutch
    if position is not None and position.quote:
        lines.append(f"{escape(marker)}[italic]“{escape(position.quote.strip())}”[/italic]")
    if position is not None and position.explanation:
        lines.append(f"{escape(term.t('party_words'))}: {escape(marker + position.explanation.strip())}")
    note = position.localized_note(term.lang) if position is not None else None
    if note and position is not None:
        in_dutch = marker if not (term.lang == "en" and position.note_en) else ""
        lines.append(f"[dim]{escape(term.t('note'))}: {escape(in_dutch + note.strip())}[/dim]")
    return "".join(f"\n{line}" for line in lines)


def parties_view(term: Terminal, quiz: Quiz, current: Statement, parties: list[str] | None = None) -> None:
    """ "Wat vinden de partijen?": every party's position on one statement, with its words."""
    number = statement_numbers(quiz)[current.id]
    heading(term, term.t("partyview_title", i=number))
    term.out.print(f"[bold]{escape(quiz_text(term, current, 'text'))}[/bold]")
    rows = []
    for party in quiz.parties:
        if parties is not None and party.id not in parties:
            continue
        position = quiz.position(party.id, current.id)
        stance = (
            term.t("no_stance")
            if position is None or position.position is None
            else word_label(quiz, term, position.position)
        )
        rows.append(
            (
                "•",
                f"[bold]{escape(party.label())}[/bold]: {escape(stance)}"
                + position_lines(term, quiz, party.id, current.id),
            )
        )
    numbered(term, rows)


def overview(term: Terminal, session: QuizSession) -> None:
    """All main statements with your answer in front, numbered to jump to."""
    quiz = session.quiz
    heading(term, term.t("overview_title"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for i, s in enumerate(quiz.statements, start=1):
        word = session.answers.get(s.id)
        answer = term.t("not_answered") if word is None else word_label(quiz, term, word)
        mark = f" {term.t('important_mark')}" if s.id in session.important else ""
        mark += f" ({term.t('dealbreaker_mark')})" if s.id in session.dealbreakers else ""
        style = "yellow" if word is None else "bold"
        grid.add_row(f"{i}.", f"[{style}]{escape(answer + mark)}[/{style}]", escape(quiz_text(term, s, "text")))
    term.out.print(grid)
    dim(term, term.t("overview_help"))


def important(term: Terminal, session: QuizSession) -> None:
    numbers = statement_numbers(session.quiz)
    heading(term, term.t("important_title"))
    numbered(
        term,
        [(f"{numbers[s.id]}.", escape(quiz_text(term, s, "text"))) for s in session.answered_statements()],
    )
    dim(term, term.t("important_help"))
    dim(term, term.t("dealbreaker_help"))
    if session.important or session.dealbreakers:
        chosen = [numbers[i] for i in session.important] + [f"!{numbers[i]}" for i in session.dealbreakers]
        dim(term, term.t("chosen_now", chosen=" ".join(chosen)))
    dim(term, term.t("important_keys"))


def municipalities(term: Terminal, session: QuizSession) -> None:
    heading(term, term.t("municipality_title"))
    found = session.municipalities
    term.out.print(escape(term.t("municipality_help", k=len(found))))
    rows = []
    for i, name in enumerate(found, start=1):
        count = sum(1 for p in session.quiz.parties if p.municipality == name)
        count_text = plural(term.lang, "programme", count)
        rows.append((f"{i}.", f"{escape(name)} [dim]({escape(count_text)})[/dim]"))
    numbered(term, rows)


def parties(term: Terminal, session: QuizSession) -> None:
    heading(term, term.t("parties_title"))
    rows = []
    for number, party in enumerate(session.party_list, start=1):
        marker = "" if term.lang == "nl" else f"; {term.t('in_dutch_inline')}"  # full names are Dutch
        full = f" [dim]({escape(party.full_name + marker)})[/dim]" if party.full_name else ""
        rows.append((f"{number}.", escape(party.label()) + full))
    numbered(term, rows)
    dim(term, term.t("parties_help"))
    if session.parties:
        shown = [str(i) for i, p in enumerate(session.party_list, start=1) if p.id in session.parties]
        if shown:
            dim(term, term.t("chosen_now", chosen=" ".join(shown)))


def result(term: Terminal, quiz: Quiz, res: Any) -> bool:
    """Draw the ranking; False when nothing was answered. Rows are numbered by place (1., 2=).
    One programme compared: how far you agree with it, no ranking (the sentence comes from `notes`)."""
    from ..dialogue.notes import excluded_lines, margin_line, result_notes, single_programme, unranked_reason

    lang = term.lang
    heading(term, term.t("result_title"))
    if not any(e.score is not None for e in res.ranking):
        term.out.print(escape(term.t("nothing_answered")))
        return False
    shared = {
        e.rank
        for e in res.ranking
        if e.rank is not None and sum(1 for other in res.ranking if other.rank == e.rank) > 1
    }
    single = single_programme(res) is not None
    longest = max(len(e.name) for e in res.ranking)
    width = max(8, min(30, term.out.width - longest - 48))
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    if not single:
        table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(style="dim")
    for number, entry in enumerate(res.ranking, start=1):
        if entry.excluded_by:
            continue  # listed apart, below (they come last: the numbers above stay the places)
        notes = []
        if entry.rank in shared:
            notes.append(term.t("tie"))
        if entry.coverage.with_stance < entry.coverage.answered:
            notes.append(term.t("coverage", k=entry.coverage.with_stance, n=entry.coverage.answered))
        if not entry.ranked and entry.score is not None:
            notes.append(unranked_reason(entry, lang))
        place = [] if single else [f"{number}."]
        if entry.score is None:
            table.add_row(*place, escape(entry.name), "", NOTHING_TO_COMPARE.label(lang), escape("; ".join(notes)))
            continue
        filled = round(entry.score / 100 * width)
        bar = f"[green]{'█' * filled}[/green][dim]{'░' * (width - filled)}[/dim]"
        rank = "–" if entry.rank is None else f"{entry.rank}{'=' if entry.rank in shared else '.'}"
        place = [] if single else [rank]
        table.add_row(*place, escape(entry.name), bar, f"{entry.score:.0f}%", escape("; ".join(notes)))
    term.out.print(table)
    if res.excluded:
        term.out.print(f"[bold]{escape(term.t('excluded_title'))}[/bold]")
        first = len(res.ranking) - len(res.excluded) + 1
        lines = excluded_lines(quiz, res, lang)
        numbered(term, [(f"{first + i}.", escape(line)) for i, line in enumerate(lines)])
    close = "" if single else margin_line(res, lang)
    if close:
        term.out.print(escape(close))
    method = get_method(res.method)
    dim(term, term.t("result_method", method=method.label(lang), missing=missing_phrase(lang, res.missing)))
    for note in result_notes(quiz, res, lang):
        term.out.print(escape(note))
    return True


def party(term: Terminal, quiz: Quiz, entry: Any) -> None:
    """Per statement: the agreement mark, your answer next to the party's stance, its quote and note."""
    numbers = statement_numbers(quiz)
    heading(term, term.t("drill_title", party=entry.name))
    dim(term, term.t("legend"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for comparison in entry.comparisons:
        current = quiz.statement_by_id[comparison.statement]
        you = word_label(quiz, term, comparison.answer)
        if comparison.important:
            you += f" {term.t('important_mark')}"
        if comparison.statement in entry.excluded_by:
            you += f" ({term.t('dealbreaker_mark')})"
        stance = term.t("no_stance") if comparison.position is None else word_label(quiz, term, comparison.position)
        body = (
            f"[bold]{escape(quiz_text(term, current, 'text'))}[/bold]\n"
            f"{escape(term.t('col_you'))}: {escape(you)} · {escape(entry.name)}: {escape(stance)}"
            + position_lines(term, quiz, entry.party, current.id)
        )
        grid.add_row(MARKS[comparison.agreement], f"{numbers[current.id]}.", body)
    term.out.print(grid)


def themes(term: Terminal, quiz: Quiz, res: Any) -> None:
    """Per theme, the sub-score of each party; columns are the parties' places in the result."""
    scored = [(number, e) for number, e in enumerate(res.ranking, start=1) if e.score is not None]
    theme_ids = list(dict.fromkeys(t for _, e in scored for t in e.themes))
    translate = {s.theme: s.localized("theme", term.lang) for s in quiz.statement_by_id.values()}
    heading(term, term.t("themes_title"))
    legend = "   ".join(f"{number}. {e.name}".replace(" ", "\u00a0") for number, e in scored)
    dim(term, legend)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(term.t("col_theme"), overflow="fold")
    for number, _ in scored:
        table.add_column(f"{number}.", justify="right", no_wrap=True)
    for theme in theme_ids:
        cells = ["–" if e.themes.get(theme) is None else f"{e.themes[theme]:.0f}%" for _, e in scored]
        table.add_row(escape(translate.get(theme) or theme), *cells)
    term.out.print(table)


def breakdown(term: Terminal, quiz: Quiz, res: Any) -> None:
    """Piped mode's --breakdown: each compared party's statement-by-statement view."""
    for entry in res.ranking:
        party(term, quiz, entry)
