"""The versioned JSON API: the quiz, the methods, and matching an answers document."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import MatchError, StemhulpError
from ..formats.answers import answer_set_from_mapping
from ..formats.exchange import quiz_to_exchange
from ..formats.reading import parse_json
from ..formats.where import Where
from ..matching.facade import municipality_parties
from ..matching.matcher import KnownAnswers, Matcher
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, METHODS, MISSING_POLICIES
from ..matching.results import MatchResult
from ..quiz.model import Quiz
from .batching import MatchBatches
from .openapi import openapi_document

BODY_KEYS = {
    "answers",
    "important",
    "dealbreakers",
    "parties",
    "municipality",
    "quiz",
    "method",
    "missing",
    "salience",
    "lang",
    "version",
}


def strict_boolean(text: str, name: str) -> bool:
    """`true` or `false` (a query parameter); anything else is a `MatchError` naming it."""
    if text not in ("true", "false"):
        raise MatchError(f"query / {name}: expected true or false, got {text[:40]!r}")
    return text == "true"


def problem(status: int, error: str, problems: list[str], headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape: {"error": code, "problems": [located messages]}."""
    return JSONResponse({"error": error, "problems": problems}, status_code=status, headers=headers)


def route_path(request: Request) -> str:
    """The request's path below the sub-path the server is reached under (`serve --root-path`)."""
    path, root = request.url.path, request.scope.get("root_path", "")
    if root and (path == root or path.startswith(root + "/")):
        return path[len(root) :] or "/"
    return path


DOCUMENT_MAX_AGE = 300  # seconds a browser or proxy may keep the quiz, methods and OpenAPI documents unasked


def cached_json(request: Request, body: bytes) -> Response:
    """A document that changes only when the server does: an ETag (its SHA-256), a short public
    max-age, and 304 Not Modified to a request that already holds it."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"etag": tag, "cache-control": f"public, max-age={DOCUMENT_MAX_AGE}"}
    held = [t.strip().removeprefix("W/") for t in request.headers.get("if-none-match", "").split(",")]
    if tag in held or "*" in held:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


class Api:
    """`/api/v1/…` over one quiz; `matchers(method, missing, salience)` gives a prepared matcher."""

    def __init__(self, quiz: Quiz, matchers: Callable[[str, str, bool], Matcher], method: str, missing: str) -> None:
        self.quiz, self.matchers, self.method, self.missing = quiz, matchers, method, missing
        self._quiz_json = _document_json(quiz_to_exchange(quiz))
        self._methods_json = json.dumps(
            {
                "default_method": DEFAULT_METHOD,
                "default_missing": DEFAULT_MISSING,
                "methods": [
                    {"name": m.name, "summary": m.summary, "source": m.source, "three_point_only": m.three_point_only}
                    for m in METHODS
                ],
                "missing": [{"name": p.name, "summary": p.summary} for p in MISSING_POLICIES],
            },
            ensure_ascii=False,
        ).encode()
        self._openapi: dict[str, bytes] = {}  # root path → the document naming it as its server
        self.batches = MatchBatches()

    async def quiz_document(self, request: Request) -> Response:
        return cached_json(request, self._quiz_json)

    async def methods(self, request: Request) -> Response:
        return cached_json(request, self._methods_json)

    async def openapi(self, request: Request) -> Response:
        root = request.scope.get("root_path", "")
        if root not in self._openapi:
            if len(self._openapi) > 8:  # one root per server in practice; bounded all the same
                self._openapi.clear()
            self._openapi[root] = json.dumps(openapi_document(root), ensure_ascii=False).encode()
        return cached_json(request, self._openapi[root])

    async def match(self, request: Request) -> Response:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            return problem(
                415, "unsupported_media_type", [f"content-type: expected application/json, got {media or 'nothing'!r}"]
            )
        try:
            data = parse_json((await request.body()).decode("utf-8"), "body")
        except UnicodeDecodeError as error:
            return problem(400, "invalid_json", [f"body: not UTF-8 text ({error.reason} at byte {error.start})"])
        except StemhulpError as error:  # duplicate keys, huge numbers, deep nesting, invalid JSON
            return problem(400, "invalid_json", error.problems)
        if not isinstance(data, dict):
            return problem(422, "invalid_request", ["body: expected a JSON object with an 'answers' key"])
        unknown = sorted(set(data) - BODY_KEYS)
        if unknown:
            return problem(
                422,
                "invalid_request",
                [f"body: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(BODY_KEYS))}"],
            )
        method = request.query_params.get("method", data.get("method", self.method))
        missing = request.query_params.get("missing", data.get("missing", self.missing))
        salience = (
            strict_boolean(request.query_params["salience"], "salience")
            if "salience" in request.query_params
            else data.get("salience", False)
        )
        if not isinstance(salience, bool):
            raise MatchError(f"body / salience: expected true or false, got {salience!r}")
        if not isinstance(method, str) or not isinstance(missing, str):
            raise MatchError(f"method, missing: expected names, got {method!r}, {missing!r}")
        matcher = self.matchers(method, missing, salience)
        answers: Any = data.get("answers")
        important, parties = data.get("important", []), data.get("parties")
        if data.get("municipality") is not None:
            parties = municipality_parties(self.quiz, data["municipality"], parties)
            data = {**data, "parties": parties}
            data.pop("municipality")
        dealbreakers = data.get("dealbreakers", [])
        result = None
        if data.get("quiz", self.quiz.id) == self.quiz.id:  # known ids and words: no normalising needed
            person = KnownAnswers(answers, important, parties, dealbreakers=dealbreakers)
            result = await self.batches.match(matcher, person)  # with the requests that came in alongside
        if result is None:
            answer_set = answer_set_from_mapping(data, self.quiz, Where("body"))  # located problems, or normalised
            result = matcher.match(
                answer_set.answers,
                important=answer_set.important,
                parties=answer_set.parties,
                dealbreakers=answer_set.dealbreakers,
            )
        return Response(self.dump(result), media_type="application/json")

    def dump(self, result: MatchResult) -> bytes:
        """`result.to_dict()` as JSON (orjson). A `Matcher`'s result carries each breakdown row
        as prepared JSON text (most of the document), which is spliced in as is."""
        document = result.outline()
        for data, entry in zip(document["results"], result.ranking, strict=True):
            prepared = entry.statements_json
            data["statements"] = (
                orjson.Fragment(b"[" + b",".join(prepared) + b"]")
                if prepared is not None
                else [c.to_dict() for c in entry.comparisons]
            )
        return orjson.dumps(document)


def _document_json(document: Any) -> bytes:
    """JSON of a document made from a quiz file: orjson, or the standard library for what orjson
    refuses (an integer beyond 64 bits in a quiz's extra fields)."""
    try:
        return orjson.dumps(document)
    except TypeError:
        return json.dumps(document, ensure_ascii=False).encode()
