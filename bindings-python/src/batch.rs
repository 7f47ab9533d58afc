//! The batch API for researchers: many histories evaluated in Rust without the GIL, returned
//! as columns (dicts of lists) that `pandas.DataFrame` takes directly.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use shegong::deadline::RuleSet as CoreRules;
use shegong::report::{evaluate_batch, Batch};
use shegong::Calendar as CoreCalendar;

use crate::arrow::{batch_table, is_arrow, is_text, read_chunks, with_texts, ArrowTable, Which};
use crate::calendar::Calendar;
use crate::convert::to_checked_json;
use crate::deadline::RuleSet;
use crate::errors::{malformed, scrub, OrRaise};

/// The columns of a batch evaluation: `obligations` (one row per obligation), `cases` (one
/// row per case) and `errors` (one row per history that could not be read).
#[pyclass(frozen, module = "shegong", name = "BatchResult")]
pub struct BatchResult {
    /// One row per obligation.
    #[pyo3(get)]
    obligations: Py<PyDict>,
    /// One row per case.
    #[pyo3(get)]
    cases: Py<PyDict>,
    /// One row per unreadable history.
    #[pyo3(get)]
    errors: Py<PyDict>,
    /// The rows themselves, for `to_arrow`.
    batch: Batch,
}

#[pymethods]
impl BatchResult {
    /// One table (`"obligations"`, `"cases"` or `"errors"`) as Arrow, with the same columns
    /// as the dict of lists: `pyarrow.table(t)`, `polars.DataFrame(t)` take it without a copy.
    #[pyo3(signature = (table="obligations"))]
    fn to_arrow(&self, table: &str) -> PyResult<ArrowTable> {
        let which = match table {
            "obligations" => Which::Obligations,
            "cases" => Which::Cases,
            "errors" => Which::Errors,
            _ => {
                return Err(PyValueError::new_err(
                    "table must be \"obligations\", \"cases\" or \"errors\"",
                ))
            }
        };
        batch_table(&self.batch, which)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let len = |d: &Py<PyDict>, key: &str| {
            d.bind(py)
                .get_item(key)
                .ok()
                .flatten()
                .and_then(|l| l.len().ok())
                .unwrap_or(0)
        };
        format!(
            "BatchResult(obligations={}, cases={}, errors={})",
            len(&self.obligations, "rule"),
            len(&self.cases, "case"),
            len(&self.errors, "index")
        )
    }
}

/// Threads for a batch: the machine's parallelism, at most 8.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Python strings and dates reused across rows: workers, rules, statuses and dates repeat
/// across hundreds of thousands of rows, so each distinct value becomes one Python object.
#[derive(Default)]
struct Interned {
    strings: HashMap<String, Py<PyAny>>,
    dates: HashMap<NaiveDate, Py<PyAny>>,
}

impl Interned {
    fn string(&mut self, py: Python<'_>, s: &str) -> Py<PyAny> {
        if let Some(o) = self.strings.get(s) {
            return o.clone_ref(py);
        }
        let o = PyString::new(py, s).into_any().unbind();
        self.strings.insert(s.to_owned(), o.clone_ref(py));
        o
    }

    fn date(&mut self, py: Python<'_>, d: Option<NaiveDate>) -> PyResult<Py<PyAny>> {
        let Some(d) = d else { return Ok(py.None()) };
        if let Some(o) = self.dates.get(&d) {
            return Ok(o.clone_ref(py));
        }
        let o = d.into_pyobject(py)?.into_any().unbind();
        self.dates.insert(d, o.clone_ref(py));
        Ok(o)
    }
}

