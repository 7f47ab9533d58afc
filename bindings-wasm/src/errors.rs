//! Errors as real JS `Error` objects: `name` is the error's kind, `code` the core's stable
//! code, `ruleId` the domain rule that refused (or `null`).

use js_sys::{Error as JsError, Reflect};
use wasm_bindgen::prelude::*;

/// The JS error name of a core error. This is the one place errors are mapped.
fn name_of(e: &shegong::Error) -> &'static str {
    use shegong::Error as E;
    // Until the core's flat `ErrorKind` lands, the mapping goes by module and code, as the
    // Python binding's does; the names are the Python exception classes' names.
    match (e, e.code()) {
        (E::Calendar(_), "out_of_range" | "result_out_of_range") => "CalendarRangeError",
        (E::Workload(shegong::workload::WorkloadError::Calendar(_)), _) => "CalendarRangeError",
        (E::Calendar(_), _) => "AgencyCalendarError",
        (E::Case(_), "refused") => "TransitionRefused",
        (E::Case(_), "out_of_order") => "OutOfOrder",
        (E::Case(_), "tampered") => "TamperedHistory",
        (E::Case(_), "head_mismatch") => "HeadMismatch",
        (E::Case(_), "unknown_event_kind") => "UnknownEventKind",
        (E::Case(_), "unsupported_format") => "UnsupportedFormat",
        (E::Case(_), "not_started") => "NotStarted",
        (_, "malformed") => "MalformedData",
        (E::Deadline(_), _) => "RuleSetError",
        (E::Activity(_), "refused") => "ActivityRefused",
        (E::Identity(_), "invalid_phone") => "InvalidPhone",
        (E::Identity(_), "invalid_id_number") => "InvalidIdNumber",
        (E::Volunteer(_), "invalid_input") => "InvalidInput",
        (E::Volunteer(_), _) => "VolunteerRefused",
        (E::Group(_), "invalid_nickname") => "InvalidNickname",
        (E::Group(_), _) => "GroupRefused",
        _ => "InvalidInput",
    }
}

/// A JS `Error` with `name`, `code` and `ruleId` set.
pub fn build(name: &str, code: &str, rule: Option<&str>, message: &str) -> JsValue {
    let err = JsError::new(message);
    err.set_name(name);
    // Setting a property on a fresh, ordinary Error object cannot fail; if it did, the error
    // would still carry its name and message.
    let _ = Reflect::set(&err, &"code".into(), &code.into());
    let rule: JsValue = rule.map_or(JsValue::NULL, JsValue::from);
    let _ = Reflect::set(&err, &"ruleId".into(), &rule);
    err.into()
}

/// A core error as a JS error.
pub fn to_js(e: shegong::Error) -> JsValue {
    build(name_of(&e), e.code(), e.rule_id(), &e.to_string())
}

/// Input that could not be read (wrong JSON shape, wrong type).
pub fn malformed(message: &str) -> JsValue {
    build(
        "MalformedData",
        "malformed",
        None,
        &format!("malformed input: {message}"),
    )
}

/// A missing or badly formed argument.
pub fn invalid(message: &str) -> JsValue {
    build("InvalidInput", "invalid_input", None, message)
}

/// Input beyond a documented limit (nesting depth, size).
pub fn limit(message: &str) -> JsValue {
    build("LimitExceeded", "limit_exceeded", None, message)
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

/// The names of every JS error this package throws, for `instanceof`-free checks.
#[wasm_bindgen(js_name = errorNames)]
pub fn error_names() -> Vec<String> {
    [
        "CalendarRangeError",
        "AgencyCalendarError",
        "TransitionRefused",
        "OutOfOrder",
        "TamperedHistory",
        "HeadMismatch",
        "UnknownEventKind",
        "UnsupportedFormat",
        "NotStarted",
        "MalformedData",
        "RuleSetError",
        "ActivityRefused",
        "InvalidPhone",
        "InvalidIdNumber",
        "InvalidInput",
        "VolunteerRefused",
        "InvalidNickname",
        "GroupRefused",
        "LimitExceeded",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}
