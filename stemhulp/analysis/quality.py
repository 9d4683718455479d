"""`stemhulp.check`: a quality report for quiz authors — per statement, per party, and for the quiz.

Every measure is computed from the coded positions (and, for the null model, the simulator), on
any quiz `stemhulp.load` reads. Thresholds (`THRESHOLDS`) decide the verdict; heuristics
(double-barrelled wording, length, near-duplicates) are reported as hints and never fail a quiz.
docs/guides/checking.md gives each measure and threshold with its rationale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from ..errors import CheckError
from ..formats.numbers import decimal_number, real_within
from ..formats.provenance import provenance
from ..matching import methods as _methods
from ..matching.ranking import top_set
from ..quiz.model import Acceptance, Quiz, Statement
from ..quiz.thresholds import NULL_MODEL_RESPONDENTS, NULL_MODEL_SEED
from ..quiz.thresholds import THRESHOLD_BY_NAME as THRESHOLD_BY_NAME  # re-exported: their old path
from ..quiz.thresholds import THRESHOLDS as THRESHOLDS
from ..quiz.thresholds import Threshold as Threshold
from ..quiz.thresholds import within as within
from .voternotes import NoteProblem, note_problems

DEFAULT_RESPONDENTS = NULL_MODEL_RESPONDENTS
DEFAULT_SEED = NULL_MODEL_SEED
NEAR_DUPLICATE = 0.9  # share of common parties with the same (or mirrored) stance
MIN_COMMON = 3  # parties with a stance on both statements before a pair can be redundant
LONG_WORDS = 20  # plain-language (B1) sentence length
MOSTLY_NEUTRAL = 0.5  # share of a party's stances that are neutral
KEYED = ("agree", "disagree")  # canonical patterns that reveal the statements' keying
# Words that may join two claims, in Dutch, German and English, looked for in a statement's text.
JOINERS = re.compile(r"\b(zodat|omdat|en|of|sodass|weil|und|oder|so\s+that|because|and|or)\b", re.IGNORECASE)


@attrs.frozen
class Redundancy:
    """Another statement whose party vector (nearly) equals this one's, or its mirror image."""

    statement: str
    kind: str  # "same" or "mirror"
    similarity: float  # share of the common parties with the same (mirrored) stance
    compared: int  # parties with a stance on both

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class StatementCheck:
    """The measures of one statement; `flags` name what an author should look at."""

    id: str
    number: int
    tiebreak: bool
    theme: str
    text: str
    stances: int
    agree: int
    neutral: int
    disagree: int
    separated: float | None  # share of pairs of stance-taking parties with different stances
    opposed: float | None  # share of those pairs on opposite sides
    variance: float | None  # variance of the stance coordinates (-0.5 … 0.5)
    words: int
    joiners: tuple[str, ...]
    redundant: tuple[Redundancy, ...]
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self, recurse=False)
        data.update(joiners=list(self.joiners), flags=list(self.flags), redundant=[r.to_dict() for r in self.redundant])
        return data


@attrs.frozen
class PartyCheck:
    """The stance profile of one party over the main statements."""

    id: str
    name: str
    stances: int
    stance_share: float
    agree: int
    neutral: int
    disagree: int
    neutral_share: float | None  # of its stances
    acquiescence: float | None  # mean stance coordinate: -0.5 all disagree … 0.5 all agree
    flags: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = attrs.asdict(self, recurse=False)
        data["flags"] = list(self.flags)
        return data


@attrs.frozen
class Canonical:
    """What a respondent who gives one answer to every main statement is advised."""

    pattern: str  # "agree", "neutral" or "disagree"
    option: str  # the scale option answered
    top: tuple[str, ...]  # the tied first place
    score: float | None
    margin: float | None  # best minus second-best score (0 for a tie)
    scores: Mapping[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "option": self.option,
            "top": list(self.top),
            "score": self.score,
            "margin": self.margin,
            "scores": dict(self.scores),
        }


@attrs.frozen
class NullModel:
    """Top advice of uniformly random respondents per party, from `stemhulp.simulate`."""

    respondents: int
    seed: int
    top_share: Mapping[str, float | None]
    top_share_interval: Mapping[str, list[float] | None]
    bias_ratio: Mapping[str, float | None]
    bias_ratio_interval: Mapping[str, list[float] | None]
    tie_rate: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            key: dict(value) if isinstance(value, Mapping) else value
            for key, value in attrs.asdict(self, recurse=False).items()
        }


