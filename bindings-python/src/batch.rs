//! The batch API for researchers: many histories evaluated in Rust without the GIL, returned
//! as columns (dicts of lists) that `pandas.DataFrame` takes directly.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use shegong::deadline::RuleSet as CoreRules;
use shegong::report::{
    evaluate_inputs, evaluate_json_lines, evaluate_json_lines_from, Batch, StreamError, Unreadable,
};
use shegong::Calendar as CoreCalendar;

use crate::arrow::{
    batch_table, is_arrow, is_text, read_chunks, validated, with_texts, ArrowTable, Which,
};
use crate::calendar::Calendar;
use crate::convert::{to_checked_json, Instant};
use crate::deadline::RuleSet;
use crate::errors::{malformed, scrub, OrRaise};

/// The columns of a batch evaluation: `obligations` (one row per obligation), `cases` (one
/// row per case) and `errors` (one row per history that could not be read).
///
/// Each dict of lists is built on first access and kept: a caller who reads the result as Arrow
/// (`to_arrow`) never pays for the millions of Python objects a large batch's lists hold.
#[pyclass(frozen, module = "shegong", name = "BatchResult")]
pub struct BatchResult {
    /// The rows themselves.
    batch: Batch,
    /// `obligations`, once built.
    obligations: PyOnceLock<Py<PyDict>>,
    /// `cases`, once built.
    cases: PyOnceLock<Py<PyDict>>,
    /// `errors`, once built.
    errors: PyOnceLock<Py<PyDict>>,
}

impl BatchResult {
    fn new(batch: Batch) -> BatchResult {
        BatchResult {
            batch,
            obligations: PyOnceLock::new(),
            cases: PyOnceLock::new(),
            errors: PyOnceLock::new(),
        }
    }
}

#[pymethods]
impl BatchResult {
    /// One row per obligation.
    #[getter]
    fn obligations(&self, py: Python<'_>) -> PyResult<Py<PyDict>> {
        self.obligations
            .get_or_try_init(py, || obligation_columns(py, &self.batch))
            .map(|d| d.clone_ref(py))
    }

    /// One row per case.
    #[getter]
    fn cases(&self, py: Python<'_>) -> PyResult<Py<PyDict>> {
        self.cases
            .get_or_try_init(py, || case_columns(py, &self.batch))
            .map(|d| d.clone_ref(py))
    }

    /// One row per unreadable history.
    #[getter]
    fn errors(&self, py: Python<'_>) -> PyResult<Py<PyDict>> {
        self.errors
            .get_or_try_init(py, || error_columns(py, &self.batch))
            .map(|d| d.clone_ref(py))
    }

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

    fn __repr__(&self) -> String {
        format!(
            "BatchResult(obligations={}, cases={}, errors={})",
            self.batch.obligations.len(),
            self.batch.cases.len(),
            self.batch.errors.len()
        )
    }
}

/// Threads for a batch: the machine's parallelism, at most 8.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Python strings reused across rows. The rows of one case are consecutive, so a column of
/// case numbers, client ids or workers repeats its previous value; rules, statuses and stages
/// take a few values each. Each distinct value in reach becomes one Python object, without
/// hashing a key per row (hashing 300,000 keys cost more than the objects it saved).
#[derive(Default)]
struct Strings {
    /// The value of the previous row.
    last: Option<(String, Py<PyAny>)>,
    /// Every value seen, while there are at most [`FEW`] (a low-cardinality column).
    few: Vec<(String, Py<PyAny>)>,
}

/// The most values a [`Strings`] cache searches in order.
const FEW: usize = 32;

impl Strings {
    fn get(&mut self, py: Python<'_>, s: &str) -> Py<PyAny> {
        if let Some((v, o)) = &self.last {
            if v == s {
                return o.clone_ref(py);
            }
        }
        let o = match self.few.iter().find(|(v, _)| v == s) {
            Some((_, o)) => o.clone_ref(py),
            None => {
                let o = PyString::new(py, s).into_any().unbind();
                if self.few.len() < FEW {
                    self.few.push((s.to_owned(), o.clone_ref(py)));
                }
                o
            }
        };
        match &mut self.last {
            Some((v, last)) => {
                s.clone_into(v);
                *last = o.clone_ref(py);
            }
            None => self.last = Some((s.to_owned(), o.clone_ref(py))),
        }
        o
    }
}

/// Python dates and instants reused across rows (a few hundred distinct due dates serve
/// hundreds of thousands of rows).
#[derive(Default)]
struct Dates {
    dates: HashMap<NaiveDate, Py<PyAny>>,
    instants: HashMap<DateTime<FixedOffset>, Py<PyAny>>,
}

impl Dates {
    fn date(&mut self, py: Python<'_>, d: Option<NaiveDate>) -> PyResult<Py<PyAny>> {
        let Some(d) = d else { return Ok(py.None()) };
        if let Some(o) = self.dates.get(&d) {
            return Ok(o.clone_ref(py));
        }
        let o = d.into_pyobject(py)?.into_any().unbind();
        self.dates.insert(d, o.clone_ref(py));
        Ok(o)
    }

