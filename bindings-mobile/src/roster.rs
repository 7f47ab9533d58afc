//! `Roster`: a group's volunteer shifts, claimed, rescheduled, handed over; service hours.

use std::sync::{Arc, Mutex};

use shegong::assessment::ServiceTime;
use shegong::volunteer::{self as core, VolunteerKind};

use crate::convert::{from_json, to_json, Instant, IsoDate};
use crate::errors::{OrTyped, ShegongError};
use crate::history::lock;
use crate::volunteer::Volunteer;

/// A group's shift roster: claiming, rescheduling by the group secretary, handovers and hours
/// (`[shift-handover]`).
#[derive(uniffi::Object)]
pub struct Roster(Mutex<core::Roster>);

#[uniffi::export]
impl Roster {
    /// An empty roster for `group_id`, with its secretary (a volunteer id) if it has one.
    #[uniffi::constructor]
    pub fn new(group_id: String, secretary: Option<String>) -> Arc<Self> {
        Arc::new(Roster(Mutex::new(core::Roster::new(group_id, secretary))))
    }

    /// Adds a shift from `start` to `end` needing a volunteer of `kind` (`medical`,
    /// `psychological`, `general`, `other`).
    pub fn add_shift(
        &self,
        shift_id: String,
        start: Instant,
        end: Instant,
        kind: String,
    ) -> Result<(), ShegongError> {
        let time = ServiceTime::new(start.0, end.0).typed()?;
        let k: VolunteerKind = kind.parse().typed()?;
        lock(&self.0).add_shift(shift_id, time, k).typed()
    }

    /// A volunteer claims an open shift: deployed to the group and under an agreement in force
    /// throughout the shift's time, read from the volunteer's own history
    /// (`[access-while-serving]`).
    pub fn claim(&self, shift_id: String, volunteer: Arc<Volunteer>) -> Result<(), ShegongError> {
        let v = lock(&volunteer.0).clone();
        lock(&self.0).claim(&shift_id, &v).typed()
    }

    /// Re-checks every claimed shift against its volunteer's record as it stands now (a
    /// withdrawal recorded after the claim, say); run it before `hoursWorked` counts hours for
    /// a report (`[access-while-serving]`, `[volunteer-hours]`).
    pub fn verify_claims(&self, volunteers: Vec<Arc<Volunteer>>) -> Result<(), ShegongError> {
        let records: Vec<_> = volunteers.iter().map(|v| lock(&v.0).clone()).collect();
        lock(&self.0).verify_claims(&records).typed()
    }

    /// The group secretary (`by`) moves a volunteer's shift.
    pub fn reschedule(
        &self,
        from_shift: String,
        to_shift: String,
        volunteer: Arc<Volunteer>,
        by: Arc<Volunteer>,
    ) -> Result<(), ShegongError> {
        let v = lock(&volunteer.0).clone();
        let b = lock(&by.0).clone();
        lock(&self.0)
            .reschedule(&from_shift, &to_shift, &v, &b)
            .typed()
    }

    /// Hands a shift's clients and records to the next shift, dated between the shift's start
    /// and the end of the later of it and the next shift (`[shift-handover]`), by the shift's
    /// volunteer or the group's secretary, each serving by their own record at `at`; the
    /// handover as the core's JSON.
    pub fn handover(
        &self,
        from_shift: String,
        clients: Vec<String>,
        records: Vec<String>,
        summary: String,
        by: Arc<Volunteer>,
        at: Instant,
    ) -> Result<String, ShegongError> {
        let b = lock(&by.0).clone();
        let h = lock(&self.0)
            .handover(&from_shift, clients, records, &summary, &b, at.0)
            .typed()?;
        to_json(&h)
    }

    /// Service hours of the claimed shifts that ended by `until`, as the core's JSON.
    pub fn hours_worked(&self, until: Instant) -> Result<String, ShegongError> {
        to_json(&lock(&self.0).hours_worked(until.0))
    }

    /// The roster as the core's JSON.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        to_json(&*lock(&self.0))
    }
}

/// Totals per volunteer of service-hour records (JSON, as `hours_worked` writes them) whose
/// start falls in `start ..= end`, as the core's JSON.
#[uniffi::export]
pub fn total_hours(records: String, start: IsoDate, end: IsoDate) -> Result<String, ShegongError> {
    let r: Vec<core::ServiceHours> = from_json(&records, "records")?;
    to_json(&core::total_hours(&r, start.0, end.0).typed()?)
}
