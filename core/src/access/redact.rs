//! Redacted views: a record with every field the viewer may not see removed or masked.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Access, Outcome, SubjectFacts, Viewer};
use crate::assessment::{Record, RecordKind};
use crate::identity::{mask_middle, IdNumber, Phone};

/// What a masked value becomes, unless it is a phone or ID number (masked in place).
pub const MASK: &str = "***";

/// A record as one viewer may see it. Its `Debug` and `Display` also mask every phone and ID
/// number, whoever the viewer, so a log line never carries one in full.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct RedactedRecord {
    /// The record kind.
    pub kind: RecordKind,
    /// The record's JSON with denied fields removed and masked fields masked.
    pub value: Value,
    /// The paths removed.
    pub removed: Vec<String>,
    /// The paths masked.
    pub masked: Vec<String>,
}

fn mask_value(v: &Value, identifier: bool) -> Value {
    match v {
        Value::String(s) if identifier => {
            if let Ok(p) = Phone::parse(s) {
                Value::String(p.masked())
            } else if let Ok(id) = IdNumber::parse(s) {
                Value::String(id.masked())
            } else {
                Value::String(mask_middle(s, 0, 0))
            }
        }
        Value::Null => Value::Null,
        _ => Value::String(MASK.to_owned()),
    }
}

impl Access {
    /// The record as `viewer` may see it: every field [`Access::decide`] denies removed,
    /// every field it masks masked, nested fields decided one by one. A record whose person's
    /// age ([`Record::client_age`]) is under 14 is decided as a minor's even when `subject`
    /// does not say so.
    ///
    /// # Example
    /// ```
    /// use shegong::access::*;
    /// use shegong::assessment::Record;
    /// let record: Record = serde_json::from_value(serde_json::json!({
    ///     "kind": "consultation_record", "group": "G-1", "serial_number": "031",
    ///     "client_name": "陈女士", "gender": "female", "phone": "13700001111",
    ///     "category": "psychological", "server_name": "刘", "recorder": "何",
    ///     "items": [{"number": 1, "question": "失眠", "answer": "规律作息"}],
    ///     "recorded_at": "2026-03-03T10:00:00+08:00"}))?;
    /// let subject = SubjectFacts { id: "c-1".into(), groups: vec!["G-1".into()], minor_under_14: false, specific_identity: false };
    /// let resident = Viewer::staff("r-9", AccessRole::Resident, vec!["G-1".into()]);
    /// let view = Access::default().redact(&resident, &record, &subject);
    /// assert!(view.value.get("client_name").is_none());
    /// assert!(!view.to_string().contains("13700001111"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn redact(
        &self,
        viewer: &Viewer,
        record: &Record,
        subject: &SubjectFacts,
    ) -> RedactedRecord {
        let kind = record.kind();
        // A minor is a fact of the person, read from the record as well as from the caller:
        // a record that gives an age under 14 is a minor's (PIPL art. 28), whatever
        // `subject.minor_under_14` says.
        let derived;
        let subject = if !subject.minor_under_14
            && record
                .client_age()
                .is_some_and(|age| age < crate::case::GUARDIAN_CONSENT_BELOW_AGE)
        {
            derived = SubjectFacts {
                minor_under_14: true,
                ..subject.clone()
            };
            &derived
        } else {
            subject
        };
        let mut out = RedactedRecord {
            kind,
            value: Value::Null,
            removed: Vec::new(),
            masked: Vec::new(),
        };
        let Ok(Value::Object(map)) = serde_json::to_value(record) else {
            return out;
        };
        let mut top = self.redact_object(viewer, kind, subject, "", map, &mut out);
        top.insert("kind".to_owned(), Value::String(kind.name().to_owned()));
        out.value = Value::Object(top);
        // A list of objects repeats its item paths; report each path once.
        out.removed.sort();
        out.removed.dedup();
        out.masked.sort();
        out.masked.dedup();
        out
    }

    fn redact_object(
        &self,
        viewer: &Viewer,
        kind: RecordKind,
        subject: &SubjectFacts,
        prefix: &str,
        map: Map<String, Value>,
        out: &mut RedactedRecord,
    ) -> Map<String, Value> {
        let mut kept = Map::new();
        for (key, value) in map {
            if prefix.is_empty() && key == "kind" {
                continue;
            }
            let path = format!("{prefix}{key}");
            let d = self.decide_own(viewer, kind, &path, subject);
            match d.outcome {
                Outcome::Deny => out.removed.push(path),
                Outcome::Mask => {
                    let identifier = kind.field(&path).is_some_and(|f| f.identifier);
                    let masked = match &value {
                        Value::Array(items) => {
                            Value::Array(items.iter().map(|v| mask_value(v, identifier)).collect())
                        }
                        other => mask_value(other, identifier),
                    };
                    out.masked.push(path);
                    kept.insert(key, masked);
                }
                Outcome::Allow => {
                    let value = match value {
                        Value::Object(inner) => Value::Object(self.redact_object(
                            viewer,
                            kind,
                            subject,
                            &format!("{path}."),
                            inner,
                            out,
                        )),
                        Value::Array(items) => Value::Array(
                            items
                                .into_iter()
                                .map(|item| match item {
                                    Value::Object(inner) => Value::Object(self.redact_object(
                                        viewer,
                                        kind,
                                        subject,
                                        &format!("{path}[]."),
                                        inner,
                                        out,
                                    )),
                                    other => other,
                                })
                                .collect(),
                        ),
                        other => other,
                    };
                    kept.insert(key, value);
                }
            }
        }
        kept
    }
}

/// The value with every identifier field masked, whatever the view allowed.
fn log_safe(kind: RecordKind, value: &Value) -> Value {
    fn go(kind: RecordKind, prefix: &str, v: &Value) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, x)| {
                        let path = format!("{prefix}{k}");
                        let identifier = kind.field(&path).is_some_and(|f| f.identifier);
                        let x = if identifier {
                            match x {
                                Value::Array(items) => Value::Array(
                                    items.iter().map(|i| mask_value(i, true)).collect(),
                                ),
                                other => mask_value(other, true),
                            }
                        } else {
                            match x {
                                Value::Object(_) => go(kind, &format!("{path}."), x),
                                Value::Array(items) => Value::Array(
                                    items
                                        .iter()
                                        .map(|i| go(kind, &format!("{path}[]."), i))
                                        .collect(),
                                ),
                                other => other.clone(),
                            }
                        };
                        (k.clone(), x)
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    go(kind, "", value)
}

impl fmt::Debug for RedactedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedactedRecord")
            .field("kind", &self.kind)
            .field("value", &log_safe(self.kind, &self.value))
            .field("removed", &self.removed)
            .field("masked", &self.masked)
            .finish()
    }
}

impl fmt::Display for RedactedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", log_safe(self.kind, &self.value))
    }
}
