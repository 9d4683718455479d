"""A prepared matcher: one quiz, one method, its scoring tables built once, then many fast matches.

`stemhulp.match` rebuilds its tables on every call (milliseconds); a server scores thousands of
people against the same quiz. `Matcher(quiz, method, missing)` builds one `engine.Scorer` whose
columns hold the whole quiz and every theme alone, side by side, so one lookup scores everything
`match` reports; `Matcher.match` returns the same `MatchResult`, value for value.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from ..quiz.model import Quiz
from ..quiz.profiles import party_profile
from .coverage import check_min_coverage
from .dealbreakers import excluding_statements
from .engine import Scorer
from .methods import DEFAULT_METHOD, DEFAULT_MIN_COVERAGE, DEFAULT_MISSING, MethodName, PolicyName
from .ranking import rank_parties
from .results import Comparison, Coverage, MatchResult, RankEntry, row_maker
from .stability import Assessed, Stability, assess_many, method_stack
from .tables import method_tables, salience_matrix

COVERAGES_KEPT = 100_000  # (answered, with a stance) pairs whose `Coverage` a Matcher reuses
STABILITY_CACHE = 4096  # answer patterns whose stability figure a Matcher keeps (a few MB at most)


@attrs.frozen
class KnownAnswers:
    """One person's answers as `Matcher.match_known` takes them (ids, answer words, lists)."""

    answers: Mapping[str, str]
    important: Iterable[str] = ()
    parties: Iterable[str] | None = None
    min_coverage: float = DEFAULT_MIN_COVERAGE
    dealbreakers: Iterable[str] = ()


@attrs.frozen
class _Prepared:
    """A person's checked answers: compared party ids, a row of option codes (1 × statements,
    -1: not answered), the important marks, the coverage share and the deal-breaker ids."""

    party_ids: list[str]
    row: np.ndarray = attrs.field(eq=False)
    marked: np.ndarray = attrs.field(eq=False)
    min_coverage: float
    dealbreakers: list[str]


