//! `Calendar`: China's official working-day calendar.

use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use shegong::calendar::{AgencyDay, Calendar as Core, CalendarSpec};

use crate::convert::{from_py, to_py};
use crate::convert::{Day, Int};
use crate::errors::OrRaise;

/// China's official working-day calendar (工作日, 调休), optionally answering provisional
/// years and carrying an agency's own closures and duty days.
#[pyclass(frozen, module = "shegong", name = "Calendar")]
#[derive(Clone)]
pub struct Calendar(pub Core);

#[pymethods]
impl Calendar {
    /// The official calendar (2004-01-01 .. 2026-12-31 in this data version).
    #[staticmethod]
    fn china() -> Self {
        Calendar(Core::china())
    }

    /// A calendar from its stored description: JSON text as `to_json` gives, or the same
    /// description as a dict (`json.loads(cal.to_json())`, or written by hand:
    /// `{"base": "cn-official", "closures": [{"date": "2026-05-06", "note": "全员培训日"}]}`).
    /// Dates in a dict may be `datetime.date` or ISO text.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(text) = json.cast::<PyString>() {
            return Core::from_json(&text.to_cow()?).or_raise().map(Calendar);
        }
        if json.is_instance_of::<PyDict>() {
            let spec: CalendarSpec = from_py(json, "calendar")?;
            return Core::from_spec(spec).or_raise().map(Calendar);
        }
        Err(PyTypeError::new_err(format!(
            "Calendar.from_json takes JSON text (str) or a description (dict), not {}",
            json.get_type().name()?
        )))
    }

    /// The calendar's stored description, as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| crate::errors::malformed(&e.to_string()))
    }

    /// This calendar answering (or not) provisional years with the weekday-only rule.
    fn with_provisional(&self, allow: bool) -> Self {
        Calendar(self.0.clone().with_provisional(allow))
    }

    /// An agency calendar: closures and extra working days as lists of
    /// `{"date": date, "note": str}`.
    #[pyo3(signature = (name, closures, extra_workdays))]
    fn with_agency_days(
        &self,
        name: &str,
        closures: &Bound<'_, PyAny>,
        extra_workdays: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let c: Vec<AgencyDay> = from_py(closures, "closures")?;
        let e: Vec<AgencyDay> = from_py(extra_workdays, "extra_workdays")?;
        self.0.with_agency_days(name, c, e).or_raise().map(Calendar)
    }

    /// Whether `date` is a working day.
    fn is_workday(&self, date: Day) -> PyResult<bool> {
        self.0.is_workday(date.0).or_raise()
    }

    /// What kind of day `date` is (a dict: date, working, kind, provisional, …).
    fn day<'py>(&self, py: Python<'py>, date: Day) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.day(date.0).or_raise()?)
    }

    /// The `n`-th working day after `date` (before it for negative `n`).
    fn add_workdays(&self, date: Day, n: Int<i64>) -> PyResult<NaiveDate> {
        self.0.add_workdays(date.0, n.0).or_raise()
    }

    /// `add_workdays`, with whether the answer depends on a provisional year.
    fn add_workdays_checked<'py>(
        &self,
        py: Python<'py>,
        date: Day,
        n: Int<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let r = self.0.add_workdays_checked(date.0, n.0).or_raise()?;
        let d = pyo3::types::PyDict::new(py);
        d.set_item("value", r.value)?;
        d.set_item("provisional", r.provisional)?;
        Ok(d.into_any())
    }

    /// Working days `d` with `start < d <= end` (negative when `end < start`).
    fn workdays_between(&self, start: Day, end: Day) -> PyResult<i64> {
        self.0.workdays_between(start.0, end.0).or_raise()
    }

    /// `workdays_between`, with whether the count depends on a provisional year.
    fn workdays_between_checked<'py>(
        &self,
        py: Python<'py>,
        start: Day,
        end: Day,
    ) -> PyResult<Bound<'py, PyAny>> {
        let r = self.0.workdays_between_checked(start.0, end.0).or_raise()?;
        to_py(
            py,
            &serde_json::json!({ "value": r.value, "provisional": r.provisional }),
        )
    }

    /// `date` if it is a working day, else the next one.
    fn workday_on_or_after(&self, date: Day) -> PyResult<NaiveDate> {
        self.0.workday_on_or_after(date.0).or_raise()
    }

    /// `date` if it is a working day, else the previous one.
    fn workday_on_or_before(&self, date: Day) -> PyResult<NaiveDate> {
        self.0.workday_on_or_before(date.0).or_raise()
    }

    /// Working days in `year`.
    fn workdays_in_year(&self, year: Int<i32>) -> PyResult<u32> {
        self.0.workdays_in_year(year.0).or_raise()
    }

    /// The facts of one year: notices, statutory holiday days, breaks, working days.
    fn year_facts<'py>(&self, py: Python<'py>, year: Int<i32>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.year_facts(year.0).or_raise()?)
    }

    /// Whether `date` is covered by official data.
    fn is_official(&self, date: Day) -> bool {
        self.0.is_official(date.0)
    }

    /// `add_workdays` for many dates at once, in Rust without the GIL.
    fn add_workdays_many<'py>(
        &self,
        py: Python<'py>,
        dates: Vec<Day>,
        n: Int<i64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let n = n.0;
        let cal = self.0.clone();
        let out = py.detach(move || {
            dates
                .iter()
                .map(|d| cal.add_workdays(d.0, n))
                .collect::<Result<Vec<_>, _>>()
        });
        PyList::new(py, out.or_raise()?)
    }

    /// `workdays_between` for many pairs at once, in Rust without the GIL.
    fn workdays_between_many<'py>(
        &self,
        py: Python<'py>,
        starts: Vec<Day>,
        ends: Vec<Day>,
    ) -> PyResult<Bound<'py, PyList>> {
        if starts.len() != ends.len() {
            return Err(crate::errors::raise(
                crate::errors::Class::InvalidInput,
                None,
                &format!("{} starts but {} ends", starts.len(), ends.len()),
            ));
        }
        let cal = self.0.clone();
        let out = py.detach(move || {
            starts
                .iter()
                .zip(&ends)
                .map(|(a, b)| cal.workdays_between(a.0, b.0))
                .collect::<Result<Vec<_>, _>>()
        });
        PyList::new(py, out.or_raise()?)
    }

    /// `add_workdays` over a whole column: an Arrow `date32` array (pyarrow, Polars; the
    /// answer is an `ArrowArray` of `date32`, nulls kept) or a numpy `datetime64[D]` array
    /// (the answer is one too, `NaT` kept). A date not covered raises `CalendarRangeError`.
    fn add_workdays_array<'py>(
        &self,
        py: Python<'py>,
        dates: &Bound<'py, PyAny>,
        n: Int<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::columnar::add_workdays(py, &self.0, dates, n.0)
    }

    /// `workdays_between` over two columns of equal length, pairwise: an `ArrowArray` of
    /// `int64` (null where either date is), or a numpy `int64` array when both are numpy
    /// (where `NaT` raises `InvalidInput`).
    fn workdays_between_array<'py>(
        &self,
        py: Python<'py>,
        starts: &Bound<'py, PyAny>,
        ends: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::columnar::workdays_between(py, &self.0, starts, ends)
    }

    /// `is_workday` over a whole column: an `ArrowArray` of `bool` (nulls kept), or a numpy
    /// `bool` array for numpy input (where `NaT` raises `InvalidInput`).
    fn is_workday_array<'py>(
        &self,
        py: Python<'py>,
        dates: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::columnar::is_workday(py, &self.0, dates)
    }

    /// The display name ("CN official", or the agency's).
    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The version of the embedded official data.
    #[getter]
    fn data_version(&self) -> &'static str {
        self.0.data_version()
    }

    /// The first date answered.
    #[getter]
    fn first_date(&self) -> NaiveDate {
        self.0.first_date()
    }

    /// The last date answered.
    #[getter]
    fn last_date(&self) -> NaiveDate {
        self.0.last_date()
    }

    /// The last date covered by official data.
    #[getter]
    fn official_last_date(&self) -> NaiveDate {
        self.0.official_last_date()
    }

    /// Whether provisional years are answered.
    #[getter]
    fn allows_provisional(&self) -> bool {
        self.0.allows_provisional()
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "Calendar(name={:?}, data_version={:?}, last_date={})",
            self.0.name(),
            self.0.data_version(),
            self.0.last_date()
        ))
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
