"""A case history exported by the reference event store (store/, issue 17) reads back through
the binding byte for byte: `[records-authentic]` across Rust, the database and Python."""

import pathlib

import shegong

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "store" / "tests" / "fixtures" / "stored-case.json"


def test_store_exported_case_round_trips_byte_for_byte():
    # [records-authentic]: the store's export is core's stored format, head included.
    text = FIXTURE.read_text(encoding="utf-8").rstrip("\n")
    case = shegong.Case.from_json(text)
    assert case.to_json() == text
    assert case.head in text
