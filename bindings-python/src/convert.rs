//! Conversion between Python values and the core's serde forms.
//!
//! Python → core: dicts, lists, str, int, float, bool and None map to JSON; `datetime.date`
//! becomes an ISO date and an aware `datetime.datetime` an RFC 3339 instant (a naive datetime
//! is refused: an instant needs its offset). ISO strings are accepted too.
//!
//! Core → Python: JSON maps back to dicts and lists; the values of the core's date keys
//! ([`DATE_KEYS`]) become `datetime.date` and those of its instant keys ([`INSTANT_KEYS`])
//! aware `datetime.datetime`. Records (assessment forms, event payloads) are otherwise the
//! JSON documents their schemas describe.

use chrono::{DateTime, FixedOffset, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::malformed;

/// Keys whose string values are calendar dates in the core's serialised types.
pub const DATE_KEYS: &[&str] = &[
    "date",
    "due_date",
    "on",
    "first",
    "last",
    "birth_date",
    "date_of_birth",
    "effective_from",
    "agency_signed_on",
    "volunteer_signed_on",
    "request_date",
    "applied_on",
    "joined_on",
    "retain_until",
];

/// Keys whose string values are instants in the core's serialised types.
pub const INSTANT_KEYS: &[&str] = &[
    "occurred_at",
    "recorded_at",
    "at",
    "due_at",
    "given_at",
    "revoked_at",
    "submitted_at",
    "decided_at",
    "started_at",
    "closed_at",
    "opened_at",
    "received_at",
    "last_contact_at",
    "waiting_since",
    "start",
    "end",
    "next_appointment",
];

/// A Python value as JSON.
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract::<bool>()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(match obj.extract::<i64>() {
            Ok(i) => Value::Number(i.into()),
            Err(_) => Value::Number(obj.extract::<u64>()?.into()),
        });
    }
    if obj.is_instance_of::<PyFloat>() {
        let f = obj.extract::<f64>()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err(format!("{f} is not a finite number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyDateTime>() {
        let dt: DateTime<FixedOffset> = obj.extract().map_err(|_| {
            PyTypeError::new_err("a datetime must be timezone-aware: an instant needs its offset")
        })?;
        return Ok(Value::String(dt.to_rfc3339()));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("dict keys must be strings"))?;
            map.insert(key, to_json(&v)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|v| to_json(&v))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_json(&v))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert a {} to a shegong value",
        obj.get_type().name()?
    )))
}

/// A Python value read as a core type.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let value = to_json(obj)?;
    check_instants(None, &value)?;
    serde_json::from_value(value).map_err(|e| malformed(&format!("{what}: {e}")))
}

/// Refuses an instant written without its offset (`"2026-10-13T09:00:00"`), with the same
/// `TypeError` a naive `datetime` gets, rather than a parser's message.
fn check_instants(key: Option<&str>, v: &Value) -> PyResult<()> {
    match v {
        Value::String(s) if key.is_some_and(|k| INSTANT_KEYS.contains(&k)) => {
            if DateTime::parse_from_rfc3339(s).is_err()
                && s.parse::<chrono::NaiveDateTime>().is_ok()
            {
                return Err(PyTypeError::new_err(format!(
                    "{}: {s:?} has no offset: an instant needs one, e.g. \"{s}+08:00\"",
                    key.unwrap_or("instant")
                )));
            }
            Ok(())
        }
        Value::Array(items) => items.iter().try_for_each(|x| check_instants(key, x)),
        Value::Object(map) => map.iter().try_for_each(|(k, x)| check_instants(Some(k), x)),
        _ => Ok(()),
    }
}

/// A calendar date argument: a `datetime.date`, never a `datetime.datetime` (whose date part
/// depends on its time zone; pass `.date()` of it in China time instead).
#[derive(Debug, Clone, Copy)]
pub struct Day(pub NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for Day {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyDateTime>() {
            return Err(PyTypeError::new_err(
                "expected a datetime.date, got a datetime.datetime: pass its .date() in China time",
            ));
        }
        Ok(Day(obj.extract::<NaiveDate>()?))
    }
}

fn convert_string<'py>(py: Python<'py>, key: Option<&str>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    if let Some(k) = key {
        if DATE_KEYS.contains(&k) {
            if let Ok(d) = s.parse::<NaiveDate>() {
                return Ok(d.into_pyobject(py)?.into_any());
            }
        }
        if INSTANT_KEYS.contains(&k) {
            if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
                return Ok(dt.into_pyobject(py)?.into_any());
            }
        }
    }
    Ok(PyString::new(py, s).into_any())
}

fn value_to_py<'py>(py: Python<'py>, key: Option<&str>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => convert_string(py, key, s)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, key, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, x) in map {
                dict.set_item(k, value_to_py(py, Some(k), x)?)?;
            }
            dict.into_any()
        }
    })
}

/// A JSON value as Python objects, with dates and instants as `datetime` objects.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    value_to_py(py, None, v)
}

/// A core value as Python objects.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value).map_err(|e| malformed(&e.to_string()))?;
    json_to_py(py, &v)
}

/// The serialised (snake_case) name of a unit enum value.
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}
