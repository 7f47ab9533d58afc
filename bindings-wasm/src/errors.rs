//! Errors as real JS `Error` objects: `name` is the error's kind (the core's `ErrorKind`
//! variant), `code` the kind's stable code, `ruleId` the domain rule that refused (or `null`).

use js_sys::{Error as JsError, Reflect};
use shegong::ErrorKind;
use wasm_bindgen::prelude::*;

use crate::convert::to_js as value_to_js;

/// The JS error name of each kind. One exhaustive match with no `_` arm: a kind added to the
/// core stops this crate compiling until it is named here.
fn name_of(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Refused => "Refused",
        ErrorKind::ActivityRefused => "ActivityRefused",
        ErrorKind::VolunteerRefused => "VolunteerRefused",
        ErrorKind::RosterRefused => "RosterRefused",
        ErrorKind::GroupRefused => "GroupRefused",
        ErrorKind::InvalidInput => "InvalidInput",
        ErrorKind::InvalidRecord => "InvalidRecord",
        ErrorKind::InvalidLine => "InvalidLine",
        ErrorKind::InvalidParameters => "InvalidParameters",
        ErrorKind::InvalidIdNumber => "InvalidIdNumber",
        ErrorKind::InvalidPhone => "InvalidPhone",
        ErrorKind::InvalidNickname => "InvalidNickname",
        ErrorKind::InvalidMask => "InvalidMask",
        ErrorKind::UnknownValue => "UnknownValue",
        ErrorKind::OutOfOrder => "OutOfOrder",
        ErrorKind::Tampered => "Tampered",
        ErrorKind::HeadMismatch => "HeadMismatch",
        ErrorKind::Malformed => "Malformed",
        ErrorKind::UnknownEventKind => "UnknownEventKind",
        ErrorKind::UnsupportedFormat => "UnsupportedFormat",
        ErrorKind::NotStarted => "NotStarted",
        ErrorKind::OutOfRange => "OutOfRange",
        ErrorKind::ResultOutOfRange => "ResultOutOfRange",
        ErrorKind::InvalidAgencyDay => "InvalidAgencyDay",
        ErrorKind::UnknownBase => "UnknownBase",
        ErrorKind::UnknownRule => "UnknownRule",
        ErrorKind::InvalidRuleSet => "InvalidRuleSet",
        ErrorKind::ValueOutOfRange => "ValueOutOfRange",
        ErrorKind::Overflow => "Overflow",
        ErrorKind::LimitExceeded => "LimitExceeded",
    }
}

/// A JS `Error` of `kind` with `name`, `code` and `ruleId` set.
pub fn build(kind: ErrorKind, rule: Option<&str>, message: &str) -> JsValue {
    // Whichever layer wrote it, no number that could be an ID number or a phone leaves in a
    // message (the core's rule, applied once more to this crate's own messages).
    let err = JsError::new(&shegong::identity::withhold_numbers(message));
    err.set_name(name_of(kind));
    // Setting a property on a fresh, ordinary Error object cannot fail; if it did, the error
    // would still carry its name and message.
    let _ = Reflect::set(&err, &"code".into(), &kind.code().into());
    let rule: JsValue = rule.map_or(JsValue::NULL, JsValue::from);
    let _ = Reflect::set(&err, &"ruleId".into(), &rule);
    err.into()
}

/// A core error as a JS error.
pub fn to_js(e: shegong::Error) -> JsValue {
    build(e.kind(), e.rule_id(), &e.message())
}

/// Input that could not be read (wrong JSON shape, wrong type).
pub fn malformed(message: &str) -> JsValue {
    build(
        ErrorKind::Malformed,
        None,
        &format!("malformed input: {message}"),
    )
}

/// A missing or badly formed argument.
pub fn invalid(message: &str) -> JsValue {
    build(ErrorKind::InvalidInput, None, message)
}

/// Input beyond a documented limit (nesting depth, size).
pub fn limit(message: &str) -> JsValue {
    build(ErrorKind::LimitExceeded, None, message)
}

/// `?` for core results: maps the error to a JS error.
pub trait OrThrow<T> {
    /// The value, or the error as a JS `Error`.
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T, E: Into<shegong::Error>> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|e| to_js(e.into()))
    }
}

/// Every error kind as `{name, code}`: the `name` and `code` of the errors this package throws.
#[wasm_bindgen(js_name = errorKinds, unchecked_return_type = "{ name: string; code: string }[]")]
pub fn error_kinds() -> Result<JsValue, JsValue> {
    let kinds: Vec<serde_json::Value> = ErrorKind::ALL
        .iter()
        .map(|k| serde_json::json!({ "name": name_of(*k), "code": k.code() }))
        .collect();
    value_to_js(&kinds)
}
