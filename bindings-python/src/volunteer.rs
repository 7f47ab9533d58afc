//! `Volunteer` and `Roster`: volunteers, confidentiality agreements, shifts and hours.

use chrono::{DateTime, FixedOffset};
use pyo3::prelude::*;
use shegong::assessment::ServiceTime;
use shegong::case::Actor;
use shegong::history::NewEvent;
use shegong::volunteer::{
    self as core, VolunteerEvent, VolunteerKind, VolunteerRecord, VolunteerRegistration,
};

use crate::convert::Day;
use crate::convert::{from_py, serde_name, to_py};
use crate::errors::{malformed, OrRaise};

/// A volunteer (志愿者): registration, life cycle, agreements, deployments, breaches.
#[pyclass(module = "shegong", name = "Volunteer")]
#[derive(Clone)]
pub struct Volunteer(pub core::Volunteer);

#[pymethods]
impl Volunteer {
    /// Registers a volunteer with the registration form (a dict).
    #[staticmethod]
    fn register(
        volunteer_id: &str,
        registration: &Bound<'_, PyAny>,
        at: DateTime<FixedOffset>,
        actor: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let r: VolunteerRegistration = from_py(registration, "registration")?;
        let a: Actor = from_py(actor, "actor")?;
        let first = VolunteerEvent::Registered {
            volunteer_id: volunteer_id.to_owned(),
            registration: Box::new(r),
        };
        core::Volunteer::start(NewEvent::at(at, a, first))
            .or_raise()
            .map(Volunteer)
    }

    /// Records an event (a dict with `"type"`) after checking the life cycle.
    fn record(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: &Bound<'_, PyAny>,
        event: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let a: Actor = from_py(actor, "actor")?;
        let e: VolunteerEvent = from_py(event, "event")?;
        self.0.apply(NewEvent::at(at, a, e)).or_raise().map(|_| ())
    }

    /// Rebuilds a volunteer from its history.
    #[staticmethod]
    fn replay(volunteer_id: &str, records: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r: Vec<VolunteerRecord> = from_py(records, "records")?;
        let v = core::Volunteer::replay(r).or_raise()?;
        if v.id() != volunteer_id {
            return Err(malformed("the volunteer id is not the history's"));
        }
        Ok(Volunteer(v))
    }

    /// Reads a volunteer from JSON (replaying the history).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        serde_json::from_str(json)
            .map(Volunteer)
            .map_err(|e| malformed(&e.to_string()))
    }

    /// The volunteer as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| malformed(&e.to_string()))
    }

    /// The status of the volunteer's agreement on `date`, or None without one.
    fn agreement_status_on<'py>(&self, py: Python<'py>, date: Day) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.agreement_status_on(date.0))
    }

    /// The agreement in force on `date`, or None.
    fn agreement_in_force_on<'py>(
        &self,
        py: Python<'py>,
        date: Day,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.agreement_in_force_on(date.0))
    }

    /// The volunteer as an access-decision viewer on `on`, acting as `kind`.
    fn viewer<'py>(&self, py: Python<'py>, kind: &str, on: Day) -> PyResult<Bound<'py, PyAny>> {
        let k: VolunteerKind = from_py(&pyo3::types::PyString::new(py, kind).into_any(), "kind")?;
        to_py(py, &shegong::access::Viewer::volunteer(&self.0, k, on.0))
    }

    /// The volunteer's id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The life-cycle stage's name.
    #[getter]
    fn stage(&self) -> String {
        serde_name(&self.0.stage())
    }

    /// The registration form.
    #[getter]
    fn registration<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.registration())
    }

    /// The agreements with their signatures, termination and breaches.
    #[getter]
    fn agreements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.agreements())
    }

    /// The groups the volunteer is deployed to.
    #[getter]
    fn deployments(&self) -> Vec<String> {
        self.0.deployments().iter().cloned().collect()
    }

    /// Whether the volunteer owes confidentiality (for ever, once an agreement was signed).
    #[getter]
    fn duty_of_confidentiality(&self) -> bool {
        self.0.duty_of_confidentiality()
    }

    /// The history, oldest first.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.history())
    }

    fn __repr__(&self) -> String {
        format!(
            "Volunteer(id={:?}, stage={:?})",
            self.0.id(),
            serde_name(&self.0.stage())
        )
    }
}

/// A group's shift roster: claiming, rescheduling by the secretary, handovers and hours.
#[pyclass(module = "shegong", name = "Roster")]
#[derive(Clone)]
pub struct Roster(pub core::Roster);

#[pymethods]
impl Roster {
    #[new]
    #[pyo3(signature = (group_id, secretary=None))]
    fn new(group_id: &str, secretary: Option<String>) -> Self {
        Roster(core::Roster::new(group_id, secretary))
    }

    /// Adds a shift from `start` to `end` needing a volunteer of `kind`.
    fn add_shift(
        &mut self,
        shift_id: &str,
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
        kind: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let time = ServiceTime::new(start, end).or_raise()?;
        let k: VolunteerKind = from_py(kind, "kind")?;
        self.0.add_shift(shift_id, time, k).or_raise()
    }

    /// A volunteer claims an open shift.
    fn claim(&mut self, shift_id: &str, volunteer: PyRef<'_, Volunteer>) -> PyResult<()> {
        self.0.claim(shift_id, &volunteer.0).or_raise()
    }

    /// The group secretary moves a volunteer's shift.
    fn reschedule(
        &mut self,
        from_shift: &str,
        to_shift: &str,
        volunteer: PyRef<'_, Volunteer>,
        by: PyRef<'_, Volunteer>,
    ) -> PyResult<()> {
        self.0
            .reschedule(from_shift, to_shift, &volunteer.0, &by.0)
            .or_raise()
    }

    /// Hands a shift's clients and records to the next shift.
    #[allow(clippy::too_many_arguments)]
    fn handover<'py>(
        &mut self,
        py: Python<'py>,
        from_shift: &str,
        clients: Vec<String>,
        records: Vec<String>,
        summary: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let h = self
            .0
            .handover(from_shift, clients, records, summary, by, at)
            .or_raise()?;
        to_py(py, &h)
    }

    /// Service hours of the claimed shifts that ended by `until`.
    fn hours_worked<'py>(
        &self,
        py: Python<'py>,
        until: DateTime<FixedOffset>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.hours_worked(until))
    }

    /// The roster as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Roster(group_id={:?}, shifts={})",
            self.0.group_id,
            self.0.shifts.len()
        )
    }
}

/// Totals per volunteer of service-hour records whose start falls in `start ..= end`.
#[pyfunction]
pub fn total_hours<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    start: Day,
    end: Day,
) -> PyResult<Bound<'py, PyAny>> {
    let r: Vec<core::ServiceHours> = from_py(records, "records")?;
    to_py(py, &core::total_hours(&r, start.0, end.0).or_raise()?)
}
