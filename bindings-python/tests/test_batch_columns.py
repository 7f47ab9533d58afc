"""The batch columns (issue 13, item 2): each column's type, unit and null meaning, as the
README's table documents them, checked on a pandas DataFrame built from the result.

The histories are those of tests/vectors/report/lateness-units.json (made by the Rust core):
crisis reports [crisis-immediate] 3 hours late, on time and overdue by half an hour; replies
[consult-reply-5wd] 2 working days late, late only by a day off, overdue, and one due in
2027, past the calendar's data [calendar-provisional]."""

import datetime as dt
import json
import math

import pytest

import shegong
from conftest import CST, VECTORS

pd = pytest.importorskip("pandas")

OBLIGATION_COLUMNS = [
    "index", "case", "client_id", "worker", "stage", "rule", "status", "on_time", "due_date",
    "due_at", "days_late", "working_days_late", "hours_late", "reason", "provisional",
]
CASE_COLUMNS = [
    "index", "case", "client_id", "worker", "stage", "opened", "closed", "days_open", "sessions",
    "home_visits", "obligations", "overdue", "met_late",
]
NOW = dt.datetime(2026, 12, 31, 9, tzinfo=CST)


@pytest.fixture(scope="module")
def texts():
    v = json.loads((VECTORS / "report" / "lateness-units.json").read_text(encoding="utf-8"))
    assert dt.datetime.fromisoformat(v["now"]) == NOW
    return [h["json"] for h in v["histories"]]


@pytest.fixture(scope="module")
def frame(texts):
    result = shegong.evaluate_histories(texts, NOW)
    assert result.errors["index"] == []
    return pd.DataFrame(result.obligations)


def one(frame, case, rule):
    rows = frame[(frame["case"] == case) & (frame["rule"] == rule)]
    assert len(rows) == 1, (case, rule)
    return rows.iloc[0]


def test_the_columns_are_the_documented_ones(texts):
    result = shegong.evaluate_histories(texts, NOW)
    assert list(result.obligations) == OBLIGATION_COLUMNS
    assert list(result.cases) == CASE_COLUMNS
    assert list(result.errors) == ["index", "code", "message"]
    # Every column has one value per row.
    assert {len(v) for v in result.obligations.values()} == {len(result.obligations["rule"])}


def test_client_id_not_name_pipl(texts):
    """The research export is minimised: the client's platform id, never the name."""
    result = shegong.evaluate_histories(texts, NOW)
    assert result.obligations["client_id"][0] == "client-0101"
    assert result.cases["client_id"][0] == "client-0101"
    everything = json.dumps([result.obligations, result.cases], default=str, ensure_ascii=False)
    assert "王阿姨" not in everything


def test_on_time_is_bool_or_none(frame):
    assert set(frame["on_time"].map(repr)) <= {"True", "False", "None"}
    assert frame.loc[frame.status == "overdue", "on_time"].eq(False).all()
    assert frame.loc[frame.status.isin(["pending", "at_risk", "released", "not_computable"]), "on_time"].isna().all()


def test_late_crisis_report_is_hours_late_never_zero_days_crisis_immediate(frame):
    """The defect of issue 13: a crisis report 3 hours late showed days_late 0."""
    late = one(frame, "SZ-2026-0101", "crisis-immediate")
    assert (late.status, late.on_time, late.hours_late) == ("met", False, 3)
    assert math.isnan(late.days_late) and math.isnan(late.working_days_late)
    assert late.due_date is None
    assert late.due_at == dt.datetime(2026, 12, 2, 10, tzinfo=CST)
    on_time = one(frame, "SZ-2026-0102", "crisis-immediate")
    assert (on_time.on_time, on_time.hours_late) == (True, 0)
    # Overdue by half an hour: 1 started hour, never 0.
    overdue = one(frame, "SZ-2026-0103", "crisis-immediate")
    assert (overdue.status, overdue.on_time, overdue.hours_late) == ("overdue", False, 1)
    # The crisis late rate a researcher computes: 2 of the 3 reports.
    crisis = frame[frame.rule == "crisis-immediate"]
    assert crisis["on_time"].eq(False).mean() == pytest.approx(2 / 3)


