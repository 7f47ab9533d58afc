"""Arrow in and out (issue 13, item 3): the batch tables through the Arrow PyCapsule interface,
row for row the dict-of-lists path; Arrow string columns of histories in; and the columnar
calendar, answer for answer the per-date API [calendar-workdays] [deadline-counting], with a
typed error for a date the data does not cover [calendar-provisional]."""

import datetime as dt
import json
import random

import pytest

import shegong
from conftest import VECTORS

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
np = pytest.importorskip("numpy")

CAL = shegong.Calendar.china()
TABLES = ["obligations", "cases", "errors"]


@pytest.fixture(scope="module")
def vector():
    v = json.loads((VECTORS / "report" / "lateness-units.json").read_text(encoding="utf-8"))
    return [h["json"] for h in v["histories"]], dt.datetime.fromisoformat(v["now"])


@pytest.fixture(scope="module")
def texts(vector):
    """The vector's histories, one of them broken, so that every table has rows."""
    return [*vector[0], "{not json", vector[0][0]]


def rows(columns):
    names = list(columns)
    return [dict(zip(names, values)) for values in zip(*columns.values())]


@pytest.mark.parametrize("table", TABLES)
def test_arrow_tables_are_the_dict_columns_row_for_row_in_pyarrow(texts, vector, table):
    result = shegong.evaluate_histories(texts, vector[1])
    arrow = pa.table(result.to_arrow(table))
    expected = getattr(result, table)
    assert arrow.column_names == list(expected) == result.to_arrow(table).column_names
    assert arrow.num_rows == len(result.to_arrow(table)) > 0
    assert arrow.to_pylist() == rows(expected)


@pytest.mark.parametrize("table", TABLES)
def test_arrow_tables_are_the_dict_columns_row_for_row_in_polars(texts, vector, table):
    result = shegong.evaluate_histories(texts, vector[1])
    frame = pl.DataFrame(result.to_arrow(table))
    assert frame.columns == list(getattr(result, table))
    got = frame.to_dicts()
    want = rows(getattr(result, table))
    # Polars keeps the instant and shows it in the column's zone: compare instants.
    for row in got + want:
        if row.get("due_at") is not None:
            row["due_at"] = row["due_at"].timestamp()
    assert got == want


def test_arrow_types_are_proper_ones(texts, vector):
    schema = pa.table(shegong.evaluate_histories(texts, vector[1]).to_arrow()).schema
    want = {
        "index": pa.int64(), "case": pa.string(), "client_id": pa.string(), "worker": pa.string(),
        "stage": pa.string(), "rule": pa.string(), "status": pa.string(), "on_time": pa.bool_(),
        "due_date": pa.date32(), "due_at": pa.timestamp("us", tz="+08:00"), "days_late": pa.int64(),
        "working_days_late": pa.int64(), "hours_late": pa.int64(), "reason": pa.string(),
        "provisional": pa.bool_(),
    }
    assert {f.name: f.type for f in schema} == want
    # The documented never-null columns say so in the schema.
    assert [f.name for f in schema if not f.nullable] == ["index", "case", "client_id", "worker", "stage", "rule", "status", "provisional"]


def test_arrow_table_goes_to_pandas_with_arrow_dtypes(texts, vector):
    pd = pytest.importorskip("pandas")
    result = shegong.evaluate_histories(texts, vector[1])
    frame = pa.table(result.to_arrow()).to_pandas(types_mapper=pd.ArrowDtype)
    assert str(frame["due_date"].dtype) == "date32[day][pyarrow]"
    assert pd.DataFrame(result.obligations).equals(pa.table(result.to_arrow()).to_pandas())


def test_to_arrow_names_the_three_tables():
    result = shegong.evaluate_histories([], dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc))
    with pytest.raises(ValueError, match="obligations"):
        result.to_arrow("obligation")
    assert [len(result.to_arrow(t)) for t in TABLES] == [0, 0, 0]


@pytest.mark.parametrize("make", [
    lambda t: pa.array(t),
    lambda t: pa.array(t, pa.large_string()),
    lambda t: pa.array(t, pa.string_view()),
    lambda t: pa.chunked_array([t[:2], t[2:]]),
    lambda t: pl.Series(t),
], ids=["string", "large_string", "string_view", "chunked", "polars"])
def test_arrow_string_columns_in_give_the_list_result(texts, vector, make):
    want = shegong.evaluate_histories(texts, vector[1])
    got = shegong.evaluate_histories(make(texts), vector[1])
    for table in TABLES:
        assert getattr(got, table) == getattr(want, table), table


