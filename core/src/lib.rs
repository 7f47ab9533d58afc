//! **shegong** (社工): the rules of Chinese community social work as a library.
//!
//! One pure-Rust core carries the case life cycle, working-day deadlines, volunteer
//! confidentiality, needs assessment and workload arithmetic, so that every community
//! platform can embed the same rules instead of re-typing them. The core does no I/O and
//! never reads the clock: "today" and "now" are arguments.
//!
//! Modules:
//! - [`calendar`]: China's official working-day calendar (工作日, 调休), 2004–2026.
//! - [`case`]: the case life cycle (个案), a guarded, event-sourced, tamper-evident history.
//! - [`deadline`]: time limits as data, and the obligations they raise, explained.
//! - [`activity`]: group work (小组) and community activities (社区活动).
//! - [`assessment`]: needs-assessment and service records, their labels and sensitivity.
//! - [`identity`]: resident ID numbers and phone numbers, validated and masked.
//! - [`triage`]: priority ordering of a worklist and routing to service tiers.
//! - [`volunteer`]: volunteers, confidentiality agreements, shifts and service hours.
//! - [`access`]: who may see which field of which record, and redacted views.
//! - [`groups`]: online service groups, membership and nicknames.
//! - [`workload`]: annual hours, the reference-hours table, project plans, supervision.
//! - [`report`]: obligation rows and case summaries over many histories, for research.
//! - [`schema`]: JSON Schemas of every event, envelope, history, rule set and batch row.
//!
//! Every rule carries a stable ID from the project's domain specification, such as
//! `[calendar-workdays]`; errors and explanations name it.

#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod access;
pub mod activity;
pub mod assessment;
pub mod calendar;
pub mod case;
pub mod deadline;
mod error;
pub mod event_types;
pub mod groups;
pub mod history;
pub mod identity;
pub mod json;
pub mod labels;
pub mod limits;
pub mod report;
pub mod schema;
pub mod triage;
pub mod volunteer;
pub mod workload;

pub use calendar::Calendar;
pub use case::Case;
pub use deadline::{Obligation, RuleSet};
pub use error::{Error, ErrorKind, Result};

/// The Chinese label of every value of every labelled enum, by the enum's name: what a
/// platform needs to render forms and reports in Chinese.
///
/// # Example
/// ```
/// let labels = shegong::zh_labels();
/// let (_, gender) = labels.iter().find(|(name, _)| *name == "Gender").unwrap();
/// assert!(gender.contains(&("female", "女")));
/// ```
pub fn zh_labels() -> Vec<(&'static str, &'static [(&'static str, &'static str)])> {
    use crate::{
        access as ac, assessment as a, groups as g, triage as t, volunteer as v, workload as w,
    };
    vec![
        ("Gender", a::Gender::LABELS),
        ("Education", a::Education::LABELS),
        ("PoliticalStatus", a::PoliticalStatus::LABELS),
        ("MaritalStatus", a::MaritalStatus::LABELS),
        ("Interaction", a::Interaction::LABELS),
        ("MedicalNeed", a::MedicalNeed::LABELS),
        ("CareNeed", a::CareNeed::LABELS),
        ("SupportNeed", a::SupportNeed::LABELS),
        ("ConsultationCategory", a::ConsultationCategory::LABELS),
        ("RecordKind", a::RecordKind::LABELS),
        ("DataSubject", a::DataSubject::LABELS),
        ("Sensitivity", a::Sensitivity::LABELS),
        ("PopulationGroup", a::PopulationGroup::LABELS),
        ("VolunteerKind", v::VolunteerKind::LABELS),
        ("VolunteerStage", v::VolunteerStage::LABELS),
        ("ConfidentialScope", v::ConfidentialScope::LABELS),
        ("Party", v::Party::LABELS),
        ("BreachAction", v::BreachAction::LABELS),
        ("AccessRole", ac::AccessRole::LABELS),
        ("AgreementState", ac::AgreementState::LABELS),
        ("Purpose", ac::Purpose::LABELS),
        ("View", ac::View::LABELS),
        ("AcquaintanceScope", ac::AcquaintanceScope::LABELS),
        ("Outcome", ac::Outcome::LABELS),
        ("GroupKind", g::GroupKind::LABELS),
        ("AdminRole", g::AdminRole::LABELS),
        ("NicknameRole", g::NicknameRole::LABELS),
        ("ApplicationStatus", g::ApplicationStatus::LABELS),
        ("LifeRisk", t::LifeRisk::LABELS),
        ("Vulnerability", t::Vulnerability::LABELS),
        ("Urgency", t::Urgency::LABELS),
        ("ServiceTier", t::ServiceTier::LABELS),
        ("ItemCategory", w::ItemCategory::LABELS),
        ("Unit", w::Unit::LABELS),
        ("PartialUnit", w::PartialUnit::LABELS),
        ("Severity", w::Severity::LABELS),
        ("SupervisionKind", w::SupervisionKind::LABELS),
        ("SupervisorType", w::SupervisorType::LABELS),
        ("SocialWorkCertificate", w::SocialWorkCertificate::LABELS),
        ("Stage", crate::case::Stage::LABELS),
        ("Role", crate::case::Role::LABELS),
        ("CaseEventType", crate::event_types::CaseEventType::LABELS),
        (
            "ActivityEventType",
            crate::event_types::ActivityEventType::LABELS,
        ),
        (
            "VolunteerEventType",
            crate::event_types::VolunteerEventType::LABELS,
        ),
        (
            "ObligationStatusName",
            crate::event_types::ObligationStatusName::LABELS,
        ),
    ]
}

// The README's Rust examples are compiled and run as doctests, so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
