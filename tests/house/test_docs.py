"""Every code block of the documentation (docs/**/*.md and README.md) runs as written.

Python blocks are executed (the blocks of one page in one namespace, in order); shell blocks
(`sh`, `console`: the `$ ` lines) run command by command with the installed `stemhulp` in a
temporary folder, stdin closed and a timeout, and must exit 0 (or the status a trailing comment
names: `# ... exits 1`); `stemhulp serve` is started on a
free port and stopped at the end of the page; JavaScript blocks run in node against it; YAML and
JSON blocks must parse. A block that cannot run (installing the project, a second machine, data
outside the project) is marked `<!-- not-run: reason -->` on the line before it: those are
counted and reported, and a block that is neither runnable nor marked fails. With mkdocs
installed (`pip install ".[docs]"`), `mkdocs build --strict` passes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import attrs
import pytest
import yaml

from tests.paths import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\s*$")
NOT_RUN = re.compile(r"^<!-- not-run: (?P<reason>\S.*?) -->$")
SERVE = re.compile(r"^stemhulp serve\b")
EXPECTED_EXIT = re.compile(r"#.*\bexits (?P<code>\d+)\b")
DEFAULT_PORT = "8000"
SHELL = ("sh", "console")
RUNNABLE = (*SHELL, "python", "javascript", "yaml", "json")
TIMEOUT = 60


@attrs.frozen
class Block:
    """One fenced code block: where it is, its language, its text and why it is not run (if so)."""

    page: str
    line: int
    lang: str
    text: str
    not_run: str | None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def read_blocks(path: Path, root: Path = ROOT) -> list[Block]:
    """The fenced blocks of one Markdown file, with the not-run marker on the line before each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, start, lang, before = [], None, "", ""
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if start is None and fence:
            start, lang = number, fence["lang"]
            before = lines[number - 2].strip() if number > 1 else ""
        elif start is not None and line.startswith("```"):
            marker = NOT_RUN.match(before)
            text = "\n".join(lines[start : number - 1]) + "\n"
            found.append(Block(str(path.relative_to(root)), start, lang, text, marker["reason"] if marker else None))
            start = None
    assert start is None, f"{path}:{start}: a code block is never closed"
    return found


ALL_BLOCKS = [block for page in PAGES for block in read_blocks(page)]


def commands(block: Block) -> list[str]:
    """The commands of a shell block: logical lines (a trailing backslash continues), for a
    `console` block only the `$ ` lines; blank and comment-only lines dropped."""
    result: list[str] = []
    pending: str | None = None
    for raw in block.text.splitlines():
        if pending is not None:
            line = raw
        elif block.lang == "console":
            if not raw.startswith("$ "):
                continue
            line = raw[2:]
        else:
            line = raw
        if pending is None and (not line.strip() or line.lstrip().startswith("#")):
            continue
        joined = line if pending is None else f"{pending} {line.strip()}"
        if joined.endswith("\\"):
            pending = joined[:-1].rstrip()
        else:
            result.append(joined)
            pending = None
    assert pending is None, f"{block.where}: a command ends in a backslash"
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes], log: Path, where: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, f"{where}: stemhulp serve stopped:\n{log.read_text(encoding='utf-8')}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{where}: stemhulp serve did not listen on port {port} within 30 s")


