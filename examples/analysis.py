"""A researcher's analysis: case histories → DataFrame → overdue rate per rule and worker.

Builds a year of sample case histories for three workers with the library itself (every event
checked by the same rules a platform would use), stores them as JSON Lines, then evaluates
them all as of one moment with the batch API and summarises with pandas.

Run: python examples/analysis.py   (needs the shegong wheel and pandas installed)
"""

from __future__ import annotations

import datetime as dt
import pathlib
import random
import tempfile

import pandas as pd

import shegong

CST = dt.timezone(dt.timedelta(hours=8))
WORKERS = ["李社工", "陈社工", "王社工"]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CST)


def build_case(i: int, rng: random.Random, cal: shegong.Calendar) -> shegong.Case:
    worker = WORKERS[i % len(WORKERS)]
    w = {"id": worker, "role": "worker"}
    day = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 280))

    def ev(d: dt.date, actor: dict, event: dict, hour: int = 10) -> dict:
        return {"occurred_at": at(d, hour), "recorded_at": at(d, hour), "actor": actor, "event": event}

    case = shegong.Case.start(ev(day, w, {
        "type": "received", "case_number": shegong.case_number("SZ", 2026, i + 1),
        "client": {"id": f"c-{i}", "name": f"服务对象{i}"}, "source": {"kind": "voluntary"},
        "channel": "in_person", "topic": "综合"}, 9))
    if rng.random() < 0.2:
        case.apply(ev(day, w, {"type": "not_opened", "reasons": "政策咨询"}, 10))
        if rng.random() < 0.8:
            case.apply(ev(cal.add_workdays(day, rng.choice([2, 4, 7])), w, {"type": "consultation_replied", "mode": "oral", "reasons": "已告知"}))
        return case
    # [open-after-interview] and [inform-rights]: an interview and the rights explained first.
    case.apply(ev(day, w, {"type": "consultation_held", "summary": "咨询面谈", "topic": ""}, 9))
    case.apply(ev(day, w, {"type": "rights_informed", "how": "oral", "summary": "介绍申请及退出机制"}, 9))
    case.apply(ev(day, {"id": f"c-{i}", "role": "client"}, {"type": "consent_given", "consent": {
        "id": "k1", "given_by": f"服务对象{i}", "capacity": "client", "purpose": {"kind": "service"}}}, 10))
    case.apply(ev(day, w, {"type": "opened", "summary": "开案"}, 11))
    lag = rng.choice([1, 3, 4, 6, 9])
    meet = rng.choice([3, 8, 12, 15])
    later = [
        (cal.add_workdays(day, lag), 10, w, {"type": "opening_submitted", "supervisor": "张督导"}),
        (cal.add_workdays(day, lag + 1), 11, {"id": "张督导", "role": "first_line_supervisor"},
         {"type": "opening_decided", "decision": {"outcome": "approved"}}),
        (cal.add_workdays(day, meet), 15, w, {"type": "met", "kind": "session", "summary": "会谈"}),
    ]
    for d, hour, actor, event in sorted(later, key=lambda x: (x[0], x[1])):
        case.apply(ev(d, actor, event, hour))
    return case


def main() -> None:
    cal = shegong.Calendar.china()
    rng = random.Random(2026)
    cases = [build_case(i, rng, cal) for i in range(300)]
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "histories.jsonl"
        path.write_text("\n".join(c.to_json() for c in cases), encoding="utf-8")
        result = shegong.evaluate_jsonl(path, at(dt.date(2026, 11, 23), 9))
    obligations = pd.DataFrame(result.obligations)
    summaries = pd.DataFrame(result.cases)
    print(f"{len(summaries)} cases, {len(obligations)} obligations, {len(result.errors['index'])} unreadable histories\n")
    owed = obligations[obligations.status.isin(["overdue", "met", "pending", "at_risk"])].copy()
    # on_time is False for overdue and met late, in every rule's unit (hours for a crisis).
    owed["late"] = owed.on_time.eq(False)
    rate = owed.pivot_table(index="rule", columns="worker", values="late", aggfunc="mean").round(2)
    print("late rate (overdue, or met late) per rule and worker:")
    print(rate.to_string())
    print("\nmedian days open per stage:")
    print(summaries.groupby("stage")["days_open"].median().to_string())


if __name__ == "__main__":
    main()
