//! `Volunteer`: registration, confidentiality agreements, deployments, on the core's event log.

use std::sync::{Arc, Mutex};

use shegong::access::{Purpose, Viewer as CoreViewer};
use shegong::history::NewEvent;
use shegong::volunteer::{self as core, VolunteerEvent, VolunteerKind, VolunteerRecord};

use crate::access::Viewer;
use crate::convert::{from_json, label, signed, to_json, Instant, IsoDate};
use crate::errors::{OrTyped, ShegongError};
use crate::history::{lock, Applied};

/// A volunteer (志愿者): the tamper-evident history of their registration, agreements,
/// training, deployments and conduct, and the state derived from it.
#[derive(uniffi::Object)]
pub struct Volunteer(pub(crate) Mutex<core::Volunteer>);

impl Volunteer {
    fn wrap(v: core::Volunteer) -> Arc<Self> {
        Arc::new(Volunteer(Mutex::new(v)))
    }
}

#[uniffi::export]
impl Volunteer {
    /// Starts a volunteer's history from its first event (`registered`), as JSON text.
    #[uniffi::constructor]
    pub fn start(event: String) -> Result<Arc<Self>, ShegongError> {
        let e: NewEvent<VolunteerEvent> = from_json(&event, "event")?;
        core::Volunteer::start(e).typed().map(Volunteer::wrap)
    }

    /// Checks an event (JSON text) and appends it; a refused event is a typed error and
    /// changes nothing. A volunteer's events carry no warnings.
    pub fn apply(&self, event: String) -> Result<Applied, ShegongError> {
        let e: NewEvent<VolunteerEvent> = from_json(&event, "event")?;
        let a = lock(&self.0).apply(e).typed()?;
        Ok(Applied::from_core(&a, |w| match *w {}))
    }

    /// Rebuilds a volunteer from recorded events (a JSON array), verifying the chain and
    /// every guard.
    #[uniffi::constructor]
    pub fn replay(events: String) -> Result<Arc<Self>, ShegongError> {
        let e: Vec<VolunteerRecord> = from_json(&events, "events")?;
        core::Volunteer::replay(e).typed().map(Volunteer::wrap)
    }

    /// Reads a stored history (JSON text).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, ShegongError> {
        core::Volunteer::from_json(&json)
            .typed()
            .map(Volunteer::wrap)
    }

    /// The stored history as JSON text.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        lock(&self.0).to_json().typed()
    }

    /// The agreement in force on `date`, as the core's JSON (`null` if none).
    pub fn agreement_in_force_on(&self, date: IsoDate) -> Result<String, ShegongError> {
        to_json(&lock(&self.0).agreement_in_force_on(date.0))
    }

    /// This volunteer as a viewer on `on`, acting as `acting_as` (`medical`,
    /// `psychological`, `general`, `other`), for `purpose` (`service` when null, or `other`): the
    /// positions, agreements, deployments and acquaintances their record holds all that day
    /// (`[volunteer-kinds]`, `[agreement-before-access]`, `[access-while-serving]`).
    pub fn viewer(
        &self,
        acting_as: String,
        on: IsoDate,
        purpose: Option<String>,
    ) -> Result<Arc<Viewer>, ShegongError> {
        let (k, p) = kind_and_purpose(&acting_as, purpose)?;
        let v = CoreViewer::volunteer(&lock(&self.0), k, on.0, p);
        Ok(Viewer::wrap(v))
    }

    /// This volunteer as a viewer at the moment `at` (RFC 3339): as `viewer` is for a day, but
    /// read to the minute (`[access-while-serving]`): an agreement whose second signature
    /// comes at 15:00, or a deployment at 15:00, does not cover 09:00 of that day; a
    /// deployment withdrawn at 10:00 still covers 09:00.
    pub fn viewer_at(
        &self,
        acting_as: String,
        at: Instant,
        purpose: Option<String>,
    ) -> Result<Arc<Viewer>, ShegongError> {
        let (k, p) = kind_and_purpose(&acting_as, purpose)?;
        let v = CoreViewer::volunteer_at(&lock(&self.0), k, at.0, p);
        Ok(Viewer::wrap(v))
    }

    /// The status of the volunteer's agreement at the moment `at`, as JSON (`null` when it had
    /// no agreement yet), as `agreement_status_on` is for a day.
    pub fn agreement_status_at(&self, at: Instant) -> Result<String, ShegongError> {
        to_json(&lock(&self.0).agreement_status_at(at.0))
    }

    /// The groups the volunteer was deployed to at the moment `at`.
    pub fn deployments_at(&self, at: Instant) -> Vec<String> {
        lock(&self.0).deployments_at(at.0).into_iter().collect()
    }

    /// The volunteer's id.
    pub fn id(&self) -> String {
        lock(&self.0).id().to_owned()
    }

    /// The current stage's name.
    pub fn stage(&self) -> String {
        lock(&self.0).stage().to_string()
    }

    /// The chain head.
    pub fn head(&self) -> String {
        lock(&self.0).head().to_owned()
    }

    /// The registration record, as the core's JSON.
    pub fn registration(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).registration())
    }

    /// The volunteer's kinds of service.
    pub fn kinds(&self) -> Vec<String> {
        lock(&self.0).kinds().iter().map(label).collect()
    }

    /// The agreements, oldest first, as a JSON array.
    pub fn agreements(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).agreements())
    }

    /// Where the volunteer is deployed.
    pub fn deployments(&self) -> Vec<String> {
        lock(&self.0).deployments().iter().cloned().collect()
    }

    /// The groups the volunteer was deployed to on `date`.
    pub fn deployments_on(&self, date: IsoDate) -> Vec<String> {
        lock(&self.0).deployments_on(date.0).into_iter().collect()
    }

    /// The clients the volunteer declared they know (`[acquaintance-avoidance]`).
    pub fn acquaintances(&self) -> Vec<String> {
        lock(&self.0).acquaintances().iter().cloned().collect()
    }

    /// The status of the volunteer's agreement on `date`, as the core's JSON (`null`
    /// without one).
    pub fn agreement_status_on(&self, date: IsoDate) -> Result<String, ShegongError> {
        to_json(&lock(&self.0).agreement_status_on(date.0))
    }

    /// Whether a duty of confidentiality binds the volunteer.
    pub fn duty_of_confidentiality(&self) -> bool {
        lock(&self.0).duty_of_confidentiality()
    }

    /// The recorded events, oldest first, as a JSON array.
    pub fn history(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).history())
    }

    /// The number of recorded events.
    pub fn length(&self) -> i64 {
        signed(lock(&self.0).history().len())
    }
}

/// The position acted in and the purpose asked for (`service` when none is given).
fn kind_and_purpose(
    acting_as: &str,
    purpose: Option<String>,
) -> Result<(VolunteerKind, Purpose), ShegongError> {
    let p = match purpose {
        Some(p) => p.parse().typed()?,
        None => Purpose::Service,
    };
    Ok((acting_as.parse().typed()?, p))
}
