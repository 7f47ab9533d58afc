//! `Case`: the guarded, event-sourced case life cycle.

use pyo3::prelude::*;
use pyo3::types::PyList;
use shegong::case::{self as core, NewEvent, RecordedEvent};

use crate::convert::{read_py, to_py, Int};
use crate::errors::{malformed, OrRaise};

/// An event to record (an unknown type is `UnknownEventKind`).
fn new_event(event: &Bound<'_, PyAny>) -> PyResult<NewEvent> {
    read_py(event, core::new_event_from_value)
}

/// Recorded events (an unknown type is `UnknownEventKind`).
fn recorded_events(events: &Bound<'_, PyAny>) -> PyResult<Vec<RecordedEvent>> {
    read_py(events, core::events_from_value)
}

/// A case (个案): its tamper-evident history and the state derived from it. Events are dicts
/// `{"occurred_at": datetime, "recorded_at": datetime, "actor": {"id", "role"}, "event":
/// {"type": …, …}}`.
#[pyclass(module = "shegong", name = "Case")]
#[derive(Clone)]
pub struct Case(pub core::Case);

#[pymethods]
impl Case {
    /// Starts a case from its first event (`received`).
    #[staticmethod]
    fn start(event: &Bound<'_, PyAny>) -> PyResult<Self> {
        let e = new_event(event)?;
        core::Case::start(e).or_raise().map(Case)
    }

    /// Checks an event against the rules and appends it; returns `{seq, hash, stage, warnings}`.
    /// A refused event raises and changes nothing.
    fn apply<'py>(
        &mut self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e = new_event(event)?;
        let applied = self.0.apply(e).or_raise()?;
        to_py(py, &applied)
    }

    /// Rebuilds a case from its recorded events, verifying the chain and every guard.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let e = recorded_events(events)?;
        core::Case::replay(e).or_raise().map(Case)
    }

    /// `replay`, then checks the history ends at the stored chain head.
    #[staticmethod]
    fn replay_verified(events: &Bound<'_, PyAny>, head: &str) -> PyResult<Self> {
        let e = recorded_events(events)?;
        core::Case::replay_verified(e, head).or_raise().map(Case)
    }

    /// Reads a stored history (JSON), verifying its chain and every guard.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        core::Case::from_json(json).or_raise().map(Case)
    }

    /// The stored history as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().or_raise()
    }

    /// The stored history as a dict: format, case_number, head, events.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.to_stored())
    }

    /// What the case file holds and which required forms are missing.
    fn file_check<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.file_check())
    }

    /// The case number.
    #[getter]
    fn number(&self) -> String {
        self.0.number().to_string()
    }

    /// The current stage's name.
    #[getter]
    fn stage(&self) -> &'static str {
        self.0.stage().name()
    }

    /// The chain head (the last event's hash): store it beside the history.
    #[getter]
    fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// The derived state.
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.state())
    }

    /// The recorded events, oldest first.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.history())
    }

    fn __len__(&self) -> usize {
        self.0.history().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Case(number={:?}, stage={:?}, events={})",
            self.0.number().to_string(),
            self.0.stage().name(),
            self.0.history().len()
        )
    }
}

/// Consultations a client had on a topic across cases (`[consult-max-3]`).
#[pyfunction]
pub fn consultation_count(cases: Vec<PyRef<'_, Case>>, client_id: &str, topic: &str) -> u32 {
    core::consultation_count(cases.iter().map(|c| &c.0), client_id, topic)
}

/// A case number from its parts, e.g. `SZ-2026-0007` (`[case-numbering]`).
#[pyfunction]
pub fn case_number(agency: &str, year: Int<i32>, serial: Int<u32>) -> PyResult<String> {
    core::CaseNumber::new(agency, year.0, serial.0)
        .or_raise()
        .map(|n| n.to_string())
}

/// The next case number for an agency and year, given the numbers already issued.
#[pyfunction]
pub fn next_case_number(agency: &str, year: Int<i32>, issued: Vec<String>) -> PyResult<String> {
    let parsed = issued
        .iter()
        .map(|s| s.parse::<core::CaseNumber>())
        .collect::<Result<Vec<_>, _>>()
        .or_raise()?;
    core::CaseNumber::next(agency, year.0, &parsed)
        .or_raise()
        .map(|n| n.to_string())
}

/// The names of every case event type.
#[pyfunction]
pub fn event_types<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, core::EventKind::KINDS)
}

/// Reads one event to record from JSON (typed errors for unknown event types).
#[pyfunction]
pub fn parse_event<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let e = core::new_event_from_json(json).or_raise()?;
    to_py(py, &e).map_err(|_| malformed("event"))
}