@attrs.frozen
class Failure:
    """A crossed threshold: the measured value, the limit, and the statements or parties.
    `accepted` is the worst value the quiz accepts for it, when the measured value is worse or
    the crossing involves items the quiz does not accept (`unaccepted`)."""

    threshold: str
    limit: float
    value: float
    items: tuple[str, ...]
    accepted: float | None = None
    unaccepted: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "threshold": self.threshold,
            "limit": self.limit,
            "value": self.value,
            "items": list(self.items),
        }
        if self.accepted is not None:
            data["accepted_value"] = self.accepted
        if self.unaccepted:
            data["unaccepted_items"] = list(self.unaccepted)
        return data


@attrs.frozen
class Accepted:
    """A crossed threshold the quiz accepts (`check.accepted` in its header): the measured value is
    no worse than `accepted`, so it is reported with the authors' `reason` instead of failing."""

    threshold: str
    limit: float
    value: float
    items: tuple[str, ...]
    accepted: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "limit": self.limit,
            "value": self.value,
            "accepted_value": self.accepted,
            "reason": self.reason,
            "items": list(self.items),
        }


@attrs.frozen
class CheckReport:
    """The whole report; `to_dict()` is the document `stemhulp check --json` prints."""

    quiz: str
    title: str
    method: str
    missing: str
    thresholds: Mapping[str, float]
    statements: tuple[StatementCheck, ...]
    parties: tuple[PartyCheck, ...]
    summary: Mapping[str, Any]
    canonical: tuple[Canonical, ...]
    null_model: NullModel | None
    failures: tuple[Failure, ...]
    not_evaluated: tuple[str, ...]  # thresholds that need a part that was not run
    accepted: tuple[Accepted, ...] = ()  # crossings the quiz accepts: not failures
    not_needed: tuple[Acceptance, ...] = ()  # accepted crossings that are no longer crossed
    ignored: tuple[Acceptance, ...] = ()  # the quiz's accepted crossings, set aside (`accepted=False`)
    voter_notes: tuple[NoteProblem, ...] = ()  # notes shown to voters that carry the coding trail: errors
    provenance: Mapping[str, Any] = attrs.field(factory=dict, eq=False)  # see `stemhulp.formats.provenance`

    @property
    def passed(self) -> bool:
        return not self.failures and not self.voter_notes

    def to_dict(self) -> dict[str, Any]:
        return {
            "quiz": self.quiz,
            "title": self.title,
            "method": self.method,
            "missing": self.missing,
            "passed": self.passed,
            "failures": [f.to_dict() for f in self.failures],
            "accepted": [a.to_dict() for a in self.accepted],
            "accepted_not_needed": [_acceptance(a) for a in self.not_needed],
            "accepted_ignored": [_acceptance(a) for a in self.ignored],
            "not_evaluated": list(self.not_evaluated),
            "voter_notes": [n.to_dict() for n in self.voter_notes],
            "thresholds": dict(self.thresholds),
            "summary": dict(self.summary),
            "statements": [s.to_dict() for s in self.statements],
            "parties": [p.to_dict() for p in self.parties],
            "canonical": [c.to_dict() for c in self.canonical],
            "null_model": None if self.null_model is None else self.null_model.to_dict(),
            "provenance": dict(self.provenance),
        }


def _acceptance(acceptance: Acceptance) -> dict[str, Any]:
    data: dict[str, Any] = {
        "threshold": acceptance.threshold,
        "accepted_value": acceptance.value,
        "reason": acceptance.reason,
    }
    if acceptance.items is not None:
        data["accepted_items"] = list(acceptance.items)
    return data


# --- thresholds ---------------------------------------------------------------------------------


def resolve_thresholds(overrides: Mapping[str, Any] | None) -> dict[str, float]:
    """The default thresholds with `overrides` applied; an unknown name or a bad value is a
    `CheckError` naming it."""
    values = {t.name: float(t.default) for t in THRESHOLDS}
    problems = []
    for name, raw in (overrides or {}).items():
        threshold = THRESHOLD_BY_NAME.get(name)
        if threshold is None:
            problems.append(f"threshold {name!r}: unknown; choose one of {list(THRESHOLD_BY_NAME)}")
            continue
        number = _number(raw)
        if (
            number is None
            or number < 0
            or (threshold.share and number > 1)
            or (threshold.count and not number.is_integer())
        ):
            what = (
                "a share between 0 and 1"
                if threshold.share
                else "a whole number of at least 0"
                if threshold.count
                else "a non-negative number"
            )
            problems.append(f"threshold {name!r}: must be {what}, got {raw!r}")
            continue
        values[name] = number
    if problems:
        raise CheckError(problems)
    return values


