"""Match the API requests that arrive together in one call: the engine is vectorised over people,
so scoring several at once costs little more than scoring one (in a warm loop, four people cost
6 µs each against 22 µs alone). Nobody waits for company: a batch is matched as soon as the event
loop has read the requests already in hand (one turn), so a lone request is matched at once and a
busy server matches what came in meanwhile. Each result is the same as alone
(`Matcher.match_known_many`)."""

from __future__ import annotations

import asyncio

from ..matching.matcher import KnownAnswers, Matcher
from ..matching.results import MatchResult

Waiting = list[tuple[KnownAnswers, "asyncio.Future[MatchResult | None]"]]


class MatchBatches:
    """`await batches.match(matcher, person)`: `matcher.match_known(...)` for one person, matched
    in one call with everyone else waiting on the same matcher in this turn of the event loop.
    Each event loop batches its own requests (a server worker has one; a test client may run
    one per thread), so a result is always handed over in the loop that waits for it."""

    def __init__(self) -> None:
        # per event loop: id(matcher) → the matcher and the people waiting on it this turn
        self._waiting: dict[asyncio.AbstractEventLoop, dict[int, tuple[Matcher, Waiting]]] = {}

    async def match(self, matcher: Matcher, person: KnownAnswers) -> MatchResult | None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[MatchResult | None] = loop.create_future()
        turn = self._waiting.get(loop)
        if turn is None:  # the first of this turn: match everyone once the turn's requests are read
            turn = self._waiting[loop] = {}
            loop.call_soon(self._match_waiting, loop)
        turn.setdefault(id(matcher), (matcher, []))[1].append((person, future))
        return await future

    def _match_waiting(self, loop: asyncio.AbstractEventLoop) -> None:
        for matcher, people in self._waiting.pop(loop).values():
            try:
                results = matcher.match_known_many([person for person, _ in people])
            except Exception:  # never the visitors' input (that gives None); one by one, so a bug fails only its own
                for person, future in people:
                    _settle(future, matcher, person)
                continue
            for (_, future), result in zip(people, results, strict=True):
                if not future.done():  # a request whose client went away is cancelled
                    future.set_result(result)


def _settle(future: asyncio.Future[MatchResult | None], matcher: Matcher, person: KnownAnswers) -> None:
    try:
        result = matcher.match_known_many([person])[0]
    except Exception as error:
        if not future.done():
            future.set_exception(error)
        return
    if not future.done():
        future.set_result(result)
