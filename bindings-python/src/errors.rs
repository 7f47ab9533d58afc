//! The exception classes: `ShegongError(Exception)` and one subclass per kind of core error,
//! each carrying `code`, `rule_id` and `message`.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

create_exception!(
    shegong,
    ShegongError,
    PyException,
    "Any error of shegong; `code`, `rule_id` and `message` say which."
);
create_exception!(
    shegong,
    CalendarRangeError,
    ShegongError,
    "A date, or an answer, outside the calendar's data [calendar-provisional]."
);
create_exception!(
    shegong,
    AgencyCalendarError,
    ShegongError,
    "An invalid agency calendar or calendar description."
);
create_exception!(
    shegong,
    TransitionRefused,
    ShegongError,
    "A case refused an event: the rules forbid this step now."
);
create_exception!(
    shegong,
    InvalidInput,
    ShegongError,
    "A missing or malformed field."
);
create_exception!(
    shegong,
    OutOfOrder,
    ShegongError,
    "An event's timestamps are out of order [records-authentic]."
);
create_exception!(
    shegong,
    TamperedHistory,
    ShegongError,
    "A case history's hash chain is broken [records-authentic]."
);
create_exception!(
    shegong,
    HeadMismatch,
    TamperedHistory,
    "A history does not end at its stored chain head: truncated, extended or re-chained."
);
create_exception!(
    shegong,
    MalformedData,
    ShegongError,
    "Data that could not be read."
);
create_exception!(
    shegong,
    UnknownEventKind,
    MalformedData,
    "An event type this library does not know."
);
create_exception!(
    shegong,
    UnsupportedFormat,
    MalformedData,
    "A stored format newer than this library reads."
);
create_exception!(
    shegong,
    NotStarted,
    MalformedData,
    "A case history that does not start with `received`."
);
create_exception!(
    shegong,
    CyclicInput,
    MalformedData,
    "A dict or list that contains itself: it has no JSON form."
);
create_exception!(
    shegong,
    LimitExceeded,
    ShegongError,
    "Input beyond a documented limit, such as nesting deeper than `MAX_DEPTH`."
);
create_exception!(
    shegong,
    RuleSetError,
    ShegongError,
    "An unknown rule or an inconsistent rule set."
);
create_exception!(
    shegong,
    ActivityRefused,
    ShegongError,
    "An activity refused an event."
);
create_exception!(
    shegong,
    VolunteerRefused,
    ShegongError,
    "A volunteer, agreement or roster refused a step."
);
create_exception!(
    shegong,
    GroupRefused,
    ShegongError,
    "A service group refused a step."
);
create_exception!(
    shegong,
    InvalidNickname,
    InvalidInput,
    "A nickname that does not follow the convention [nickname-convention]."
);
create_exception!(
    shegong,
    InvalidIdNumber,
    InvalidInput,
    "An invalid resident ID number (GB 11643-1999)."
);
create_exception!(
    shegong,
    InvalidPhone,
    InvalidInput,
    "An invalid phone number."
);

/// `OutOfRange(ShegongError, ValueError)`: a number outside what its field or argument holds.
/// `create_exception!` takes one base, so the class is built with `type()` at module init.
static OUT_OF_RANGE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn out_of_range_type(py: Python<'_>) -> PyResult<&Py<PyType>> {
    OUT_OF_RANGE.get_or_try_init(py, || {
        let bases = PyTuple::new(
            py,
            [
                py.get_type::<ShegongError>().into_any(),
                py.get_type::<PyValueError>().into_any(),
            ],
        )?;
        let body = PyDict::new(py);
        body.set_item("__module__", "shegong")?;
        body.set_item(
            "__doc__",
            "A number outside the range its field or argument holds (also a ValueError).",
        )?;
        let ty = py
            .get_type::<PyType>()
            .call1(("OutOfRange", bases, body))?
            .cast_into::<PyType>()?;
        Ok(ty.unbind())
    })
}

