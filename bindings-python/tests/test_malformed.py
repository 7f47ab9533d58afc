"""The malformed-input table (tests/malformed/cases.py), run in a child process so that a
crash cannot take the test runner down: the child reports a verdict per row, and when it dies
(a segfault, an abort) the row is failed with its signal and a new child takes the next rows.

Each row must raise its expected class, a `shegong.ShegongError` (or a documented TypeError /
ValueError / OSError), never a PanicException or a signal, reveal no full ID or phone number of
the input, and leave the case or volunteer it was given unchanged."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any, Dict, Optional

import pytest

from malformed.cases import ROWS, public_callables

HERE = pathlib.Path(__file__).resolve().parent


class Worker:
    """One child process running rows; restarted after it dies."""

    def __init__(self) -> None:
        self.proc: Optional[subprocess.Popen] = None

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
        return subprocess.Popen([sys.executable, "-m", "malformed.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=env, cwd=HERE)

    def run(self, name: str) -> Dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(name + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            code = self.proc.wait(timeout=60)
            self.proc = None
            return {"name": name, "problems": [f"the worker died: exit status {code} (a negative status is a signal)"]}
        return json.loads(line)

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=60)


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


def _param(r):
    marks = [pytest.mark.xfail(strict=True, reason=r.xfail)] if r.xfail else []
    return pytest.param(r.name, id=r.name, marks=marks)


def test_the_table_is_large_and_names_are_unique():
    names = [r.name for r in ROWS]
    assert len(names) >= 150 and len(set(names)) == len(names)
    assert all(r.xfail is None or r.xfail.startswith("needs core:") for r in ROWS)


def test_every_public_function_and_method_has_a_row():
    assert set(public_callables()) <= {r.target for r in ROWS}


@pytest.mark.parametrize("name", [_param(r) for r in ROWS])
def test_malformed_input(worker, name):
    answer = worker.run(name)
    assert answer["problems"] == [], answer


def test_a_crashing_worker_fails_its_row_and_is_replaced():
    class Crashing(Worker):
        starts = 0

        def _start(self):
            Crashing.starts += 1
            code = "import os, signal, sys; sys.stdin.readline(); os.kill(os.getpid(), signal.SIGSEGV)"
            return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    w = Crashing()
    first, second = w.run("a"), w.run("b")
    assert "died" in first["problems"][0] and "-11" in first["problems"][0] and "died" in second["problems"][0]
    assert Crashing.starts == 2