def test_a_null_history_in_arrow_is_an_error_row(vector):
    texts, now = vector
    got = shegong.evaluate_histories(pa.array([texts[0], None]), now)
    assert got.errors == {"index": [1], "code": ["malformed"], "message": ["history is null"]}
    assert got.cases["index"] == [0]


def test_an_arrow_column_that_is_not_text_is_iterated_and_refused(vector):
    with pytest.raises(TypeError):
        shegong.evaluate_histories(pa.array([1, 2]), vector[1])


# The columnar calendar.

def random_dates(n, seed=13):
    """Dates over the whole official data, a few days in from each end."""
    rng = random.Random(seed)
    first, span = dt.date(2004, 2, 1), (dt.date(2026, 11, 30) - dt.date(2004, 2, 1)).days
    return [first + dt.timedelta(days=rng.randrange(span)) for _ in range(n)]


@pytest.fixture(scope="module")
def dates():
    return random_dates(10_000)


def as_numpy(ds):
    return np.array([d.isoformat() if d else "NaT" for d in ds], dtype="datetime64[D]")


@pytest.mark.parametrize("n", [-7, -1, 0, 1, 5, 10])
def test_add_workdays_array_is_the_per_date_answer_deadline_counting(dates, n):
    want = [CAL.add_workdays(d, n) for d in dates]
    got = pa.array(CAL.add_workdays_array(pa.array(dates, pa.date32()), n))
    assert got.type == pa.date32() and got.to_pylist() == want
    got = CAL.add_workdays_array(as_numpy(dates), n)
    assert got.dtype == np.dtype("datetime64[D]") and got.tolist() == want
    assert pl.Series(CAL.add_workdays_array(pl.Series(dates), n)).to_list() == want


def test_is_workday_array_is_the_per_date_answer_calendar_workdays(dates):
    want = [CAL.is_workday(d) for d in dates]
    assert pa.array(CAL.is_workday_array(pa.array(dates))).to_pylist() == want
    got = CAL.is_workday_array(as_numpy(dates))
    assert got.dtype == np.dtype(bool) and got.tolist() == want


def test_workdays_between_array_is_the_per_date_answer_calendar_workdays(dates):
    ends = random_dates(10_000, seed=14)
    want = [CAL.workdays_between(a, b) for a, b in zip(dates, ends)]
    got = pa.array(CAL.workdays_between_array(pa.array(dates), pa.array(ends)))
    assert got.type == pa.int64() and got.to_pylist() == want
    got = CAL.workdays_between_array(as_numpy(dates), as_numpy(ends))
    assert got.dtype == np.dtype("int64") and got.tolist() == want


def test_nulls_stay_null_in_arrow_and_nat_in_numpy_add_workdays():
    ds = [dt.date(2026, 2, 13), None, dt.date(2025, 1, 28)]
    want = [dt.date(2026, 2, 14), None, dt.date(2025, 2, 5)]
    assert pa.array(CAL.add_workdays_array(pa.array(ds, pa.date32()), 1)).to_pylist() == want
    assert CAL.add_workdays_array(as_numpy(ds), 1).tolist() == want
    assert pa.array(CAL.is_workday_array(pa.array(ds, pa.date32()))).to_pylist() == [True, None, False]
    between = CAL.workdays_between_array(pa.array(ds, pa.date32()), pa.array(list(reversed(ds)), pa.date32()))
    assert pa.array(between).null_count == 1


@pytest.mark.parametrize("call", [
    lambda a: CAL.is_workday_array(a),
    lambda a: CAL.workdays_between_array(a, a),
])
def test_nat_where_numpy_has_no_null_is_invalid_input(call):
    with pytest.raises(shegong.InvalidInput, match="position 1"):
        call(as_numpy([dt.date(2026, 2, 13), None]))


@pytest.mark.parametrize("bad", [dt.date(2003, 12, 31), dt.date(2027, 1, 1)])
@pytest.mark.parametrize("kind", ["arrow", "numpy"])
def test_dates_outside_the_data_raise_calendar_range_error_calendar_provisional(bad, kind):
    ds = [dt.date(2026, 2, 13), bad]
    column = pa.array(ds) if kind == "arrow" else as_numpy(ds)
    for call in (lambda: CAL.add_workdays_array(column, 1), lambda: CAL.is_workday_array(column),
                 lambda: CAL.workdays_between_array(column, column)):
        with pytest.raises(shegong.CalendarRangeError) as info:
            call()
        assert info.value.rule_id == "calendar-provisional"


