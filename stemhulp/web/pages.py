"""The quiz as server-rendered pages: one POST endpoint moves the state (carried in the page) on a step."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import attrs
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..dialogue.documents import render
from ..dialogue.flow import (
    PARTY,
    RESULT,
    STANCES,
    AdaptiveOrder,
    Back,
    ChooseImportant,
    ChooseMunicipality,
    ChooseParties,
    Close,
    DialogueState,
    Give,
    GoOn,
    Jump,
    LeaveOverview,
    NotHere,
    OpenOverview,
    OpenParty,
    OpenStatementParties,
    StartTiebreak,
    municipalities,
    offers_tiebreak,
)
from ..dialogue.flow import step as dialogue_step
from ..dialogue.notes import (
    excluded_lines,
    margin_line,
    result_notes,
    single_programme,
    tiebreak_drops,
    unranked_reason,
)
from ..dialogue.shortcuts import shortcut_keys, shortcut_line
from ..errors import AnswersError, OtherQuizError, QuizError, StemhulpError
from ..formats.brand import Brand
from ..matching.matcher import Matcher
from ..matching.methods import get_method, missing_phrase
from ..quiz.answers import SKIP
from ..quiz.model import Quiz
from ..texts.i18n import plural, text
from .form import form_fields
from .form import option as _option
from .state import DEALBREAKER_BIT, DIGITS, FIELDS, IMPORTANT_BIT, RESULT_STANCES, FlowState, from_dialogue, to_dialogue
from .words import LANGS, words

DOWNLOADS = {
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
}


class Pages:
    """The HTML front-end over one quiz and one prepared matcher."""

    def __init__(
        self,
        quiz: Quiz,
        matcher: Callable[[], Matcher],
        adaptive: AdaptiveOrder | None = None,
        brand: Brand | None = None,
    ) -> None:
        self.quiz, self.matcher, self.adaptive, self.brand = quiz, matcher, adaptive, brand
        self.templates = Jinja2Templates(
            directory=str(files("stemhulp.web").joinpath("templates")), context_processors=[root_context]
        )
        self.templates.env.globals["brand"] = brand
        self.templates.env.globals["word_label"] = self.word_label
        self.templates.env.globals["quiz_text"] = quiz_text
        self.main, self.tiebreaks = list(quiz.statements), list(quiz.tiebreak_statements)
        self.statements = [*self.main, *self.tiebreaks]
        self.places = municipalities(quiz)
        if quiz.scale.size > len(DIGITS):
            raise QuizError(f"scale: the web quiz handles up to {len(DIGITS)} options, this quiz has {quiz.scale.size}")

    # Routes --------------------------------------------------------------------------------

    async def intro(self, request: Request) -> Response:
        lang = request.query_params.get("lang", "nl")
        state = FlowState.fresh(self.quiz, lang).at("intro")
        return self.page(request, state)

    async def privacy(self, request: Request) -> Response:
        """The brand's privacy statement (`serve --brand`), as plain text paragraphs."""
        assert self.brand is not None
        lang = request.query_params.get("lang", "nl")
        lang = lang if lang in LANGS else "nl"
        shown, paragraphs = self.brand.privacy_text(lang)
        context = {
            "lang": lang,
            "w": words(lang),
            "title": self.quiz.localized_title(lang),
            "shown": shown,
            "paragraphs": paragraphs,
            "other_lang": words(lang)["other_lang_code"] in self.brand.privacy,
        }
        return self.templates.TemplateResponse(request, "privacy.html", context)

    async def resume(self, request: Request) -> Response:
        """A resume link: the state in the address (only when the person copies it; never logged)."""
        params = request.query_params
        try:
            state = FlowState.parse({key: params[key] for key in FIELDS if key in params}, self.quiz)
        except OtherQuizError:
            return self.error(request, params.get("lang", "nl"), [], 400, "other_quiz")
        except StemhulpError as error:
            return self.error(request, params.get("lang", "nl"), error.problems, 400)
        return self.page(request, state)

    async def step(self, request: Request) -> Response:
        form = await form_fields(request)
        try:
            state = FlowState.parse(
                {key: str(form.get(key, "")) for key in FIELDS if key in form},
                self.quiz,
            )
            return self.page(request, *self.move(state, str(form.get("do", "")), form))
        except OtherQuizError:
            return self.error(request, form.get("lang", "nl"), [], 400, "other_quiz")
        except StemhulpError as error:
            return self.error(request, form.get("lang", "nl"), error.problems, 400)

    async def download(self, request: Request) -> Response:
        form = await form_fields(request)
        try:
            state = FlowState.parse(
                {key: str(form.get(key, "")) for key in FIELDS if key in form},
                self.quiz,
            )
            fmt = str(form.get("fmt", "html"))
            if fmt not in DOWNLOADS:
                raise AnswersError(f"fmt: unknown format {fmt!r}; choose one of {list(DOWNLOADS)}")
            result = self.result(state)
            body = render(result, self.quiz, state.answer_set(self.quiz), fmt=fmt, lang=state.lang)
        except OtherQuizError:
            return self.error(request, form.get("lang", "nl"), [], 400, "other_quiz")
        except StemhulpError as error:
            return self.error(request, form.get("lang", "nl"), error.problems, 400)
        media_type, extension = DOWNLOADS[fmt]
        name = "uitslag" if state.lang == "nl" else "result"
        return Response(
            body,
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="stemhulp-{name}.{extension}"'},
        )

    # Moving through the quiz ----------------------------------------------------------------

    def move(self, flow: FlowState, do: str, form: Any) -> tuple[FlowState, str | None]:
        """The page after pressing `do` on the page `flow.view`: one `dialogue.step`, and an error to show."""
        if do.startswith("lang:"):
            return FlowState.parse({**flow.fields(), "lang": do.removeprefix("lang:")}, self.quiz), None
        if flow.view == "intro":
            if do != "start":
                raise AnswersError(f"do: {do[:40]!r} is not an action on the intro page")
            return from_dialogue(DialogueState.start(self.quiz, adaptive=self.adaptive), flow), None
        state = self.dialogue(flow)
        action, state, error = self.action(flow, state, do, form)
        if error:
            return from_dialogue(state, flow), error
        try:
            moved = dialogue_step(state, action)
        except (NotHere, KeyError) as problem:
            raise AnswersError(f"do: {do[:40]!r} does not fit the {flow.view} page ({problem})") from None
        if moved == state and isinstance(action, Back):
            return flow.at("intro"), None  # back from the first step: the introduction
        return from_dialogue(moved, flow), None

    def action(self, flow: FlowState, state: DialogueState, do: str, form: Any) -> tuple[Any, DialogueState, str]:
        """The dialogue action a button means, the state with the page's own choices kept, and an error."""
        view = flow.view
        if do == "overview":
            return OpenOverview(), state, ""
        if do == "back" and view not in ("important", "parties"):
            return Back(), state, ""
        if view == "statement" and (do == "skip" or do.startswith("answer:")):
            code = None if do == "skip" else _option(do.removeprefix("answer:"), self.quiz.scale.size)
            return Give(SKIP if code is None else self.quiz.scale.options[code]), state, ""
        if view == "important" and do in ("next", "back"):
            answered = {s.id for s in state.answered_statements()}
            ids, breakers = (
                tuple(
                    self.main[i].id
                    for i in (_option(v, len(self.main)) for v in form.getlist(box))
                    if i is not None and self.main[i].id in answered
                )
                for box in ("important", "dealbreaker")
            )
            state = attrs.evolve(state, important=ids, dealbreakers=breakers)
            return (ChooseImportant(ids, breakers) if do == "next" else Back()), state, ""
        if view == "municipality" and do == "next":
            choice = str(form.get("municipality", "all"))
            index = None if choice == "all" else _option(choice, len(self.places))
            return ChooseMunicipality(None if index is None else self.places[index]), state, ""
        if view == "parties" and do in ("next", "back"):
            offered = [p.id for p in state.offered]
            picked = {_option(v, len(self.quiz.parties)) for v in form.getlist("party")}
            ids = tuple(p.id for i, p in enumerate(self.quiz.parties) if i in picked and p.id in offered)
            state = attrs.evolve(state, parties=ids or None)
            if do == "next" and not ids:
                return None, state, "parties_none"
            return (ChooseParties(ids) if do == "next" else Back()), state, ""
        if view == "result" and do == "tiebreak":
            return StartTiebreak(), state, ""
        if view in ("important", "parties", "result") and do == "go_on":
            return GoOn(), state, ""
        if view in (PARTY, STANCES, RESULT_STANCES) and do == "close":
            return Close(), state, ""
        if view == "statement" and do == "stances":
            return OpenStatementParties(state.current.id), state, ""
        if view in (RESULT, PARTY, RESULT_STANCES) and do.startswith("party:"):
            return (
                OpenParty(self.quiz.parties[_option(do.removeprefix("party:"), len(self.quiz.parties))].id),
                state,
                "",
            )
        if view in (RESULT, PARTY, RESULT_STANCES) and do.startswith("stances:"):
            index = _option(do.removeprefix("stances:"), len(self.statements))
            return OpenStatementParties(self.statements[index].id), state, ""
        if view == "overview" and do == "leave":
            return LeaveOverview(), state, ""
        if view == "overview" and do.startswith("jump:"):
            return Jump((_option(do.removeprefix("jump:"), len(self.main)) or 0) + 1), state, ""
        raise AnswersError(f"do: {do[:40]!r} is not an action on the {view} page")

    def shown_parties(self, flow: FlowState) -> list[int]:
        """Party numbers on the parties page: the chosen municipality's, or all."""
        offered = {p.id for p in self.dialogue(flow).offered}
        return [i for i, p in enumerate(self.quiz.parties) if p.id in offered]

    def dialogue(self, flow: FlowState) -> DialogueState:
        """The dialogue state the page carries, in this server's adaptive quiz if it runs one."""
        return to_dialogue(flow, self.quiz, self.adaptive)

    def result(self, flow: FlowState) -> Any:
        state = self.dialogue(flow)
        return self.matcher().match(
            state.answers, important=state.important, parties=state.compared, dealbreakers=state.dealbreakers
        )

    # Drawing ---------------------------------------------------------------------------------

    def page(self, request: Request, state: FlowState, error: str | None = None) -> Response:
        quiz, lang = self.quiz, state.lang
        context: dict[str, Any] = {
            "quiz": quiz,
            "lang": lang,
            "w": words(lang),
            "state": state,
            "fields": state.fields(),
            "error": error,
            "title": quiz.localized_title(lang),
            "resume_link": "/quiz?" + urlencode(state.fields()),
        }
        view = state.view
        context.update(self.adaptive_context(state))
        if view == "intro":
            record = get_method(self.matcher().method)
            context.update(method=record.label(lang), summary=record.explain(lang))
        elif view == "statement":
            statement = self.statements[state.n]
            tiebreak = state.n >= len(self.main)
            context.update(
                statement=statement,
                tiebreak=tiebreak,
                progress=context.get("adaptive_progress")
                or text(
                    lang,
                    "tiebreak_progress" if tiebreak else "progress",
                    i=state.n - len(self.main) + 1 if tiebreak else state.n + 1,
                    n=len(self.tiebreaks) if tiebreak else len(self.main),
                ),
                previous=state.answers[state.n],
                options=list(range(quiz.scale.size))[::-1],
                shortcuts=dict(self.shortcut_keys(lang)),
                shortcut_line=shortcut_line(quiz.scale, lang),
            )
        elif view in (STANCES, RESULT_STANCES):
            statement = self.statements[state.n]
            compared = self.dialogue(state).compared if view == RESULT_STANCES else None
            context.update(
                statement=statement,
                heading=text(lang, "partyview_title", i=self.numbers()[statement.id]),
                stances=self.stances(statement.id, lang, compared),
                close_label=text(lang, "close_result" if view == RESULT_STANCES else "close_statement"),
            )
        elif view == PARTY:
            result = self.result(state)
            entry = result.entry(self.quiz.parties[state.n].id)
            context.update(
                row=self.row(entry, set()),
                heading=text(lang, "drill_title", party=entry.name),
                numbers=self.numbers(),
                indices={s.id: i for i, s in enumerate(self.statements)},
            )
        elif view == "important":
            context["answered"] = [(i, s) for i, s in enumerate(self.main) if state.code(i) is not None]
            context["important_marks"] = set(state.marked(IMPORTANT_BIT))
            context["dealbreaker_marks"] = set(state.marked(DEALBREAKER_BIT))
        elif view == "municipality":
            context["places"] = [
                (i, place, plural(lang, "programme", len(names)), names)
                for i, place in enumerate(self.places)
                for names in [[p.label() for p in quiz.parties if p.municipality == place]]
            ]
        elif view == "parties":
            shown = self.shown_parties(state)
            chosen = set() if error else set(state.parties) or set(shown)
            context["parties"] = [(i, quiz.parties[i], i in chosen) for i in shown]
        elif view == "overview":
            context["rows"] = [
                (i, s, self.word_label(self.answer_word(state, i), lang) if state.answers[i] != "-" else "")
                for i, s in enumerate(self.main)
            ]
        elif view == "result":
            context.update(self.result_context(state))
        template = "stances" if view == RESULT_STANCES else view
        return self.templates.TemplateResponse(request, f"{template}.html", context)

    def adaptive_context(self, state: FlowState) -> dict[str, Any]:
        """The adaptive quiz's words on a page: that it may stop early (intro), the question count
        (statement), and after an early stop how many were asked, with the way on to the full set."""
        if self.adaptive is None:
            return {}
        from ..matching.adaptive import MIN_ANSWERS

        lang, total = state.lang, len(self.main)
        if state.view == "intro":
            return {"adaptive_note": text(lang, "adaptive_intro", m=MIN_ANSWERS, n=total)}
        if state.view == "statement" and state.n < total:
            asked = list(state.asked)
            number = asked.index(state.n) + 1 if state.n in asked else len(asked) + 1
            return {"adaptive_progress": text(lang, "adaptive_progress", k=number, i=state.n + 1, n=total)}
        if state.view in ("important", "parties", "result") and self.dialogue(state).stopped_early:
            left = sum(1 for i in range(total) if state.answers[i] == "-")
            return {
                "stopped_note": text(lang, "adaptive_stopped", k=total - left, n=total, left=left),
                "go_on_label": text(lang, "web_go_on", left=left),
            }
        return {}

    def shortcut_keys(self, lang: str) -> list[tuple[str, str]]:
        """The single-key shortcuts on a statement page, in the page's language (`dialogue.shortcuts`)."""
        return shortcut_keys(self.quiz.scale, lang)

    def tiebreak_notes(self, flow: FlowState, result: Any) -> list[str]:
        """Parties the answered tie-break statements took out of the ranking (coverage rule), said aloud."""
        state = self.dialogue(flow)
        tiebreak_ids = {s.id for s in self.tiebreaks}
        if not tiebreak_ids & set(state.answers):
            return []
        main_only = {k: v for k, v in state.answers.items() if k not in tiebreak_ids}
        before = self.matcher().match(
            main_only, important=state.important, parties=state.compared, dealbreakers=state.dealbreakers
        )
        return tiebreak_drops(before, result, flow.lang)

    def answer_word(self, state: FlowState, index: int) -> str:
        code = state.code(index)
        return SKIP if code is None else self.quiz.scale.options[code]

    def result_context(self, state: FlowState) -> dict[str, Any]:
        result = self.result(state)
        lang = state.lang
        shared = {
            e.rank
            for e in result.ranking
            if e.rank is not None and sum(1 for o in result.ranking if o.rank == e.rank) > 1
        }
        rows = []
        for entry in result.ranking:
            notes = [text(lang, "tie")] if entry.rank in shared else []
            if entry.coverage.with_stance < entry.coverage.answered:
                notes.append(text(lang, "coverage", k=entry.coverage.with_stance, n=entry.coverage.answered))
            rows.append(
                {
                    **self.row(entry, shared),
                    "ranked": entry.score is not None
                    and not entry.excluded_by
                    and (entry.ranked or len(result.ranking) == 1),
                    "reason": "" if entry.ranked else unranked_reason(entry, lang),
                    "notes": " · ".join(notes),
                }
            )
        margin = result.top_margin()
        pending = [s for i, s in enumerate(self.tiebreaks) if state.answers[len(self.main) + i] == "-"]
        themes = list(dict.fromkeys(t for e in result.ranking for t in e.themes))
        theme_names = {s.theme: s.localized("theme", lang) for s in self.statements}
        method = get_method(result.method)
        single = single_programme(result)
        return {
            "result": result,
            "single": single,
            "nothing": not any(e.score is not None for e in result.ranking),
            "ranked": [r for r in rows if r["ranked"]],
            "unranked": [r for r in rows if not r["ranked"] and not r["entry"].excluded_by],
            "excluded": [
                {**row, "line": line}
                for row, line in zip(
                    [r for r in rows if r["entry"].excluded_by], excluded_lines(self.quiz, result, lang), strict=True
                )
            ],
            "offer": offers_tiebreak(self.dialogue(state), margin),
            "margin_line": margin_line(result, lang),
            "notes": [*self.tiebreak_notes(state, result), *result_notes(self.quiz, result, lang)],
            "pending": pending,
            "tiebreak_offer": text(lang, "tiebreak_offer", statements=plural(lang, "extra", len(pending))),
            "themes": [(t, theme_names.get(t, t)) for t in themes],
            "method_line": text(
                lang, "result_method", method=method.label(lang), missing=missing_phrase(lang, result.missing)
            ),
            "method_explained": text(lang, "method_plain", label=method.label(lang), summary=method.explain(lang)),
            "why": text(lang, "report_why"),
            "formats": list(DOWNLOADS),
        }

    def row(self, entry: Any, shared: set[int]) -> dict[str, Any]:
        """One compared party for the result page and its drill-down page."""
        return {
            "entry": entry,
            "number": self.quiz.parties.index(self.quiz.party_by_id[entry.party]),
            "shared": entry.rank in shared,
            "party": self.quiz.party_by_id[entry.party],
            "comparisons": [
                (self.quiz.statement_by_id[c.statement], c, self.quiz.position(entry.party, c.statement))
                for c in entry.comparisons
            ],
        }

    def numbers(self) -> dict[str, str]:
        """How statements are numbered for people: 1, 2, … and +1, +2, … for the tie-break ones."""
        numbers = {s.id: str(i + 1) for i, s in enumerate(self.main)}
        numbers.update({s.id: f"+{i + 1}" for i, s in enumerate(self.tiebreaks)})
        return numbers

    def stances(self, statement_id: str, lang: str, only: Any = None) -> list[tuple[str, str, Any]]:
        """Each party's stance on a statement (of the parties `only`, when given), for "Wat vinden de partijen?"."""
        rows = []
        for party in self.quiz.parties:
            if only is not None and party.id not in only:
                continue
            position = self.quiz.position(party.id, statement_id)
            stance = None if position is None else position.position
            rows.append((party.label(), self.word_label(stance, lang), position))
        return rows

    def word_label(self, word: str | None, lang: str) -> str:
        """How an option name is shown; 'no position' for None."""
        if word is None:
            return words(lang)["no_stance"]
        if word == "skip":
            return words(lang)["skipped"]
        return self.quiz.scale.label(self.quiz.scale.code(word), lang)

    def error(self, request: Request, lang: Any, problems: list[str], status: int, key: str = "") -> Response:
        """An error page in the person's language; the technical details (English) marked as such."""
        lang = lang if lang in ("nl", "en") else "nl"
        return self.templates.TemplateResponse(
            request,
            "error.html",
            {
                "lang": lang,
                "w": words(lang),
                "title": self.quiz.localized_title(lang),
                "problems": problems,
                "message": words(lang)[key or ("bad_request" if status == 400 else "not_found")],
            },
            status_code=status,
        )


def root_context(request: Request) -> dict[str, str]:
    """`root`: the sub-path the quiz is served under (`serve --root-path`, "" at the top), which
    every page's links, forms and assets start with."""
    return {"root": request.scope.get("root_path", "")}


def quiz_text(item: Any, field: str, lang: str) -> Markup:
    """A statement's `field` in `lang`; marked `lang="nl"` when it falls back to the Dutch text."""
    value = item.localized(field, lang) or ""
    if lang != "nl" and value and not getattr(item, f"{field}_en", None):
        return Markup('<span lang="nl">{}</span>').format(value)
    return Markup.escape(value)
