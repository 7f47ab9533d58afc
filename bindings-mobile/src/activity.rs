//! `Activity`: group work (小组) and community activities (社区活动), on the core's event log.

use std::sync::{Arc, Mutex};

use shegong::activity::{self as core, ActivityEvent, ActivityRecord};
use shegong::history::NewEvent;

use crate::convert::{from_json, label, to_json, IsoDate};
use crate::errors::{OrTyped, ShegongError};
use crate::history::{lock, Applied, Warning};

/// An activity: its planned sessions and the tamper-evident history of what happened.
#[derive(uniffi::Object)]
pub struct Activity(pub(crate) Mutex<core::Activity>);

impl Activity {
    fn wrap(a: core::Activity) -> Arc<Self> {
        Arc::new(Activity(Mutex::new(a)))
    }

    /// A copy of the activity as it is now.
    pub(crate) fn snapshot(&self) -> core::Activity {
        lock(&self.0).clone()
    }
}

#[uniffi::export]
impl Activity {
    /// Starts an activity from its first event (`planned`), as JSON text.
    #[uniffi::constructor]
    pub fn start(event: String) -> Result<Arc<Self>, ShegongError> {
        let e: NewEvent<ActivityEvent> = from_json(&event, "event")?;
        core::Activity::start(e).typed().map(Activity::wrap)
    }

    /// Checks an event (JSON text) and appends it. A refused event is a typed error and
    /// changes nothing.
    pub fn apply(&self, event: String) -> Result<Applied, ShegongError> {
        let e: NewEvent<ActivityEvent> = from_json(&event, "event")?;
        let a = lock(&self.0).apply(e).typed()?;
        Ok(Applied::from_core(&a, |w| Warning {
            rule: w.rule.clone(),
            message: w.message.clone(),
        }))
    }

    /// Rebuilds an activity from its recorded events (a JSON array), verifying the chain
    /// and every guard.
    #[uniffi::constructor]
    pub fn replay(events: String) -> Result<Arc<Self>, ShegongError> {
        let e: Vec<ActivityRecord> = from_json(&events, "events")?;
        core::Activity::replay(e).typed().map(Activity::wrap)
    }

    /// Reads a stored history (JSON text).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, ShegongError> {
        core::Activity::from_json(&json).typed().map(Activity::wrap)
    }

    /// The stored history as JSON text.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        lock(&self.0).to_json().typed()
    }

    /// The plan, as the core's JSON.
    pub fn plan_of(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).plan_of())
    }

    /// Warnings against the group-work norms.
    pub fn norm_warnings(&self) -> Vec<Warning> {
        lock(&self.0)
            .norm_warnings()
            .into_iter()
            .map(|w| Warning {
                rule: w.rule,
                message: w.message,
            })
            .collect()
    }

    /// The recorded events, oldest first, as a JSON array.
    pub fn history(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).history())
    }

    /// The number of recorded events.
    pub fn length(&self) -> i64 {
        crate::convert::signed(lock(&self.0).history().len())
    }

    /// The chain head.
    pub fn head(&self) -> String {
        lock(&self.0).head().to_owned()
    }

    /// Sessions held so far.
    pub fn sessions_held(&self) -> i64 {
        i64::from(lock(&self.0).sessions_held())
    }

    /// The group's stage, for group work (null otherwise).
    pub fn group_stage(&self) -> Option<String> {
        lock(&self.0).group_stage().map(|s| label(&s))
    }

    /// The day the activity ended, if it has.
    pub fn ended_on(&self) -> Option<IsoDate> {
        lock(&self.0).ended_on().map(IsoDate)
    }
}
