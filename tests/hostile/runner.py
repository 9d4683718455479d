"""Run many CLI cases as real processes, cheaply: fork one warmed-up interpreter per case.

Usage: python runner.py CASES.json RESULTS.json. Each case is {"id", "argv", "cwd", "stdin",
"stdout", "user", "timeout", "env"}; each child gets its own stdin/stdout/stderr file
descriptors, environment and working directory, runs `stemhulp.cli.app.main()` and ends the way
the interpreter ends any program (an uncaught exception prints a traceback). The parent kills a
child that outlives its time limit and records exit code, output, time and peak memory.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

NOBODY = 65534


def _child(case: dict, out_path: str, err_path: str) -> None:
    os.chdir(case["cwd"])
    stdin = os.open(case["stdin"] or os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    if case["stdout"] == "broken-pipe":
        read_end, write_end = os.pipe()
        os.close(read_end)
        os.dup2(write_end, 1)
    elif case["stdout"]:
        os.dup2(os.open(case["stdout"], os.O_WRONLY), 1)
    else:
        os.dup2(os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 1)
    os.dup2(os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    os.environ.update(case["env"])
    if "PYTHONIOENCODING" in case["env"]:  # set at start-up in a real process
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            stream.reconfigure(encoding=case["env"]["PYTHONIOENCODING"])
    if case["user"] == "nobody" and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    sys.argv = ["stemhulp", *case["argv"]]
    from stemhulp.cli.app import main

    main()


def _wait(pid: int, timeout: float) -> tuple[int, bool, float, int]:
    start = time.monotonic()
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), False, time.monotonic() - start, usage.ru_maxrss
        if time.monotonic() - start > timeout:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return -9, True, time.monotonic() - start, usage.ru_maxrss
        time.sleep(0.002)


def _read(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return stream.read(40_000).decode("utf-8", "replace")
    except OSError:
        return ""


def _warm() -> None:
    """Import what the CLI imports lazily: a child running as nobody may not read the stdlib."""
    import contextlib
    import importlib
    import io

    from stemhulp.cli.app import app

    for name in ("encodings.utf_8_sig", "encodings.ascii", "encodings.latin_1", "zoneinfo", "csv", "fcntl",
                 "yaml", "json", "tempfile", "stemhulp.answers", "stemhulp.savefile", "stemhulp.native"):
        importlib.import_module(name)
    for argv in (["--help"], ["match", "--help"], ["schema", "quiz"], ["methods"]):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                contextlib.suppress(SystemExit):
            app(argv)


def main() -> None:
    cases_path, results_path = sys.argv[1], sys.argv[2]
    with open(cases_path, encoding="utf-8") as stream:
        cases = json.load(stream)
    import numpy  # noqa: F401  (warm the imports the commands need, once)

    import stemhulp.api  # noqa: F401
    import stemhulp.cli.app  # noqa: F401
    import stemhulp.simulate  # noqa: F401
    _warm()

    results = []
    for number, case in enumerate(cases):
        out_path = f"{results_path}.{number}.out"
        err_path = f"{results_path}.{number}.err"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(case, out_path, err_path)
            sys.exit(0)  # a child never goes on with the loop: main() ends it
        code, hung, seconds, maxrss = _wait(pid, case["timeout"])
        results.append({"id": case["id"], "code": code, "hung": hung, "seconds": seconds,
                        "maxrss_kb": maxrss, "stdout": _read(out_path), "stderr": _read(err_path)})
    with open(results_path, "w", encoding="utf-8") as stream:
        json.dump(results, stream)


if __name__ == "__main__":
    main()
