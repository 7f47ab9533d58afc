"""Regression tests for the defects of the binding's boundary (issue 11), each named after the
defect it covers. The malformed-input table (tests/malformed/) runs the dangerous inputs in a
child process; these run the fixed paths in process."""

import datetime as dt
import io
import os
import subprocess
import sys

import pytest

import shegong
from conftest import ev, t

ID = "11010519491231002X"


def _deep_list(depth):
    x = []
    for _ in range(depth):
        x = [x]
    return x


def _note(**extra):
    return ev("2026-09-30", "w-li", "worker", {"type": "note_added", "text": "x", **extra})


def test_list_nested_7000_deep_segfaulted_case_apply(opened_case):
    before = opened_case.to_json()
    with pytest.raises(shegong.LimitExceeded) as info:
        opened_case.apply(_note(extra=_deep_list(7000)))
    assert isinstance(info.value, shegong.ShegongError) and info.value.code == "limit_exceeded"
    assert opened_case.to_json() == before


def test_self_containing_dict_segfaulted_validate_record():
    d = {"kind": "daily_summary"}
    d["self"] = d
    with pytest.raises(shegong.CyclicInput) as info:
        shegong.validate_record(d)
    assert isinstance(info.value, shegong.MalformedData)
    loop = []
    loop.append(loop)
    with pytest.raises(shegong.CyclicInput):
        shegong.Case.replay(loop)


def test_nesting_at_the_limit_is_still_read():
    # Shared (not cyclic) references are fine: the same dict twice is no cycle.
    shared = {"id": "w-li", "role": "worker"}
    assert shegong.parse_event  # the limit is on depth, not on size
    with pytest.raises(shegong.MalformedData):
        shegong.Case.replay([{"actor": shared, "other": shared}])


def test_out_of_range_ints_raised_bare_overflow_error():
    assert issubclass(shegong.OutOfRange, shegong.ShegongError) and issubclass(shegong.OutOfRange, ValueError)
    i = shegong.IdNumber(ID)
    calls = [
        lambda: i.masked(2**64, 1),
        lambda: i.masked(-1, 4),
        lambda: shegong.direct_share(shegong.annual_hours(), percent=2**32),
        lambda: shegong.annual_hours_from_calendar(shegong.Calendar.china(), 2**31),
        lambda: shegong.case_number("SZ", 2026, -1),
        lambda: shegong.Calendar.china().add_workdays(dt.date(2026, 1, 5), 10**100),
        lambda: shegong.annual_hours({"public_holidays": 2**64}),
        lambda: shegong.fee_cap("local", 2**40),
    ]
    for call in calls:
        with pytest.raises(shegong.OutOfRange) as info:
            call()
        assert info.value.code == "value_out_of_range" and not isinstance(info.value, OverflowError)


def test_case_apply_unknown_event_type_raised_malformed_data(opened_case):
    before = opened_case.to_json()
    with pytest.raises(shegong.UnknownEventKind):
        opened_case.apply(ev("2026-09-30", "w-li", "worker", {"type": "teleported"}))
    history = opened_case.history
    history[-1]["event"]["type"] = "teleported"
    with pytest.raises(shegong.UnknownEventKind):
        shegong.Case.replay(history)
    assert opened_case.to_json() == before


def test_offsetless_instant_in_validate_record_said_premature_end_of_input():
    record = {"kind": "consultation_record", "group": "G", "serial_number": "1", "client_name": "陈", "gender": "female",
              "phone": "13700001111", "category": "psychological", "server_name": "刘", "recorder": "何",
              "items": [{"number": 1, "question": "q", "answer": "a"}], "recorded_at": "2026-03-06T10:00:00"}
    with pytest.raises(TypeError, match="no offset"):
        shegong.validate_record(record)


def test_evaluate_histories_rejected_tuples_series_and_generators(opened_case):
    pd = pytest.importorskip("pandas")
    now = t("2026-10-13T09:00")
    text = opened_case.to_json()
    for histories in ([text], (text,), (h for h in [text]), pd.Series([text]), [text.encode()], [opened_case]):
        result = shegong.evaluate_histories(histories, now)
        assert result.cases["case"] == ["SZ-2026-0031"] and result.errors["index"] == []
    bad = shegong.evaluate_histories([text, b"\xff\xfe{", text], now)
    assert bad.errors["index"] == [1] and bad.errors["message"] == ["history is not valid UTF-8"]
    assert len(bad.cases["case"]) == 2
    with pytest.raises(TypeError, match="splitlines"):
        shegong.evaluate_histories(text, now)


def test_evaluate_jsonl_keeps_bad_lines_at_their_index_and_skips_blank_ones(opened_case, tmp_path):
    now = t("2026-10-13T09:00")
    text = opened_case.to_json().encode()
    path = tmp_path / "mixed.jsonl"
    # CRLF endings, blank lines of JSON whitespace, a line that is not UTF-8, no final newline.
    path.write_bytes(text + b"\r\n \t\r\n\n" + b"\xff\xfe{\n" + text)
    for source in (path, open(path, "rb")):
        result = shegong.evaluate_jsonl(source, now)
        assert result.errors["index"] == [1] and result.errors["message"] == ["history is not valid UTF-8"]
        assert result.errors["code"] == ["malformed"] and result.cases["index"] == [0, 2]


