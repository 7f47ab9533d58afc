//! The three aggregates a store keeps, seen through one trait so that one code path stores
//! them all. Every decision stays in core: these impls only forward.

use serde::de::DeserializeOwned;
use serde::Serialize;
use shegong::activity::{Activity, ActivityEvent, ACTIVITY_CHAIN};
use shegong::case::{Case, EventKind, CHAIN_VERSION};
use shegong::history::{NewEvent, Recorded};
use shegong::volunteer::{Volunteer, VolunteerEvent, VOLUNTEER_CHAIN};

/// Which kind of history a row belongs to: the `kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AggregateKind {
    /// A case (个案).
    Case,
    /// A group or community activity (小组, 社区活动).
    Activity,
    /// A volunteer (志愿者).
    Volunteer,
}

impl AggregateKind {
    /// The value of the `kind` column: `"case"`, `"activity"` or `"volunteer"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AggregateKind::Case => "case",
            AggregateKind::Activity => "activity",
            AggregateKind::Volunteer => "volunteer",
        }
    }
}

impl std::fmt::Display for AggregateKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An aggregate the store can keep: a core history type with its events, its chain and its
/// id. Implemented for [`Case`], [`Activity`] and [`Volunteer`]; every method forwards to core.
pub trait Storable: Sized + Clone {
    /// The aggregate's event type.
    type Event: Serialize + DeserializeOwned + Clone;
    /// Its kind, the `kind` column.
    const KIND: AggregateKind;
    /// The domain string of its hash chain (core's).
    const CHAIN: &'static str;

    /// Starts the aggregate from its first event (core's `start`).
    ///
    /// # Errors
    /// The core's refusal.
    fn start(first: NewEvent<Self::Event>) -> Result<Self, shegong::Error>;

    /// Checks an event and appends it (core's `apply`); a refusal changes nothing.
    ///
    /// # Errors
    /// The core's refusal.
    fn apply(&mut self, new: NewEvent<Self::Event>) -> Result<(), shegong::Error>;

    /// Rebuilds the aggregate from recorded events, verifying the chain (core's `replay`).
    ///
    /// # Errors
    /// The core's error.
    fn replay(events: Vec<Recorded<Self::Event>>) -> Result<Self, shegong::Error>;

    /// The id: the case number, the activity's id or the volunteer's id.
    fn id(&self) -> String;

    /// The history, oldest first.
    fn history(&self) -> &[Recorded<Self::Event>];

    /// The chain head.
    fn head(&self) -> &str;

    /// The stage to index the aggregate by (cases only), as core names it.
    fn stage(&self) -> Option<&'static str>;

    /// The history as core's stored JSON.
    ///
    /// # Errors
    /// The core's error (it does not fail for a valid aggregate).
    fn to_json(&self) -> Result<String, shegong::Error>;
}

impl Storable for Case {
    type Event = EventKind;
    const KIND: AggregateKind = AggregateKind::Case;
    const CHAIN: &'static str = CHAIN_VERSION;

    fn start(first: NewEvent<EventKind>) -> Result<Self, shegong::Error> {
        Ok(Case::start(first)?)
    }
    fn apply(&mut self, new: NewEvent<EventKind>) -> Result<(), shegong::Error> {
        Case::apply(self, new)?;
        Ok(())
    }
    fn replay(events: Vec<Recorded<EventKind>>) -> Result<Self, shegong::Error> {
        Ok(Case::replay(events)?)
    }
    fn id(&self) -> String {
        self.number().to_string()
    }
    fn history(&self) -> &[Recorded<EventKind>] {
        Case::history(self)
    }
    fn head(&self) -> &str {
        Case::head(self)
    }
    fn stage(&self) -> Option<&'static str> {
        Some(Case::stage(self).name())
    }
    fn to_json(&self) -> Result<String, shegong::Error> {
        Ok(Case::to_json(self)?)
    }
}

impl Storable for Activity {
    type Event = ActivityEvent;
    const KIND: AggregateKind = AggregateKind::Activity;
    const CHAIN: &'static str = ACTIVITY_CHAIN;

    fn start(first: NewEvent<ActivityEvent>) -> Result<Self, shegong::Error> {
        Ok(Activity::start(first)?)
    }
    fn apply(&mut self, new: NewEvent<ActivityEvent>) -> Result<(), shegong::Error> {
        Activity::apply(self, new)?;
        Ok(())
    }
    fn replay(events: Vec<Recorded<ActivityEvent>>) -> Result<Self, shegong::Error> {
        Ok(Activity::replay(events)?)
    }
    fn id(&self) -> String {
        self.plan_of().id.clone()
    }
    fn history(&self) -> &[Recorded<ActivityEvent>] {
        Activity::history(self)
    }
    fn head(&self) -> &str {
        Activity::head(self)
    }
    fn stage(&self) -> Option<&'static str> {
        None
    }
    fn to_json(&self) -> Result<String, shegong::Error> {
        Ok(Activity::to_json(self)?)
    }
}

impl Storable for Volunteer {
    type Event = VolunteerEvent;
    const KIND: AggregateKind = AggregateKind::Volunteer;
    const CHAIN: &'static str = VOLUNTEER_CHAIN;

    fn start(first: NewEvent<VolunteerEvent>) -> Result<Self, shegong::Error> {
        Ok(Volunteer::start(first)?)
    }
    fn apply(&mut self, new: NewEvent<VolunteerEvent>) -> Result<(), shegong::Error> {
        Volunteer::apply(self, new)?;
        Ok(())
    }
    fn replay(events: Vec<Recorded<VolunteerEvent>>) -> Result<Self, shegong::Error> {
        Ok(Volunteer::replay(events)?)
    }
    fn id(&self) -> String {
        Volunteer::id(self).to_owned()
    }
    fn history(&self) -> &[Recorded<VolunteerEvent>] {
        Volunteer::history(self)
    }
    fn head(&self) -> &str {
        Volunteer::head(self)
    }
    fn stage(&self) -> Option<&'static str> {
        None
    }
    fn to_json(&self) -> Result<String, shegong::Error> {
        Ok(Volunteer::to_json(self)?)
    }
}