class Matcher:
    """`match` for one quiz and one (method, missing, salience), with every table prepared once."""

    def __init__(
        self,
        quiz: Quiz,
        method: MethodName = DEFAULT_METHOD,
        missing: PolicyName = DEFAULT_MISSING,
        salience: bool = False,
    ) -> None:
        self.quiz, self.missing, self.salience = quiz, missing, salience
        self.statements = [*quiz.statements, *quiz.tiebreak_statements]
        self.party_ids = [p.id for p in quiz.parties]
        self._everyone = list(range(len(self.party_ids)))  # the columns of a request comparing every party
        self._index = {s.id: i for i, s in enumerate(self.statements)}
        self._party_index = {p: i for i, p in enumerate(self.party_ids)}
        self._tiebreak = {s.id for s in quiz.tiebreak_statements}
        method_record, T, W, stances = method_tables(quiz, self.statements, self.party_ids, method, missing, salience)
        self.method = method_record.name
        self._stances = stances
        self._has_stance = stances >= 0  # (statements × parties)
        self._salience = salience_matrix(quiz, self.statements, self.party_ids) if salience else None
        self._flags = {p: profile.flags for p, profile in party_profile(quiz).items()}
        self._labels = {p.id: p.label() for p in quiz.parties}
        # Every method's tables for all parties, for the stability check (sliced per party choice).
        self._stack = method_stack(quiz.scale.size, stances, self._salience, self.method, missing)
        self.themes = list(dict.fromkeys(s.theme for s in self.statements))
        # Column block 0 is the whole quiz, block 1 + t theme t alone (other statements weigh 0).
        masks = [np.ones(len(self.statements))] + [
            np.array([float(s.theme == t) for s in self.statements]) for t in self.themes
        ]
        blocks = len(masks)
        terms = np.concatenate([T] * blocks, axis=2)
        weights = np.concatenate([W * mask[:, None, None] for mask in masks], axis=2)
        self._scorer = Scorer.build([(terms, weights, method_record.root)], important=True)
        self._blocks = blocks
        self._ids = [s.id for s in self.statements]
        self._words: dict[str, int | None] = {}
        self._stabilities: dict[tuple[bytes, bytes, tuple[int, ...], bytes], Stability] = {}
        # [party][statement · 2(k+1) + digit]: the breakdown rows, picked by position (C speed). A
        # (party, statement)'s rows are made the first time a match needs them, so a long quiz starts
        # at once and holds only the rows its visitors reached (at most all of them, once).
        self._width = 2 * (quiz.scale.size + 1)
        self._flat: list[list[Any]] = [[None] * (len(self.statements) * self._width) for _ in self.party_ids]
        self._flat_json: list[list[Any]] = [[None] * (len(self.statements) * self._width) for _ in self.party_ids]
        self._made = np.zeros((len(self.party_ids), len(self.statements)), dtype=bool)
        self._ready = np.zeros(len(self.statements), dtype=bool)  # made for every party
        self._make_row = row_maker(quiz.scale.options)
        theme_index = {theme: t for t, theme in enumerate(self.themes)}
        self._theme_of = np.array([theme_index[s.theme] for s in self.statements], dtype=np.intp)
        self._not_tiebreak = np.array([s.id not in self._tiebreak for s in self.statements], dtype=bool)
        self._has_tiebreaks = not self._not_tiebreak.all()
        self._cell_starts = np.arange(len(self.statements)) * self._width + 2  # cell of "not answered", not marked
        self._all_ready = False  # every statement's rows made for every party
        self._coverages: dict[tuple[int, int], Coverage] = {}  # (answered, with a stance): one frozen object each

    def match(
        self,
        answers: Mapping[str, str],
        *,
        important: Iterable[str] = (),
        parties: Iterable[str] | None = None,
        weights: Mapping[str, float] | None = None,
        min_coverage: float = DEFAULT_MIN_COVERAGE,
        dealbreakers: Iterable[str] = (),
    ) -> MatchResult:
        """The same result as `stemhulp.match(quiz, answers, …)` with this matcher's method.

        Per-statement `weights` need their own tables, so they go through `stemhulp.match`.
        """
        important_ids: Iterable[str] = important if isinstance(important, (list, tuple)) else list(important)
        if parties is not None and not isinstance(parties, (list, tuple)):
            parties = list(parties)  # read once, whichever path takes it
        if weights is None:
            result = self.match_known(
                answers, important=important_ids, parties=parties, min_coverage=min_coverage, dealbreakers=dealbreakers
            )
            if result is not None:
                return result
        from .facade import match  # per-statement weights need their own tables; and anything unusual is
        # checked by `match` itself, with its located messages

        return match(
            self.quiz,
            answers,
            important=important_ids,
            weights=weights,
            parties=parties,
            method=self.method,
            missing=self.missing,
            salience=self.salience,
            min_coverage=min_coverage,
            dealbreakers=dealbreakers,
        )

    def match_known(
        self,
        answers: Mapping[str, str],
        *,
        important: Iterable[str] = (),
        parties: Iterable[str] | None = None,
        min_coverage: float = DEFAULT_MIN_COVERAGE,
        dealbreakers: Iterable[str] = (),
    ) -> MatchResult | None:
        """`match` for known statement and party ids and answer words in lists, or None when
        anything needs `match`'s located messages (a server then words its own)."""
        return self.match_known_many([KnownAnswers(answers, important, parties, min_coverage, dealbreakers)])[0]

    def match_known_many(self, people: Sequence[KnownAnswers]) -> list[MatchResult | None]:
        """`match_known` for several people at once, each result the same as alone: everyone is
        scored in one `Scorer.score` call (a server matches the requests that arrive together)."""
        prepared = [self._prepare(person) for person in people]
        ready = [p for p in prepared if p is not None]
        if not ready:
            return [None] * len(prepared)
        rows = ready[0].row if len(ready) == 1 else np.concatenate([p.row for p in ready])
        marks = ready[0].marked if len(ready) == 1 else np.concatenate([p.marked for p in ready])
        scores = self._scorer.score(rows, marks)[0].reshape(len(ready), self._blocks, len(self.party_ids))
        ranked = [self._rank(person, person_scores) for person, person_scores in zip(ready, scores, strict=True)]
        figures = self._stabilities_of([(p.row[0], p.marked[0], columns, mask) for p, _, mask, columns in ranked])
        results = iter(
            MatchResult(
                self.quiz.id,
                self.method,
                self.missing,
                self.salience,
                ranking,
                person.min_coverage,
                figure,
                self.quiz.fingerprint,
                tuple(person.dealbreakers),
            )
            for (person, ranking, _, _), figure in zip(ranked, figures, strict=True)
        )
        return [None if p is None else next(results) for p in prepared]

    def _prepare(self, person: KnownAnswers) -> _Prepared | None:
        """A person's answers as a row of codes, with their checked choices; None when anything
        needs `match`'s located messages."""
        min_coverage = check_min_coverage(person.min_coverage)
        codes = self._codes(person.answers)
        important, parties, dealbreakers = person.important, person.parties, person.dealbreakers
        party_ids = self.party_ids if parties is None else list(parties)
        if (
            codes is None
            or not self._known(important, self.quiz.statement_by_id)
            or not (parties is None or (bool(party_ids) and self._known(party_ids, self.quiz.party_by_id)))
            or not self._known(dealbreakers, self.quiz.statement_by_id)
        ):
            return None
        row, marked = self._row(codes, {str(i) for i in important})
        return _Prepared(
            list(dict.fromkeys(str(p) for p in party_ids)), row, marked, min_coverage, list(dict.fromkeys(dealbreakers))
        )

    def _rank(
        self, person: _Prepared, scores: np.ndarray
    ) -> tuple[_Prepared, tuple[RankEntry, ...], np.ndarray, list[int]]:
        """One prepared person's ranking from their scores (blocks × parties): the person, the
        entries, the ranked mask and the compared parties' columns."""
        party_ids, row, marked = person.party_ids, person.row[0], person.marked[0]
        answered_mask = row >= 0
        answered = int(answered_mask.sum())
        with_stance = self._has_stance[answered_mask].sum(axis=0).tolist()
        entries = self._entries(party_ids, row, marked, scores, answered, with_stance)
        columns = [self._party_index[p] for p in party_ids]
        ranking, ranked = rank_parties(
            [self._labels[p] for p in party_ids],
            party_ids,
            [entries[p][0] for p in party_ids],
            answered,
            [with_stance[c] for c in columns],
            person.min_coverage,
            lambda i: entries[party_ids[i]][1:],
            self._flags,
            self._excluding(row, person.dealbreakers, columns),
        )
        return person, ranking, ranked, columns

    def _excluding(self, row: np.ndarray, dealbreaker_ids: list[str], columns: list[int]) -> list[tuple[str, ...]]:
        """Per compared party: the deal-breaker statements it is on the other side of."""
        if not dealbreaker_ids:
            return [()] * len(columns)
        marks = np.zeros(len(self.statements), dtype=bool)
        marks[[self._index[s] for s in dealbreaker_ids]] = True
        found = excluding_statements(row, marks, self._stances[:, columns], self.quiz.scale.size)
        return [tuple(self._ids[s] for s in statements) for statements in found]

    def _row(self, codes: Mapping[str, int | None], important: set[str]) -> tuple[np.ndarray, np.ndarray]:
        """The answers as one row of option codes (-1: not answered) and the important marks."""
        count, index = len(self.statements), self._index
        values, marks = [-1] * count, [False] * count
        for statement, code in codes.items():
            if code is not None:
                values[index[statement]] = code
        for statement in important:
            marks[index[statement]] = True
        return np.array([values], dtype=np.int64), np.array([marks], dtype=bool)

    def _entries(
        self,
        party_ids: list[str],
        row: np.ndarray,
        marked: np.ndarray,
        scores: np.ndarray,
        answered: int,
        with_stance: list[int],
    ) -> dict[str, tuple[float | None, Coverage, dict[str, float | None], tuple[Comparison, ...], tuple[bytes, ...]]]:
        """Per party: score, coverage, theme scores, the prepared breakdown rows of these answers
        and their prepared JSON texts (a server joins them into the answer as they are)."""
        answered_mask = row >= 0
        in_themes = np.zeros(len(self.themes), dtype=bool)
        in_themes[self._theme_of[answered_mask]] = True
        themes = in_themes.nonzero()[0]
        theme_names = [self.themes[t] for t in themes.tolist()]
        # Scores as Python values, None where NaN, in one pass: (parties, 1 + answered themes).
        picked = scores[np.concatenate(([0], 1 + themes))].T
        values = picked.astype(object)
        values[np.isnan(picked)] = None
        per_party = values.tolist()
        # Which prepared breakdown row each statement takes (skipped tie-breaks are left out):
        # statement · 2(k+1) + (code + 1) · 2 + important.
        every_cell = self._cell_starts + 2 * row + marked
        if self._has_tiebreaks:
            shown = (answered_mask | self._not_tiebreak).nonzero()[0]
            every_cell = every_cell[shown]
        cells = every_cell.tolist()
        # Until every row a match can need is made (with tie-breaks nobody answers, that can be never):
        if not self._all_ready and not (self._ready[shown] if self._has_tiebreaks else self._ready).all():
            statements = shown.tolist() if self._has_tiebreaks else list(range(len(self.statements)))
            self._make_rows([self._party_index[p] for p in party_ids], statements)
        pick = _picker(cells)
        coverages = self._coverages
        if len(coverages) > COVERAGES_KEPT:
            coverages.clear()
        entries = {}
        for party_id in party_ids:
            p = self._party_index[party_id]
            total, *theme_scores = per_party[p]
            key = (answered, with_stance[p])
            coverage = coverages.get(key)
            if coverage is None:
                coverage = coverages[key] = Coverage(answered, with_stance[p])
            entries[party_id] = (
                total,
                coverage,
                dict(zip(theme_names, theme_scores, strict=True)),
                pick(self._flat[p]),
                pick(self._flat_json[p]),
            )
        return entries

    def _stabilities_of(self, people: list[tuple[np.ndarray, np.ndarray, list[int], np.ndarray]]) -> list[Stability]:
        """How firm each person's top advice is, from (row, marks, compared columns, ranked mask):
        `stability.assess_many` for the patterns not kept, the last STABILITY_CACHE patterns kept
        (a function of the answer pattern: the web quiz asks again for the same answers on every
        result page)."""
        kept = self._stabilities
        keys = [
            (row.tobytes(), marked.tobytes(), tuple(columns), ranked.tobytes())
            for row, marked, columns, ranked in people
        ]
        found = [kept.pop(key, None) for key in keys]
        missing = [people[i] for i, figure in enumerate(found) if figure is None]
        everyone = self._everyone
        made = iter(
            assess_many(  # with the stack made for all parties, stances and salience are not read again
                self._stack,
                [
                    Assessed(row, np.where(marked, 2.0, 1.0), ranked, None if columns == everyone else columns)
                    for row, marked, columns, ranked in missing
                ],
            )
            if missing
            else ()
        )
        figures = [next(made) if figure is None else figure for figure in found]
        for key, figure in zip(keys, figures, strict=True):
            if key not in kept and len(kept) >= STABILITY_CACHE:
                del kept[next(iter(kept))]  # the least recently used
            kept[key] = figure
        return figures

    def _codes(self, answers: Mapping[str, str]) -> dict[str, int | None] | None:
        """Answer words as option indices, or None when anything needs a located message."""
        if not isinstance(answers, Mapping):
            return None
        codes: dict[str, int | None] = {}
        words = self._words
        for key, word in answers.items():
            if key not in self._index or not isinstance(word, str):
                return None
            if word in words:
                codes[key] = words[word]
                continue
            try:
                code = self.quiz.scale.parse_answer(word)
            except ValueError:
                return None
            if len(words) >= 1000:  # only odd spellings grow it; keep it bounded
                words.clear()
            codes[key] = words[word] = code
        return codes

    @staticmethod
    def _known(ids: Iterable[str], known: Mapping[str, Any]) -> bool:
        return isinstance(ids, (list, tuple)) and all(isinstance(i, str) and i in known for i in ids)

    def _make_rows(self, parties: list[int], statements: list[int]) -> None:
        """Make the breakdown rows of these (party, statement) cells that no match has needed yet:
        one per answer digit (0: not answered; (code + 1)·2 + important otherwise)."""
        if self._made[np.ix_(parties, statements)].all():
            return
        cells = self.quiz.cells
        codes = range(-1, self.quiz.scale.size)
        width = self._width
        for p in parties:
            column = cells.party_index[self.party_ids[p]]
            flat, flat_json = self._flat[p], self._flat_json[p]
            for s in statements:
                if self._made[p, s]:
                    continue
                statement = self.statements[s]
                stance = int(self._stances[s, p])
                position = cells.positions[cells.statement_index[statement.id]][column]
                rows = [
                    self._make_row(statement, code, important, stance, position)
                    for code in codes
                    for important in (False, True)
                ]
                flat[s * width : (s + 1) * width] = rows
                flat_json[s * width : (s + 1) * width] = [_json_text(row.to_dict()) for row in rows]
                self._made[p, s] = True
        self._ready[statements] = self._made[:, statements].all(axis=0)
        self._all_ready = bool(self._ready.all())


def _json_text(data: Any) -> bytes:
    """Compact JSON text, as UTF-8 (what a server sends)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _picker(indices: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function taking those positions of a sequence, as a tuple (also for zero or one)."""
    if len(indices) > 1:
        return operator.itemgetter(*indices)
    return lambda table: tuple(table[i] for i in indices)
