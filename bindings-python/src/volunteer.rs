//! `Volunteer` and `Roster`: volunteers, confidentiality agreements, shifts and hours.

use pyo3::prelude::*;
use shegong::access::Purpose;
use shegong::assessment::ServiceTime;
use shegong::history::NewEvent;
use shegong::volunteer::{self as core, VolunteerEvent, VolunteerKind, VolunteerRecord};

use crate::access::Viewer;
use crate::convert::{from_py, json_to_py, read_py, to_py};
use crate::convert::{Day, Instant};
use crate::errors::OrRaise;

/// A volunteer (志愿者): registration, life cycle, agreements, deployments, breaches.
#[pyclass(module = "shegong", name = "Volunteer")]
#[derive(Clone)]
pub struct Volunteer(pub core::Volunteer);

#[pymethods]
impl Volunteer {
    /// Starts a volunteer from the first event (`registered`).
    #[staticmethod]
    fn start(event: &Bound<'_, PyAny>) -> PyResult<Self> {
        let e: NewEvent<VolunteerEvent> = read_py(event, shegong::volunteer::new_event_from_value)?;
        core::Volunteer::start(e).or_raise().map(Volunteer)
    }

    /// Checks an event against the life cycle and agreement rules and appends it; returns
    /// `{seq, hash, stage, warnings}`. A refused event raises and changes nothing.
    fn apply<'py>(
        &mut self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e: NewEvent<VolunteerEvent> = read_py(event, shegong::volunteer::new_event_from_value)?;
        let a = self.0.apply(e).or_raise()?;
        // A volunteer's events carry no warnings (`Infallible`): the list is always empty.
        let applied =
            serde_json::json!({"seq": a.seq, "hash": a.hash, "stage": a.stage, "warnings": []});
        json_to_py(py, &applied)
    }

    /// Rebuilds a volunteer from its recorded events, verifying the chain and every guard.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r: Vec<VolunteerRecord> = read_py(events, shegong::volunteer::events_from_value)?;
        core::Volunteer::replay(r).or_raise().map(Volunteer)
    }

    /// Reads a stored history (JSON), verifying its chain and every guard.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        core::Volunteer::from_json(json).or_raise().map(Volunteer)
    }

    /// The stored history as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().or_raise()
    }

    /// The stored history as a dict: format, id, rules, head, events.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.to_stored())
    }

    /// The chain head (the last event's hash): store it beside the history.
    #[getter]
    fn head(&self) -> String {
        self.0.head().to_owned()
    }

    fn __len__(&self) -> usize {
        self.0.history().len()
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

    /// The volunteer as an access-decision `Viewer` on `on`, acting as `acting_as` (a
    /// position: `medical`, `psychological`, `general`, `other`), asking for `purpose`
    /// (`service` or `other`). Read from this record only: the positions it registered, every
    /// agreement in force all that day, the groups it was deployed to all that day (China
    /// time; `viewer_at` answers for a moment) and the clients it declared it knows. A position it never registered gives a viewer the core denies
    /// (`[volunteer-kinds]`); so does another purpose or a day outside a deployment
    /// (`[access-while-serving]`).
    #[pyo3(signature = (acting_as, on, purpose="service"))]
    fn viewer(&self, acting_as: &str, on: Day, purpose: &str) -> PyResult<Viewer> {
        let k: VolunteerKind = acting_as.parse().or_raise()?;
        let p: Purpose = purpose.parse().or_raise()?;
        Ok(Viewer(shegong::access::Viewer::volunteer(
            &self.0, k, on.0, p,
        )))
    }

    /// The volunteer as an access-decision `Viewer` at the moment `at` (an aware datetime),
    /// as `viewer` is for a day but read to the minute (`[access-while-serving]`): an
    /// agreement whose second signature comes at 15:00, or a deployment at 15:00, does not
    /// cover 09:00 of that day; a deployment withdrawn at 10:00 still covers 09:00.
    #[pyo3(signature = (acting_as, at, purpose="service"))]
    fn viewer_at(&self, acting_as: &str, at: Instant, purpose: &str) -> PyResult<Viewer> {
        let k: VolunteerKind = acting_as.parse().or_raise()?;
        let p: Purpose = purpose.parse().or_raise()?;
        Ok(Viewer(shegong::access::Viewer::volunteer_at(
            &self.0, k, at.0, p,
        )))
    }

    /// The groups the volunteer was deployed to at the moment `at` (an aware datetime).
    fn deployments_at(&self, at: Instant) -> Vec<String> {
        self.0.deployments_at(at.0).into_iter().collect()
    }

    /// The status of the volunteer's agreement at the moment `at`: in force if any is, else
    /// the most recent one's, else `None`.
    fn agreement_status_at<'py>(
        &self,
        py: Python<'py>,
        at: Instant,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.agreement_status_at(at.0))
    }

    /// The volunteer's id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The life-cycle stage's name.
    #[getter]
    fn stage(&self) -> String {
        self.0.stage().to_string()
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

    /// The positions the volunteer registered (`medical`, `psychological`, `general`, `other`).
    #[getter]
    fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.kinds())
    }

    /// The groups the volunteer was deployed to on `date`.
    fn deployments_on(&self, date: Day) -> Vec<String> {
        self.0.deployments_on(date.0).into_iter().collect()
    }

    /// The clients the volunteer declared they know (`[acquaintance-avoidance]`).
    #[getter]
    fn acquaintances(&self) -> Vec<String> {
        self.0.acquaintances().iter().cloned().collect()
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
        crate::errors::scrub(&format!(
            "Volunteer(id={:?}, stage={:?})",
            self.0.id(),
            self.0.stage().to_string()
        ))
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
        start: Instant,
        end: Instant,
        kind: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let time = ServiceTime::new(start.0, end.0).or_raise()?;
        let k: VolunteerKind = from_py(kind, "kind")?;
        self.0.add_shift(shift_id, time, k).or_raise()
    }

    /// A volunteer claims an open shift: deployed to the group and under an agreement in force
    /// throughout the shift's time, read from the volunteer's own history
    /// (`[access-while-serving]`).
    fn claim(&mut self, shift_id: &str, volunteer: PyRef<'_, Volunteer>) -> PyResult<()> {
        self.0.claim(shift_id, &volunteer.0).or_raise()
    }

    /// Re-checks every claimed shift against its volunteer's record as it stands now (a
    /// withdrawal recorded after the claim, say); run it before `hours_worked` counts hours
    /// for a report (`[access-while-serving]`, `[volunteer-hours]`).
    fn verify_claims(&self, volunteers: Vec<PyRef<'_, Volunteer>>) -> PyResult<()> {
        let records: Vec<core::Volunteer> = volunteers.iter().map(|v| v.0.clone()).collect();
        self.0.verify_claims(&records).or_raise()
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

    /// Hands a shift's clients and records to the next shift, dated between the shift's start
    /// and the end of the later of it and the next shift (`[shift-handover]`), by the shift's
    /// volunteer or the group's secretary, each serving by their own record at `at`.
    #[allow(clippy::too_many_arguments)]
    fn handover<'py>(
        &mut self,
        py: Python<'py>,
        from_shift: &str,
        clients: Vec<String>,
        records: Vec<String>,
        summary: &str,
        by: PyRef<'_, Volunteer>,
        at: Instant,
    ) -> PyResult<Bound<'py, PyAny>> {
        let h = self
            .0
            .handover(from_shift, clients, records, summary, &by.0, at.0)
            .or_raise()?;
        to_py(py, &h)
    }

    /// Service hours of the claimed shifts that ended by `until`.
    fn hours_worked<'py>(&self, py: Python<'py>, until: Instant) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.hours_worked(until.0))
    }

    /// The roster as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "Roster(group_id={:?}, shifts={})",
            self.0.group_id,
            self.0.shifts.len()
        ))
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
