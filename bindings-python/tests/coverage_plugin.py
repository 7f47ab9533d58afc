"""A pytest plugin that records which public names of ``shegong`` the tests really call, and
fails the session when one was never called.

Functions and methods are recorded by a ``sys.setprofile`` hook on ``c_call`` events into the
extension (the callee's ``__qualname__``, e.g. ``Case.apply``); a class counts as called when
one of its methods is. Properties run
no profiled call, so they are recorded by tracing the ``LOAD_ATTR`` instructions that the test
files execute: a property counts when an executed instruction in a test file loads its name
(the receiver is not visible from Python, so a name shared by two classes counts for both).
Exception classes count when
an instance of them reaches a test frame.

The check runs only when the whole suite ran (no ``-k``, ``-m``, or deselection), so a partial
run is not failed for what it chose not to run.
"""

from __future__ import annotations

import dis
import pathlib
import sys
import types
from typing import Any, Dict, List, Optional, Set

import pytest

import shegong

_SELF = pathlib.Path(__file__).resolve()
HERE = _SELF.parent
# The folders whose test files are traced: this one and those the session was asked to run.
ROOTS: List[pathlib.Path] = [HERE]

CALLED: Set[str] = set()
_ATTR_AT: Dict[types.CodeType, Dict[int, str]] = {}
_INSIDE: Dict[str, bool] = {}
_CLASSES = {n: getattr(shegong, n) for n in shegong.__all__ if isinstance(getattr(shegong, n), type)}
_ERRORS = {n for n, c in _CLASSES.items() if issubclass(c, BaseException)}
# Module constants (defaults and limits) count, like properties, when a test file loads them.
_CONSTANTS = {n for n in shegong.__all__ if not callable(getattr(shegong, n)) and not isinstance(getattr(shegong, n), types.ModuleType)}
_PROPERTIES: Dict[str, Set[str]] = {}
for _n, _c in _CLASSES.items():
    for _m, _v in vars(_c).items():
        if not _m.startswith("_") and type(_v).__name__ in ("getset_descriptor", "member_descriptor"):
            _PROPERTIES.setdefault(_m, set()).add(_n)


def public_names() -> Set[str]:
    """Every public name: module functions, classes, and `Class.member` for their members."""
    names: Set[str] = set()
    for n in shegong.__all__:
        obj = getattr(shegong, n)
        if n == "__version__" or isinstance(obj, types.ModuleType):
            continue
        names.add(n)
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            names.update(f"{n}.{m}" for m in vars(obj) if not m.startswith("_"))
    return names


def _profile(frame: types.FrameType, event: str, arg: Any) -> None:
    if event != "c_call":
        return
    qualname = getattr(arg, "__qualname__", "")
    owner = getattr(arg, "__self__", None)
    if getattr(arg, "__module__", None) == "shegong._shegong":
        CALLED.add(qualname)
        return
    head, _, member = qualname.partition(".")
    cls = _CLASSES.get(head)
    if cls is not None and member and (owner is None or isinstance(owner, cls) or owner is cls):
        CALLED.add(qualname)
        CALLED.add(head)


def _attrs(code: types.CodeType) -> Dict[int, str]:
    found = _ATTR_AT.get(code)
    if found is None:
        found = {i.offset: str(i.argval) for i in dis.get_instructions(code) if i.opname in ("LOAD_ATTR", "LOAD_METHOD")}
        _ATTR_AT[code] = found
    return found


def _local_trace(frame: types.FrameType, event: str, arg: Any) -> Optional[Any]:
    if event == "opcode":
        name = _attrs(frame.f_code).get(frame.f_lasti)
        if name is not None and name in _CONSTANTS:
            CALLED.add(name)
        if name is not None and name in _PROPERTIES:
            for cls in _PROPERTIES[name]:
                CALLED.update((cls, f"{cls}.{name}"))
    elif event == "exception":
        exc = arg[1]
        if isinstance(exc, shegong.ShegongError):
            for cls in type(exc).__mro__:
                if cls.__name__ in _ERRORS and _CLASSES[cls.__name__] is cls:
                    CALLED.add(cls.__name__)
    return _local_trace


def _trace(frame: types.FrameType, event: str, arg: Any) -> Optional[Any]:
    if event != "call":
        return None
    filename = frame.f_code.co_filename
    inside = _INSIDE.get(filename)
    if inside is None:
        try:
            path = pathlib.Path(filename)
            # "<frozen importlib._bootstrap>" and the like are not files of the suite.
            inside = path.is_absolute() and path.suffix == ".py"
            path = path.resolve()
            inside = inside and path != _SELF and any(path.is_relative_to(root) for root in ROOTS)
        except (OSError, ValueError):
            inside = False
        _INSIDE[filename] = inside
    if not inside:
        return None
    frame.f_trace_opcodes = True
    return _local_trace


def pytest_sessionstart(session: pytest.Session) -> None:
    for arg in session.config.args:
        path = pathlib.Path(str(arg).split("::")[0]).resolve()
        ROOTS.append(path if path.is_dir() else path.parent)
    sys.setprofile(_profile)
    sys.settrace(_trace)


def pytest_runtest_call(item: pytest.Item) -> None:
    # pytest resets neither hook, but a test may; put both back before each test.
    sys.setprofile(_profile)
    sys.settrace(_trace)


def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    exc = call.excinfo.value if call.excinfo is not None else None
    if isinstance(exc, shegong.ShegongError):
        _local_trace(sys._getframe(), "exception", (type(exc), exc, None))


def pytest_deselected(items: Any) -> None:
    _STATE["partial"] = True


_STATE: Dict[str, bool] = {"partial": False}


def uncalled() -> Set[str]:
    """The public names no test has called so far."""
    return {n for n in public_names() if n not in CALLED}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    sys.setprofile(None)
    sys.settrace(None)
    opts = session.config.option
    if _STATE["partial"] or getattr(opts, "keyword", "") or getattr(opts, "markexpr", ""):
        return
    if session.testsfailed or session.shouldfail or not session.testscollected:
        return
    missing = sorted(uncalled())
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = f"public names of shegong no test called: {missing}"
        if reporter is not None:
            reporter.write_line(message, red=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