def parse_thresholds(items: Iterable[str]) -> dict[str, str]:
    """`NAME=VALUE` strings (from `--threshold`) as a mapping; values are checked later."""
    result, problems = {}, []
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            problems.append(f"--threshold {item!r}: expected NAME=VALUE, e.g. max_bias_ratio=1.5")
        elif name.strip().replace("-", "_") in result:
            problems.append(f"--threshold {item!r}: {name.strip()} is given more than once")
        else:
            result[name.strip().replace("-", "_")] = raw.strip()
    if problems:
        raise CheckError(problems)
    return result


def _number(raw: Any) -> float | None:
    if isinstance(raw, str):
        return decimal_number(raw)
    if not real_within(raw, -1e300, 1e300):
        return None
    return float(raw)


# --- the report ---------------------------------------------------------------------------------


def check(
    quiz: Quiz,
    *,
    method: str | None = None,
    missing: str | None = None,
    respondents: int = DEFAULT_RESPONDENTS,
    seed: int = DEFAULT_SEED,
    thresholds: Mapping[str, Any] | None = None,
    accepted: bool = True,
) -> CheckReport:
    """A quality report on `quiz`: measures per statement and per party, what three canonical
    respondents are advised, and (with `respondents` > 0) the null-model advantage per party.

    `method` and `missing` default to the library's defaults; `thresholds` overrides some of
    `THRESHOLDS` by name. The report lists every crossed threshold in `failures`, except the
    crossings the quiz accepts (`quiz.accepted`, the `check.accepted` key of its header) with a
    measured value no worse than the accepted one: those are in `accepted`. Declarations for a
    threshold that is no longer crossed are in `not_needed`. `accepted=False` sets the quiz's
    declarations aside (they are listed in `ignored`): every crossing is a failure. A note shown
    to voters that holds the coding trail (`stemhulp.analysis.voternotes`) is an error in `voter_notes`,
    whatever the thresholds; the report then does not pass.
    """
    method_record = _methods.get_method(method or _methods.DEFAULT_METHOD)
    method_record.check_scale(quiz.scale.size)
    method, missing = method_record.name, _methods.get_policy(missing or _methods.DEFAULT_MISSING).name
    limits = resolve_thresholds(thresholds)
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 0:
        raise CheckError(f"respondents must be a whole number of at least 0, got {respondents!r}")

    from ..matching.tables import party_codes

    everything = (*quiz.statements, *quiz.tiebreak_statements)
    party_ids = [p.id for p in quiz.parties]
    codes = party_codes(quiz, everything, party_ids)  # (statements, parties), -1 = no stance
    k = quiz.scale.size
    statements = _statement_checks(quiz, everything, codes, k, limits)
    parties = _party_checks(quiz, codes[: len(quiz.statements)], k, limits)
    canonical = _canonical(quiz, method, missing)
    null_model = _null_model(quiz, method, missing, respondents, seed) if respondents else None
    summary = _summary(quiz, statements, parties, codes)
    crossed, not_evaluated = _failures(statements, parties, canonical, null_model, limits)
    if accepted:
        failures, taken, not_needed = _accept(crossed, quiz.accepted, not_evaluated)
        ignored: tuple[Acceptance, ...] = ()
    else:
        failures, taken, not_needed, ignored = crossed, (), (), quiz.accepted
    return CheckReport(
        quiz.id,
        quiz.title,
        method,
        missing,
        limits,
        statements,
        parties,
        summary,
        canonical,
        null_model,
        failures,
        not_evaluated,
        taken,
        not_needed,
        ignored,
        note_problems(quiz),
        provenance(
            quiz,
            seed=seed if respondents else None,
            method=method,
            missing=missing,
            respondents=respondents,
            min_coverage=_methods.DEFAULT_MIN_COVERAGE,
            accepted=accepted,
        ),
    )


def _coordinates(codes: np.ndarray, k: int) -> np.ndarray:
    """Stance codes as coordinates in [-0.5, 0.5] (NaN for no stance)."""
    return np.where(codes >= 0, codes / (k - 1) - 0.5, np.nan)