def test_units_and_dtypes_in_pandas(frame):
    # Integers with nulls become float64 with NaN in pandas; the values are whole numbers.
    for column in ["days_late", "working_days_late", "hours_late"]:
        assert frame[column].dtype == "float64", column
        assert (frame[column].dropna() % 1 == 0).all() and (frame[column].dropna() >= 0).all()
    # Instants keep their offset: a time-zone-aware column, NaT for day-based rules.
    assert isinstance(frame["due_at"].dtype, pd.DatetimeTZDtype)
    assert frame.loc[frame.due_at.notna(), "rule"].isin(["crisis-immediate"]).all()
    # Calendar dates stay datetime.date objects (no time zone to shift them).
    assert all(isinstance(d, dt.date) for d in frame["due_date"].dropna())
    assert frame["provisional"].dtype == bool


def test_day_rules_days_and_working_days_consult_reply_5wd(frame):
    late = one(frame, "SZ-2026-0104", "consult-reply-5wd")
    assert (late.on_time, late.days_late, late.working_days_late) == (False, 2, 2)
    assert late.due_date == dt.date(2026, 12, 8) and pd.isna(late.due_at) and math.isnan(late.hours_late)
    # Replied on Saturday after a Friday due date: 1 calendar day, 0 working days late.
    day_off = one(frame, "SZ-2026-0105", "consult-reply-5wd")
    assert (day_off.on_time, day_off.days_late, day_off.working_days_late) == (False, 1, 0)
    overdue = one(frame, "SZ-2026-0106", "consult-reply-5wd")
    assert (overdue.status, overdue.days_late, overdue.working_days_late) == ("overdue", 10, 8)
    # Not late yet: 0, not null.
    pending = frame[frame.status.isin(["pending", "at_risk"]) & frame.due_at.isna()]
    assert (pending["days_late"] == 0).all() and (pending["working_days_late"] == 0).all()


def test_not_computable_has_no_lateness_and_a_reason_calendar_provisional(frame):
    rows = frame[frame.status == "not_computable"]
    assert len(rows) > 0
    for column in ["on_time", "due_date", "due_at", "days_late", "working_days_late", "hours_late"]:
        assert rows[column].isna().all(), column
    assert rows["reason"].map(lambda r: isinstance(r, str) and "2026-12-31" in r).all()
    assert frame.loc[frame.status != "not_computable", "reason"].isna().all()


def test_batch_agrees_with_the_per_case_obligations(texts):
    """Lateness is the same in RuleSet.obligations and in the batch, row for row."""
    rules, cal = shegong.RuleSet.preset(), shegong.Calendar.china()
    result = shegong.evaluate_histories(texts, NOW)
    cols = result.obligations
    k = 0
    for text in texts:
        for o in rules.obligations(shegong.Case.from_json(text), cal, NOW):
            status = o["status"]
            assert (cols["rule"][k], cols["status"][k]) == (o["rule"], status["status"])
            if status["status"] == "met":
                assert cols["on_time"][k] is status["on_time"]
                if not status["on_time"] and "due_at" in o:
                    late = status["at"] - o["due_at"]
                    assert cols["hours_late"][k] == status["hours_late"] == math.ceil(late / dt.timedelta(hours=1))
                elif not status["on_time"]:
                    assert cols["days_late"][k] == (status["on"] - o["due_date"]).days
                    assert cols["working_days_late"][k] == status["working_days_late"]
            if status["status"] == "overdue":
                assert cols["on_time"][k] is False
                unit = "hours_late" if "due_at" in o else "days_late"
                assert cols[unit][k] == status["hours" if "due_at" in o else "days"] >= 1
            k += 1
    assert k == len(cols["rule"])


def test_explanations_count_honestly(texts):
    rules, cal = shegong.RuleSet.preset(), shegong.Calendar.china()
    text = {json.loads(t)["case_number"]: t for t in texts}

    def explanation(case, rule):
        obs = rules.obligations(shegong.Case.from_json(text[case]), cal, NOW)
        return next(o["explanation"] for o in obs if o["rule"] == rule)

    assert explanation("SZ-2026-0101", "crisis-immediate").endswith("met at 2026-12-02T13:00:00+08:00, 3 hours late")
    assert explanation("SZ-2026-0103", "crisis-immediate").endswith("overdue by 1 hour")
    assert explanation("SZ-2026-0105", "consult-reply-5wd").endswith("met on 2026-12-12, 1 calendar day late")
    assert explanation("SZ-2026-0104", "consult-reply-5wd").endswith("met on 2026-12-10, 2 working days late")
