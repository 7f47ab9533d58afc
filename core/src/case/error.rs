//! Errors of the case module.

use super::types::Stage;

/// Why a case refused an event or a history.
///
/// A refused event changes nothing: the case's state and history are exactly as before.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CaseError {
    /// A guard refused the event: the rules forbid this step now.
    #[error("cannot {verb} case {case} at stage {stage} (event #{seq}): {reason} [{rule}]", verb = verb(event), stage = stage.name())]
    Refused {
        /// The case number.
        case: String,
        /// The sequence number the event would have had (1-based).
        seq: u64,
        /// The event's type name, e.g. `"opened"`.
        event: &'static str,
        /// The stage the case was in.
        stage: Stage,
        /// The rule that refused it.
        rule: &'static str,
        /// Why, in words.
        reason: String,
    },
    /// A field of the event is missing or malformed (an empty reason, a duplicate id).
    #[error("invalid {field}{in_case}: {reason}{tag}", in_case = in_case(case), tag = rule_tag(rule.as_deref()))]
    InvalidInput {
        /// The case number, if known.
        case: String,
        /// The field at fault.
        field: &'static str,
        /// What is wrong.
        reason: String,
        /// The rule that requires the field, if one does.
        rule: Option<String>,
    },
    /// The event's timestamps are out of order: recorded before the previous event, recorded
    /// before it happened, or happened before the case was received.
    #[error("event #{seq} of case {case} is out of order: {reason} [records-authentic]")]
    OutOfOrder {
        /// The case number.
        case: String,
        /// The event's sequence number.
        seq: u64,
        /// What is out of order.
        reason: String,
    },
    /// The hash chain is broken at this event: it was edited, inserted, removed or moved.
    #[error("history of case {case} is broken at event #{seq}: {reason} [records-authentic]")]
    Tampered {
        /// The case number, if it could be read.
        case: String,
        /// The first event that does not verify.
        seq: u64,
        /// What does not match.
        reason: String,
    },
    /// The history verifies on its own but does not end at the chain head stored beside it:
    /// it was truncated, extended, or its chain recomputed.
    #[error("history of case {case} does not end at its stored chain head: expected {expected}, found {found} [records-authentic]")]
    HeadMismatch {
        /// The case number.
        case: String,
        /// The stored head.
        expected: String,
        /// The head the history ends at.
        found: String,
    },
    /// A history or event could not be read (malformed JSON, a missing field).
    #[error("malformed case data: {reason}")]
    Malformed {
        /// The parser's message.
        reason: String,
    },
    /// A history or event could not be read: its JSON is over a documented limit
    /// ([`crate::limits`]), has a duplicate key, or does not fit the types. The message names
    /// the JSON path and what was expected, never the value found.
    #[error(transparent)]
    Json(#[from] crate::json::JsonError),
    /// An event type this library does not know (named only when it looks like a type name:
    /// a type field holding an ID number is not repeated).
    #[error("unknown event type {} at `{path}`", crate::json::describe_str(kind))]
    UnknownEventKind {
        /// The type named.
        kind: String,
        /// The JSON path of its `type` field, e.g. `events[3].event.type`.
        path: String,
    },
    /// A stored history in a format newer than this library reads.
    #[error(
        "case history format {format} is not supported (this library reads format {supported})"
    )]
    UnsupportedFormat {
        /// The format found.
        format: u32,
        /// The format this library reads.
        supported: u32,
    },
    /// A history with no events, or one whose first event is not `received`.
    #[error("a case history must start with a `received` event{found}", found = found_first(first))]
    NotStarted {
        /// The first event's type, if any.
        first: Option<&'static str>,
    },
    /// A computation on the given numbers does not fit its type (never a wrapped or
    /// repeated value).
    #[error("{quantity} is out of range [{rule}]")]
    Overflow {
        /// The rule whose computation overflowed, e.g. `"case-numbering"`.
        rule: String,
        /// What overflowed, e.g. `"case number serial"`.
        quantity: String,
    },
}

