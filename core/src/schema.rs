//! JSON Schemas (draft 2020-12) of the documents a platform stores and exchanges, generated
//! from the Rust types that read them: the events of the three event-sourced aggregates (case,
//! activity, volunteer), the envelope an event is recorded in, the stored histories, rule sets,
//! calendar descriptions and the rows of a batch evaluation.
//!
//! The schemas are the documentation of every field: each property carries the type's doc
//! comment as its `description`, and every event type is one branch of its aggregate's
//! `oneOf`, recognised by its `type` constant. The project checks a copy of each into
//! `schemas/` and its CI fails when the types change without it (`scripts/check-generated`).
//! They describe the current formats; older stored formats that the readers still accept
//! (format-1 activity and volunteer histories) are not described.
//!
//! # Example
//! ```
//! let docs = shegong::schema::documents();
//! let case_event = docs.iter().find(|d| d.name == "case_event").unwrap();
//! let types: Vec<&str> = case_event.schema["oneOf"]
//!     .as_array()
//!     .unwrap()
//!     .iter()
//!     .filter_map(|b| b["properties"]["type"]["const"].as_str())
//!     .collect();
//! assert_eq!(types, shegong::case::EventKind::KINDS);
//! ```

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::Value;

use crate::case::Actor;
use crate::history::{NewEvent, Recorded};

/// One generated schema: its name (the file stem under `schemas/`) and the schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The schema's name, e.g. `"case_event"`; stored as `schemas/<name>.schema.json`.
    pub name: &'static str,
    /// What the schema describes, in one line.
    pub about: &'static str,
    /// The schema (draft 2020-12).
    pub schema: Value,
}

fn doc<T: JsonSchema>(name: &'static str, about: &'static str) -> Document {
    Document {
        name,
        about,
        schema: schemars::schema_for!(T).to_value(),
    }
}

/// Every schema this module generates, in a stable order.
pub fn documents() -> Vec<Document> {
    use crate::activity::{ActivityEvent, StoredActivity};
    use crate::calendar::CalendarSpec;
    use crate::case::{EventKind, StoredCase};
    use crate::deadline::{Obligation, RuleSet};
    use crate::report::{BatchError, CaseSummary, ObligationRow};
    use crate::volunteer::{StoredVolunteer, VolunteerEvent};
    vec![
        doc::<EventKind>(
            "case_event",
            "the payload of a case event, one branch per `type`",
        ),
        doc::<ActivityEvent>(
            "activity_event",
            "the payload of an activity event, one branch per `type`",
        ),
        doc::<VolunteerEvent>(
            "volunteer_event",
            "the payload of a volunteer event, one branch per `type`",
        ),
        doc::<NewEvent<EventKind>>(
            "new_case_event",
            "a case event to apply: when, recorded when, by whom, what",
        ),
        doc::<NewEvent<ActivityEvent>>("new_activity_event", "an activity event to apply"),
        doc::<NewEvent<VolunteerEvent>>("new_volunteer_event", "a volunteer event to apply"),
        doc::<Recorded<EventKind>>(
            "recorded_case_event",
            "a case event as stored: numbered, versioned and chained",
        ),
        doc::<Recorded<ActivityEvent>>("recorded_activity_event", "an activity event as stored"),
        doc::<Recorded<VolunteerEvent>>("recorded_volunteer_event", "a volunteer event as stored"),
        doc::<StoredCase>("case_history", "a case history as stored (`Case.to_json`)"),
        doc::<StoredActivity>(
            "activity_history",
            "an activity history as stored (`Activity.to_json`)",
        ),
        doc::<StoredVolunteer>(
            "volunteer_history",
            "a volunteer history as stored (`Volunteer.to_json`)",
        ),
        doc::<RuleSet>("rule_set", "a rule set of time limits (`RuleSet.to_json`)"),
        doc::<Obligation>(
            "obligation",
            "one obligation a rule raises, where it stands and why (`RuleSet.obligations`)",
        ),
        doc::<CalendarSpec>(
            "calendar_spec",
            "a calendar description (`Calendar.to_json`)",
        ),
        doc::<ObligationRow>(
            "batch_obligation_row",
            "one row of a batch's obligation columns: each property is a column",
        ),
        doc::<CaseSummary>(
            "batch_case_summary",
            "one row of a batch's case columns: each property is a column",
        ),
        doc::<BatchError>(
            "batch_error",
            "one row of a batch's error columns: each property is a column",
        ),
        Document {
            name: "vocabulary",
            about: "the names of stages, roles, statuses and event types, with Chinese labels",
            schema: vocabulary(),
        },
    ]
}