    fn instant(&mut self, py: Python<'_>, t: Option<DateTime<FixedOffset>>) -> PyResult<Py<PyAny>> {
        let Some(t) = t else { return Ok(py.None()) };
        if let Some(o) = self.instants.get(&t) {
            return Ok(o.clone_ref(py));
        }
        let o = crate::convert::instant_to_py(py, t, None)?.unbind();
        self.instants.insert(t, o.clone_ref(py));
        Ok(o)
    }
}

/// A column of strings, through one [`Strings`] cache.
fn strings<'py, T>(
    py: Python<'py>,
    rows: &[T],
    f: impl Fn(&T) -> &str,
) -> PyResult<Bound<'py, PyList>> {
    let mut cache = Strings::default();
    column(py, rows, |r| Ok(cache.get(py, f(r))))
}

fn column<'py, T>(
    py: Python<'py>,
    rows: &[T],
    mut f: impl FnMut(&T) -> PyResult<Py<PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let items = rows.iter().map(&mut f).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn obligation_columns(py: Python<'_>, batch: &Batch) -> PyResult<Py<PyDict>> {
    let mut dates = Dates::default();
    let o = PyDict::new(py);
    let rows = &batch.obligations;
    o.set_item("index", PyList::new(py, rows.iter().map(|r| r.index))?)?;
    o.set_item("case", strings(py, rows, |r| &r.case)?)?;
    o.set_item("client_id", strings(py, rows, |r| &r.client_id)?)?;
    o.set_item("worker", strings(py, rows, |r| &r.worker)?)?;
    o.set_item("stage", strings(py, rows, |r| r.stage.name())?)?;
    o.set_item("rule", strings(py, rows, |r| &r.rule)?)?;
    o.set_item("status", strings(py, rows, |r| &r.status)?)?;
    o.set_item("on_time", PyList::new(py, rows.iter().map(|r| r.on_time))?)?;
    o.set_item(
        "due_date",
        column(py, rows, |r| dates.date(py, r.due_date))?,
    )?;
    o.set_item("due_at", column(py, rows, |r| dates.instant(py, r.due_at))?)?;
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
    Ok(o.unbind())
}

fn case_columns(py: Python<'_>, batch: &Batch) -> PyResult<Py<PyDict>> {
    let mut dates = Dates::default();
    let c = PyDict::new(py);
    let cs = &batch.cases;
    c.set_item("index", PyList::new(py, cs.iter().map(|r| r.index))?)?;
    c.set_item("case", strings(py, cs, |r| &r.case)?)?;
    c.set_item("client_id", strings(py, cs, |r| &r.client_id)?)?;
    c.set_item("worker", strings(py, cs, |r| &r.worker)?)?;
    c.set_item("stage", strings(py, cs, |r| r.stage.name())?)?;
    c.set_item("opened", column(py, cs, |r| dates.date(py, r.opened))?)?;
    c.set_item("closed", column(py, cs, |r| dates.date(py, r.closed))?)?;
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
    Ok(c.unbind())
}

