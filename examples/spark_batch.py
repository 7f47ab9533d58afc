"""The batch evaluation scaled out on Apache Spark: histories in a Spark DataFrame, evaluated by
`shegong.evaluate_histories` inside `mapInArrow` (Arrow batches in, Arrow batches out, no row
objects), then checked row for row against the same evaluation in-process.

Run: python examples/spark_batch.py [HISTORIES]   (needs the shegong wheel, pyspark, pyarrow
and Java 17; runs Spark in local[2] mode). On a cluster the same job runs unchanged once every
executor can import shegong: see the binding's README, "Spark".
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
import warnings
from typing import Iterator

import pyarrow as pa

import shegong
from analysis import build_case  # the researcher's example: a year of sample histories

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 23, 9, tzinfo=CST)

# The Spark schemas of the two outputs: the batch columns (README, "The batch columns"), with
# `history` (the row's id in the input) in place of the batch-local `index`.
OBLIGATIONS = (
    "history long, `case` string, client_id string, worker string, stage string, rule string, "
    "status string, on_time boolean, due_date date, due_at timestamp, days_late long, "
    "working_days_late long, hours_late long, reason string, provisional boolean"
)
CASES = (
    "history long, `case` string, client_id string, worker string, stage string, opened date, "
    "closed date, days_open long, sessions long, home_visits long, obligations long, "
    "overdue long, met_late long"
)


def evaluate(table: str):
    """A `mapInArrow` function: each Arrow batch of (id, history) rows is evaluated by
    shegong, and its `table` leaves as Arrow, the batch index mapped back to the input id."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            # The history column goes in as Arrow, read in place.
            result = shegong.evaluate_histories(batch.column("history"), NOW)
            errors = pa.table(result.to_arrow("errors"))
            if errors.num_rows:
                raise ValueError(f"unreadable histories: {errors.to_pylist()[:3]}")
            out = pa.table(result.to_arrow(table))
            ids = batch.column("id").take(out.column("index"))
            out = out.drop_columns(["index"]).add_column(0, "history", ids)
            # Spark holds instants in UTC; the value is the same instant.
            if "due_at" in out.column_names:
                i = out.column_names.index("due_at")
                out = out.set_column(i, "due_at", out.column("due_at").cast(pa.timestamp("us", tz="UTC")))
            yield from out.to_batches()

    return run


def in_process(texts: list[str], table: str) -> list[dict]:
    rows = pa.table(shegong.evaluate_histories(texts, NOW).to_arrow(table)).to_pylist()
    for row in rows:
        row["history"] = row.pop("index")
    return rows


def same(spark_rows: list[dict], local_rows: list[dict]) -> None:
    """Identical rows: same columns and values, instants compared as instants."""
    # Spark returns each partition's rows in order; sorted stably by history the order within
    # a history (the core's) is kept.
    spark_rows = sorted(spark_rows, key=lambda r: r["history"])
    assert len(spark_rows) == len(local_rows), (len(spark_rows), len(local_rows))
    for got, want in zip(spark_rows, local_rows):
        assert set(got) == set(want), (sorted(got), sorted(want))
        for key, value in want.items():
            assert got[key] == value, (key, got[key], value, want["history"])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    cal = shegong.Calendar.china()
    rng = random.Random(2026)
    t0 = time.perf_counter()
    texts = [build_case(i, rng, cal).to_json() for i in range(n)]
    print(f"generated {n} histories in {time.perf_counter() - t0:.1f} s")

    # Executors in local mode run this interpreter, where shegong is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # pyspark warns about pandas 3 on every Arrow call; this example hands it no pandas.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("shegong-batch")
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Arrow batches of 500 histories: each is one evaluate_histories call.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        source = pa.table({"id": pa.array(range(n), pa.int64()), "history": pa.array(texts)})
        histories = spark.createDataFrame(source).repartition(2).cache()
        histories.count()

        t0 = time.perf_counter()
        obligations = histories.mapInArrow(evaluate("obligations"), OBLIGATIONS).toArrow()
        took = time.perf_counter() - t0
        cases = histories.mapInArrow(evaluate("cases"), CASES).toArrow()
    finally:
        spark.stop()

    same(obligations.to_pylist(), in_process(texts, "obligations"))
    same(cases.to_pylist(), in_process(texts, "cases"))
    late = sum(1 for r in obligations.to_pylist() if r["on_time"] is False)
    print(f"spark local[2]: {n} histories -> {obligations.num_rows} obligations ({late} late), "
          f"{cases.num_rows} cases; identical to evaluate_histories in-process")
    print(f"spark local[2]: {n / took:,.0f} histories/s ({took:.2f} s for the obligations job, "
          f"Spark's own overhead included)")


if __name__ == "__main__":
    main()
