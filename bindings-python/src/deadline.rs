//! `RuleSet`: deadline rules as data, and the obligations they raise.

use pyo3::prelude::*;
use shegong::deadline::{Offset, Rule, RuleSet as Core};

use crate::activity::Activity;
use crate::calendar::Calendar;
use crate::case::Case;
use crate::convert::{from_py, to_py, Instant};
use crate::errors::OrRaise;

/// A versioned set of deadline rules: the built-in preset, or an agency's own.
#[pyclass(frozen, module = "shegong", name = "RuleSet")]
#[derive(Clone)]
pub struct RuleSet(pub Core);

#[pymethods]
impl RuleSet {
    /// Every time limit of the sources.
    #[staticmethod]
    fn preset() -> Self {
        RuleSet(Core::preset())
    }

    /// A rule set from JSON, validated.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Core::from_json(json).or_raise().map(RuleSet)
    }

    /// The rule set as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().or_raise()
    }

    /// The set with one rule's offset replaced, e.g. `{"working_days": 3}` or `{"hours": 2}`.
    fn with_offset(&self, rule_id: &str, offset: &Bound<'_, PyAny>) -> PyResult<Self> {
        let o: Offset = from_py(offset, "offset")?;
        self.0
            .clone()
            .with_offset(rule_id, o)
            .or_raise()
            .map(RuleSet)
    }

    /// The set without one rule.
    fn without(&self, rule_id: &str) -> PyResult<Self> {
        self.0.clone().without(rule_id).or_raise().map(RuleSet)
    }

    /// The set with one more rule (a dict).
    fn with_rule(&self, rule: &Bound<'_, PyAny>) -> PyResult<Self> {
        let r: Rule = from_py(rule, "rule")?;
        self.0.clone().with_rule(r).or_raise().map(RuleSet)
    }

    /// The set renamed and re-versioned.
    fn renamed(&self, name: &str, version: &str) -> Self {
        RuleSet(self.0.clone().renamed(name, version))
    }

    /// The obligations a case owes as of `now` (an aware datetime).
    fn obligations<'py>(
        &self,
        py: Python<'py>,
        case: PyRef<'py, Case>,
        calendar: PyRef<'py, Calendar>,
        now: Instant,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.obligations(&case.0, &calendar.0, now.0))
    }

    /// The obligations an activity owes as of `now`.
    fn activity_obligations<'py>(
        &self,
        py: Python<'py>,
        activity: PyRef<'py, Activity>,
        calendar: PyRef<'py, Calendar>,
        now: Instant,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &self.0.activity_obligations(&activity.0, &calendar.0, now.0),
        )
    }

    /// The rules, as dicts.
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.rules)
    }

    /// The set's name.
    #[getter]
    fn name(&self) -> String {
        self.0.name.clone()
    }

    /// The set's version.
    #[getter]
    fn version(&self) -> String {
        self.0.version.clone()
    }

    fn __repr__(&self) -> String {
        crate::errors::scrub(&format!(
            "RuleSet(name={:?}, version={:?}, rules={})",
            self.0.name,
            self.0.version,
            self.0.rules.len()
        ))
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
