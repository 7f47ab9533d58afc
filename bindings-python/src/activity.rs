//! `Activity`: group work and community activities, on the same event log as `Case`.

use pyo3::prelude::*;
use shegong::activity::{Activity as Core, ActivityEvent, ActivityRecord};
use shegong::history::NewEvent;

use crate::convert::{read_py, serde_name, to_py};
use crate::errors::OrRaise;

/// A group (小组) or community activity (社区活动) and its tamper-evident history. Events are
/// dicts `{"occurred_at": datetime, "recorded_at": datetime, "actor": {"id", "role"},
/// "event": {"type": …, …}}`, as for `Case`; the first is `planned`.
#[pyclass(module = "shegong", name = "Activity")]
#[derive(Clone)]
pub struct Activity(pub Core);

#[pymethods]
impl Activity {
    /// Starts an activity from its first event (`planned`).
    #[staticmethod]
    fn start(event: &Bound<'_, PyAny>) -> PyResult<Self> {
        let e: NewEvent<ActivityEvent> = read_py(event, shegong::activity::new_event_from_value)?;
        Core::start(e).or_raise().map(Activity)
    }

    /// Checks an event and appends it; returns `{seq, hash, stage, warnings}`. A refused event
    /// raises and changes nothing.
    fn apply<'py>(
        &mut self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e: NewEvent<ActivityEvent> = read_py(event, shegong::activity::new_event_from_value)?;
        let applied = self.0.apply(e).or_raise()?;
        to_py(py, &applied)
    }

    /// Rebuilds an activity from its recorded events, verifying the chain and every guard.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r: Vec<ActivityRecord> = read_py(events, shegong::activity::events_from_value)?;
        Core::replay(r).or_raise().map(Activity)
    }

    /// Reads a stored history (JSON), verifying its chain and every guard.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Core::from_json(json).or_raise().map(Activity)
    }

    /// The stored history as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().or_raise()
    }

    /// The stored history as a dict: format, id, rules, head, events.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.to_stored())
    }

    /// The plan.
    fn plan_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.plan_of())
    }

    /// The size and length norms it does not meet (warnings).
    fn norm_warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.norm_warnings())
    }

    /// The records a group's file lacks (`[group-records]`): `member_list` and
    /// `member_contract`, in that order; empty for other kinds.
    fn group_file_missing(&self) -> Vec<&'static str> {
        self.0.group_file_missing()
    }

    /// The chain head (the last event's hash): store it beside the history.
    #[getter]
    fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// The history, oldest first.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.history())
    }

    /// A group's stage, or None for other kinds.
    #[getter]
    fn group_stage(&self) -> Option<String> {
        self.0.group_stage().map(|s| serde_name(&s))
    }

    /// Sessions held.
    #[getter]
    fn sessions_held(&self) -> u32 {
        self.0.sessions_held()
    }

    fn __len__(&self) -> usize {
        self.0.history().len()
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "Activity(id={:?}, kind={:?}, sessions_held={})",
            self.0.plan_of().id,
            serde_name(&self.0.plan_of().kind),
            self.0.sessions_held()
        ))
    }
}
