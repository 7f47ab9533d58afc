//! The columnar calendar: `add_workdays`, `workdays_between` and `is_workday` over a whole
//! Arrow `date32` array or numpy `datetime64[D]` array, answered without the GIL by core's
//! per-date methods. This file only reads and writes the arrays.
//!
//! Nulls: an Arrow null gives a null in the answer. numpy has no null for `int64` or `bool`,
//! so `NaT` gives `NaT` from `add_workdays` and an `InvalidInput` error (naming its position)
//! from the other two; use Arrow for columns with gaps. A date the calendar does not cover is
//! always a `CalendarRangeError`, never a guess.

use std::sync::Arc;

use arrow_array::array::{Array, ArrayRef, BooleanArray, Date32Array, Int64Array};
use arrow_buffer::{BooleanBuffer, NullBuffer, ScalarBuffer};
use chrono::NaiveDate;
use numpy::datetime::{units::Days, Datetime};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use shegong::calendar::{Calendar, CalendarError};

use crate::arrow::{array_out, from_date32, is_arrow, read_date32};
use crate::errors::{raise, to_py_err, Class};

/// numpy's not-a-time, the smallest `int64`.
const NAT: i64 = i64::MIN;

/// A column of dates as it came: Arrow (values and validity) or numpy (days, `NaT` for none).
pub enum Dates {
    /// An Arrow date32 array.
    Arrow(Date32Array),
    /// A numpy datetime64[D] array's days since 1970-01-01.
    Numpy(Vec<i64>),
}

impl Dates {
    /// Reads an Arrow date32 array (or chunked array) or a numpy datetime64[D] array.
    pub fn read(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Dates> {
        if is_arrow(obj)? {
            return read_date32(obj, what).map(Dates::Arrow);
        }
        // rust-numpy needs numpy imported; an object that is a numpy array implies it is.
        let py = obj.py();
        let numpy_loaded = py.import("sys")?.getattr("modules")?.contains("numpy")?;
        if numpy_loaded {
            let numpy = py.import("numpy")?;
            // A masked array is an ndarray to numpy, but its mask would be ignored here.
            if obj.is_instance(&numpy.getattr("ma")?.getattr("MaskedArray")?)? {
                return Err(PyTypeError::new_err(format!(
                    "{what} is a numpy masked array, whose mask would be lost: pass \
                     a.filled(numpy.datetime64('NaT')) or an Arrow date32 array with nulls"
                )));
            }
            if let Ok(a) = obj.cast::<PyArray1<Datetime<Days>>>() {
                let ro = a.try_readonly()?;
                return Ok(Dates::Numpy(
                    ro.as_array().iter().map(|d| i64::from(*d)).collect(),
                ));
            }
            if obj.is_instance(&numpy.getattr("ndarray")?)? {
                let dtype = obj.getattr("dtype")?.str()?;
                let ndim = obj.getattr("ndim")?;
                return Err(PyTypeError::new_err(format!(
                    "{what} is a numpy array of dtype {dtype} with {ndim} dimension(s): pass a \
                     one-dimensional datetime64[D] array in native byte order, \
                     e.g. a.astype('datetime64[D]').ravel()"
                )));
            }
        }
        Err(PyTypeError::new_err(format!(
            "{what} must be an Arrow date32 array or a one-dimensional numpy datetime64[D] array"
        )))
    }

    fn len(&self) -> usize {
        match self {
            Dates::Arrow(a) => a.len(),
            Dates::Numpy(v) => v.len(),
        }
    }

    /// The day number (since 1970-01-01) at `i`: `Ok(None)` for a null or `NaT`, a range
    /// error for one beyond `i32` (so never a calendar date either).
    fn days(&self, i: usize) -> Result<Option<i32>, String> {
        let days = match self {
            Dates::Arrow(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                a.values().get(i).copied().map(i64::from)
            }
            Dates::Numpy(v) => v.get(i).copied(),
        };
        match days {
            None | Some(NAT) => Ok(None),
            Some(d) => i32::try_from(d).map(Some).map_err(|_| beyond(i)),
        }
    }

    /// The date at `i`: `Ok(None)` for a null or `NaT`, a range error for a day chrono cannot
    /// hold (so never a calendar date either).
    fn get(&self, i: usize) -> Result<Option<NaiveDate>, String> {
        match self.days(i)? {
            None => Ok(None),
            Some(d) => from_date32(d).map(Some).ok_or_else(|| beyond(i)),
        }
    }

    fn nulls(&self) -> Option<NullBuffer> {
        match self {
            Dates::Arrow(a) => a.nulls().cloned(),
            Dates::Numpy(_) => None,
        }
    }

    fn is_numpy(&self) -> bool {
        matches!(self, Dates::Numpy(_))
    }
}

fn beyond(i: usize) -> String {
    format!("the date at position {i} is outside the calendar's range [calendar-provisional]")
}

/// Why a column could not be answered: a core error, or a value no calendar date can be.
enum Failure {
    Core(CalendarError),
    Range(String),
    Null(usize),
}

impl Failure {
    fn raise(self, what: &str) -> PyErr {
        match self {
            Failure::Core(e) => to_py_err(e.into()),
            Failure::Range(m) => raise(Class::CalendarRangeError, Some("calendar-provisional"), &m),
            Failure::Null(i) => raise(
                Class::InvalidInput,
                None,
                &format!(
                    "{what}: NaT at position {i} has no answer in a numpy int64 or bool array; pass an Arrow date32 array for null-aware answers"
                ),
            ),
        }
    }
}

/// Runs `f` on every date that is there; `None` for a null or `NaT`.
fn each<T>(
    dates: &Dates,
    mut f: impl FnMut(NaiveDate) -> Result<T, CalendarError>,
) -> Result<Vec<Option<T>>, Failure> {
    (0..dates.len())
        .map(|i| match dates.get(i).map_err(Failure::Range)? {
            Some(d) => f(d).map(Some).map_err(Failure::Core),
            None => Ok(None),
        })
        .collect()
}

fn no_nat<T>(values: Vec<Option<T>>) -> Result<Vec<T>, Failure> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| v.ok_or(Failure::Null(i)))
        .collect()
}