class PageRun:
    """Runs one page's blocks in order in one folder, with one Python namespace and its servers."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.namespace: dict[str, object] = {"__name__": "__docs__"}
        self.servers: list[subprocess.Popen[bytes]] = []
        self.port: int | None = None
        self.skipped: list[str] = []
        bin_dir = str(Path(sys.executable).parent)
        self.env = {
            **os.environ,
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "HOME": str(folder),
            "XDG_DATA_HOME": str(folder / ".local" / "share"),
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "MPLBACKEND": "Agg",
        }

    def _local(self, text: str) -> str:
        """The block's text with the documented port replaced by this run's server port."""
        return text if self.port is None else text.replace(f":{DEFAULT_PORT}", f":{self.port}")

    def run(self, block: Block) -> None:
        if block.lang in SHELL:
            for command in commands(block):
                self.shell(command, block)
        elif block.lang == "python":
            code = compile(block.text, block.where, "exec")
            exec(code, self.namespace)  # noqa: S102 - the documentation's own example
        elif block.lang == "javascript":
            self.javascript(block)
        elif block.lang == "yaml":
            assert yaml.safe_load(block.text) is not None, f"{block.where}: empty YAML"
        elif block.lang == "json":
            document = json.loads(block.text)
            if isinstance(document, dict) and document.get("format") == "stemhulp/1":
                import stemhulp

                stemhulp.load(document)

    def shell(self, command: str, block: Block) -> None:
        if SERVE.match(command):
            self.serve(command, block)
            return
        completed = subprocess.run(
            ["bash", "-o", "pipefail", "-c", self._local(command)],
            cwd=self.folder,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        expected = EXPECTED_EXIT.search(command)
        assert completed.returncode == (int(expected["code"]) if expected else 0), (
            f"{block.where}: `{command}` exited {completed.returncode}\n{completed.stdout[-2000:]}\n"
            f"{completed.stderr[-2000:]}"
        )

    def serve(self, command: str, block: Block) -> None:
        """Start `stemhulp serve` (its comment and a trailing `&` dropped) on a free port."""
        self.port = port = _free_port()
        command = re.sub(r"\s+#.*$", "", command)
        command = re.sub(r"\s*&$", "", command)
        command = re.sub(r"--port[ =]\d+", "", command) + f" --port {port}"
        log = self.folder / f"serve-{port}.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                ["bash", "-c", f"exec {command}"],
                cwd=self.folder,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.servers.append(server)
        _wait_for(port, server, log, block.where)

    def javascript(self, block: Block) -> None:
        node = shutil.which("node")
        if node is None:
            self.skipped.append(f"{block.where}: node is not installed")
            return
        completed = subprocess.run(
            [node, "--input-type=module", "-e", self._local(block.text)],
            cwd=self.folder,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert completed.returncode == 0, f"{block.where}: node exited {completed.returncode}\n{completed.stderr}"

    def stop(self) -> None:
        for server in self.servers:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _pages_with_runnable_blocks() -> list[str]:
    return sorted({b.page for b in ALL_BLOCKS if b.not_run is None}, key=lambda p: (p == "README.md", p))


@pytest.mark.slow  # real commands and servers: about a minute in all
@pytest.mark.parametrize("page", _pages_with_runnable_blocks())
def test_every_code_block_on_the_page_runs(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = PageRun(tmp_path)
    try:
        for block in ALL_BLOCKS:
            if block.page == page and block.not_run is None:
                run.run(block)
    finally:
        run.stop()
    if run.skipped:
        pytest.skip("; ".join(run.skipped))


def test_a_block_not_run_says_why_and_the_rest_can_run():
    """Every block is either of a language the test runs, or marked with its reason; the marked
    ones are reported (in pytest's warnings summary) so they stay few and deliberate."""
    unmarked = [
        f"{b.where} ({b.lang or 'no language'})" for b in ALL_BLOCKS if b.not_run is None and b.lang not in RUNNABLE
    ]
    assert not unmarked, f"blocks of a language that cannot run, without <!-- not-run: reason -->: {unmarked}"
    skipped = [f"{b.where}: {b.not_run}" for b in ALL_BLOCKS if b.not_run is not None]
    ran = len(ALL_BLOCKS) - len(skipped)
    assert ran > len(skipped)
    warnings.warn(f"docs: {ran} code blocks run, {len(skipped)} not run: " + "; ".join(skipped), stacklevel=1)


def test_the_block_reader_sees_markers_commands_and_continuations(tmp_path):
    """The reader itself: a marker applies to the next block only; `$ ` lines and backslashes."""
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- not-run: needs a cluster -->\n```sh\ndask scheduler\n```\n\n"
        "```console\n$ stemhulp simulate -n 10 \\\n    --seed 1\noutput line\n$ stemhulp methods  # list\n```\n",
        encoding="utf-8",
    )
    first, second = read_blocks(page, root=tmp_path)
    assert first.not_run == "needs a cluster" and second.not_run is None
    assert commands(second) == ["stemhulp simulate -n 10 --seed 1", "stemhulp methods  # list"]


def _cli_reference():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs" / "hooks" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_cli_reference_has_every_command_and_option():
    """The generated reference (docs/hooks/cli_reference.py) walks the whole Typer app: every
    command's usage line and every option name of every command are on the page."""
    import typer

    from stemhulp.cli.app import app

    reference = _cli_reference().cli_reference()
    group = typer.main.get_command(app)
    context = typer.Context(group, info_name="stemhulp")
    names = group.list_commands(context)  # type: ignore[attr-defined]
    assert {"quiz", "serve", "match", "simulate", "check", "sweep"} <= set(names)
    for name in names:
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        assert f"## `stemhulp {name}`" in reference and f"stemhulp {name} [OPTIONS]" in reference
        for parameter in command.params:
            for option in parameter.opts:
                assert option in reference, f"{name}: {option}"


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path):
    """The site builds without a warning: every link, anchor, API name and the CLI reference."""
    pytest.importorskip("mkdocs", reason="the docs extra is not installed: pip install '.[docs]'")
    pytest.importorskip("mkdocstrings", reason="the docs extra is not installed: pip install '.[docs]'")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    reference = (tmp_path / "site" / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    import typer

    from stemhulp.cli.app import app

    group = typer.main.get_command(app)
    names = group.list_commands(typer.Context(group))  # type: ignore[attr-defined]
    assert len(names) >= 10
    for name in names:
        assert f"stemhulp {name}" in reference