fn column<'py, T>(
    py: Python<'py>,
    rows: &[T],
    mut f: impl FnMut(&T) -> PyResult<Py<PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let items = rows.iter().map(&mut f).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn columns(py: Python<'_>, batch: Batch) -> PyResult<BatchResult> {
    let mut cache = Interned::default();
    let o = PyDict::new(py);
    let rows = &batch.obligations;
    o.set_item("index", PyList::new(py, rows.iter().map(|r| r.index))?)?;
    o.set_item("case", column(py, rows, |r| Ok(cache.string(py, &r.case)))?)?;
    o.set_item(
        "client_id",
        column(py, rows, |r| Ok(cache.string(py, &r.client_id)))?,
    )?;
    o.set_item(
        "worker",
        column(py, rows, |r| Ok(cache.string(py, &r.worker)))?,
    )?;
    o.set_item(
        "stage",
        column(py, rows, |r| Ok(cache.string(py, r.stage.name())))?,
    )?;
    o.set_item("rule", column(py, rows, |r| Ok(cache.string(py, &r.rule)))?)?;
    o.set_item(
        "status",
        column(py, rows, |r| Ok(cache.string(py, &r.status)))?,
    )?;
    o.set_item("on_time", PyList::new(py, rows.iter().map(|r| r.on_time))?)?;
    o.set_item(
        "due_date",
        column(py, rows, |r| cache.date(py, r.due_date))?,
    )?;
    o.set_item(
        "due_at",
        column(py, rows, |r| {
            Ok(r.due_at.into_pyobject(py)?.into_any().unbind())
        })?,
    )?;
    o.set_item(
        "days_late",
        PyList::new(py, rows.iter().map(|r| r.days_late))?,
    )?;
    o.set_item(
        "working_days_late",
        PyList::new(py, rows.iter().map(|r| r.working_days_late))?,
    )?;
    o.set_item(
        "hours_late",
        PyList::new(py, rows.iter().map(|r| r.hours_late))?,
    )?;
    o.set_item(
        "reason",
        PyList::new(py, rows.iter().map(|r| r.reason.as_deref()))?,
    )?;
    o.set_item(
        "provisional",
        PyList::new(py, rows.iter().map(|r| r.provisional))?,
    )?;
    let c = PyDict::new(py);
    let cs = &batch.cases;
    c.set_item("index", PyList::new(py, cs.iter().map(|r| r.index))?)?;
    c.set_item("case", column(py, cs, |r| Ok(cache.string(py, &r.case)))?)?;
    c.set_item(
        "client_id",
        column(py, cs, |r| Ok(cache.string(py, &r.client_id)))?,
    )?;
    c.set_item(
        "worker",
        column(py, cs, |r| Ok(cache.string(py, &r.worker)))?,
    )?;
    c.set_item(
        "stage",
        column(py, cs, |r| Ok(cache.string(py, r.stage.name())))?,
    )?;
    c.set_item("opened", column(py, cs, |r| cache.date(py, r.opened))?)?;
    c.set_item("closed", column(py, cs, |r| cache.date(py, r.closed))?)?;
    c.set_item(
        "days_open",
        PyList::new(py, cs.iter().map(|r| r.days_open))?,
    )?;
    c.set_item("sessions", PyList::new(py, cs.iter().map(|r| r.sessions))?)?;
    c.set_item(
        "home_visits",
        PyList::new(py, cs.iter().map(|r| r.home_visits))?,
    )?;
    c.set_item(
        "obligations",
        PyList::new(py, cs.iter().map(|r| r.obligations))?,
    )?;
    c.set_item("overdue", PyList::new(py, cs.iter().map(|r| r.overdue))?)?;
    c.set_item("met_late", PyList::new(py, cs.iter().map(|r| r.met_late))?)?;
    let e = PyDict::new(py);
    let es = &batch.errors;
    e.set_item("index", PyList::new(py, es.iter().map(|r| r.index))?)?;
    e.set_item("code", PyList::new(py, es.iter().map(|r| r.code.as_str()))?)?;
    e.set_item(
        "message",
        PyList::new(py, es.iter().map(|r| r.message.as_str()))?,
    )?;
    Ok(BatchResult {
        obligations: o.unbind(),
        cases: c.unbind(),
        errors: e.unbind(),
        batch,
    })
}

fn defaults(
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> (CoreRules, CoreCalendar) {
    (
        rules.map_or_else(CoreRules::preset, |r| r.0.clone()),
        calendar.map_or_else(CoreCalendar::china, |c| c.0.clone()),
    )
}

/// A history that is not valid UTF-8: evaluated as an empty text, so that it keeps its index
/// and gets its error row, whose message then says what was wrong.
const NOT_UTF8: &str = "history is not valid UTF-8";

/// A null in an Arrow column of histories: evaluated as an empty text, like `NOT_UTF8`.
const NULL: &str = "history is null";

/// Evaluates texts, then names the invalid-UTF-8 (or null) ones in their error rows.
fn evaluate_texts<S: AsRef<str> + Sync>(
    py: Python<'_>,
    texts: &[S],
    not_utf8: &[(usize, &str)],
    now: DateTime<FixedOffset>,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let (r, c) = defaults(rules, calendar);
    let mut batch = py
        .detach(|| evaluate_batch(texts, &r, &c, now, threads()))
        .or_raise()?;
    for row in &mut batch.errors {
        if let Some((_, why)) = not_utf8.iter().find(|(i, _)| *i == row.index) {
            "malformed".clone_into(&mut row.code);
            (*why).clone_into(&mut row.message);
        }
    }
    columns(py, batch)
}

/// Evaluates many stored histories as of `now`, each chain verified; returns columns for
/// `pandas.DataFrame`. `histories` is any iterable (list, tuple, generator, pandas Series) of
/// JSON texts (`str` or UTF-8 `bytes`), dicts as `Case.to_dict` gives, or `Case` objects.
/// JSON Lines already in memory: `evaluate_histories(text.splitlines())`. An Arrow string
/// column (a pyarrow `StringArray` or `ChunkedArray`, a Polars `Series`: anything with
/// `__arrow_c_array__` or `__arrow_c_stream__`) is read in place; a null in it becomes an
/// error row.
#[pyfunction]
#[pyo3(signature = (histories, now, rules=None, calendar=None))]
pub fn evaluate_histories(
    py: Python<'_>,
    histories: &Bound<'_, PyAny>,
    now: DateTime<FixedOffset>,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    if histories.is_instance_of::<PyString>() || histories.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "histories must be an iterable of histories, not one text: \
             for JSON Lines in memory pass text.splitlines()",
        ));
    }
    if is_arrow(histories)? {
        // Anything but a text column (or an object whose export fails, such as a pandas
        // Series of dicts) is iterated as before.
        if let Ok((chunks, ty)) = read_chunks(histories).map(|(c, t)| (c, is_text(&t))) {
            if !ty {
                return iterate(py, histories, now, rules, calendar);
            }
            let done = with_texts(&chunks, |texts| {
                let nulls: Vec<(usize, &str)> = texts
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_none())
                    .map(|(i, _)| (i, NULL))
                    .collect();
                let texts: Vec<&str> = texts.into_iter().map(Option::unwrap_or_default).collect();
                evaluate_texts(py, &texts, &nulls, now, rules, calendar)
            })?;
            return done.ok_or_else(|| {
                PyTypeError::new_err("an Arrow column of histories must hold strings throughout")
            });
        }
    }
    iterate(py, histories, now, rules, calendar)
}

