//! `Access`: access decisions and redacted views.

use pyo3::prelude::*;
use shegong::access::{Access as Core, AcquaintanceScope, SubjectFacts, View, Viewer};
use shegong::assessment::{Record, RecordKind};

use crate::convert::{from_py, to_py};
use crate::errors::OrRaise;

/// Who may see which field of which record, and why; and redacted views.
#[pyclass(frozen, module = "shegong", name = "Access")]
#[derive(Clone)]
pub struct Access(pub Core);

fn parse<T: serde::de::DeserializeOwned>(py: Python<'_>, s: &str, what: &str) -> PyResult<T> {
    from_py(&pyo3::types::PyString::new(py, s).into_any(), what)
}

#[pymethods]
impl Access {
    #[new]
    #[pyo3(signature = (view="one_to_one", acquaintance_scope="psychological_only"))]
    fn new(py: Python<'_>, view: &str, acquaintance_scope: &str) -> PyResult<Self> {
        let view: View = parse(py, view, "view")?;
        let acquaintance_scope: AcquaintanceScope =
            parse(py, acquaintance_scope, "acquaintance_scope")?;
        Ok(Access(Core {
            view,
            acquaintance_scope,
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
        let k: RecordKind = parse(py, record_kind, "record_kind")?;
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
