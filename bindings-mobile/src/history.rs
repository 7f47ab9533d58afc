//! What the event-sourced handles (case, activity, volunteer) share: the `Applied` record and
//! the lock each handle keeps its aggregate under.

use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::convert::{label, signed};

/// A warning recorded with an event (e.g. `[consult-max-3]`, `[activity-size-norms]`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Warning {
    /// The rule behind it.
    pub rule: String,
    /// What was found.
    pub message: String,
}

/// What `apply` recorded: the event's number, the new chain head, the stage after it (the
/// group's stage for an activity, null for a non-group activity) and its warnings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Applied {
    /// The event's sequence number, from 1.
    pub seq: i64,
    /// Its hash: the new chain head.
    pub hash: String,
    /// The stage after it, by its serde name.
    pub stage: Option<String>,
    /// Warnings recorded with it.
    pub warnings: Vec<Warning>,
}

impl Applied {
    /// A core `Applied` as the record; `warning` reads each warning's rule and message.
    pub fn from_core<S: Serialize, W>(
        a: &shegong::history::Applied<S, W>,
        warning: impl Fn(&W) -> Warning,
    ) -> Applied {
        let stage = label(&a.stage);
        Applied {
            seq: signed(a.seq),
            hash: a.hash.clone(),
            stage: (!stage.is_empty()).then_some(stage),
            warnings: a.warnings.iter().map(warning).collect(),
        }
    }
}

/// The aggregate behind a handle. The core never panics while holding it, so a poisoned lock
/// (a panic elsewhere in the host) still holds a consistent aggregate: it is used as is.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
