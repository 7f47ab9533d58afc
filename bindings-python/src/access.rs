//! `Access`: access decisions and redacted views.

use pyo3::prelude::*;
use shegong::access::{Access as Core, SubjectFacts, Viewer, DEFAULT_SCOPE, DEFAULT_VIEW};
use shegong::assessment::{Record, RecordKind};

use crate::convert::{from_py, to_py};
use crate::errors::OrRaise;

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

    /// Decides whether `viewer` may see `field` of a `record_kind` record about `subject`:
    /// `{outcome, allowed, reason, rule}`.
    fn decide<'py>(
        &self,
        py: Python<'py>,
        viewer: &Bound<'py, PyAny>,
        record_kind: &str,
        field: &str,
        subject: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v: Viewer = from_py(viewer, "viewer")?;
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
        let v: Viewer = from_py(viewer, "viewer")?;
        let value = crate::convert::to_json(record)?;
        let r = Record::from_json(&value.to_string()).or_raise()?;
        let s: SubjectFacts = from_py(subject, "subject")?;
        to_py(py, &self.0.redact(&v, &r, &s))
    }

    fn __repr__(&self) -> String {
        format!(
            "Access(view={:?}, acquaintance_scope={:?})",
            self.0.view.name(),
            self.0.acquaintance_scope.name()
        )
    }
}
