//! `ServiceGroup`: online service groups, membership and nicknames.

use pyo3::prelude::*;
use shegong::groups::{self as core, GroupAdmin, GroupKind, NicknameRole};

use crate::convert::Day;
use crate::convert::{from_py, serde_name, to_py};
use crate::errors::OrRaise;

/// An online service group (线上服务群): tier or support group, admins, members, applications.
#[pyclass(module = "shegong", name = "ServiceGroup")]
#[derive(Clone)]
pub struct ServiceGroup(pub core::ServiceGroup);

#[pymethods]
impl ServiceGroup {
    #[new]
    fn new(group_id: &str, kind: &str, name: &str, admins: &Bound<'_, PyAny>) -> PyResult<Self> {
        let k: GroupKind = kind.parse().or_raise()?;
        let a: Vec<GroupAdmin> = from_py(admins, "admins")?;
        core::ServiceGroup::new(group_id, k, name, a)
            .or_raise()
            .map(ServiceGroup)
    }

    /// Applies to join.
    #[pyo3(signature = (person_id, nickname, household, on))]
    fn apply(
        &mut self,
        person_id: &str,
        nickname: &str,
        household: Option<&str>,
        on: Day,
    ) -> PyResult<()> {
        self.0
            .apply(person_id, nickname, household, on.0)
            .or_raise()
    }

    /// An admin approves an application; returns size warnings.
    fn approve(&mut self, person_id: &str, by: &str, on: Day) -> PyResult<Vec<String>> {
        self.0.approve(person_id, by, on.0).or_raise()
    }

    /// An admin rejects an application.
    fn reject(&mut self, person_id: &str, by: &str) -> PyResult<()> {
        self.0.reject(person_id, by).or_raise()
    }

    /// A warning when a resident group is outside 50-200 members.
    fn size_warning(&self) -> Option<String> {
        self.0.size_warning()
    }

    /// The group as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    /// The service tier of a core group, or None.
    #[getter]
    fn tier(&self) -> Option<String> {
        self.0.kind.tier().map(|t| serde_name(&t))
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "ServiceGroup(id={:?}, kind={:?}, members={})",
            self.0.id,
            self.0.kind.name(),
            self.0.members.len()
        ))
    }
}

/// Writes a nickname following the convention, e.g. `社工-张三`.
#[pyfunction]
pub fn nickname(role: &str, name_or_unit: &str) -> PyResult<String> {
    let r: NicknameRole = role.parse().or_raise()?;
    core::nickname(r, name_or_unit).or_raise()
}

/// Reads a nickname into (role, name).
#[pyfunction]
pub fn parse_nickname(nickname: &str) -> PyResult<(String, String)> {
    let (role, name) = core::parse_nickname(nickname).or_raise()?;
    Ok((role.name().to_owned(), name))
}