/// `Calendar.add_workdays_array`: the `n`-th working day after each date.
pub fn add_workdays<'py>(
    py: Python<'py>,
    cal: &Calendar,
    dates: &Bound<'py, PyAny>,
    n: i64,
) -> PyResult<Bound<'py, PyAny>> {
    let dates = Dates::read(dates, "dates")?;
    // Day numbers straight to the core's columnar form: no date is built per value.
    let out: Result<Vec<Option<i32>>, Failure> = py.detach(|| {
        (0..dates.len())
            .map(|i| match dates.days(i).map_err(Failure::Range)? {
                Some(d) => match cal.add_workdays_epoch_days(d, n) {
                    Ok(Some(answer)) => Ok(Some(answer)),
                    Ok(None) => Err(Failure::Range(beyond(i))),
                    Err(e) => Err(Failure::Core(e)),
                },
                None => Ok(None),
            })
            .collect()
    });
    let out = out.map_err(|f| f.raise("add_workdays_array"))?;
    if dates.is_numpy() {
        let days: Vec<Datetime<Days>> = out
            .into_iter()
            .map(|d| Datetime::from(d.map_or(NAT, i64::from)))
            .collect();
        return Ok(PyArray1::from_vec(py, days).into_any());
    }
    let values: Vec<i32> = out.into_iter().map(Option::unwrap_or_default).collect();
    let array: ArrayRef = Arc::new(Date32Array::new(ScalarBuffer::from(values), dates.nulls()));
    Ok(array_out(py, array)?.into_any())
}

/// `Calendar.is_workday_array`: whether each date is a working day.
pub fn is_workday<'py>(
    py: Python<'py>,
    cal: &Calendar,
    dates: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let dates = Dates::read(dates, "dates")?;
    let out = py
        .detach(|| each(&dates, |d| cal.is_workday(d)))
        .map_err(|f| f.raise("is_workday_array"))?;
    if dates.is_numpy() {
        let out = no_nat(out).map_err(|f| f.raise("is_workday_array"))?;
        return Ok(PyArray1::from_vec(py, out).into_any());
    }
    let values: BooleanBuffer = out.iter().map(|v| v.unwrap_or(false)).collect();
    let array: ArrayRef = Arc::new(BooleanArray::new(values, dates.nulls()));
    Ok(array_out(py, array)?.into_any())
}

/// `Calendar.workdays_between_array`: the working days between each pair.
pub fn workdays_between<'py>(
    py: Python<'py>,
    cal: &Calendar,
    starts: &Bound<'py, PyAny>,
    ends: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = Dates::read(starts, "starts")?;
    let b = Dates::read(ends, "ends")?;
    if a.len() != b.len() {
        return Err(raise(
            Class::InvalidInput,
            None,
            &format!("{} starts but {} ends", a.len(), b.len()),
        ));
    }
    let out: Result<Vec<Option<i64>>, Failure> = py.detach(|| {
        (0..a.len())
            .map(|i| {
                let x = a.get(i).map_err(Failure::Range)?;
                let y = b.get(i).map_err(Failure::Range)?;
                match (x, y) {
                    (Some(x), Some(y)) => {
                        cal.workdays_between(x, y).map(Some).map_err(Failure::Core)
                    }
                    _ => Ok(None),
                }
            })
            .collect()
    });
    let out = out.map_err(|f| f.raise("workdays_between_array"))?;
    if a.is_numpy() && b.is_numpy() {
        let out = no_nat(out).map_err(|f| f.raise("workdays_between_array"))?;
        return Ok(PyArray1::from_vec(py, out).into_any());
    }
    // Nulls come from either side (and from a NaT when only one side is numpy).
    let array: ArrayRef = Arc::new(Int64Array::from(out));
    Ok(array_out(py, array)?.into_any())
}