def _statement_checks(
    quiz: Quiz, statements: Sequence[Statement], codes: np.ndarray, k: int, limits: Mapping[str, float]
) -> tuple[StatementCheck, ...]:
    has = codes >= 0
    x = _coordinates(codes, k)
    stances = has.sum(axis=1)
    agree = (has & (np.nan_to_num(x) > 1e-12)).sum(axis=1)
    disagree = (has & (np.nan_to_num(x) < -1e-12)).sum(axis=1)
    neutral = stances - agree - disagree
    onehot = np.stack([codes == c for c in range(k)], axis=2).astype(np.int64)  # (S, P, k)
    per_option = onehot.sum(axis=1)  # (S, k)
    pairs = stances * (stances - 1) / 2
    same_pairs = (per_option * (per_option - 1) / 2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        separated = np.where(pairs > 0, 1 - same_pairs / np.maximum(pairs, 1), np.nan)
        opposed = np.where(pairs > 0, agree * disagree / np.maximum(pairs, 1), np.nan)
    deviation = np.where(has, x - _row_mean(x)[:, None], 0.0)
    variance = np.where(stances > 0, (deviation**2).sum(axis=1) / np.maximum(stances, 1), np.nan)
    redundant = _redundancy(statements, codes, onehot, has)
    main = len(quiz.statements)
    result = []
    for i, statement in enumerate(statements):
        joiners = _joiners(statement)
        words = len(statement.text.split())
        flags = []
        if stances[i] < limits["min_stances"]:
            flags.append("few_stances")
        if stances[i] > 0 and (agree[i] == 0 or disagree[i] == 0):
            flags.append("one_sided")
        if redundant[i]:
            flags.append("redundant")
        if words > LONG_WORDS:
            flags.append("long")
        if joiners:
            flags.append("double_barrelled")
        result.append(
            StatementCheck(
                statement.id,
                i + 1 if i < main else i - main + 1,
                i >= main,
                statement.theme,
                statement.text,
                int(stances[i]),
                int(agree[i]),
                int(neutral[i]),
                int(disagree[i]),
                _maybe(separated[i]),
                _maybe(opposed[i]),
                _maybe(variance[i]),
                words,
                joiners,
                tuple(redundant[i]),
                tuple(flags),
            )
        )
    return tuple(result)


def _row_mean(x: np.ndarray) -> np.ndarray:
    counts = (~np.isnan(x)).sum(axis=1)
    return np.where(counts > 0, np.nansum(x, axis=1) / np.maximum(counts, 1), np.nan)


def _maybe(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _joiners(statement: Statement) -> tuple[str, ...]:
    """Words that may join two claims ('en', 'zodat', 'or', …) in the statement's text."""
    found = [m.group(1).lower() for m in JOINERS.finditer(statement.text)]
    return tuple(dict.fromkeys(" ".join(word.split()) for word in found))


REDUNDANCY_BLOCK = 128  # statements compared with all others at once: about 8 × block × statements × 8 bytes


def _redundancy(
    statements: Sequence[Statement], codes: np.ndarray, onehot: np.ndarray, has: np.ndarray
) -> list[list[Redundancy]]:
    """Per statement, the others whose stances agree (or mirror) on ≥ 90% of the parties with a
    stance on both; both must vary among those parties (a one-sided pair says nothing). Worked out
    for a block of statements at a time, so memory grows with the statements, not their square."""
    # Counts as float matrix products (BLAS; exact for whole numbers far below 2**53).
    h = has.astype(np.float64)
    n, parties, options = onehot.shape
    flat = onehot.astype(np.float64).reshape(n, parties * options)
    mirrored = onehot[:, :, ::-1].astype(np.float64).reshape(n, parties * options)
    by_option = [np.ascontiguousarray(onehot[:, :, c], dtype=np.float64) for c in range(options)]
    result: list[list[Redundancy]] = [[] for _ in statements]
    for begin in range(0, n, REDUNDANCY_BLOCK):
        rows = slice(begin, min(begin + REDUNDANCY_BLOCK, n))
        common = h[rows] @ h.T  # (B, S) parties with a stance on both
        same = flat[rows] @ flat.T
        mirror = flat[rows] @ mirrored.T
        # a varies on the parties with a stance on b, and b on those with a stance on a
        varies_a = np.max([option[rows] @ h.T for option in by_option], axis=0) < common
        varies_b = np.max([h[rows] @ option.T for option in by_option], axis=0) < common
        candidate = (common >= MIN_COMMON) & varies_a & varies_b
        candidate[np.arange(rows.stop - begin), np.arange(begin, rows.stop)] = False
        limit = NEAR_DUPLICATE * common
        for i, b in zip(*np.nonzero(candidate & ((same >= limit - 1e-9) | (mirror >= limit - 1e-9))), strict=True):
            a = begin + int(i)
            for kind, matrix in (("same", same), ("mirror", mirror)):
                similarity = matrix[i, b] / common[i, b]
                if similarity >= NEAR_DUPLICATE:
                    result[a].append(Redundancy(statements[b].id, kind, float(similarity), int(round(common[i, b]))))
    return result


def _party_checks(quiz: Quiz, codes: np.ndarray, k: int, limits: Mapping[str, float]) -> tuple[PartyCheck, ...]:
    """Per party, over the main statements."""
    from ..quiz.profiles import party_profile

    has = codes >= 0
    x = _coordinates(codes, k)
    profiles = party_profile(quiz)  # stances, neutral stances and "constant": the definitions `match` flags by
    result = []
    for j, party in enumerate(quiz.parties):
        column, taken = x[:, j], has[:, j]
        profile = profiles[party.id]
        stances, neutral, share = profile.stances, profile.neutral, profile.stance_share
        agree = int((column[taken] > 1e-12).sum())
        disagree = stances - agree - neutral
        flags = []
        if share < limits["min_party_stance_share"]:
            flags.append("mostly_silent")
        if "constant" in profile.flags:
            flags.append("constant")
        if stances and neutral / stances > MOSTLY_NEUTRAL:
            flags.append("mostly_neutral")
        result.append(
            PartyCheck(
                party.id,
                party.name,
                stances,
                share,
                agree,
                neutral,
                disagree,
                neutral / stances if stances else None,
                float(column[taken].mean()) if stances else None,
                tuple(flags),
            )
        )
    return tuple(result)


def _canonical(quiz: Quiz, method: _methods.MethodName, missing: _methods.PolicyName) -> tuple[Canonical, ...]:
    """All agree, all neutral (odd scales only), all disagree, scored like `match_many`."""
    from ..matching.facade import match_many

    k = quiz.scale.size
    patterns = [("agree", k - 1)]
    if quiz.scale.neutral is not None:
        patterns.append(("neutral", quiz.scale.neutral))
    patterns.append(("disagree", 0))
    rows = np.array([[code] * len(quiz.statements) for _, code in patterns], dtype=np.int64)
    scores = match_many(quiz, rows, method=method, missing=missing)
    ids = [p.id for p in quiz.parties]
    result = []
    for (pattern, code), row in zip(patterns, scores, strict=True):
        scored = sorted((float(s) for s in row if not math.isnan(s)), reverse=True)
        best = scored[0] if scored else None
        top = tuple(ids[j] for j in np.flatnonzero(top_set(row)))
        margin = scored[0] - scored[1] if len(scored) >= 2 else None
        result.append(
            Canonical(
                pattern,
                quiz.scale.options[code],
                top,
                best,
                margin,
                {ids[j]: _maybe(float(s)) for j, s in enumerate(row)},
            )
        )
    return tuple(result)


def _null_model(quiz: Quiz, method: str, missing: str, respondents: int, seed: int) -> NullModel:
    from ..simulate import simulate

    report = simulate(
        quiz, respondents, model="uniform", seed=seed, method=method, missing=missing, tau_sample=0, influence_sample=0
    ).to_dict()
    count = len(quiz.parties)
    bias_interval = {
        p: None if i is None else [i[0] * count, i[1] * count] for p, i in report["top_share_interval"].items()
    }
    return NullModel(
        respondents,
        seed,
        report["top_share"],
        report["top_share_interval"],
        report["bias_ratio"],
        bias_interval,
        report["tie_rate"],
    )


def _summary(
    quiz: Quiz, statements: Sequence[StatementCheck], parties: Sequence[PartyCheck], codes: np.ndarray
) -> dict[str, Any]:
    main = [s for s in statements if not s.tiebreak]
    one_sided = [s.id for s in main if "one_sided" in s.flags]
    separated = [s.separated for s in main if s.separated is not None]
    pairs = {tuple(sorted((s.id, r.statement))) for s in statements for r in s.redundant}
    return {
        "statements": len(quiz.statements),
        "tiebreak_statements": len(quiz.tiebreak_statements),
        "parties": len(quiz.parties),
        "themes": len({s.theme for s in quiz.statements}),
        "stance_share": float((codes[: len(quiz.statements)] >= 0).mean()),
        "one_sided": len(one_sided),
        "one_sided_share": len(one_sided) / len(main) if main else 0.0,
        "two_sided": sum(1 for s in main if s.agree and s.disagree),
        "mean_separated": float(np.mean(separated)) if separated else None,
        "mean_words": float(np.mean([s.words for s in main])) if main else 0.0,
        "redundant_pairs": len(pairs),
        "double_barrelled": sum(1 for s in statements if "double_barrelled" in s.flags),
        "mostly_silent_parties": sum(1 for p in parties if "mostly_silent" in p.flags),
        "constant_parties": sum(1 for p in parties if "constant" in p.flags),
    }


def _failures(
    statements: Sequence[StatementCheck],
    parties: Sequence[PartyCheck],
    canonical: Sequence[Canonical],
    null_model: NullModel | None,
    limits: Mapping[str, float],
) -> tuple[tuple[Failure, ...], tuple[str, ...]]:
    failures: list[Failure] = []

    def crossed(name: str, value: float, items: Iterable[str]) -> None:
        limit = limits[name]
        if (value < limit) if THRESHOLD_BY_NAME[name].bound == "min" else (value > limit):
            failures.append(Failure(name, limit, value, tuple(items)))

    few = [s for s in statements if s.stances < limits["min_stances"]]
    if few:
        crossed("min_stances", min(s.stances for s in few), (s.id for s in few))
    main = [s for s in statements if not s.tiebreak]
    one_sided = [s.id for s in main if "one_sided" in s.flags]
    crossed("max_valence_share", len(one_sided) / len(main) if main else 0.0, one_sided)
    silent = [p for p in parties if p.stance_share < limits["min_party_stance_share"]]
    if silent:
        crossed("min_party_stance_share", min(p.stance_share for p in silent), (p.id for p in silent))
    constant = [p.id for p in parties if "constant" in p.flags]
    crossed("max_constant_parties", len(constant), constant)
    confident = [
        c
        for c in canonical
        if c.pattern in KEYED and c.margin is not None and c.margin > limits["max_canonical_margin"]
    ]
    if confident:
        crossed("max_canonical_margin", max(c.margin or 0.0 for c in confident), (c.pattern for c in confident))
    not_evaluated = []
    if null_model is None:
        not_evaluated.append("max_bias_ratio")
    else:
        lows = {p: i[0] for p, i in null_model.bias_ratio_interval.items() if i is not None}
        favoured = sorted((p for p, low in lows.items() if low > limits["max_bias_ratio"]), key=lambda p: -lows[p])
        if favoured:
            crossed("max_bias_ratio", max(lows[p] for p in favoured), favoured)
    return tuple(failures), tuple(not_evaluated)


def _accept(
    crossed: Sequence[Failure], declared: Sequence[Acceptance], not_evaluated: Sequence[str]
) -> tuple[tuple[Failure, ...], tuple[Accepted, ...], tuple[Acceptance, ...]]:
    """Split the crossed thresholds into failures and the crossings the quiz accepts (measured value
    no worse than the accepted one, and no item outside the accepted items); otherwise it stays a
    failure that names the accepted value and the items not accepted. Also returns the
    declarations for thresholds that were tested and not crossed."""
    by_name = {a.threshold: a for a in declared}
    failures: list[Failure] = []
    accepted: list[Accepted] = []
    for failure in crossed:
        declaration = by_name.get(failure.threshold)
        if declaration is None:
            failures.append(failure)
            continue
        outside = () if declaration.items is None else tuple(i for i in failure.items if i not in declaration.items)
        if outside:
            failures.append(attrs.evolve(failure, accepted=declaration.value, unaccepted=outside))
        elif within(failure.value, declaration.value, THRESHOLD_BY_NAME[failure.threshold].bound):
            accepted.append(
                Accepted(
                    failure.threshold,
                    failure.limit,
                    failure.value,
                    failure.items,
                    declaration.value,
                    declaration.reason,
                )
            )
        else:
            failures.append(attrs.evolve(failure, accepted=declaration.value))
    names = {f.threshold for f in crossed}
    not_needed = tuple(a for a in declared if a.threshold not in names and a.threshold not in not_evaluated)
    return tuple(failures), tuple(accepted), not_needed
