//! Retention of records. The sources set no retention periods, so the library invents none:
//! each record kind carries a basis (PIPL art. 19 — the shortest period necessary — by
//! default, or the agency's archive rule) and an agency-configured period, and a record's
//! `retain_until` is computed only where a period is configured.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RecordKind;

crate::json::tagged_enum! {
tag = "basis";
/// Why a record is kept as long as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RetentionBasis {
    /// PIPL art. 19: the shortest period necessary for the purpose of processing
    /// (个人信息的保存期限应当为实现处理目的所必要的最短时间).
    PiplArt19,
    /// The agency's archive rule (机构档案管理制度; 城市社区档案管理办法).
    AgencyArchiveRule {
        /// The rule's name or reference.
        rule: String,
    },
}
}

/// How long one record kind is kept, as the agency configured it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionPolicy {
    /// The record kind.
    pub kind: RecordKind,
    /// The basis.
    pub basis: RetentionBasis,
    /// The period in months from the record's date; `None` until the agency sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_months: Option<u32>,
}

/// A record to check against retention: its id, kind and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordMeta {
    /// The platform's id for the record.
    pub id: String,
    /// Its kind.
    pub kind: RecordKind,
    /// The date the period counts from (the record's date, or the case's closing).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
}

/// A record kept past its retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastRetention {
    /// The record's id.
    pub id: String,
    /// Its kind.
    pub kind: RecordKind,
    /// The last day it was to be kept.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub retain_until: NaiveDate,
    /// The basis of the period.
    pub basis: RetentionBasis,
}

/// The agency's retention policies, one per record kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionPolicies {
    /// The policies.
    pub policies: Vec<RetentionPolicy>,
}

impl Default for RetentionPolicies {
    /// Every kind on PIPL art. 19 with no period set.
    fn default() -> Self {
        RetentionPolicies {
            policies: RecordKind::ALL
                .iter()
                .map(|kind| RetentionPolicy {
                    kind: *kind,
                    basis: RetentionBasis::PiplArt19,
                    period_months: None,
                })
                .collect(),
        }
    }
}

impl RetentionPolicies {
    /// Returns the policies with one kind's basis and period set.
    #[must_use]
    pub fn with(mut self, kind: RecordKind, basis: RetentionBasis, period_months: u32) -> Self {
        self.policies.retain(|p| p.kind != kind);
        self.policies.push(RetentionPolicy {
            kind,
            basis,
            period_months: Some(period_months),
        });
        self
    }

    /// The policy of one kind (the default PIPL art. 19 policy if none was set).
    pub fn policy(&self, kind: RecordKind) -> RetentionPolicy {
        self.policies
            .iter()
            .find(|p| p.kind == kind)
            .cloned()
            .unwrap_or(RetentionPolicy {
                kind,
                basis: RetentionBasis::PiplArt19,
                period_months: None,
            })
    }

    /// The last day a record of `kind` dated `date` is kept, or `None` when no period is set.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::assessment::{RecordKind, RetentionBasis, RetentionPolicies};
    /// let p = RetentionPolicies::default();
    /// let d = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    /// assert_eq!(p.retain_until(RecordKind::ServiceRecord, d), None, "PIPL art. 19 sets no number");
    /// let p = p.with(RecordKind::ServiceRecord, RetentionBasis::AgencyArchiveRule { rule: "档案管理制度".into() }, 36);
    /// assert_eq!(p.retain_until(RecordKind::ServiceRecord, d), NaiveDate::from_ymd_opt(2029, 3, 31));
    /// ```
    pub fn retain_until(&self, kind: RecordKind, date: NaiveDate) -> Option<NaiveDate> {
        let months = self.policy(kind).period_months?;
        date.checked_add_months(Months::new(months))
    }

    /// The records kept past their period as of `today` (kept *after* `retain_until`).
    pub fn past_retention(&self, records: &[RecordMeta], today: NaiveDate) -> Vec<PastRetention> {
        records
            .iter()
            .filter_map(|r| {
                let until = self.retain_until(r.kind, r.date)?;
                (today > until).then(|| PastRetention {
                    id: r.id.clone(),
                    kind: r.kind,
                    retain_until: until,
                    basis: self.policy(r.kind).basis,
                })
            })
            .collect()
    }
}
