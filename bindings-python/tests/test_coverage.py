"""The check that every public name of the package is called by the tests (the
`coverage_plugin` loaded by conftest.py) really fails when a name is never called."""

import os
import pathlib
import subprocess
import sys
import textwrap

import coverage_plugin

HERE = pathlib.Path(__file__).resolve().parent


def _run_suite(tmp_path: pathlib.Path, body: str) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["coverage_plugin"]\n', encoding="utf-8")
    (tmp_path / "test_one.py").write_text(textwrap.dedent(body), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    # The plugin counts calls made from files beside it, so the probe suite lives in its folder.
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)


def test_a_suite_that_leaves_names_uncalled_fails(tmp_path):
    done = _run_suite(tmp_path, """
        import shegong

        def test_only_event_types():
            assert "opened" in shegong.event_types()
        """)
    assert done.returncode != 0, done.stdout + done.stderr
    report = done.stdout.split("no test called", 1)
    assert len(report) == 2, done.stdout + done.stderr
    assert "'Case.apply'" in report[1] and "'Calendar'" in report[1] and "'event_types'" not in report[1]


def test_the_recorder_sees_methods_properties_and_errors():
    import datetime as dt

    import pytest

    import shegong

    coverage_plugin.CALLED.discard("Calendar.is_workday")
    coverage_plugin.CALLED.discard("Calendar.first_date")
    coverage_plugin.CALLED.discard("InvalidPhone")
    cal = shegong.Calendar.china()
    assert cal.is_workday(dt.date(2026, 1, 5)) and cal.first_date == dt.date(2004, 1, 1)
    with pytest.raises(shegong.InvalidPhone):
        shegong.Phone("12345")
    assert {"Calendar.is_workday", "Calendar.first_date", "InvalidPhone"} <= coverage_plugin.CALLED