/// `evaluate_histories` over any iterable, one history at a time.
fn iterate(
    py: Python<'_>,
    histories: &Bound<'_, PyAny>,
    now: DateTime<FixedOffset>,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let mut texts = Vec::new();
    let mut not_utf8 = Vec::new();
    for (i, h) in histories.try_iter()?.enumerate() {
        let h = h?;
        if let Ok(s) = h.cast::<PyString>() {
            texts.push(s.to_cow()?.into_owned());
        } else if let Ok(b) = h.cast::<PyBytes>() {
            match std::str::from_utf8(b.as_bytes()) {
                Ok(s) => texts.push(s.to_owned()),
                Err(_) => {
                    not_utf8.push((i, NOT_UTF8));
                    texts.push(String::new());
                }
            }
        } else if let Ok(case) = h.extract::<PyRef<'_, crate::case::Case>>() {
            texts.push(case.0.to_json().map_err(|e| malformed(&e.to_string()))?);
        } else {
            texts.push(to_checked_json(&h)?.to_string());
        }
    }
    evaluate_texts(py, &texts, &not_utf8, now, rules, calendar)
}

/// An I/O error as Python's own: `OSError(errno, strerror, filename)` becomes its subclass
/// (`FileNotFoundError`, `PermissionError`, `IsADirectoryError`, …).
fn io_error(e: &std::io::Error, path: &std::path::Path) -> PyErr {
    match e.raw_os_error() {
        Some(code) => PyOSError::new_err((code, e.to_string(), scrub(&path.display().to_string()))),
        None => PyOSError::new_err(e.to_string()),
    }
}

/// Evaluates a JSON Lines file, one stored history per line, as of `now`; returns columns for
/// `pandas.DataFrame`. `source` is a path (`str` or `os.PathLike`) or an open file (text or
/// binary); a `str` is always a path, never JSON text: JSON Lines already in memory go
/// through `evaluate_histories(text.splitlines())`.
#[pyfunction]
#[pyo3(signature = (source, now, rules=None, calendar=None))]
pub fn evaluate_jsonl(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    now: DateTime<FixedOffset>,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let content = if source.hasattr("read")? {
        source.call_method0("read")?
    } else {
        let path: std::path::PathBuf = source.extract().map_err(|_| {
            PyTypeError::new_err("source must be a path (str or os.PathLike) or an open file")
        })?;
        let bytes = py
            .detach(|| std::fs::read(&path))
            .map_err(|e| io_error(&e, &path))?;
        PyBytes::new(py, &bytes).into_any()
    };
    let mut texts = Vec::new();
    let mut not_utf8 = Vec::new();
    if let Ok(s) = content.cast::<PyString>() {
        let text = s.to_cow()?;
        texts.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    } else if let Ok(b) = content.cast::<PyBytes>() {
        let lines = b
            .as_bytes()
            .split(|&c| c == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
        for line in lines {
            match std::str::from_utf8(line) {
                Ok(s) => texts.push(s.to_owned()),
                Err(_) => {
                    not_utf8.push((texts.len(), NOT_UTF8));
                    texts.push(String::new());
                }
            }
        }
    } else {
        return Err(PyTypeError::new_err(
            "the file's read() must return str or bytes",
        ));
    }
    evaluate_texts(py, &texts, &not_utf8, now, rules, calendar)
}
