"""Times the PyPI package `chinesecalendar` on the workloads of core/benches/calendar.rs.

Prints one line per workload: `<name> <nanoseconds per call> <calls>`. The dates are the same
xorshift sequence the Rust benchmark draws (2004-01-01 + x mod 8036 days), so both sides answer
the same questions. The peer's calls are bounded: its one-year get_workdays takes ~10 ms.
"""
import datetime as dt
import sys
import time

import chinese_calendar as cc


def dates(n):
    start = dt.date(2004, 1, 1)
    x = 0x9E3779B97F4A7C15
    mask = (1 << 64) - 1
    out = []
    for _ in range(n):
        x ^= (x << 13) & mask
        x ^= x >> 7
        x ^= (x << 17) & mask
        out.append(start + dt.timedelta(days=x % 8036))
    return out


def per_call(fn, items, budget_s=3.0):
    """Runs fn over items until they are used up or the time budget is spent."""
    t0 = time.perf_counter()
    done = 0
    for item in items:
        fn(item)
        done += 1
        if done % 64 == 0 and time.perf_counter() - t0 > budget_s:
            break
    return (time.perf_counter() - t0) / done * 1e9, done


def main():
    ds = dates(4096)
    year = dt.timedelta(days=365)
    rows = [
        ("is_workday", *per_call(cc.is_workday, ds)),
        ("add_workdays_10", *per_call(lambda d: cc.find_workday(10, d), ds)),
        ("workdays_between_365d", *per_call(lambda d: len(cc.get_workdays(d, d + year)), ds[:400])),
    ]
    for name, ns, calls in rows:
        print(f"{name} {ns:.1f} {calls}")


if __name__ == "__main__":
    sys.exit(main())
