//! The exception classes: `ShegongError(Exception)` and one subclass per core [`ErrorKind`],
//! each carrying `code`, `rule_id` and `message`.
//!
//! Every class is described once in [`SPECS`] and built at module init (some have two bases,
//! e.g. `OutOfRange(ShegongError, ValueError)`, which `create_exception!` cannot express);
//! [`class_of`] maps every core kind to its class with one exhaustive `match`, so a kind added
//! to the core stops this crate compiling until it is mapped.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use shegong::ErrorKind;

/// An exception class of the package. The discriminant is the class's position in [`SPECS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    ShegongError,
    TransitionRefused,
    ActivityRefused,
    VolunteerRefused,
    RosterRefused,
    GroupRefused,
    InvalidInput,
    InvalidRecord,
    InvalidLine,
    InvalidParameters,
    InvalidIdNumber,
    InvalidPhone,
    InvalidNickname,
    InvalidMask,
    MalformedData,
    UnknownValue,
    UnknownEventKind,
    UnsupportedFormat,
    NotStarted,
    CyclicInput,
    OutOfOrder,
    TamperedHistory,
    HeadMismatch,
    CalendarRangeError,
    ResultOutOfRange,
    AgencyCalendarError,
    UnknownBase,
    RuleSetError,
    UnknownRule,
    OutOfRange,
    Overflow,
    LimitExceeded,
}

/// A base of a class: another class of the package, or Python's `ValueError`.
#[derive(Debug, Clone, Copy)]
enum Base {
    Of(Class),
    ValueError,
}

/// One class: its name, bases (classes earlier in [`SPECS`]), `code` and docstring.
struct Spec {
    class: Class,
    name: &'static str,
    bases: &'static [Base],
    code: &'static str,
    doc: &'static str,
}

use Base::{Of, ValueError};

