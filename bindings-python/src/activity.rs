//! `Activity`: group work and community activities.

use chrono::{DateTime, FixedOffset};
use pyo3::prelude::*;
use shegong::activity::{Activity as Core, ActivityEvent, ActivityPlan, ActivityRecord};
use shegong::case::Actor;
use shegong::history::NewEvent;

use crate::convert::{from_py, to_py};
use crate::errors::{malformed, OrRaise};

/// A group (小组) or community activity (社区活动) and its history.
#[pyclass(module = "shegong", name = "Activity")]
#[derive(Clone)]
pub struct Activity(pub Core);

#[pymethods]
impl Activity {
    /// Starts an activity from its plan (a dict), planned at `at` by `actor` (`{"id", "role"}`).
    #[staticmethod]
    fn plan(
        plan: &Bound<'_, PyAny>,
        at: DateTime<FixedOffset>,
        actor: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let p: ActivityPlan = from_py(plan, "plan")?;
        let a: Actor = from_py(actor, "actor")?;
        Core::start(NewEvent::at(at, a, ActivityEvent::Planned { plan: p }))
            .or_raise()
            .map(Activity)
    }

    /// Records an event (a dict with `"type"`) after checking it.
    fn record(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: &Bound<'_, PyAny>,
        event: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let a: Actor = from_py(actor, "actor")?;
        let e: ActivityEvent = from_py(event, "event")?;
        self.0.apply(NewEvent::at(at, a, e)).or_raise().map(|_| ())
    }

    /// Rebuilds an activity from its recorded events.
    #[staticmethod]
    fn replay(records: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r: Vec<ActivityRecord> = from_py(records, "records")?;
        Core::replay(r).or_raise().map(Activity)
    }

    /// Reads an activity from JSON (replaying its history).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        serde_json::from_str(json)
            .map(Activity)
            .map_err(|e| malformed(&e.to_string()))
    }

    /// The activity as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| malformed(&e.to_string()))
    }

    /// The plan.
    fn plan_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.plan_of())
    }

    /// The size and length norms it does not meet (warnings).
    fn norm_warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.norm_warnings())
    }

    /// The history, oldest first.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.history())
    }

    /// A group's stage, or None for other kinds.
    #[getter]
    fn group_stage(&self) -> Option<String> {
        self.0.group_stage().map(|s| crate::convert::serde_name(&s))
    }

    /// Sessions held.
    #[getter]
    fn sessions_held(&self) -> u32 {
        self.0.sessions_held()
    }

    fn __repr__(&self) -> String {
        format!(
            "Activity(id={:?}, kind={:?}, sessions_held={})",
            self.0.plan_of().id,
            crate::convert::serde_name(&self.0.plan_of().kind),
            self.0.sessions_held()
        )
    }
}
