"""Long work shared with a second process: a long quiz's YAML files, parsed part here, part there.

Only where it pays and is safe: at least SPLIT_BYTES in all, at least two CPUs for this process, and
a process that may fork safely, i.e. that has one thread (Linux tells: /proc/self/task) and may have
children (a daemon may not). The child is forked, not spawned: a spawned interpreter would import
the caller's main script again (and run it, if it is not guarded), whereas a fork starts with what
this process has and runs only `work`; it ignores Ctrl-C, which this process answers. If it cannot
start or fails, its part is done here too: the results are the same either way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")

SPLIT_BYTES = 4_000_000  # below this much text the second process's start and hand-back cost more than it saves
OWN_SHARE = 0.55  # of the bytes, done here: the other process also starts, and hands its results back


def in_two_processes(work: Callable[[list[Item]], list[Any]], items: Sequence[Item], sizes: Sequence[int]) -> list[Any]:
    """`work(items)`, the items after the first OWN_SHARE of `sizes` done meanwhile in a second
    process when that pays and is safe (see the module)."""
    total = sum(sizes)
    if total < SPLIT_BYTES or not _may_have_a_second_process():
        return work(list(items))
    cut, done = 0, 0
    while cut < len(items) - 1 and done + sizes[cut] <= OWN_SHARE * total:
        done += sizes[cut]
        cut += 1
    mine, theirs = list(items[: max(cut, 1)]), list(items[max(cut, 1) :])
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_work_and_send, args=(work, theirs, reader, writer), daemon=True)
    try:
        with _ctrl_c_ignored():  # the child keeps it: Ctrl-C is this process's to answer
            child.start()
    except OSError:  # no process to be had (a limit, a sandbox): all here
        reader.close()
        writer.close()
        return work(list(items))
    writer.close()
    try:
        own = work(mine)
        try:
            other = reader.recv()
        except (EOFError, OSError):  # the child failed before it sent its part: that part here
            other = work(theirs)
    except BaseException:
        child.terminate()  # interrupted or failed here: the child's part is not needed
        raise
    finally:
        reader.close()
        child.join()
    return [*own, *other]


def _work_and_send(work: Callable[[list[Item]], list[Any]], items: list[Item], reader: Any, writer: Any) -> None:
    """The second process: `work` on its items, the result sent back. Its copy of the parent's end
    is closed first, so that if the parent is gone the send fails and the child ends (never waits);
    any failure ends it silently: the parent then does the work and reports what goes wrong."""
    reader.close()
    with contextlib.suppress(Exception):  # the parent redoes this part, and reports its error there
        writer.send(work(items))


def _may_have_a_second_process() -> bool:
    import multiprocessing

    try:
        threads = len(os.listdir("/proc/self/task"))  # every thread, the BLAS library's too
        cpus = len(os.sched_getaffinity(0))
    except (OSError, AttributeError):  # not Linux: no split
        return False
    return threads == 1 and cpus > 1 and not multiprocessing.current_process().daemon


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """SIGINT ignored while the child is forked (it keeps that), so Ctrl-C never shows a traceback
    from it; only the main thread sets signals (and only a one-thread process forks here)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
