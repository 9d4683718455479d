"""The request path's matrix products run BLAS on one thread, and leave the caller's setting alone."""

import numpy as np

from stemhulp.matching import stability
from stemhulp.matching.threads import _controller, single_threaded_blas


def blas_threads() -> list[int]:
    """Threads of the BLAS libraries the limit acts on: numpy's, loaded before the controller
    looked (others that a test run loads later, such as scipy's own, never run `@`)."""
    return [pool["num_threads"] for pool in _controller().info() if pool["user_api"] == "blas"]


def test_the_block_runs_on_one_thread_and_the_setting_comes_back():
    before = blas_threads()
    with single_threaded_blas():
        assert blas_threads() and set(blas_threads()) == {1}
    assert blas_threads() == before


def test_the_stability_products_run_single_threaded(monkeypatch):
    seen = []
    real_scores, real_tops = stability._scores, stability.top_set

    def scores_seeing_threads(*args, **kwargs):  # called right after the product of the real answers
        seen.append(blas_threads())
        return real_scores(*args, **kwargs)

    def top_set_seeing_threads(*args, **kwargs):  # then the resamples' product is made
        seen.append(blas_threads())
        return real_tops(*args, **kwargs)

    monkeypatch.setattr(stability, "_scores", scores_seeing_threads)
    monkeypatch.setattr(stability, "top_set", top_set_seeing_threads)
    monkeypatch.setattr(
        stability, "resample_counts", lambda *args: (seen.append(blas_threads()), real_counts(*args))[1]
    )
    row = np.array([0, 2, 1, 0, 2, -1])
    stances = np.array([[0, 2], [2, 0], [1, 1], [0, 0], [2, 2], [1, 0]])
    stability.assess(3, row, np.ones(6), stances, None, "cityblock", "neutral", np.array([True, True]))
    assert len(seen) == 3 and all(set(threads) == {1} for threads in seen)


real_counts = stability.resample_counts
