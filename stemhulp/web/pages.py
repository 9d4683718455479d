"""The quiz as server-rendered pages: one POST endpoint moves the state (carried in the page) on a step."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..errors import AnswersError, QuizError, StemhulpError
from ..i18n import missing_phrase
from ..matcher import Matcher
from ..methods import get_method
from ..model import Quiz
from ..report import render
from ..session import municipalities
from .state import DIGITS, FlowState
from .words import words

CLOSE_MARGIN = 5.0  # points between the top two that bring the tie-break statements up
DOWNLOADS = {
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
}


class Pages:
    """The HTML front-end over one quiz and one prepared matcher."""

    def __init__(self, quiz: Quiz, matcher: Callable[[], Matcher]) -> None:
        self.quiz, self.matcher = quiz, matcher
        self.templates = Jinja2Templates(directory=str(files("stemhulp.web").joinpath("templates")))
        self.templates.env.globals["word_label"] = self.word_label
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

    async def resume(self, request: Request) -> Response:
        """A resume link: the state in the address (only when the person copies it; never logged)."""
        params = request.query_params
        try:
            state = FlowState.parse(
                {key: params[key] for key in ("lang", "a", "i", "p", "m", "view", "n") if key in params}, self.quiz
            )
        except StemhulpError as error:
            return self.error(request, params.get("lang", "nl"), error.problems, 400)
        return self.page(request, state)

    async def step(self, request: Request) -> Response:
        form = await request.form()
        try:
            state = FlowState.parse(
                {key: str(form.get(key, "")) for key in ("lang", "a", "i", "p", "m", "view", "n") if key in form},
                self.quiz,
            )
            return self.page(request, *self.move(state, str(form.get("do", "")), form))
        except StemhulpError as error:
            return self.error(request, form.get("lang", "nl"), error.problems, 400)

    async def download(self, request: Request) -> Response:
        form = await request.form()
        try:
            state = FlowState.parse(
                {key: str(form.get(key, "")) for key in ("lang", "a", "i", "p", "m", "view", "n") if key in form},
                self.quiz,
            )
            fmt = str(form.get("fmt", "html"))
            if fmt not in DOWNLOADS:
                raise AnswersError(f"fmt: unknown format {fmt!r}; choose one of {list(DOWNLOADS)}")
            result = self.result(state)
            body = render(result, self.quiz, state.answer_set(self.quiz), fmt=fmt, lang=state.lang)
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

    def move(self, state: FlowState, do: str, form: Any) -> tuple[FlowState, str | None]:
        """The state after pressing `do` on the page `state.view`, and an error to show, if any."""
        view, n = state.view, state.n
        if do.startswith("lang:"):
            lang = do.removeprefix("lang:")
            return FlowState.parse({**state.fields(), "lang": lang}, self.quiz), None
        if view == "intro" and do == "start":
            return state.at("statement", 0), None
        if view == "statement":
            if do == "back":
                if n == 0:
                    return state.at("intro"), None
                return (state.at("result"), None) if n == len(self.main) else (state.at("statement", n - 1), None)
            if do == "skip" or do.startswith("answer:"):
                code = None if do == "skip" else _option(do.removeprefix("answer:"), self.quiz.scale.size)
                state = state.with_answer(n, code)
                if n + 1 == len(self.main):
                    return state.at("important"), None
                if n + 1 >= len(self.statements):
                    return state.at("result"), None
                return state.at("statement", n + 1), None
        if view == "important" and do in ("next", "back"):
            chosen = [_option(v, len(self.main)) for v in form.getlist("important")]
            state = state.with_important([i for i in chosen if i is not None and state.code(i) is not None])
            if do == "back":
                return state.at("statement", len(self.main) - 1), None
            return state.at("municipality" if len(self.places) > 1 else "parties"), None
        if view == "municipality" and do in ("next", "back"):
            if do == "back":
                return state.at("important"), None
            choice = str(form.get("municipality", "all"))
            municipality = None if choice == "all" else _option(choice, len(self.places))
            if municipality != state.municipality:
                state = FlowState.parse(
                    {**state.fields(), "m": "" if municipality is None else str(municipality), "p": ""}, self.quiz
                )
            return state.at("parties"), None
        if view == "parties" and do in ("next", "back"):
            shown = self.shown_parties(state)
            chosen = [i for i in (_option(v, len(self.quiz.parties)) for v in form.getlist("party")) if i in shown]
            keep = "" if (state.municipality is None and len(chosen) == len(shown)) else ",".join(map(str, chosen))
            state = FlowState.parse({**state.fields(), "p": keep}, self.quiz)
            if do == "back":
                return state.at("municipality" if len(self.places) > 1 else "important"), None
            if not chosen:
                return state.at("parties"), "parties_none"
            return state.at("result"), None
        if view == "result" and do == "back":
            return state.at("parties"), None
        if view == "result" and do == "tiebreak":
            pending = [i for i in range(len(self.main), len(self.statements)) if state.answers[i] == "-"]
            if pending:
                return state.at("statement", pending[0]), None
            return state, None
        raise AnswersError(f"do: {do!r} is not an action on the {view} page")

    def shown_parties(self, state: FlowState) -> list[int]:
        """Party numbers on the parties page: the chosen municipality's, or all."""
        if state.municipality is None:
            return list(range(len(self.quiz.parties)))
        place = self.places[state.municipality]
        return [i for i, p in enumerate(self.quiz.parties) if p.municipality == place]

    def result(self, state: FlowState) -> Any:
        answer_set = state.answer_set(self.quiz)
        parties = answer_set.parties
        if parties is None and state.municipality is not None:
            parties = tuple(self.quiz.parties[i].id for i in self.shown_parties(state))
        return self.matcher().match(answer_set.answers, important=answer_set.important, parties=parties)

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
        if view == "intro":
            method = self.matcher().method
            record = get_method(method)
            summary = record.summary_nl if lang == "nl" and record.summary_nl else record.summary
            context.update(method=method, summary=summary[0].upper() + summary[1:])
        elif view == "statement":
            statement = self.statements[state.n]
            tiebreak = state.n >= len(self.main)
            context.update(
                statement=statement,
                tiebreak=tiebreak,
                progress=words(lang)["tiebreak_progress" if tiebreak else "progress"].format(
                    i=state.n - len(self.main) + 1 if tiebreak else state.n + 1,
                    n=len(self.tiebreaks) if tiebreak else len(self.main),
                ),
                previous=state.answers[state.n],
                options=list(range(quiz.scale.size))[::-1],
                stances=self.stances(statement.id, lang),
            )
        elif view == "important":
            context["answered"] = [(i, s) for i, s in enumerate(self.main) if state.code(i) is not None]
        elif view == "municipality":
            context["places"] = [
                (i, place, [p.label() for p in quiz.parties if p.municipality == place])
                for i, place in enumerate(self.places)
            ]
        elif view == "parties":
            shown = self.shown_parties(state)
            chosen = set(state.parties) or set(shown)
            context["parties"] = [(i, quiz.parties[i], i in chosen) for i in shown]
        elif view == "result":
            context.update(self.result_context(state))
        return self.templates.TemplateResponse(request, f"{view}.html", context)

    def result_context(self, state: FlowState) -> dict[str, Any]:
        result = self.result(state)
        document = result.to_dict()  # read for keys other modules add (stability, ranked, flags)
        lang = state.lang
        shared = {
            e.rank
            for e in result.ranking
            if e.rank is not None and sum(1 for o in result.ranking if o.rank == e.rank) > 1
        }
        rows = []
        for entry, data in zip(result.ranking, document["results"], strict=True):
            ranked = data.get("ranked", entry.score is not None)
            rows.append(
                {
                    "entry": entry,
                    "data": data,
                    "ranked": ranked,
                    "shared": entry.rank in shared,
                    "party": self.quiz.party_by_id[entry.party],
                    "comparisons": [
                        (self.quiz.statement_by_id[c.statement], c, self.quiz.position(entry.party, c.statement))
                        for c in entry.comparisons
                    ],
                }
            )
        margin = result.top_margin()
        pending = [s for i, s in enumerate(self.tiebreaks) if state.answers[len(self.main) + i] == "-"]
        themes = list(dict.fromkeys(t for e in result.ranking for t in e.themes))
        theme_names = {s.theme: s.localized("theme", lang) for s in self.statements}
        numbers = {s.id: str(i + 1) for i, s in enumerate(self.main)}
        numbers.update({s.id: f"+{i + 1}" for i, s in enumerate(self.tiebreaks)})
        return {
            "result": result,
            "document": document,
            "stability": document.get("stability"),
            "ranked": [r for r in rows if r["ranked"]],
            "unranked": [r for r in rows if not r["ranked"]],
            "close": margin is not None and margin <= CLOSE_MARGIN and len(rows) > 1,
            "margin_line": self.margin_line(margin, lang),
            "pending": pending,
            "themes": [(t, theme_names.get(t, t)) for t in themes],
            "method_line": words(lang)["result_method"].format(
                method=result.method, missing=missing_phrase(lang, result.missing)
            ),
            "numbers": numbers,
            "formats": list(DOWNLOADS),
        }

    @staticmethod
    def margin_line(margin: float | None, lang: str) -> str:
        """ "Tied", or "within 3 points"; empty when there is no second party."""
        if margin is None:
            return ""
        if margin < 0.5:
            return words(lang)["tied"]
        points = max(round(margin), 1)
        return words(lang)["close"].format(margin=f"{points} {words(lang)['point' if points == 1 else 'points']}")

    def stances(self, statement_id: str, lang: str) -> list[tuple[str, str, Any]]:
        """Each party's stance on a statement, for "Wat vinden de partijen?"."""
        rows = []
        for party in self.quiz.parties:
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

    def error(self, request: Request, lang: Any, problems: list[str], status: int) -> Response:
        lang = lang if lang in ("nl", "en") else "nl"
        return self.templates.TemplateResponse(
            request,
            "error.html",
            {
                "lang": lang,
                "w": words(lang),
                "title": self.quiz.localized_title(lang),
                "problems": problems,
                "message": words(lang)["bad_request" if status == 400 else "not_found"],
            },
            status_code=status,
        )


def _option(text: str, upper: int) -> int | None:
    """A number 0…upper-1 from a form value; an `AnswersError` otherwise."""
    if not (text.isdigit() and len(text) < 8 and int(text) < upper):
        raise AnswersError(f"form: expected a number below {upper}, got {text[:40]!r}")
    return int(text)
