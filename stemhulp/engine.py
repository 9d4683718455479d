"""The vectorised scoring core: (respondents × statements) answers against (statements × parties).

Every method's per-statement term depends only on the user's option and the party's option, so it
is tabulated once per statement as T[s, option, party] (missing stances filled by the policy).
Answers become one-hot rows carrying the user's weights, and every score is two matrix products:
numerator = E @ (W·T), denominator = E @ W. One path for one respondent and for millions.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .errors import MatchError
from .methods import Method, MissingPolicy

DEFAULT_CHUNK = 32_768


def coordinates(scale_size: int) -> NDArray[np.float64]:
    """Option c of a k-point scale sits at c/(k-1) - 0.5."""
    return np.arange(scale_size) / (scale_size - 1) - 0.5


def term_tables(
    method: Method,
    policy: MissingPolicy,
    scale_size: int,
    party_codes: NDArray[np.integer],
    salience: NDArray[np.floating] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-statement terms T and weights W, both (statements, options, parties)."""
    if method.three_point_only and scale_size != 3:
        raise MatchError(
            f"method {method.name!r} is defined for 3-point scales only; this quiz has "
            f"{scale_size} options (use 'cityblock', which equals it on 3-point scales)"
        )
    x = coordinates(scale_size)
    user = x[None, :, None]  # (1, k, 1)
    has_stance = party_codes >= 0  # (S, P)
    party = x[np.where(has_stance, party_codes, 0)][:, None, :]  # (S, 1, P)
    terms = np.broadcast_to(method.kernel(user, party), (party_codes.shape[0], scale_size, party_codes.shape[1]))
    fill_terms, fill_weights = policy.fill(method, x)
    stance = has_stance[:, None, :]
    T = np.where(stance, terms, fill_terms[None, :, None])
    W = np.where(stance, 1.0, fill_weights[None, :, None])
    if salience is not None:
        W = W * salience[:, None, :]
    return T.astype(np.float64), W.astype(np.float64)


def score_codes(
    codes: NDArray[np.integer],
    T: NDArray[np.float64],
    W: NDArray[np.float64],
    *,
    weights: NDArray[np.floating] | None = None,
    important: NDArray[np.bool_] | None = None,
    root: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    out: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """Scores 0–100 (respondents × parties); NaN where a respondent has nothing comparable.

    `weights` are the user's statement weights, (statements,) or (respondents, statements);
    `important` doubles them. Both are applied per chunk, so memory is bounded by the chunk.
    """
    respondents, statements = codes.shape
    options, parties = T.shape[1], T.shape[2]
    weighted_terms = (W * T).reshape(statements * options, parties)
    stance_weights = W.reshape(statements * options, parties)
    option_index = np.arange(options)
    if out is None:
        out = np.empty((respondents, parties))
    for start in range(0, respondents, chunk_size):
        stop = min(start + chunk_size, respondents)
        chunk_codes = codes[start:stop]
        chunk_weights = np.ones(chunk_codes.shape)
        if weights is not None:
            chunk_weights = chunk_weights * (weights if weights.ndim == 1 else weights[start:stop])
        if important is not None:
            chunk_weights = chunk_weights * np.where(important[start:stop], 2.0, 1.0)
        one_hot = (chunk_codes[:, :, None] == option_index) * chunk_weights[:, :, None]
        one_hot = one_hot.reshape(stop - start, statements * options)
        numerator = one_hot @ weighted_terms
        denominator = one_hot @ stance_weights
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_term = np.clip(numerator / denominator, 0.0, 1.0)
        if root:
            mean_term = np.sqrt(mean_term)
        scores = 100.0 * (1.0 - mean_term)
        scores[denominator <= 0] = np.nan
        out[start:stop] = scores
    return out


def coverage(codes: NDArray[np.integer], party_codes: NDArray[np.integer]) -> tuple[NDArray, NDArray]:
    """Per respondent: statements answered, and per party how many of those it has a stance on."""
    answered = codes >= 0
    with_stance = answered.astype(np.int64) @ (party_codes >= 0).astype(np.int64)
    return answered.sum(axis=1), with_stance
