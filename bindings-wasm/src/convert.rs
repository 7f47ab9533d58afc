//! Conversion between JS values and the core's serde forms.
//!
//! JS → core: the value's shape is checked first (nesting depth, node count: deep recursion
//! in wasm can overrun its stack without a clean trap), then it is written as JSON and read
//! by the core's own `from_json` path, so the core's strictness (unknown fields, duplicate
//! keys) and messages apply unchanged. Core → JS: the core's JSON, parsed into plain objects.

use chrono::{DateTime, FixedOffset, NaiveDate};
use js_sys::{Array, JsString, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::errors::{invalid, limit, malformed, OrThrow};

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, catching what a revoked proxy throws.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Array.from`, catching what a getter or a proxy trap throws.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
    /// `Object.values`, catching what a getter or a proxy trap throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = values)]
    fn object_values(value: &JsValue) -> Result<Array, JsValue>;
    /// A JS `RegExp`, tested on a JS string itself (js-sys's `RegExp::test` takes a `&str`,
    /// which the glue would already have converted, a lone surrogate replaced by U+FFFD).
    #[wasm_bindgen(js_name = RegExp)]
    type Pattern;
    #[wasm_bindgen(constructor, js_class = "RegExp")]
    fn new(source: &str) -> Pattern;
    #[wasm_bindgen(method, js_class = "RegExp", js_name = test)]
    fn test(this: &Pattern, text: &JsString) -> bool;
}

/// A UTF-16 code unit of a surrogate pair without its partner (a high one not followed by a
/// low one, or a low one not preceded by a high one), as a pattern over code units: ES2015
/// syntax, no `u` flag and no lookbehind, which every mini-program engine has.
const LONE_SURROGATE: &str =
    r"[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]";

/// Refuses a JS string that holds a lone surrogate: it has no UTF-8 form, and converting it
/// would silently put U+FFFD in its place (an id or a name that is not the one given, a JSON
/// text read as another). One native regular-expression scan, no copy.
fn well_formed(s: &JsString, what: &str) -> Result<(), JsValue> {
    if Pattern::new(LONE_SURROGATE).test(s) {
        return Err(malformed(&format!(
            "{what}: the text holds a lone surrogate (half of a UTF-16 pair), which is not Unicode text"
        )));
    }
    Ok(())
}

/// A string argument exactly as given: a JS string (never a number, `null` or an object that
/// JS would coerce to one) with no lone surrogate, within the input limit.
pub fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    let Some(s) = value.dyn_ref::<JsString>() else {
        return Err(invalid(&format!("{what}: expected a string")));
    };
    // UTF-8 takes at least one byte per UTF-16 unit: measured before anything is copied.
    let units = usize::try_from(s.length()).unwrap_or(usize::MAX);
    if units > shegong::limits::MAX_INPUT_BYTES {
        return Err(limit(&format!(
            "{what}: longer than {} bytes [limits]",
            shegong::limits::MAX_INPUT_BYTES
        )));
    }
    well_formed(s, what)?;
    Ok(String::from(s))
}

/// The deepest nesting of arrays and objects accepted from JS: the core's documented limit.
/// Deeper input (or an object that contains itself) is refused with a `LimitExceeded` error
/// before any conversion.
pub const MAX_DEPTH: usize = shegong::limits::MAX_DEPTH;

/// The most values (of any kind) one input may hold.
pub const MAX_NODES: usize = 1_000_000;

/// Refuses a value nested deeper than [`MAX_DEPTH`] or holding more than [`MAX_NODES`]
/// values, walking it with an explicit stack (never recursion).
pub fn check_shape(value: &JsValue, what: &str) -> Result<(), JsValue> {
    let mut stack: Vec<(JsValue, usize)> = vec![(value.clone(), 0)];
    let mut seen: usize = 0;
    while let Some((v, depth)) = stack.pop() {
        seen = seen.saturating_add(1);
        if seen > MAX_NODES {
            return Err(limit(&format!(
                "{what} holds more than {MAX_NODES} values [limits]"
            )));
        }
        if !v.is_object() {
            continue;
        }
        if depth >= MAX_DEPTH {
            return Err(limit(&format!(
                "{what} is nested deeper than {MAX_DEPTH} levels, or contains itself [limits]"
            )));
        }
        // A getter or a proxy trap may throw: caught here, as a typed error, because a JS
        // exception unwinding through wasm frames would skip the binding's bookkeeping (the
        // borrowed handle stayed borrowed, and every later call on it failed).
        let thrown = |_| {
            malformed(&format!(
                "{what} could not be read: a property getter or proxy trap threw"
            ))
        };
        let array = is_array(&v).map_err(thrown)?;
        if array || js_sys::ArrayBuffer::is_view(&v) {
            // Counted before the elements are listed: a sparse array of length 10^8 costs
            // nothing to make, and listing it would exhaust the JS heap (a fatal abort).
            let length = js_sys::Reflect::get(&v, &JsValue::from_str("length"))
                .map_err(thrown)?
                .as_f64()
                .unwrap_or(0.0);
            #[allow(clippy::cast_precision_loss)]
            let room = MAX_NODES.saturating_sub(seen).saturating_sub(stack.len()) as f64;
            if length.is_nan() || length > room {
                return Err(limit(&format!(
                    "{what} holds more than {MAX_NODES} values [limits]"
                )));
            }
            if !array {
                // A typed array is bytes, not JSON data (it would be written as an object
                // keyed "0", "1", ...).
                return Err(malformed(&format!(
                    "{what}: a typed array or DataView is not JSON data"
                )));
            }
        }
        let children = if array {
            array_from(&v).map_err(thrown)?
        } else {
            object_values(&v).map_err(thrown)?
        };
        let next = depth.saturating_add(1);
        for child in children.iter() {
            stack.push((child, next));
        }
    }
    Ok(())
}

/// A JS value (a plain object, or a JSON string) as JSON text, after [`check_shape`].
pub fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_string() {
        return text(value, what);
    }
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(invalid(&format!(
            "{what}: expected an object or a JSON string"
        )));
    }
    check_shape(value, what)?;
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| malformed(&format!("{what} cannot be written as JSON")))
}

/// A JS value as a core type, through the core's strict JSON reader (unknown fields,
/// duplicate keys and limits refused; messages name the path, never the value).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &'static str) -> Result<T, JsValue> {
    let text = json_text(value, what)?;
    shegong::json::from_str(&text, what).or_throw()
}

/// A JS value read by one of the core's event readers (`new_event_from_json`,
/// `events_from_json` of cases, activities and volunteers), which tell an unknown event type
/// (`UnknownEventKind`) from other faults.
pub fn read_js<T, E: Into<shegong::Error>>(
    value: &JsValue,
    what: &'static str,
    read: fn(&str) -> Result<T, E>,
) -> Result<T, JsValue> {
    read(&json_text(value, what)?).or_throw()
}

/// A core value as a plain JS value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|_| malformed("a value the core produced could not be written as JSON"))?;
    JSON::parse(&text)
}

/// An ISO date (`YYYY-MM-DD`).
pub fn date(s: &str, what: &str) -> Result<NaiveDate, JsValue> {
    shegong::calendar::iso_date(s)
        .ok_or_else(|| invalid(&format!("{what}: expected an ISO date (YYYY-MM-DD)")))
}

/// An RFC 3339 instant with its offset.
pub fn instant(s: &str, what: &str) -> Result<DateTime<FixedOffset>, JsValue> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        invalid(&format!(
            "{what}: expected an RFC 3339 instant with offset (2026-05-06T09:00:00+08:00)"
        ))
    })
}

/// The largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JS number as an integer: refused unless it is a whole number within ±(2^53 − 1), so a
/// fraction or a huge value is an error, never silently truncated or wrapped.
pub fn integer(n: f64, what: &str) -> Result<i64, JsValue> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: a whole number within ±2^53 converts to i64 without loss.
        #[allow(clippy::cast_possible_truncation)]
        Ok(n as i64)
    } else {
        Err(invalid(&format!(
            "{what}: expected a whole number within ±(2^53 − 1)"
        )))
    }
}

/// A number argument taken as a JS value: a number, never a value JS would coerce to one
/// (`null` to 0, `"5"` to 5, `true` to 1).
pub fn number_arg(v: &JsValue, what: &str) -> Result<f64, JsValue> {
    v.as_f64()
        .ok_or_else(|| invalid(&format!("{what}: expected a number")))
}

/// A whole-number argument of type `T`: a JS number that is whole and within `T`'s range,
/// never truncated (`2026.5`) or wrapped (`-1` as 4294967295, `2^32 + 7` as 7).
pub fn int_arg<T: TryFrom<i64>>(v: &JsValue, what: &str) -> Result<T, JsValue> {
    let n = integer(number_arg(v, what)?, what)?;
    T::try_from(n).map_err(|_| invalid(&format!("{what}: {n} is outside the range it takes")))
}

/// An optional whole-number argument: omitted (`undefined` or `null`) gives `None`.
pub fn opt_int_arg<T: TryFrom<i64>>(v: Option<JsValue>, what: &str) -> Result<Option<T>, JsValue> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => int_arg(&v, what).map(Some),
        _ => Ok(None),
    }
}

/// A non-negative integer that fits `usize`.
pub fn count(n: f64, what: &str) -> Result<usize, JsValue> {
    usize::try_from(integer(n, what)?)
        .map_err(|_| invalid(&format!("{what}: expected a non-negative whole number")))
}

/// An integer answer as a JS number (exact for every count the core returns).
#[allow(clippy::cast_precision_loss)]
pub fn number(n: i64) -> f64 {
    n as f64
}

/// The serde name of a labelled value ("male", "mobile", "forming").
pub fn label<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
