//! `IdNumber` and `Phone`: validated, and never printed in full.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use chrono::NaiveDate;
use pyo3::prelude::*;
use shegong::identity::{IdMask, IdNumber as CoreId, Phone as CorePhone};

use crate::convert::{serde_name, Int};
use crate::errors::OrRaise;

/// The hash of a number, keyed with randomness drawn once per process: an unkeyed hash plus
/// the masked form would give the full number back by trying every birth date.
fn keyed_hash(digits: &str) -> u64 {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    KEY.get_or_init(RandomState::new).hash_one(digits)
}

/// A resident ID number (GB 11643-1999). `str()` and `repr()` show it masked.
#[pyclass(frozen, eq, module = "shegong", name = "IdNumber")]
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber(pub CoreId);

#[pymethods]
impl IdNumber {
    /// Parses and validates (a 15-digit number is upgraded to 18).
    #[new]
    fn new(value: &str) -> PyResult<Self> {
        CoreId::parse(value).or_raise().map(IdNumber)
    }

    /// The birth date it encodes.
    #[getter]
    fn birth_date(&self) -> NaiveDate {
        self.0.birth_date()
    }

    /// "male" or "female".
    #[getter]
    fn sex(&self) -> String {
        serde_name(&self.0.sex())
    }

    /// The 6-digit region code.
    #[getter]
    fn region_code(&self) -> String {
        self.0.region_code().to_owned()
    }

    /// The full number; call it only where the full value is needed and allowed.
    fn expose(&self) -> String {
        self.0.expose().to_owned()
    }

    /// The number masked, keeping `keep_start` leading and `keep_end` trailing characters.
    #[pyo3(signature = (keep_start=Int(shegong::identity::MASK_KEEP_START), keep_end=Int(shegong::identity::MASK_KEEP_END)), text_signature = "($self, keep_start=6, keep_end=4)")]
    fn masked(&self, keep_start: Int<usize>, keep_end: Int<usize>) -> PyResult<String> {
        self.0
            .masked_with(IdMask {
                keep_start: keep_start.0,
                keep_end: keep_end.0,
            })
            .or_raise()
    }

    fn __hash__(&self) -> u64 {
        keyed_hash(self.0.expose())
    }

    fn __str__(&self) -> String {
        self.0.masked()
    }

    fn __repr__(&self) -> String {
        format!("IdNumber('{}')", self.0.masked())
    }
}

/// A mainland mobile or landline number. `str()` and `repr()` show it masked.
#[pyclass(frozen, eq, module = "shegong", name = "Phone")]
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(pub CorePhone);

#[pymethods]
impl Phone {
    /// Parses a mobile or landline number.
    #[new]
    fn new(value: &str) -> PyResult<Self> {
        CorePhone::parse(value).or_raise().map(Phone)
    }

    /// Parses a mainland mobile number only.
    #[staticmethod]
    fn mobile(value: &str) -> PyResult<Self> {
        CorePhone::mobile(value).or_raise().map(Phone)
    }

    /// "mobile" or "landline".
    #[getter]
    fn kind(&self) -> String {
        serde_name(&self.0.kind())
    }

    /// The full number's digits; call it only where the full value is needed and allowed.
    fn digits(&self) -> String {
        self.0.digits().to_owned()
    }

    /// The masked number, e.g. `138****1234`.
    fn masked(&self) -> String {
        self.0.masked()
    }

    fn __str__(&self) -> String {
        self.0.masked()
    }

    fn __repr__(&self) -> String {
        format!("Phone('{}')", self.0.masked())
    }

    fn __hash__(&self) -> u64 {
        keyed_hash(self.0.digits())
    }
}
