"""`stemhulp serve` on the command line: the missing extra, bad options, and a real start on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from stemhulp.cli import serve as serve_module
from stemhulp.cli.app import app
from tests.paths import ROOT


def test_without_the_web_extra_it_names_the_extra(runner, monkeypatch):
    monkeypatch.setattr(serve_module, "missing_web_packages", lambda: ["starlette", "uvicorn"])
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "pip install 'stemhulp[web]'" in result.output and "starlette" in result.output


def test_a_method_that_does_not_fit_the_quiz_is_one_clear_error(runner, tmp_path):
    pytest.importorskip("starlette")
    document = {
        "format": "stemhulp/1",
        "id": "f",
        "title": "F",
        "scale": ["a", "b", "c", "d", "e"],
        "statements": [{"id": "s1", "theme": "T", "text": "S"}],
        "parties": [{"id": "p", "name": "P"}],
        "positions": [{"party": "p", "statement": "s1", "position": "a", "weight": 1, "quote": None, "source": None}],
    }
    path = tmp_path / "five.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["serve", str(path), "--method", "wahlomat"])
    assert result.exit_code == 1
    assert "3-point scales only" in result.output and "Traceback" not in result.output


def test_serve_starts_on_loopback_and_answers(tmp_path):
    pytest.importorskip("uvicorn")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "stemhulp", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/methods", timeout=2) as response:
                    assert json.load(response)["default_method"]
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200 and b'<html lang="nl">' in response.read()
            assert response.headers["x-frame-options"] == "DENY"
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err.decode()
