"""The API matches the requests that arrive together in one call (`web.batching`): each person
still gets exactly `stemhulp.match`'s result, and a bug hit by one request fails only that one."""

from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

import stemhulp  # noqa: E402
from stemhulp.matching.matcher import KnownAnswers, Matcher  # noqa: E402
from stemhulp.web.batching import MatchBatches  # noqa: E402


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load()


def people(quiz, count: int) -> list[KnownAnswers]:
    ids = [s.id for s in quiz.statements]
    words = ["eens", "oneens", "geen van beide", "skip"]
    return [
        KnownAnswers({sid: words[(i + j) % 4] for j, sid in enumerate(ids)}, important=ids[i % 3 : i % 3 + 1])
        for i in range(count)
    ]


def test_people_waiting_in_one_turn_are_matched_in_one_call(quiz, monkeypatch):
    matcher, batches, sizes = Matcher(quiz), MatchBatches(), []
    real = matcher.match_known_many

    def counted(asked):
        sizes.append(len(asked))
        return real(asked)

    monkeypatch.setattr(matcher, "match_known_many", counted)
    asked = people(quiz, 5)

    async def everyone():
        return await asyncio.gather(*(batches.match(matcher, person) for person in asked))

    results = asyncio.run(everyone())
    assert sizes == [5]
    for person, result in zip(asked, results, strict=True):
        expected = stemhulp.match(quiz, person.answers, important=person.important)
        assert result is not None and result.to_dict() == expected.to_dict()
    # A lone request is matched at once, on its own.
    assert asyncio.run(batches.match(matcher, asked[0])).to_dict() == results[0].to_dict()
    assert sizes == [5, 1]


def test_a_bug_hit_by_one_request_fails_only_that_request(quiz, monkeypatch):
    matcher, batches = Matcher(quiz), MatchBatches()
    real = matcher.match_known_many
    asked = people(quiz, 3)
    cursed = asked[1]

    def broken(batch):
        if any(person is cursed for person in batch):
            raise RuntimeError("a bug")
        return real(batch)

    monkeypatch.setattr(matcher, "match_known_many", broken)

    async def everyone():
        return await asyncio.gather(*(batches.match(matcher, person) for person in asked), return_exceptions=True)

    first, second, third = asyncio.run(everyone())
    assert isinstance(second, RuntimeError)
    assert first.to_dict() == stemhulp.match(quiz, asked[0].answers, important=asked[0].important).to_dict()
    assert third.to_dict() == stemhulp.match(quiz, asked[2].answers, important=asked[2].important).to_dict()


def test_concurrent_api_requests_each_get_their_own_result(quiz):
    """Many requests in flight at once through the app (one event loop): every answer equals
    `stemhulp.match(...).to_dict()` for its own body, and the bad one is its own 422."""
    from stemhulp.web import create_app

    app = create_app(quiz)
    bodies = [{"answers": person.answers, "important": list(person.important)} for person in people(quiz, 12)]
    bodies.insert(5, {"answers": {"nope": "eens"}})

    async def everyone():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://stemhulp.test") as client:
            return await asyncio.gather(*(client.post("/api/v1/match", json=body) for body in bodies))

    for body, response in zip(bodies, asyncio.run(everyone()), strict=True):
        if "nope" in body["answers"]:
            assert response.status_code == 422 and "unknown statement id 'nope'" in response.text
            continue
        expected = stemhulp.match(quiz, body["answers"], important=body["important"]).to_dict()
        assert response.status_code == 200 and response.json() == json.loads(json.dumps(expected))


def test_each_event_loop_batches_its_own_requests(quiz):
    """Requests waiting in two event loops at once (a test client runs one per thread): each loop
    matches its own, so no result is handed to a loop that is not looking (which would hang)."""
    import threading

    matcher, batches = Matcher(quiz), MatchBatches()
    asked = people(quiz, 8)
    both_waiting = threading.Barrier(2, timeout=30)
    results: dict[int, list] = {}

    def in_own_loop(which: int, half: list[KnownAnswers]) -> None:
        async def run():
            waiting = [asyncio.ensure_future(batches.match(matcher, person)) for person in half]
            await asyncio.sleep(0)  # every request of this loop is waiting, its batch not yet matched
            both_waiting.wait()  # hold this loop until the other one has its requests waiting too
            return await asyncio.gather(*waiting)

        results[which] = asyncio.run(run())

    threads = [threading.Thread(target=in_own_loop, args=(k, asked[4 * k : 4 * k + 4]), daemon=True) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [0, 1], "a loop never got its results"
    for person, result in zip(asked, results[0] + results[1], strict=True):
        assert result.to_dict() == stemhulp.match(quiz, person.answers, important=person.important).to_dict()