fn rule_tag(rule: Option<&str>) -> String {
    rule.map_or_else(String::new, |r| format!(" [{r}]"))
}

impl From<crate::history::read::ReadError> for CaseError {
    fn from(e: crate::history::read::ReadError) -> Self {
        match e {
            crate::history::read::ReadError::Json(e) => CaseError::Json(e),
            crate::history::read::ReadError::UnknownKind(kind, path) => {
                CaseError::UnknownEventKind { kind, path }
            }
        }
    }
}

impl CaseError {
    /// An invalid-input error; a reason ending in `[rule-id]` has the rule split off.
    pub(crate) fn invalid(case: &str, field: &'static str, reason: impl Into<String>) -> CaseError {
        let reason = reason.into();
        let (reason, rule) = match reason.strip_suffix(']').and_then(|r| r.rsplit_once(" [")) {
            Some((text, id))
                if !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
            {
                (text.to_owned(), Some(id.to_owned()))
            }
            _ => (reason, None),
        };
        CaseError::InvalidInput {
            case: case.to_owned(),
            field,
            reason,
            rule,
        }
    }
}

fn in_case(case: &str) -> String {
    if case.is_empty() {
        String::new()
    } else {
        format!(" in case {case}")
    }
}

fn found_first(first: &Option<&'static str>) -> String {
    first.map_or_else(
        || " (it is empty)".to_owned(),
        |f| format!(" (it starts with `{f}`)"),
    )
}

impl CaseError {
    /// A stable snake_case code for the error's kind, the same in every binding
    /// (e.g. `"refused"`, `"tampered"`).
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        use crate::ErrorKind as K;
        match self {
            CaseError::Refused { .. } => K::Refused,
            CaseError::InvalidInput { .. } => K::InvalidInput,
            CaseError::OutOfOrder { .. } => K::OutOfOrder,
            CaseError::Tampered { .. } => K::Tampered,
            CaseError::HeadMismatch { .. } => K::HeadMismatch,
            CaseError::Malformed { .. } => K::Malformed,
            CaseError::UnknownEventKind { .. } => K::UnknownEventKind,
            CaseError::UnsupportedFormat { .. } => K::UnsupportedFormat,
            CaseError::NotStarted { .. } => K::NotStarted,
            CaseError::Overflow { .. } => K::Overflow,
            CaseError::Json(e) => e.kind(),
        }
    }

    /// The domain rule behind the error, if one applies.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            CaseError::Refused { rule, .. } => Some(rule),
            CaseError::OutOfOrder { .. }
            | CaseError::Tampered { .. }
            | CaseError::HeadMismatch { .. } => Some("records-authentic"),
            CaseError::InvalidInput { rule, .. } => rule.as_deref(),
            CaseError::Overflow { rule, .. } => Some(rule),
            CaseError::Malformed { .. }
            | CaseError::Json(_)
            | CaseError::UnknownEventKind { .. }
            | CaseError::UnsupportedFormat { .. }
            | CaseError::NotStarted { .. } => None,
        }
    }
}

/// The verb of a refusal message for an event type.
fn verb(event: &str) -> String {
    match event {
        "received" => "receive".to_owned(),
        "opened" => "open".to_owned(),
        "opening_submitted" => "submit the opening record of".to_owned(),
        "opening_decided" => "decide on the opening of".to_owned(),
        "plan_agreed" => "agree a plan for".to_owned(),
        "intervention_started" => "start intervention in".to_owned(),
        "closing_report_submitted" => "submit the closing report of".to_owned(),
        "closing_decided" => "close".to_owned(),
        "withdrawn" => "withdraw from".to_owned(),
        "terminated" => "terminate".to_owned(),
        "referred_out" => "refer out the client of".to_owned(),
        "reopened" => "reopen".to_owned(),
        "followed_up" => "follow up".to_owned(),
        other => format!("record {other} in"),
    }
}
