"""Benchmarks of the Python binding beside the PyPI package `chinesecalendar` (not a test).

Prints per-call times and ratios for: single deadline computations, 1,000,000 of them from a
list of datetime.date, the columnar `add_workdays_array` over 1,000,000 dates from Arrow and
from numpy beside a hand-written numpy `searchsorted` prefix-sum version, one-year working-day
counts, the batch evaluation of 100,000 generated case histories of 11 events read from JSON
Lines with their hash chains verified, and `import shegong`.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import chinese_calendar as cc

import shegong

CST = dt.timezone(dt.timedelta(hours=8))


def dates(n: int, seed: int = 7) -> list[dt.date]:
    rng = random.Random(seed)
    start = dt.date(2004, 1, 1)
    return [start + dt.timedelta(days=rng.randrange(8036)) for _ in range(n)]


def per_call(fn, items, budget: float = 3.0) -> tuple[float, int]:
    t0 = time.perf_counter()
    done = 0
    for x in items:
        fn(x)
        done += 1
        if done % 256 == 0 and time.perf_counter() - t0 > budget:
            break
    return (time.perf_counter() - t0) / done, done


def history(i: int, cal: shegong.Calendar) -> str:
    w = {"id": f"w-{i % 7}", "role": "worker"}
    day = dt.date(2026, 1, 5) + dt.timedelta(days=i % 250)
    def ev(d, hour, actor, event):
        t = dt.datetime(d.year, d.month, d.day, hour, tzinfo=CST)
        return {"occurred_at": t, "recorded_at": t, "actor": actor, "event": event}
    c = shegong.Case.start(ev(day, 9, w, {"type": "received", "case_number": shegong.case_number("BJ", 2026, i + 1),
        "client": {"id": f"c-{i}", "name": "服务对象"}, "source": {"kind": "voluntary"}, "channel": "phone", "topic": "照护"}))
    c.apply(ev(day, 10, w, {"type": "consultation_held", "summary": "咨询"}))
    # [inform-rights]: the application and withdrawal mechanisms are explained before opening.
    c.apply(ev(day, 10, w, {"type": "rights_informed", "how": "oral", "summary": "告知"}))
    c.apply(ev(day, 11, {"id": f"c-{i}", "role": "client"}, {"type": "consent_given", "consent": {"id": "k", "given_by": "x", "capacity": "client", "purpose": {"kind": "service"}}}))
    c.apply(ev(day, 12, w, {"type": "opened", "summary": "开案"}))
    d2 = cal.add_workdays(day, 2 + i % 6)
    c.apply(ev(d2, 9, w, {"type": "opening_submitted", "supervisor": "s"}))
    c.apply(ev(d2, 10, {"id": "s", "role": "first_line_supervisor"}, {"type": "opening_decided", "decision": {"outcome": "approved"}}))
    d3 = cal.add_workdays(d2, 1 + i % 9)
    c.apply(ev(d3, 9, w, {"type": "met", "kind": "session", "summary": "会谈"}))
    c.apply(ev(d3, 10, w, {"type": "assessment_completed", "assessment": {"steps": ["collect_information", "analyse", "define_problem", "write_report"], "problem": "p", "report": "r"}}))
    c.apply(ev(d3, 11, w, {"type": "plan_agreed", "plan": {"goals": ["g"], "strategies": ["s"], "timetable": ["t"], "client_participated": True, "agreement_signed": True}}))
    c.apply(ev(d3, 12, w, {"type": "intervention_started", "kind": "direct", "strategies": ["mediation"]}))
    return c.to_json()


def main() -> None:
    cal = shegong.Calendar.china()
    ds = dates(1_000_000)
    year = dt.timedelta(days=365)
    print(f"shegong {shegong.__version__} (data {cal.data_version}) vs chinesecalendar")
    print(f"{'workload':<58}{'shegong':>14}{'chinesecalendar':>18}{'ratio':>10}")

    ours, _ = per_call(lambda d: cal.add_workdays(d, 10), ds[:200_000])
    peer, n = per_call(lambda d: cc.find_workday(10, d), ds)
    print(f"{'add_workdays(d, 10) vs find_workday(10, d), single calls':<58}{ours*1e9:>11.0f} ns{peer*1e9:>15.0f} ns{peer/ours:>9.0f}x  (peer: {n} calls)")
    ours, _ = per_call(lambda d: cal.workdays_between(d, d + year), ds[:200_000])
    peer, n = per_call(lambda d: len(cc.get_workdays(d, d + year)), ds, budget=2.0)
    print(f"{'workdays_between(d, d+365) vs len(get_workdays(..))':<58}{ours*1e9:>11.0f} ns{peer*1e9:>15.0f} ns{peer/ours:>9.0f}x  (peer: {n} calls)")

    best = min(timed(lambda: cal.add_workdays_many(ds, 10)) for _ in range(3))
    print(f"{'1,000,000 add_workdays from a list of datetime.date':<58}{best:>12.3f} s   (target <= 0.6 s; {best/1e6*1e9:.0f} ns each)")
    columnar(cal, ds)

    t0 = time.perf_counter()
    unique = [history(i, cal) for i in range(10_000)]
    gen = time.perf_counter() - t0
    lines = "\n".join(unique * 10)
    now = dt.datetime(2026, 11, 23, 9, tzinfo=CST)
    best = min(timed(lambda: shegong.evaluate_histories(lines.splitlines(), now)) for _ in range(3))
    result = shegong.evaluate_histories(lines.splitlines(), now)
    rows, cases = len(result.obligations["rule"]), len(result.cases["case"])
    print(f"{'100,000 histories x 11 events, JSON Lines in memory (str)':<58}{best:>12.3f} s   ({cases} cases, {rows} obligations, chains verified)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.jsonl"
        path.write_text(lines, encoding="utf-8")
        best = min(timed(lambda: shegong.evaluate_jsonl(path, now)) for _ in range(3))
        print(f"{'100,000 histories from a JSON Lines file, evaluated':<58}{best:>12.3f} s   (target <= 1.0 s; generating 10,000 unique histories took {gen:.1f} s)")
        # The result read as Arrow tables (what pandas ArrowDtype, Polars, DuckDB take), and as
        # dicts of lists (4 million Python objects); each built only when asked for.
        arrow = lambda r: (r.to_arrow("obligations").__arrow_c_stream__(), r.to_arrow("cases").__arrow_c_stream__())
        best = min(timed(lambda: arrow(shegong.evaluate_jsonl(path, now))) for _ in range(3))
        print(f"{'  ... and read as Arrow tables':<58}{best:>12.3f} s")
        dicts = lambda r: (r.obligations, r.cases)
        best = min(timed(lambda: dicts(shegong.evaluate_jsonl(path, now))) for _ in range(3))
        print(f"{'  ... and read as dicts of lists':<58}{best:>12.3f} s")

    imports = []
    for _ in range(7):
        out = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); import shegong; print(time.perf_counter()-t)"],
                             capture_output=True, text=True, check=True)
        imports.append(float(out.stdout))
    print(f"{'import shegong (best of 7, fresh interpreter)':<58}{min(imports)*1e3:>11.1f} ms   (target <= 50 ms)")


def numpy_add_workdays(cal: shegong.Calendar, n: int):
    """The peer a researcher would write: a table of every working day over the calendar's
    range (from `is_workday`, once), then `searchsorted` on it per column. Same convention as
    `add_workdays` for n > 0: the n-th working day strictly after each date."""
    import numpy as np

    first, last = cal.first_date, cal.last_date
    days = np.arange(np.datetime64(first), np.datetime64(last) + 1)
    working = np.array([cal.is_workday(d) for d in days.astype(object)])
    workdays = days[working]

    def add(dates):
        # Working days up to and including each date, then the n-th after it.
        through = np.searchsorted(workdays, dates, side="right")
        k = through + (n - 1)
        if (k >= len(workdays)).any() or (dates < days[0]).any() or (dates > days[-1]).any():
            raise ValueError("outside the calendar")
        return workdays[k]

    return add


def columnar(cal: shegong.Calendar, ds: list[dt.date]) -> None:
    """1,000,000 dates as Arrow date32 and numpy datetime64[D], answered by the columnar
    calendar and by the numpy peer, in the same run; the answers are checked equal."""
    import numpy as np
    import pyarrow as pa

    as_numpy = np.array(ds, dtype="datetime64[D]")
    as_arrow = pa.array(ds, pa.date32())
    peer = numpy_add_workdays(cal, 10)
    want = peer(as_numpy)
    assert (cal.add_workdays_array(as_numpy, 10) == want).all()
    assert pa.array(cal.add_workdays_array(as_arrow, 10)).to_numpy(zero_copy_only=False).tolist() == want.tolist()
    p = min(timed(lambda: peer(as_numpy)) for _ in range(5))
    for name, column in (("Arrow date32", as_arrow), ("numpy datetime64[D]", as_numpy)):
        ours = min(timed(lambda: cal.add_workdays_array(column, 10)) for _ in range(5))
        label = f"1,000,000 add_workdays_array from {name}"
        print(f"{label:<58}{ours*1e3:>11.1f} ms   (target <= 20 ms; numpy searchsorted peer {p*1e3:.1f} ms, ratio {p/ours:.2f}x)")


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
