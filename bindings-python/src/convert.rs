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

use crate::errors::{cyclic, limit_exceeded, malformed, out_of_range, to_py_err};

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
    "confirmed_on",
    "since",
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
    "crisis_declared_at",
    "rights_informed_at",
    "stage_since",
    "interviewed_at",
    "first_assessed_at",
    "planned_at",
];

/// The deepest nesting of dicts and lists accepted from Python: the core's limit for JSON text.
use shegong::limits::MAX_DEPTH;

/// The deepest nesting converted back to Python: the input limit plus room for the few levels
/// the core's own records wrap around what it was given.
const MAX_OUTPUT_DEPTH: usize = MAX_DEPTH.saturating_mul(2);

/// A Python value as JSON, refusing nesting deeper than [`MAX_DEPTH`] (`LimitExceeded`), a
/// dict or list that contains itself (`CyclicInput`), ints that no JSON number holds and
/// non-finite floats (`OutOfRange`).
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let mut path = Vec::new();
    to_json_at(obj, &mut path)
}

/// The containers on the path from the root to the value being converted: their identities
/// detect a cycle, their count is the depth.
fn enter(obj: &Bound<'_, PyAny>, path: &mut Vec<usize>) -> PyResult<()> {
    let id = obj.as_ptr() as usize;
    if path.contains(&id) {
        return Err(cyclic(&format!(
            "a {} contains itself at depth {}",
            obj.get_type().name()?,
            path.len()
        )));
    }
    if path.len() >= MAX_DEPTH {
        return Err(limit_exceeded(&format!(
            "nesting deeper than {MAX_DEPTH} levels"
        )));
    }
    path.push(id);
    Ok(())
}

fn to_json_at(obj: &Bound<'_, PyAny>, path: &mut Vec<usize>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract::<bool>()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        return match obj.extract::<u64>() {
            Ok(u) => Ok(Value::Number(u.into())),
            Err(_) => Err(out_of_range(
                "an int outside what a JSON number holds here (i64 or u64)",
            )),
        };
    }
    if obj.is_instance_of::<PyFloat>() {
        let f = obj.extract::<f64>()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| out_of_range("a float that is not a finite number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        return Ok(Value::String(instant_from_py(dt)?.to_rfc3339()));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        enter(obj, path)?;
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("dict keys must be strings"))?;
            let value = to_json_at(&v, path)?;
            // A dict holds each key once, unless a str subclass's `__eq__`/`__hash__` lets
            // equal texts in twice: refused, as a duplicate key in JSON text is, never last-wins.
            match map.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(slot) => {
                    return Err(malformed(&format!(
                        "duplicate key `{}` in a dict",
                        slot.key()
                    )));
                }
            }
        }
        path.pop();
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        enter(obj, path)?;
        let items = obj
            .try_iter()?
            .map(|v| to_json_at(&v?, path))
            .collect::<PyResult<Vec<_>>>()?;
        path.pop();
        return Ok(Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert a {} to a shegong value",
        obj.get_type().name()?
    )))
}

/// A Python value as JSON, with offset-less instants refused as [`from_py`] refuses them.
pub fn to_checked_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let value = to_json(obj)?;
    check_instants(None, &value)?;
    Ok(value)
}

/// A Python value read as a core type.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<T> {
    from_value(to_checked_json(obj)?, what)
}

/// A JSON value read as a core type through the core's one JSON entry point
/// (`shegong::json::from_value`: limits, unknown fields, messages that never repeat a value;
/// an integer its field cannot hold is the core's `ValueOutOfRange`, raised as `OutOfRange`).
pub fn from_value<T: DeserializeOwned>(value: Value, what: &'static str) -> PyResult<T> {
    shegong::json::from_value(value, what).map_err(|e| to_py_err(e.into()))
}

/// A Python value read by one of the core's event readers (`shegong::case::new_event_from_value`,
/// `events_from_value` and their activity and volunteer twins), which tell an unknown event
/// type (`UnknownEventKind`) from other faults.
pub fn read_py<T, E: Into<shegong::Error>>(
    obj: &Bound<'_, PyAny>,
    read: fn(Value) -> Result<T, E>,
) -> PyResult<T> {
    read(to_checked_json(obj)?).map_err(|e| to_py_err(e.into()))
}

/// An integer argument whose value does not fit its Rust type raises `OutOfRange` (a
/// `ShegongError` and a `ValueError`) instead of a bare `OverflowError`; a non-int, and a
/// `bool`, is a `TypeError`.
#[derive(Debug, Clone, Copy)]
pub struct Int<T>(pub T);

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for Int<$t> {
            type Error = PyErr;

            fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                // `True` is an int to Python, but never a count of days or minutes.
                if obj.is_instance_of::<PyBool>() {
                    return Err(PyTypeError::new_err("an int is needed, not a bool"));
                }
                match obj.extract::<$t>() {
                    Ok(v) => Ok(Int(v)),
                    Err(_) if obj.is_instance_of::<PyInt>() => Err(out_of_range(concat!(
                        "an int outside the range of ",
                        stringify!($t)
                    ))),
                    Err(e) => Err(e),
                }
            }
        }
    )*};
}

int_arg!(u8, u16, u32, u64, usize, i32, i64);

