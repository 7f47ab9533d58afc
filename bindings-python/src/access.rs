//! `Access` and `Viewer`: access decisions and redacted views.

use pyo3::prelude::*;
use shegong::access::{
    Access as Core, SubjectFacts, Viewer as CoreViewer, DEFAULT_SCOPE, DEFAULT_VIEW,
};
use shegong::assessment::{Record, RecordKind};

use crate::convert::{from_py, from_value, to_py};
use crate::errors::OrRaise;

/// Who is looking, for access decisions: an opaque viewer built by the core.
///
/// A staff viewer (worker, supervisor, group admin, resident) is asserted by the platform with
/// `Viewer.staff`; a volunteer viewer is built only from the volunteer's own record with
/// `Volunteer.viewer` (registered positions, agreements in force, deployments on the day,
/// declared acquaintances), so no caller can claim a position or an agreement the record does
/// not hold (`[agreement-before-access]`, `[volunteer-kinds]`, `[access-while-serving]`).
#[pyclass(frozen, module = "shegong", name = "Viewer")]
#[derive(Clone)]
pub struct Viewer(pub CoreViewer);

#[pymethods]
impl Viewer {
    /// A staff viewer (`worker`, `supervisor`, `group_admin` or `resident`) serving `groups`,
    /// read as the core reads `{id, role, groups}`: a volunteer role raises `MalformedData`
    /// (a volunteer viewer comes from `Volunteer.viewer`).
    #[staticmethod]
    #[pyo3(signature = (id, role, groups=Vec::new()), text_signature = "(id, role, groups=[])")]
    fn staff(id: &str, role: &str, groups: Vec<String>) -> PyResult<Self> {
        let value = serde_json::json!({"id": id, "role": role, "groups": groups});
        from_value(value, "viewer").map(Viewer)
    }

    /// The viewer's actor id (a volunteer's id for volunteers).
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The role in which they look (`medical_volunteer`, … for a volunteer's position).
    #[getter]
    fn role(&self) -> String {
        self.0.role().name().to_owned()
    }

    /// The groups they serve: an admin's groups, or those a volunteer was deployed to all that day
    /// (`Volunteer.viewer`) or at the moment (`Volunteer.viewer_at`).
    #[getter]
    fn groups(&self) -> Vec<String> {
        self.0.groups().to_vec()
    }

    /// A volunteer's agreement state on the day asked (`none` for staff).
    #[getter]
    fn agreement(&self) -> String {
        self.0.agreement().name().to_owned()
    }

    /// Whether a volunteer's agreements in force cover client information.
    #[getter]
    fn agreement_covers_clients(&self) -> bool {
        self.0.agreement_covers_clients()
    }

    /// The clients a volunteer declared they know (none for staff).
    #[getter]
    fn acquaintances(&self) -> Vec<String> {
        self.0.acquaintances().to_vec()
    }

    /// The purpose a volunteer asked for (`service` or `other`), None for staff.
    #[getter]
    fn purpose(&self) -> Option<String> {
        self.0.purpose().map(|p| p.name().to_owned())
    }

    /// The day a volunteer viewer was read for, None for staff. An instant at the edge of
    /// Python's range can fall on a China-time day Python's `date` cannot hold (year 10000):
    /// that is `OutOfRange`, not a bare `ValueError`.
    #[getter]
    fn on(&self) -> PyResult<Option<chrono::NaiveDate>> {
        use chrono::Datelike as _;
        match self.0.on() {
            Some(d) if !(1..=9999).contains(&d.year()) => {
                Err(crate::errors::out_of_range(&format!(
                    "the viewer's day in China time, {d}, is outside the dates Python can hold"
                )))
            }
            on => Ok(on),
        }
    }

    /// The moment a volunteer viewer was read for (`Volunteer.viewer_at`), None for staff
    /// and for a viewer read for a whole day.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .at()
            .map(|t| crate::convert::instant_to_py(py, t, None))
            .transpose()
    }

    /// Whether a volunteer acts in a position they registered (True for staff).
    #[getter]
    fn position_registered(&self) -> bool {
        self.0.position_registered()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Viewer>().is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&match self.0.on() {
            Some(on) => format!(
                "Viewer(id={:?}, role={:?}, on={on})",
                self.0.id(),
                self.0.role().name()
            ),
            None => format!(
                "Viewer(id={:?}, role={:?})",
                self.0.id(),
                self.0.role().name()
            ),
        })
    }
}

/// A viewer argument: a `Viewer`, or a staff viewer's dict `{id, role, groups}` read as the
/// core reads it (a volunteer role, or any other key, is refused).
fn viewer_of(obj: &Bound<'_, PyAny>) -> PyResult<CoreViewer> {
    if let Ok(v) = obj.cast::<Viewer>() {
        return Ok(v.get().0.clone());
    }
    from_py(obj, "viewer")
}

/// Who may see which field of which record, and why; and redacted views.
#[pyclass(frozen, module = "shegong", name = "Access")]
#[derive(Clone)]
pub struct Access(pub Core);

#[pymethods]
impl Access {
    #[new]
    #[pyo3(signature = (view=None, acquaintance_scope=None), text_signature = "(view='one_to_one', acquaintance_scope='psychological_only')")]
    fn new(view: Option<&str>, acquaintance_scope: Option<&str>) -> PyResult<Self> {
        Ok(Access(Core {
            view: view.map_or(Ok(DEFAULT_VIEW), str::parse).or_raise()?,
            acquaintance_scope: acquaintance_scope
                .map_or(Ok(DEFAULT_SCOPE), str::parse)
                .or_raise()?,
        }))
    }

    /// Decides whether `viewer` (a `Viewer`, or a staff viewer's dict `{id, role, groups}`)
    /// may see `field` of a `record_kind` record about `subject`: `{outcome, allowed, reason,
    /// rule}`.
    fn decide<'py>(
        &self,
        py: Python<'py>,
        viewer: &Bound<'py, PyAny>,
        record_kind: &str,
        field: &str,
        subject: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v = viewer_of(viewer)?;
        let k: RecordKind = record_kind.parse().or_raise()?;
        let s: SubjectFacts = from_py(subject, "subject")?;
        to_py(py, &self.0.decide(&v, k, field, &s))
    }

    /// The record (a dict with `"kind"`) as `viewer` may see it: `{kind, value, removed, masked}`.
    fn redact<'py>(
        &self,
        py: Python<'py>,
        viewer: &Bound<'py, PyAny>,
        record: &Bound<'py, PyAny>,
        subject: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v = viewer_of(viewer)?;
        let value = crate::convert::to_json(record)?;
        let r = Record::from_json(&value.to_string()).or_raise()?;
        let s: SubjectFacts = from_py(subject, "subject")?;
        to_py(py, &self.0.redact(&v, &r, &s))
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "Access(view={:?}, acquaintance_scope={:?})",
            self.0.view.name(),
            self.0.acquaintance_scope.name()
        ))
    }
}