def test_an_answer_outside_the_data_is_result_out_of_range_calendar_provisional():
    with pytest.raises(shegong.ResultOutOfRange):
        CAL.add_workdays_array(pa.array([dt.date(2026, 12, 30)]), 10)


def test_days_no_date_can_be_are_calendar_range_errors_not_wraps():
    with pytest.raises(shegong.CalendarRangeError):
        CAL.is_workday_array(np.array([2**40], dtype="datetime64[D]"))
    with pytest.raises(shegong.CalendarRangeError):
        CAL.is_workday_array(pa.array([2**31 - 1], pa.date32()))


def test_a_provisional_calendar_answers_later_years_by_column_too():
    prov = CAL.with_provisional(True)
    d = dt.date(2027, 3, 1)
    assert pa.array(prov.add_workdays_array(pa.array([d]), 3)).to_pylist() == [prov.add_workdays(d, 3)]


@pytest.mark.parametrize("bad", [
    [dt.date(2026, 1, 5)],
    "2026-01-05",
])
def test_columns_that_are_not_date_arrays_are_type_errors(bad):
    with pytest.raises(TypeError, match="date32"):
        CAL.is_workday_array(bad)


def test_wrong_arrow_and_numpy_types_are_type_errors():
    with pytest.raises(TypeError, match="not Arrow"):
        CAL.is_workday_array(pa.array([dt.datetime(2026, 1, 5)]))
    with pytest.raises(TypeError, match="datetime64"):
        CAL.is_workday_array(np.array(["2026-01-05"], dtype="datetime64[ns]"))


def test_unequal_lengths_are_invalid_input():
    with pytest.raises(shegong.InvalidInput):
        CAL.workdays_between_array(pa.array([dt.date(2026, 1, 5)]), pa.array([], pa.date32()))


def test_arrow_array_repr_and_len():
    a = CAL.add_workdays_array(pa.array([dt.date(2026, 1, 5), None], pa.date32()), 1)
    assert (len(a), a.type, a.null_count) == (2, "Date32", 1)
    assert repr(a) == "ArrowArray(type=Date32, len=2, nulls=1)"


class Producer:
    """An Arrow producer handing over whatever arrays it holds, checked or not."""

    def __init__(self, array):
        self.array = array

    def __arrow_c_array__(self, requested_schema=None):
        return self.array.__arrow_c_array__(requested_schema)


def unchecked_strings(offsets, data):
    """A utf8 array built from raw buffers, which pyarrow does not check."""
    return pa.Array.from_buffers(
        pa.string(), len(offsets) - 1, [None, pa.py_buffer(np.array(offsets, dtype="int32").tobytes()), pa.py_buffer(data)]
    )


@pytest.mark.parametrize("bad", [
    unchecked_strings([0, 1], b"\xff"),  # not UTF-8
    unchecked_strings([0, 5, 2], b"abcde"),  # offsets fall back
])
def test_arrow_data_that_is_not_valid_is_refused_before_a_value_is_read(vector, bad):
    # The C data interface trusts its producer; what can be checked is checked whole first.
    with pytest.raises(shegong.InvalidInput, match="not valid"):
        shegong.evaluate_histories(Producer(bad), vector[1])


def test_a_valid_producer_is_read(vector):
    got = shegong.evaluate_histories(Producer(pa.array(vector[0])), vector[1])
    want = shegong.evaluate_histories(vector[0], vector[1])
    assert [got.obligations, got.cases, got.errors] == [want.obligations, want.cases, want.errors]


def test_a_numpy_masked_array_is_refused_not_read_without_its_mask():
    days = np.array(["2026-01-05", "2026-01-06"], dtype="datetime64[D]")
    masked = np.ma.masked_array(days, mask=[False, True])
    for call in (lambda: CAL.add_workdays_array(masked, 1), lambda: CAL.is_workday_array(masked),
                 lambda: CAL.workdays_between_array(masked, days)):
        with pytest.raises(TypeError, match="masked"):
            call()
    # Filled with NaT as the message says, the masked day comes back NaT.
    filled = CAL.add_workdays_array(masked.filled(np.datetime64("NaT")), 1)
    assert np.isnat(filled[1]) and filled[0] == np.datetime64("2026-01-06")


def test_a_numpy_array_of_another_layout_is_named_in_the_type_error():
    with pytest.raises(TypeError, match=r">M8\[D\].*native byte order"):
        CAL.is_workday_array(np.array(["2026-01-05"], dtype=">M8[D]"))
    with pytest.raises(TypeError, match="2 dimension"):
        CAL.is_workday_array(np.array([["2026-01-05"]], dtype="datetime64[D]"))