/// Refuses an instant written without its offset (`"2026-10-13T09:00:00"`), with the same
/// `TypeError` a naive `datetime` gets, rather than a parser's message.
fn check_instants(key: Option<&str>, v: &Value) -> PyResult<()> {
    match v {
        Value::String(s) if key.is_some_and(|k| INSTANT_KEYS.contains(&k)) => {
            if DateTime::parse_from_rfc3339(s).is_err()
                && s.parse::<chrono::NaiveDateTime>().is_ok()
            {
                return Err(PyTypeError::new_err(format!(
                    "{}: the instant has no offset: an instant needs one, e.g. \"2026-10-13T09:00:00+08:00\"",
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

/// An aware `datetime.datetime` as an instant, whatever its `tzinfo`: a fixed
/// `datetime.timezone`, a `zoneinfo.ZoneInfo` (`Asia/Shanghai`) or any other, read through the
/// datetime's own `utcoffset()` (which is how a zone gives the offset in force at that moment,
/// its `fold` included). Refused: a naive datetime (`TypeError`: an instant needs its offset)
/// and an offset that is not a whole number of minutes (`OutOfRange`: RFC 3339 writes none, and
/// rounding it would move the instant).
pub fn instant_from_py(dt: &Bound<'_, PyDateTime>) -> PyResult<DateTime<FixedOffset>> {
    use pyo3::types::{PyDateAccess, PyDelta, PyDeltaAccess, PyTimeAccess};
    let offset = dt.call_method0("utcoffset")?;
    if offset.is_none() {
        return Err(PyTypeError::new_err(
            "a naive datetime has no offset: an instant needs one (tzinfo=timezone(timedelta(hours=8)) or ZoneInfo(\"Asia/Shanghai\"))",
        ));
    }
    let offset = offset.cast_into::<PyDelta>().map_err(|_| {
        PyTypeError::new_err("the datetime's tzinfo.utcoffset() did not return a timedelta")
    })?;
    let seconds = i64::from(offset.get_days())
        .saturating_mul(86_400)
        .saturating_add(i64::from(offset.get_seconds()));
    if offset.get_microseconds() != 0 || seconds % 60 != 0 {
        return Err(out_of_range(
            "a UTC offset that is not a whole number of minutes: an RFC 3339 instant cannot hold it",
        ));
    }
    let zone = i32::try_from(seconds)
        .ok()
        .and_then(FixedOffset::east_opt)
        .ok_or_else(|| out_of_range("a UTC offset of a day or more"))?;
    let local = NaiveDate::from_ymd_opt(
        dt.get_year(),
        u32::from(dt.get_month()),
        u32::from(dt.get_day()),
    )
    .and_then(|d| {
        d.and_hms_micro_opt(
            u32::from(dt.get_hour()),
            u32::from(dt.get_minute()),
            u32::from(dt.get_second()),
            dt.get_microsecond(),
        )
    })
    .ok_or_else(|| out_of_range("a datetime chrono cannot hold"))?;
    local
        .and_local_timezone(zone)
        .single()
        .ok_or_else(|| out_of_range("a datetime outside the range of an instant"))
}

/// An instant argument (`now`, `at`, a shift's `start` and `end`): an aware
/// `datetime.datetime`, read by [`instant_from_py`].
#[derive(Debug, Clone, Copy)]
pub struct Instant(pub DateTime<FixedOffset>);

impl<'a, 'py> FromPyObject<'a, 'py> for Instant {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let dt = obj.cast::<PyDateTime>().map_err(|_| {
            PyTypeError::new_err(format!(
                "expected an aware datetime.datetime, got a {}",
                obj.get_type()
                    .name()
                    .map_or_else(|_| "?".into(), |n| n.to_string())
            ))
        })?;
        instant_from_py(&dt).map(Instant)
    }
}

/// An instant as Python gives it back: an aware `datetime.datetime` when one holds it exactly,
/// otherwise its RFC 3339 text (`text`, or the instant written out): a datetime keeps
/// microseconds and no leap second, and returning a rounded one would change the record (a
/// history read back into Python would no longer match its hash chain).
pub fn instant_to_py<'py>(
    py: Python<'py>,
    t: DateTime<FixedOffset>,
    text: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    use chrono::Timelike;
    let nanos = t.nanosecond();
    if nanos % 1_000 == 0 && nanos < 1_000_000_000 {
        return Ok(t.into_pyobject(py)?.into_any());
    }
    let written;
    let text = match text {
        Some(s) => s,
        None => {
            written = t.to_rfc3339();
            &written
        }
    };
    Ok(PyString::new(py, text).into_any())
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
            if let Some(d) = shegong::calendar::iso_date(s) {
                return Ok(d.into_pyobject(py)?.into_any());
            }
        }
        if INSTANT_KEYS.contains(&k) {
            if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
                return instant_to_py(py, dt, Some(s));
            }
        }
    }
    Ok(PyString::new(py, s).into_any())
}

fn value_to_py<'py>(
    py: Python<'py>,
    key: Option<&str>,
    v: &Value,
    depth: usize,
) -> PyResult<Bound<'py, PyAny>> {
    if depth > MAX_OUTPUT_DEPTH {
        return Err(limit_exceeded(&format!(
            "a result nested deeper than {MAX_OUTPUT_DEPTH} levels"
        )));
    }
    let deeper = depth.saturating_add(1);
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
                list.append(value_to_py(py, key, item, deeper)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, x) in map {
                dict.set_item(k, value_to_py(py, Some(k), x, deeper)?)?;
            }
            dict.into_any()
        }
    })
}

/// A JSON value as Python objects, with dates and instants as `datetime` objects.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    value_to_py(py, None, v, 0)
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
