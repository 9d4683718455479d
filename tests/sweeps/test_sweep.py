"""`stemhulp sweep`: the grid file, the task → seed rule, and identical results however tasks run."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stemhulp.cli.app import app
from stemhulp.errors import StemhulpError
from stemhulp.sweeps import GridError, SweepError, derive_seed, load_grid, sweep
from stemhulp.sweeps import run as sweep_run

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("dask.distributed")

SMALL = """\
quizzes: [{quiz}]
methods: [cityblock, euclidean]
missing: [neutral, exclude]
models: [uniform, {{name: party, eps: 0.2}}]
seeds: [1, 2]
respondents: 1500
compare: [directional]
"""


@pytest.fixture
def grid_file(tmp_path: Path, mini_path: Path) -> Path:
    path = tmp_path / "grid.yaml"
    path.write_text(SMALL.format(quiz=mini_path), encoding="utf-8")
    return path


def parquet_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- the grid file --------------------------------------------------------------------------------


def test_grid_expands_every_combination(grid_file: Path) -> None:
    grid = load_grid(grid_file)
    tasks = grid.tasks()
    assert len(tasks) == 1 * 2 * 2 * 2 * 2
    assert len({t.key for t in tasks}) == len(tasks)
    assert {t.model.label for t in tasks} == {"uniform", "party(eps=0.2)"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quizzes: [bundled]\nmethod: [cityblock]\n", "grid.yaml:2: unknown key 'method'"),
        ("quizzes: [bundled]\nmethods: [cityblok]\n", "grid.yaml:2: unknown name 'cityblok'"),
        ("quizzes: [bundled]\nmissing: []\n", "grid.yaml:2: the list is empty"),
        ("quizzes: [bundled]\nseeds: [1, -2]\n", "grid.yaml:2: expected a whole number"),
        ("quizzes: [bundled]\nrespondents: 2.5\n", "grid.yaml:2: expected a whole number"),
        (
            "quizzes: [bundled]\nmodels: [{name: party, discrimination: 2}]\n",
            "the 'party' model takes no 'discrimination'",
        ),
        ("quizzes: [bundled]\nmodels: [telepathic]\n", "unknown model 'telepathic'"),
        ("quizzes: [no/such/quiz]\n", "no such file or directory"),
        ("methods: [cityblock]\n", "'quizzes' is missing"),
        ("quizzes: [bundled, bundled]\n", "listed more than once"),
        ("quizzes: [bundled]\nskip: 2\n", "expected a probability"),
        ("- just\n- a list\n", "a grid is a mapping"),
        ("quizzes: [bundled]\nseeds: &a [1]\nrespondents: *a\n", "grid.yaml"),
    ],
)
def test_bad_grids_are_located_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GridError) as caught:
        load_grid(path)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


def test_too_many_tasks_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(
        "quizzes: [bundled]\nseeds: [" + ", ".join(map(str, range(40_000))) + "]\n"
        "methods: [cityblock, euclidean, directional, stemwijzer]\n"
        "missing: [neutral, exclude, opposite, disagree]\nmodels: [uniform, party]\n",
        encoding="utf-8",
    )
    with pytest.raises(GridError, match="expands to 1,280,000 tasks"):
        load_grid(path)


def test_a_folder_of_quizzes_is_every_quiz_in_it(tmp_path: Path, mini_path: Path) -> None:
    import shutil

    for name in ("a", "b"):
        shutil.copytree(mini_path, tmp_path / "quizzes" / name)
    (tmp_path / "quizzes" / "notes").mkdir()
    path = tmp_path / "grid.yaml"
    path.write_text("quizzes: [quizzes]\n", encoding="utf-8")
    assert [q.label for q in load_grid(path).quizzes] == ["quizzes/a", "quizzes/b"]
    path.write_text("quizzes: ['quizzes/*']\n", encoding="utf-8")
    assert [q.label for q in load_grid(path).quizzes] == ["quizzes/a", "quizzes/b"]


def test_labels_and_seeds_do_not_depend_on_where_the_tree_is(tmp_path: Path, mini_path: Path) -> None:
    """Two checkouts, each with the data beside it through a symlink (as CI has ../shared): same tasks."""
    import shutil

    shutil.copytree(mini_path, tmp_path / "data" / "mini")
    seen = []
    for checkout in ("one/main", "two/deeper/main"):
        (tmp_path / checkout).mkdir(parents=True)
        (tmp_path / checkout / ".." / "shared").symlink_to(tmp_path / "data")
        path = tmp_path / checkout / "grid.yaml"
        path.write_text("quizzes: [../shared/./mini]\nseeds: [1]\n", encoding="utf-8")
        tasks = load_grid(path).tasks()
        seen.append([(t.quiz.label, t.task_seed) for t in tasks])
    assert seen[0] == seen[1]
    assert seen[0][0][0] == "../shared/mini"


# --- the task -> seed rule ------------------------------------------------------------------------


def test_seed_is_a_hash_of_what_defines_the_respondents(grid_file: Path) -> None:
    tasks = load_grid(grid_file).tasks()
    first = tasks[0]
    expected = json.dumps(
        [first.quiz.label, first.model.label, first.respondents, first.seed, 0.0, 0.0],
        sort_keys=True,
        separators=(",", ":"),
    )
    assert first.task_seed == int.from_bytes(hashlib.sha256(expected.encode()).digest()[:8], "big") >> 1
    same_respondents = [t for t in tasks if (t.model, t.seed) == (first.model, first.seed)]
    assert len(same_respondents) == 4  # every method and policy meets the same respondents
    assert {t.task_seed for t in same_respondents} == {first.task_seed}
    assert len({t.task_seed for t in tasks}) == 4  # 2 models × 2 seeds
    assert derive_seed("x", 1) != derive_seed("x", 2)


# --- running: in-process, LocalCluster, a real scheduler ------------------------------------------


def test_inline_rows_and_resume(grid_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "full.parquet"
    result = sweep(grid_file, out, scheduler="inline")
    assert result.ran == result.tasks == 16
    assert len(result.rows) == 16 * 3  # three parties
    for task_rows in (result.rows[i : i + 3] for i in range(0, len(result.rows), 3)):
        shares = [row["top_share"] for row in task_rows]
        assert sum(shares) == pytest.approx(1.0)
        assert all(row["bias_ratio"] == pytest.approx(row["top_share"] * 3) for row in task_rows)
    party_rows = [row for row in result.rows if row["model"].startswith("party")]
    assert all(0.0 <= row["recovery_rate"] <= 1.0 for row in party_rows)
    assert all(row["recovery_rate"] is None for row in result.rows if row["model"] == "uniform")

    # Interrupted after five tasks (checkpointing every task), then resumed: same bytes.
    partial = tmp_path / "partial.parquet"
    monkeypatch.setattr(sweep_run, "CHECKPOINT_SECONDS", 0.0)

    def stop_after_five(done: int, total: int, respondents: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sweep(grid_file, partial, scheduler="inline", progress=stop_after_five)
    resumed = sweep(grid_file, partial, scheduler="inline")
    assert resumed.ran == 16 - 4  # the fifth task's rows were not yet written when it stopped
    assert parquet_bytes(partial) == parquet_bytes(out)


def test_resume_refuses_another_grids_results(grid_file: Path, tmp_path: Path, mini_path: Path) -> None:
    out = tmp_path / "r.parquet"
    sweep(grid_file, out, scheduler="inline")
    other = tmp_path / "other.yaml"
    other.write_text(f"quizzes: [{mini_path}]\nrespondents: 1000\n", encoding="utf-8")
    with pytest.raises(StemhulpError, match="cannot resume"):
        sweep(other, out, scheduler="inline")


def test_chunk_size_does_not_change_the_table(grid_file: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    sweep(grid_file, a, scheduler="inline")
    sweep(grid_file, b, scheduler="inline", chunk_size=97)
    assert parquet_bytes(a) == parquet_bytes(b)


def test_local_cluster_gives_the_same_table(grid_file: Path, tmp_path: Path) -> None:
    inline, cluster = tmp_path / "inline.parquet", tmp_path / "cluster.parquet"
    sweep(grid_file, inline, scheduler="inline")
    sweep(grid_file, cluster, workers=2)
    assert parquet_bytes(inline) == parquet_bytes(cluster)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scheduler_with_two_workers(tmp_path: Path):
    """`dask scheduler` and two `dask worker` processes on loopback, torn down afterwards."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    common = {
        "env": env,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "cwd": tmp_path,
        "start_new_session": True,
    }
    scheduler = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        **common,
    )
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--name",
                f"w{i}",
            ],
            **common,
        )
        for i in range(2)
    ]
    try:
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=90)
        yield address, workers
    finally:
        for process in (*workers, scheduler):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (*workers, scheduler):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_real_scheduler_and_a_killed_worker(grid_file: Path, tmp_path: Path, scheduler_with_two_workers) -> None:
    address, workers = scheduler_with_two_workers
    inline, remote = tmp_path / "inline.parquet", tmp_path / "remote.parquet"
    sweep(grid_file, inline, scheduler="inline")
    killed: list[int] = []

    def kill_a_worker(done: int, total: int, respondents: int) -> None:
        if done == 1 and not killed:
            os.killpg(workers[0].pid, signal.SIGKILL)  # a worker dies mid-sweep
            killed.append(workers[0].pid)

    started = time.monotonic()
    result = sweep(grid_file, remote, scheduler=address, progress=kill_a_worker)
    assert killed and result.ran == 16
    assert time.monotonic() - started < 240
    assert parquet_bytes(inline) == parquet_bytes(remote)


