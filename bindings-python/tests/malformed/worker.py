"""Runs rows of the malformed-input table in this (child) process and reports each verdict as
one JSON line on stdout. Reads one row name per line on stdin. A crash (a signal, an abort)
ends the process; the parent sees the missing answer and starts a new worker."""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any, Dict, List

import shegong

from malformed.cases import ROWS, SAFE, SECRETS, fresh_case, fresh_volunteer

BY_NAME = {r.name: r for r in ROWS}
DOCUMENTED = (shegong.ShegongError, TypeError, ValueError, OSError, ZeroDivisionError)


def _texts(exc: BaseException) -> str:
    parts: List[str] = [str(exc), repr(exc.args)]
    for key, value in vars(exc).items():
        parts.append(f"{key}={value!r}")
    return "\n".join(parts)


def verdict(name: str) -> Dict[str, Any]:
    r = BY_NAME[name]
    problems: List[str] = []
    subject = {"case": fresh_case, "volunteer": fresh_volunteer}[r.subject]() if r.subject else None
    before = subject.to_json() if subject is not None else None
    try:
        result = r.call(subject)
        exc = None
    except BaseException as e:  # noqa: BLE001 - the point is to see everything, PanicException too
        exc = e
    if exc is None:
        if r.expect != SAFE:
            problems.append(f"returned without raising {r.expect!r}")
        text = repr(result)[:100_000]
        problems += [f"result reveals {s[:3]}…" for s in SECRETS if s in text]
        before = None  # a call that succeeded may change its subject
    else:
        kind = type(exc)
        if kind.__name__ == "PanicException" or not isinstance(exc, Exception):
            problems.append(f"{kind.__module__}.{kind.__name__} (not an Exception): {exc}")
        elif r.expect == SAFE:
            if not isinstance(exc, shegong.ShegongError):
                problems.append(f"raised {kind.__name__}, not a ShegongError")
        elif not isinstance(exc, r.expect):
            problems.append(f"raised {kind.__name__}: {str(exc)[:300]}; expected {r.expect!r}")
        if not isinstance(exc, DOCUMENTED):
            problems.append(f"{kind.__name__} is neither a ShegongError nor a documented TypeError/ValueError")
        text = _texts(exc)
        problems += [f"message reveals {s[:3]}…" for s in SECRETS if s in text]
    if before is not None and subject.to_json() != before:
        problems.append("the subject changed")
    return {"name": name, "problems": problems, "raised": None if exc is None else type(exc).__name__}


def main() -> None:
    for line in sys.stdin:
        name = line.rstrip("\n")
        try:
            answer = verdict(name)
        except BaseException:  # noqa: BLE001 - a broken row is reported, not a dead worker
            answer = {"name": name, "problems": ["row failed: " + traceback.format_exc()[-800:]], "raised": None}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