/// The named values results carry outside any one stored document (a case's stage, a
/// volunteer's, a group's, an obligation status, the event types), each with its Chinese
/// label or its documentation as the description of its value.
fn vocabulary() -> Value {
    use crate::activity::GroupStage;
    use crate::case::{Role, Stage};
    use crate::event_types::{
        ActivityEventType, CaseEventType, ObligationStatusName, VolunteerEventType,
    };
    use crate::volunteer::VolunteerStage;
    let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    generator.subschema_for::<Stage>();
    generator.subschema_for::<Role>();
    generator.subschema_for::<VolunteerStage>();
    generator.subschema_for::<GroupStage>();
    generator.subschema_for::<ObligationStatusName>();
    generator.subschema_for::<CaseEventType>();
    generator.subschema_for::<ActivityEventType>();
    generator.subschema_for::<VolunteerEventType>();
    let defs = generator.take_definitions(true);
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Vocabulary",
        "description": "The names of stages, roles, obligation statuses and event types: each a string enum whose values are described by their Chinese labels or documentation. Not a document in itself; the other schemas and the Python types refer to the same names.",
        "$defs": defs,
    })
}

// The envelopes are defined in `history`; their schemas are described here by forms with the
// same fields, serde attributes and documentation. `tests/schemas.rs` fails when a form and
// its type disagree on the fields they write.

/// When the rules version field is absent: version 1.
fn one() -> u32 {
    1
}

/// An event to be recorded: what happened, when, recorded when, and by whom.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "New{E}")]
#[allow(dead_code)]
struct NewEventForm<E> {
    /// When it happened, with the offset it was recorded in (RFC 3339, e.g.
    /// `2026-03-02T09:00:00+08:00`).
    occurred_at: DateTime<FixedOffset>,
    /// When it was recorded; at or after `occurred_at`, so a meeting can be entered late.
    recorded_at: DateTime<FixedOffset>,
    /// Who did it, in which role.
    actor: Actor,
    /// What happened.
    event: E,
}

/// An event as recorded in a history: numbered, versioned and chained.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Recorded{E}")]
#[allow(dead_code)]
struct RecordedForm<E> {
    /// Its position in the history, from 1.
    seq: u64,
    /// When it happened (RFC 3339 with offset).
    occurred_at: DateTime<FixedOffset>,
    /// When it was recorded (RFC 3339 with offset).
    recorded_at: DateTime<FixedOffset>,
    /// Who did it.
    actor: Actor,
    /// What happened.
    event: E,
    /// The rules version it was accepted under (omitted when 1).
    #[serde(default = "one")]
    rules: u32,
    /// The hash of the previous event (64 zeros for the first).
    prev_hash: String,
    /// This event's hash: SHA-256 (hex) over the chain domain, the previous hash and the
    /// event's canonical JSON.
    hash: String,
}

impl<E: JsonSchema> JsonSchema for NewEvent<E> {
    fn schema_name() -> Cow<'static, str> {
        NewEventForm::<E>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!("shegong::NewEvent<{}>", E::schema_id()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        NewEventForm::<E>::json_schema(generator)
    }
}

impl<E: JsonSchema> JsonSchema for Recorded<E> {
    fn schema_name() -> Cow<'static, str> {
        RecordedForm::<E>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Owned(format!("shegong::Recorded<{}>", E::schema_id()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        RecordedForm::<E>::json_schema(generator)
    }
}