fn error_columns(py: Python<'_>, batch: &Batch) -> PyResult<Py<PyDict>> {
    let e = PyDict::new(py);
    let es = &batch.errors;
    e.set_item("index", PyList::new(py, es.iter().map(|r| r.index))?)?;
    e.set_item("code", PyList::new(py, es.iter().map(|r| r.code.as_str()))?)?;
    e.set_item(
        "message",
        PyList::new(py, es.iter().map(|r| r.message.as_str()))?,
    )?;
    Ok(e.unbind())
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

/// Evaluates the inputs, those without text (`Unreadable`) each getting its error row.
fn evaluate_texts(
    py: Python<'_>,
    inputs: &[Result<&str, Unreadable>],
    now: DateTime<FixedOffset>,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let (r, c) = defaults(rules, calendar);
    let batch = py
        .detach(|| evaluate_inputs(inputs, &r, &c, now, threads()))
        .or_raise()?;
    Ok(BatchResult::new(batch))
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
    now: Instant,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let now = now.0;
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
            let chunks = validated(chunks, "histories")?;
            let done = with_texts(&chunks, |texts| {
                let inputs: Vec<_> = texts
                    .into_iter()
                    .map(|t| t.ok_or(Unreadable::Null))
                    .collect();
                evaluate_texts(py, &inputs, now, rules, calendar)
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
    // A `str` is encoded once into a bytes object that is kept and read in place (the copy
    // into a Rust string cost a tenth of a large batch); bytes are read in place too.
    let mut items: Vec<Text<'_>> = Vec::new();
    for h in histories.try_iter()? {
        let h = h?;
        if let Ok(s) = h.cast::<PyString>() {
            // A `str` with a lone surrogate has no UTF-8 form: its own error row, as bytes
            // that are not UTF-8 get, never an exception that loses the other rows.
            items.push(match s.encode_utf8() {
                Ok(bytes) => Text::Encoded(bytes),
                Err(_) => Text::NotUtf8,
            });
        } else if let Ok(b) = h.cast::<PyBytes>() {
            items.push(Text::Encoded(b.clone()));
        } else if let Ok(case) = h.extract::<PyRef<'_, crate::case::Case>>() {
            items.push(Text::Owned(
                case.0.to_json().map_err(|e| malformed(&e.to_string()))?,
            ));
        } else {
            items.push(Text::Owned(to_checked_json(&h)?.to_string()));
        }
    }
    let inputs: Vec<Result<&str, Unreadable>> = items
        .iter()
        .map(|t| match t {
            Text::Encoded(b) => std::str::from_utf8(b.as_bytes()).map_err(|_| Unreadable::NotUtf8),
            Text::Owned(s) => Ok(s.as_str()),
            Text::NotUtf8 => Err(Unreadable::NotUtf8),
        })
        .collect();
    evaluate_texts(py, &inputs, now, rules, calendar)
}

/// One history of `evaluate_histories`: UTF-8 held by Python, JSON written here, or a `str`
/// that has no UTF-8 form (a lone surrogate).
enum Text<'py> {
    Encoded(Bound<'py, PyBytes>),
    Owned(String),
    NotUtf8,
}

/// A file read for a stream that stays interruptible: before each read it takes the GIL for
/// a moment and runs Python's signal handlers, so Ctrl-C stops a long or endless file
/// (`/dev/zero`, a pipe that never closes) instead of going unheard while the GIL is released.
/// The handler's exception (`KeyboardInterrupt`) is kept in `signal` and ends the read.
struct Interruptible<'a, R> {
    inner: R,
    signal: &'a std::sync::Mutex<Option<PyErr>>,
}

impl<R: std::io::Read> std::io::Read for Interruptible<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Err(e) = Python::attach(|py| py.check_signals()) {
            if let Ok(mut slot) = self.signal.lock() {
                *slot = Some(e);
            }
            // Not `Interrupted`, which a reader retries.
            return Err(std::io::Error::other("interrupted by a signal"));
        }
        self.inner.read(buf)
    }
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
/// through `evaluate_histories(text.splitlines())`. A path is read in blocks evaluated while
/// the next is read (`shegong::report::evaluate_json_lines_from`).
#[pyfunction]
#[pyo3(signature = (source, now, rules=None, calendar=None))]
pub fn evaluate_jsonl(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    now: Instant,
    rules: Option<PyRef<'_, RuleSet>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<BatchResult> {
    let now = now.0;
    let (r, c) = defaults(rules, calendar);
    let evaluate = |bytes: &[u8]| evaluate_json_lines(bytes, &r, &c, now, threads());
    let batch = if source.hasattr("read")? {
        let content = source.call_method0("read")?;
        if let Ok(s) = content.cast::<PyString>() {
            match s.to_cow() {
                Ok(text) => py.detach(|| evaluate(text.as_bytes())),
                // A lone surrogate: the text is encoded with it kept as the bytes it stands
                // for, which are not UTF-8, so only its line gets an error row.
                Err(_) => {
                    let kept = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                    let bytes = kept.cast::<PyBytes>()?.as_bytes();
                    py.detach(|| evaluate(bytes))
                }
            }
        } else if let Ok(b) = content.cast::<PyBytes>() {
            // Read in place, never copied.
            let bytes = b.as_bytes();
            py.detach(|| evaluate(bytes))
        } else {
            return Err(PyTypeError::new_err(
                "the file's read() must return str or bytes",
            ));
        }
    } else {
        let path: std::path::PathBuf = source.extract().map_err(|_| {
            PyTypeError::new_err("source must be a path (str or os.PathLike) or an open file")
        })?;
        // Read in blocks that are evaluated while the next is read, all without the GIL;
        // the file's bytes never become a Python object, nor are they held all at once.
        let signal = std::sync::Mutex::new(None);
        let streamed = py.detach(|| {
            std::fs::File::open(&path)
                .map_err(StreamError::Io)
                .and_then(|file| {
                    let file = Interruptible {
                        inner: file,
                        signal: &signal,
                    };
                    evaluate_json_lines_from(file, &r, &c, now, threads())
                })
        });
        let interrupted = signal.into_inner().ok().flatten();
        match streamed {
            Ok(batch) => Ok(batch),
            Err(StreamError::Io(_)) if interrupted.is_some() => {
                return Err(interrupted.unwrap_or_else(|| PyOSError::new_err("interrupted")))
            }
            Err(StreamError::Io(e)) => return Err(io_error(&e, &path)),
            Err(StreamError::Limit(e)) => Err(e),
        }
    };
    Ok(BatchResult::new(batch.or_raise()?))
}