def test_a_lone_surrogate_gets_its_own_error_row_and_loses_no_other(opened_case):
    """A `str` with a lone surrogate has no UTF-8 form: its history (or its line) gets the
    not-UTF-8 error row, and every other input keeps its outcome row."""
    now = t("2026-10-13T09:00")
    text = opened_case.to_json()
    result = shegong.evaluate_histories([text, "\ud800", text, b"\xff", text + "\udfff"], now)
    assert result.errors["index"] == [1, 3, 4]
    assert set(result.errors["message"]) == {"history is not valid UTF-8"}
    assert result.cases["index"] == [0, 2]
    streamed = shegong.evaluate_jsonl(io.StringIO(text + "\n\ud800\n" + text + "\n"), now)
    assert streamed.errors["index"] == [1] and streamed.errors["code"] == ["malformed"]
    assert streamed.cases["index"] == [0, 2]


def test_batch_columns_are_built_once_and_only_when_read(opened_case):
    pa = pytest.importorskip("pyarrow")
    result = shegong.evaluate_histories([opened_case.to_json()] * 3, t("2026-10-13T09:00"))
    # Arrow first: the table does not need the dict of lists.
    table = pa.table(result.to_arrow("obligations"))
    assert repr(result) == "BatchResult(obligations=9, cases=3, errors=0)"
    assert result.obligations is result.obligations and result.cases is result.cases
    assert table.to_pydict()["rule"] == result.obligations["rule"]


def test_evaluate_jsonl_read_the_path_as_json_text(opened_case, tmp_path):
    now = t("2026-10-13T09:00")
    path = tmp_path / "h.jsonl"
    path.write_bytes(opened_case.to_json().encode() + b"\n\xff\n")
    for source in (path, str(path)):
        result = shegong.evaluate_jsonl(source, now)
        assert result.cases["case"] == ["SZ-2026-0031"] and result.errors["index"] == [1]
    with pytest.raises(FileNotFoundError):
        shegong.evaluate_jsonl(tmp_path / "missing.jsonl", now)
    with pytest.raises(OSError):  # a str is a path, never text: this one is too long a name
        shegong.evaluate_jsonl(opened_case.to_json(), now)
    with pytest.raises(IsADirectoryError):
        shegong.evaluate_jsonl(tmp_path, now)
    with pytest.raises(TypeError):
        shegong.evaluate_jsonl(42, now)


def test_error_messages_repeated_id_numbers_and_phones(opened_case):
    with pytest.raises(shegong.ShegongError) as info:
        opened_case.apply(ev("2026-09-30", "w-li", "worker", {"type": "note_added", "text": 110105194912310021}))
    text = " ".join(str(x) for x in (info.value, info.value.message, info.value.args))
    assert "110105194912310021" not in text


_HASH = "import shegong; print(hash(shegong.IdNumber('%s')), hash(shegong.Phone('13800131234')))" % ID


def test_hash_of_id_number_was_deterministic_across_processes():
    i = shegong.IdNumber(ID)
    assert hash(i) == hash(shegong.IdNumber(ID[:6] + ID[8:17]))  # the 15-digit form, upgraded
    assert len({i, shegong.IdNumber(ID)}) == 1 and len({shegong.Phone("13800131234"), shegong.Phone("138 0013 1234")}) == 1
    runs = {subprocess.run([sys.executable, "-c", _HASH], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED="0")).stdout for _ in range(2)}
    assert len(runs) == 2, "the same number hashed alike in two processes"


def test_a_bool_is_not_a_count():
    # `True` is an int to Python, never a number of working days.
    cal = shegong.Calendar.china()
    for call in (lambda: cal.add_workdays(dt.date(2026, 1, 5), True),
                 lambda: cal.add_workdays(dt.date(2026, 1, 5), False),
                 lambda: shegong.IdNumber("11010519491231002X").masked(True, 1)):
        with pytest.raises(TypeError, match="bool"):
            call()
    assert cal.add_workdays(dt.date(2026, 1, 5), 1) == dt.date(2026, 1, 6)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_interruptible():
    # An endless line is never kept (its memory is bounded); Ctrl-C must still stop the read.
    script = (
        "import datetime as dt, shegong, sys\n"
        "print('reading', flush=True)\n"
        "try:\n"
        "    shegong.evaluate_jsonl('/dev/zero', dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc))\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "reading"
        import signal, time
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert out.strip() == "interrupted" and proc.returncode == 0


def test_a_viewers_day_python_cannot_hold_is_out_of_range_not_a_bare_value_error():
    from test_api import _volunteer
    v = _volunteer()
    edge = dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-12)))
    viewer = v.viewer_at("general", edge)
    assert viewer.groups == []
    with pytest.raises(shegong.OutOfRange, match="outside the dates Python can hold"):
        viewer.on


def test_a_dict_with_a_key_twice_is_refused_not_last_wins():
    class Twice(str):
        """A str whose instances never equal each other: a dict then keeps both."""

        def __hash__(self):
            return 1

        def __eq__(self, other):
            return False

    spec = {Twice("base"): "china", Twice("base"): "none"}
    assert len(spec) == 2
    with pytest.raises(shegong.MalformedData, match="duplicate key `base`"):
        shegong.Calendar.from_json(spec)