/// Every class, bases before subclasses, in the order of [`Class`]. A class made for a core
/// kind has that kind's code; the others (`ShegongError`, `CyclicInput`) have codes of their
/// own, used by no kind.
const SPECS: &[Spec] = &[
    Spec { class: Class::ShegongError, name: "ShegongError", bases: &[], code: "error",
        doc: "Any error of shegong; `code`, `rule_id` and `message` say which." },
    Spec { class: Class::TransitionRefused, name: "TransitionRefused", bases: &[Of(Class::ShegongError)], code: "refused",
        doc: "A case refused an event: the rules forbid this step now." },
    Spec { class: Class::ActivityRefused, name: "ActivityRefused", bases: &[Of(Class::ShegongError)], code: "activity_refused",
        doc: "An activity refused an event." },
    Spec { class: Class::VolunteerRefused, name: "VolunteerRefused", bases: &[Of(Class::ShegongError)], code: "volunteer_refused",
        doc: "A volunteer or a confidentiality agreement refused a step." },
    Spec { class: Class::RosterRefused, name: "RosterRefused", bases: &[Of(Class::VolunteerRefused)], code: "roster_refused",
        doc: "A shift or roster step is not allowed." },
    Spec { class: Class::GroupRefused, name: "GroupRefused", bases: &[Of(Class::ShegongError)], code: "group_refused",
        doc: "A service group refused a step." },
    Spec { class: Class::InvalidInput, name: "InvalidInput", bases: &[Of(Class::ShegongError)], code: "invalid_input",
        doc: "A missing or malformed field (an empty reason, a duplicate id)." },
    Spec { class: Class::InvalidRecord, name: "InvalidRecord", bases: &[Of(Class::InvalidInput)], code: "invalid_record",
        doc: "A field of a needs-assessment or service record breaks its form's rules." },
    Spec { class: Class::InvalidLine, name: "InvalidLine", bases: &[Of(Class::InvalidInput)], code: "invalid_line",
        doc: "A workload plan line names an item or variant the table does not have." },
    Spec { class: Class::InvalidParameters, name: "InvalidParameters", bases: &[Of(Class::InvalidInput)], code: "invalid_parameters",
        doc: "Workload parameters that make no sense (more days off than days)." },
    Spec { class: Class::InvalidIdNumber, name: "InvalidIdNumber", bases: &[Of(Class::InvalidInput)], code: "invalid_id_number",
        doc: "An invalid resident ID number (GB 11643-1999)." },
    Spec { class: Class::InvalidPhone, name: "InvalidPhone", bases: &[Of(Class::InvalidInput)], code: "invalid_phone",
        doc: "An invalid phone number." },
    Spec { class: Class::InvalidNickname, name: "InvalidNickname", bases: &[Of(Class::InvalidInput)], code: "invalid_nickname",
        doc: "A nickname that does not follow the convention [nickname-convention]." },
    Spec { class: Class::InvalidMask, name: "InvalidMask", bases: &[Of(Class::InvalidInput), ValueError], code: "invalid_mask",
        doc: "A mask that would show more of an ID number than its region code and last four characters (also a ValueError)." },
    Spec { class: Class::MalformedData, name: "MalformedData", bases: &[Of(Class::ShegongError)], code: "malformed",
        doc: "Data that could not be read: malformed JSON, a missing or unknown field, a wrong type." },
    Spec { class: Class::UnknownValue, name: "UnknownValue", bases: &[Of(Class::MalformedData), ValueError], code: "unknown_value",
        doc: "A string that names no value of an enum (a view, a position, a record kind); also a ValueError." },
    Spec { class: Class::UnknownEventKind, name: "UnknownEventKind", bases: &[Of(Class::MalformedData)], code: "unknown_event_kind",
        doc: "An event type this library does not know." },
    Spec { class: Class::UnsupportedFormat, name: "UnsupportedFormat", bases: &[Of(Class::MalformedData)], code: "unsupported_format",
        doc: "A stored format newer than this library reads." },
    Spec { class: Class::NotStarted, name: "NotStarted", bases: &[Of(Class::MalformedData)], code: "not_started",
        doc: "A history with no events, or one that does not start with its first event." },
    Spec { class: Class::CyclicInput, name: "CyclicInput", bases: &[Of(Class::MalformedData)], code: "cyclic_input",
        doc: "A dict or list that contains itself: it has no JSON form." },
    Spec { class: Class::OutOfOrder, name: "OutOfOrder", bases: &[Of(Class::ShegongError)], code: "out_of_order",
        doc: "An event's timestamps are out of order [records-authentic]." },
    Spec { class: Class::TamperedHistory, name: "TamperedHistory", bases: &[Of(Class::ShegongError)], code: "tampered",
        doc: "A history's hash chain is broken [records-authentic]." },
    Spec { class: Class::HeadMismatch, name: "HeadMismatch", bases: &[Of(Class::TamperedHistory)], code: "head_mismatch",
        doc: "A history does not end at its stored chain head: truncated, extended or re-chained." },
    Spec { class: Class::CalendarRangeError, name: "CalendarRangeError", bases: &[Of(Class::ShegongError), ValueError], code: "out_of_range",
        doc: "A date outside the calendar's data [calendar-provisional]; also a ValueError." },
    Spec { class: Class::ResultOutOfRange, name: "ResultOutOfRange", bases: &[Of(Class::CalendarRangeError)], code: "result_out_of_range",
        doc: "An answer that would lie outside the calendar's data [calendar-provisional]." },
    Spec { class: Class::AgencyCalendarError, name: "AgencyCalendarError", bases: &[Of(Class::ShegongError)], code: "invalid_agency_day",
        doc: "An agency calendar names a date twice, or a date the calendar cannot cover." },
    Spec { class: Class::UnknownBase, name: "UnknownBase", bases: &[Of(Class::AgencyCalendarError)], code: "unknown_base",
        doc: "A stored calendar names a base calendar this library does not know." },
    Spec { class: Class::RuleSetError, name: "RuleSetError", bases: &[Of(Class::ShegongError)], code: "invalid_rule_set",
        doc: "An inconsistent rule set." },
    Spec { class: Class::UnknownRule, name: "UnknownRule", bases: &[Of(Class::RuleSetError)], code: "unknown_rule",
        doc: "No rule has the ID asked for." },
    Spec { class: Class::OutOfRange, name: "OutOfRange", bases: &[Of(Class::ShegongError), ValueError], code: "value_out_of_range",
        doc: "An int outside what its field or argument holds (e.g. 2**64, or -1 for a count), or a float that is NaN or infinite; also a ValueError, never a bare OverflowError." },
    Spec { class: Class::Overflow, name: "Overflow", bases: &[Of(Class::OutOfRange)], code: "overflow",
        doc: "Arithmetic on numbers from outside would overflow (hours, fees, serials, offsets); also a ValueError." },
    Spec { class: Class::LimitExceeded, name: "LimitExceeded", bases: &[Of(Class::ShegongError)], code: "limit_exceeded",
        doc: "Input beyond a documented limit (shegong.MAX_DEPTH, MAX_STRING_BYTES, …)." },
];