/// Withholds every word made of 11 or more digits (an 18-character ID may end in `X`) from a
/// message: the last guard that no ID number (15 or 18 characters) or mobile number (11
/// digits) from the input reaches Python in an error, whichever layer wrote the message.
/// Words that mix in letters (chain hashes) are kept.
pub fn scrub(message: &str) -> String {
    const MIN_DIGITS: usize = 11;
    let mut out = String::with_capacity(message.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let digits = word.strip_suffix(['X', 'x']).unwrap_or(word);
        if digits.len() >= MIN_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str("<number withheld>");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn build<E: pyo3::PyTypeInfo>(code: &str, rule: Option<&str>, message: String) -> PyErr {
    let message = scrub(&message);
    let err = PyErr::new::<E, _>(message.clone());
    Python::attach(|py| {
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail in practice; if it
        // did, the exception still carries its message.
        let _ = value.setattr("code", code);
        let _ = value.setattr("rule_id", rule);
        let _ = value.setattr("message", message);
    });
    err
}

/// Maps a core error to its exception class.
pub fn to_py_err(e: shegong::Error) -> PyErr {
    use shegong::Error as E;
    let code = e.code();
    let rule = e.rule_id().map(str::to_owned);
    let rule = rule.as_deref();
    let msg = e.to_string();
    match &e {
        E::Calendar(_) | E::Workload(shegong::workload::WorkloadError::Calendar(_)) => match code {
            "out_of_range" | "result_out_of_range" => build::<CalendarRangeError>(code, rule, msg),
            _ => build::<AgencyCalendarError>(code, rule, msg),
        },
        E::Case(_) => match code {
            "refused" => build::<TransitionRefused>(code, rule, msg),
            "out_of_order" => build::<OutOfOrder>(code, rule, msg),
            "tampered" => build::<TamperedHistory>(code, rule, msg),
            "head_mismatch" => build::<HeadMismatch>(code, rule, msg),
            "unknown_event_kind" => build::<UnknownEventKind>(code, rule, msg),
            "unsupported_format" => build::<UnsupportedFormat>(code, rule, msg),
            "not_started" => build::<NotStarted>(code, rule, msg),
            "malformed" => build::<MalformedData>(code, rule, msg),
            _ => build::<InvalidInput>(code, rule, msg),
        },
        E::Deadline(_) => match code {
            "malformed" => build::<MalformedData>(code, rule, msg),
            _ => build::<RuleSetError>(code, rule, msg),
        },
        E::Activity(_) => match code {
            "activity_refused" => build::<ActivityRefused>(code, rule, msg),
            _ => build::<InvalidInput>(code, rule, msg),
        },
        E::Assessment(_) => match code {
            "malformed" => build::<MalformedData>(code, rule, msg),
            _ => build::<InvalidInput>(code, rule, msg),
        },
        E::Identity(_) => match code {
            "invalid_phone" => build::<InvalidPhone>(code, rule, msg),
            "invalid_mask" => build::<InvalidInput>(code, rule, msg),
            _ => build::<InvalidIdNumber>(code, rule, msg),
        },
        E::Volunteer(_) => match code {
            "invalid_input" => build::<InvalidInput>(code, rule, msg),
            _ => build::<VolunteerRefused>(code, rule, msg),
        },
        E::Workload(_) => build::<InvalidInput>(code, rule, msg),
        E::Group(_) => match code {
            "invalid_nickname" => build::<InvalidNickname>(code, rule, msg),
            _ => build::<GroupRefused>(code, rule, msg),
        },
        _ => build::<ShegongError>(code, rule, msg),
    }
}

/// An `OutOfRange` error (also a `ValueError`) with a message.
pub fn out_of_range(message: &str) -> PyErr {
    let message = scrub(message);
    Python::attach(|py| {
        let err = match out_of_range_type(py) {
            Ok(ty) => PyErr::from_type(ty.bind(py).clone(), message.clone()),
            Err(e) => return e,
        };
        let value = err.value(py);
        // As in `build`: setting attributes on a fresh instance cannot fail in practice.
        let _ = value.setattr("code", "out_of_range");
        let _ = value.setattr("rule_id", py.None());
        let _ = value.setattr("message", message);
        err
    })
}

/// A `LimitExceeded` error with a message.
pub fn limit_exceeded(message: &str) -> PyErr {
    build::<LimitExceeded>("limit_exceeded", None, message.to_owned())
}

/// A `CyclicInput` error with a message.
pub fn cyclic(message: &str) -> PyErr {
    build::<CyclicInput>("cyclic_input", None, message.to_owned())
}

/// An `UnknownEventKind` error with a message.
pub fn unknown_event_kind(message: &str) -> PyErr {
    build::<UnknownEventKind>("unknown_event_kind", None, message.to_owned())
}

/// A `MalformedData` error with a message (unreadable input).
pub fn malformed(message: &str) -> PyErr {
    build::<MalformedData>("malformed", None, format!("malformed input: {message}"))
}

/// An `InvalidInput` error with a message.
pub fn invalid(message: &str) -> PyErr {
    build::<InvalidInput>("invalid_input", None, message.to_owned())
}

/// Turns a core result into a Python one.
pub trait OrRaise<T> {
    /// Maps the error to its exception class.
    fn or_raise(self) -> PyResult<T>;
}

impl<T, E: Into<shegong::Error>> OrRaise<T> for Result<T, E> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(|e| to_py_err(e.into()))
    }
}

/// Registers the exception classes in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ShegongError", py.get_type::<ShegongError>())?;
    m.add("CalendarRangeError", py.get_type::<CalendarRangeError>())?;
    m.add("AgencyCalendarError", py.get_type::<AgencyCalendarError>())?;
    m.add("TransitionRefused", py.get_type::<TransitionRefused>())?;
    m.add("InvalidInput", py.get_type::<InvalidInput>())?;
    m.add("OutOfOrder", py.get_type::<OutOfOrder>())?;
    m.add("TamperedHistory", py.get_type::<TamperedHistory>())?;
    m.add("HeadMismatch", py.get_type::<HeadMismatch>())?;
    m.add("MalformedData", py.get_type::<MalformedData>())?;
    m.add("UnknownEventKind", py.get_type::<UnknownEventKind>())?;
    m.add("UnsupportedFormat", py.get_type::<UnsupportedFormat>())?;
    m.add("NotStarted", py.get_type::<NotStarted>())?;
    m.add("CyclicInput", py.get_type::<CyclicInput>())?;
    m.add("LimitExceeded", py.get_type::<LimitExceeded>())?;
    m.add("OutOfRange", out_of_range_type(py)?.clone_ref(py))?;
    m.add("RuleSetError", py.get_type::<RuleSetError>())?;
    m.add("ActivityRefused", py.get_type::<ActivityRefused>())?;
    m.add("VolunteerRefused", py.get_type::<VolunteerRefused>())?;
    m.add("GroupRefused", py.get_type::<GroupRefused>())?;
    m.add("InvalidNickname", py.get_type::<InvalidNickname>())?;
    m.add("InvalidIdNumber", py.get_type::<InvalidIdNumber>())?;
    m.add("InvalidPhone", py.get_type::<InvalidPhone>())?;
    Ok(())
}