# --- the command line -----------------------------------------------------------------------------


def test_cli_summary_json_and_plot(runner, grid_file: Path, tmp_path: Path) -> None:
    out, figure = tmp_path / "r.parquet", tmp_path / "r.png"
    result = runner.invoke(
        app, ["sweep", str(grid_file), "--out", str(out), "--scheduler", "inline", "--plot", str(figure)]
    )
    assert result.exit_code == 0, result.output
    assert "16 tasks (16 run now), 48 rows" in result.output
    assert "same top advice as directional" in result.output
    assert figure.stat().st_size > 10_000
    again = runner.invoke(app, ["sweep", str(grid_file), "--out", str(out), "--scheduler", "inline", "--json"])
    document = json.loads(again.output)
    assert document["ran"] == 0 and document["rows"] == 48
    assert len(document["summary"]) == 8  # 2 methods × 2 policies × 2 models
    line = document["summary"][0]
    assert line["seeds"] == 2 and line["max_bias_ratio"]["interval"] is not None


def test_cli_bad_grid_is_one_message(runner, tmp_path: Path) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text("quizzes: [bundled]\nmethods: [nope]\n", encoding="utf-8")
    result = runner.invoke(app, ["sweep", str(path), "--scheduler", "inline"])
    assert result.exit_code == 1
    assert "error: " in result.output and "grid.yaml:2" in result.output and "Traceback" not in result.output


def test_without_dask_the_message_names_the_extra(grid_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(SweepError, match=r"pip install 'stemhulp\[dask\]'"):
        sweep(grid_file)