/// The class of every core kind: one exhaustive match, no fallback.
pub fn class_of(kind: ErrorKind) -> Class {
    match kind {
        ErrorKind::Refused => Class::TransitionRefused,
        ErrorKind::ActivityRefused => Class::ActivityRefused,
        ErrorKind::VolunteerRefused => Class::VolunteerRefused,
        ErrorKind::RosterRefused => Class::RosterRefused,
        ErrorKind::GroupRefused => Class::GroupRefused,
        ErrorKind::InvalidInput => Class::InvalidInput,
        ErrorKind::InvalidRecord => Class::InvalidRecord,
        ErrorKind::InvalidLine => Class::InvalidLine,
        ErrorKind::InvalidParameters => Class::InvalidParameters,
        ErrorKind::InvalidIdNumber => Class::InvalidIdNumber,
        ErrorKind::InvalidPhone => Class::InvalidPhone,
        ErrorKind::InvalidNickname => Class::InvalidNickname,
        ErrorKind::InvalidMask => Class::InvalidMask,
        ErrorKind::UnknownValue => Class::UnknownValue,
        ErrorKind::OutOfOrder => Class::OutOfOrder,
        ErrorKind::Tampered => Class::TamperedHistory,
        ErrorKind::HeadMismatch => Class::HeadMismatch,
        ErrorKind::Malformed => Class::MalformedData,
        ErrorKind::UnknownEventKind => Class::UnknownEventKind,
        ErrorKind::UnsupportedFormat => Class::UnsupportedFormat,
        ErrorKind::NotStarted => Class::NotStarted,
        ErrorKind::OutOfRange => Class::CalendarRangeError,
        ErrorKind::ResultOutOfRange => Class::ResultOutOfRange,
        ErrorKind::InvalidAgencyDay => Class::AgencyCalendarError,
        ErrorKind::UnknownBase => Class::UnknownBase,
        ErrorKind::UnknownRule => Class::UnknownRule,
        ErrorKind::InvalidRuleSet => Class::RuleSetError,
        ErrorKind::ValueOutOfRange => Class::OutOfRange,
        ErrorKind::Overflow => Class::Overflow,
        ErrorKind::LimitExceeded => Class::LimitExceeded,
    }
}

static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let mut built: Vec<Py<PyType>> = Vec::with_capacity(SPECS.len());
        for spec in SPECS {
            let mut bases = Vec::new();
            for base in spec.bases {
                bases.push(match base {
                    Of(c) => lookup(&built, *c)?.bind(py).clone().into_any(),
                    ValueError => py.get_type::<PyValueError>().into_any(),
                });
            }
            if bases.is_empty() {
                bases.push(py.get_type::<pyo3::exceptions::PyException>().into_any());
            }
            let body = PyDict::new(py);
            body.set_item("__module__", "shegong")?;
            body.set_item("__doc__", spec.doc)?;
            body.set_item("code", spec.code)?;
            let ty = py
                .get_type::<PyType>()
                .call1((spec.name, PyTuple::new(py, bases)?, body))?
                .cast_into::<PyType>()?;
            built.push(ty.unbind());
        }
        Ok(built)
    })
}

fn lookup(built: &[Py<PyType>], class: Class) -> PyResult<&Py<PyType>> {
    SPECS
        .iter()
        .position(|s| s.class == class)
        .and_then(|i| built.get(i))
        .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("exception class order"))
}

/// Withholds every number that could be an ID number or a phone from a message or a `repr`
/// (the core's [`shegong::identity::withhold_numbers`]): the last guard that none from the
/// input reaches Python in an error or a display, whichever layer wrote the text.
pub fn scrub(message: &str) -> String {
    shegong::identity::withhold_numbers(message)
}

/// An exception of `class` with its code, rule ID and (scrubbed) message.
pub fn raise(class: Class, rule: Option<&str>, message: &str) -> PyErr {
    let message = scrub(message);
    let code = SPECS
        .iter()
        .find(|s| s.class == class)
        .map_or("error", |s| s.code);
    Python::attach(|py| {
        let ty = match classes(py).and_then(|all| lookup(all, class)) {
            Ok(ty) => ty.bind(py).clone(),
            Err(e) => return e,
        };
        let err = PyErr::from_type(ty, message.clone());
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail in practice; if it
        // did, the exception still carries its message.
        let _ = value.setattr("code", code);
        let _ = value.setattr("rule_id", rule);
        let _ = value.setattr("message", message);
        err
    })
}

/// Maps a core error to the class of its kind.
pub fn to_py_err(e: shegong::Error) -> PyErr {
    raise(class_of(e.kind()), e.rule_id(), &e.message())
}

/// An `OutOfRange` error (also a `ValueError`) with a message.
pub fn out_of_range(message: &str) -> PyErr {
    raise(Class::OutOfRange, None, message)
}

/// A `LimitExceeded` error with a message.
pub fn limit_exceeded(message: &str) -> PyErr {
    raise(Class::LimitExceeded, None, message)
}

/// A `CyclicInput` error with a message.
pub fn cyclic(message: &str) -> PyErr {
    raise(Class::CyclicInput, None, message)
}

/// A `MalformedData` error with a message (unreadable input).
pub fn malformed(message: &str) -> PyErr {
    raise(
        Class::MalformedData,
        None,
        &format!("malformed input: {message}"),
    )
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

/// The codes of every core error kind, in the core's order (`shegong::ErrorKind::ALL`).
#[pyfunction]
pub fn error_kinds() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|k| k.code()).collect()
}

/// Registers the exception classes in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    for (spec, ty) in SPECS.iter().zip(classes(py)?) {
        m.add(spec.name, ty.clone_ref(py))?;
    }
    m.add_function(pyo3::wrap_pyfunction!(error_kinds, m)?)?;
    Ok(())
}
