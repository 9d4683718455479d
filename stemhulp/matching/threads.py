"""BLAS on the caller's thread only, for the few small matrix products in a request's path.

OpenBLAS spreads even a (40 × 30) · (30 × 1,000) product over every core and then keeps its
threads spinning: on a server with one worker process per core the workers steal each other's
CPU, and a pinned worker competes with itself. `threadpoolctl` limits the BLAS pool around such
a product and lifts the limit afterwards, so a library caller's own settings stand elsewhere; a
server process limits itself once (`single_threaded_process`) and skips the per-call cost.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any

_whole_process = False  # set by `single_threaded_process`: the per-call limit is then a no-op


@functools.cache
def _controller() -> Any:
    import numpy  # noqa: F401  (its BLAS must be loaded before the controller looks for libraries)
    from threadpoolctl import ThreadpoolController  # scans the loaded libraries once (a few ms)

    return ThreadpoolController()


_ALREADY = contextlib.nullcontext()


def single_threaded_blas() -> contextlib.AbstractContextManager[Any]:
    """`with single_threaded_blas():` runs the block with BLAS on one thread (about 10 µs, nothing
    in a limited process). Like threadpoolctl's `limit`, the limit starts when this is called."""
    if _whole_process:
        return _ALREADY
    return _controller().limit(limits=1, user_api="blas")


def single_threaded_process() -> None:
    """BLAS on one thread for the rest of this process: for a server's worker processes, each of
    which has a core of its own."""
    global _whole_process
    _controller().limit(limits=1, user_api="blas")
    _whole_process = True
