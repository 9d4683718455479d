"""Run many CLI cases as real processes, cheaply: fork one warmed-up interpreter per case.

Usage: python runner.py CASES.json RESULTS.json. Each case is {"id", "argv", "cwd", "stdin",
"stdout", "user", "timeout", "env"}; each child gets its own stdin/stdout/stderr file
descriptors, environment and working directory, runs `stemhulp.cli.app.main()` and ends the way
the interpreter ends any program (an uncaught exception prints a traceback, a failed flush of
standard output "Exception ignored"), minus the interpreter's slow clean-up. The parent kills a
child that outlives its time limit and records exit code, output, time and peak memory. A few
children run at once.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback

PARALLEL = 2  # children at once: most of a case's time is start-up and waiting


def _put(fd: int, opened: int) -> None:
    os.dup2(opened, fd)
    os.close(opened)


def _child(case: dict, out_path: str, err_path: str) -> None:
    os.chdir(case["cwd"])
    _put(2, os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    if case["stdout"] == "broken-pipe":
        read_end, write_end = os.pipe()
        os.close(read_end)
        _put(1, write_end)
    elif case["stdout"] and case["stdout"] != "closed":
        _put(1, os.open(case["stdout"], os.O_WRONLY))
    else:
        _put(1, os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    if case["stdin"] != "closed":
        _put(0, os.open(case["stdin"] or os.devnull, os.O_RDONLY))
    for fd, name in ((0, "stdin"), (1, "stdout")):  # closed last, so that no file takes their number
        if case[name] == "closed":
            os.close(fd)
    os.environ.update(case["env"])
    if "PYTHONIOENCODING" in case["env"]:  # set at start-up in a real process
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            stream.reconfigure(encoding=case["env"]["PYTHONIOENCODING"])
    if case["user"] == "nobody" and os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")  # the test skips the case when there is none
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
    sys.argv = ["stemhulp", *case["argv"]]
    from stemhulp.cli.app import main

    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        if isinstance(exit_.code, str):
            print(exit_.code, file=sys.stderr)
    except BaseException:  # what the interpreter prints for an uncaught exception
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):  # what the interpreter does at exit, without its slow clean-up
        try:
            stream.flush()
        except Exception as error:  # noqa: BLE001
            os.write(2, f"Exception ignored in: {stream!r}\n{type(error).__name__}: {error}\n".encode())
            code = 120
    os._exit(code)


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
    import pkgutil

    import stemhulp
    from stemhulp.cli.app import app

    names = [
        "encodings.utf_8_sig",
        "encodings.ascii",
        "encodings.latin_1",
        "zoneinfo",
        "csv",
        "fcntl",
        "filelock",
        "yaml",
        "json",
        "tempfile",
        "matplotlib",
        "matplotlib.pyplot",
        "scipy.stats",
        "scipy.cluster.hierarchy",
        "rich.rule",
        "rich.table",
        "rich.markup",
        "rich.progress",
        "rich.padding",
    ]
    names += [
        module.name
        for module in pkgutil.walk_packages(stemhulp.__path__, "stemhulp.")
        if module.name != "stemhulp.__main__"
    ]  # that one runs the program
    for name in names:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for argv in (["--help"], ["match", "--help"], ["schema", "quiz"], ["methods"]):
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
            contextlib.suppress(SystemExit),
        ):
            app(argv)


def main() -> None:
    cases_path, results_path = sys.argv[1], sys.argv[2]
    with open(cases_path, encoding="utf-8") as stream:
        cases = json.load(stream)
    import numpy  # noqa: F401  (warm the imports the commands need, once)

    import stemhulp.cli.app  # noqa: F401
    import stemhulp.matching.facade  # noqa: F401
    import stemhulp.simulate  # noqa: F401

    _warm()

    results: list[dict | None] = [None] * len(cases)
    running: dict[int, tuple[int, float]] = {}  # pid -> (case number, start time)
    waiting = list(range(len(cases)))[::-1]
    while waiting or running:
        while waiting and len(running) < PARALLEL:
            number = waiting.pop()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(cases[number], f"{results_path}.{number}.out", f"{results_path}.{number}.err")
                sys.exit(0)  # a child never goes on with the loop: main() ends it
            running[pid] = (number, time.monotonic())
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        hung = False
        if not pid:
            now = time.monotonic()
            late = [p for p, (n, begun) in running.items() if now - begun > cases[n]["timeout"]]
            if not late:
                time.sleep(0.002)
                continue
            pid, hung = late[0], True
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
        number, begun = running.pop(pid)
        results[number] = {
            "id": cases[number]["id"],
            "code": -9 if hung else os.waitstatus_to_exitcode(status),
            "hung": hung,
            "seconds": time.monotonic() - begun,
            "maxrss_kb": usage.ru_maxrss,
            "stdout": _read(f"{results_path}.{number}.out"),
            "stderr": _read(f"{results_path}.{number}.err"),
        }
    with open(results_path, "w", encoding="utf-8") as stream:
        json.dump(results, stream)


if __name__ == "__main__":
    main()
