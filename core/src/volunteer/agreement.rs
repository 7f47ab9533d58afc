//! The confidentiality agreement (志愿服务保密协议, 000 附件2) between the organising agency
//! (甲方) and a volunteer (乙方).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::identity::{IdNumber, Phone};
use crate::labels::labelled_enum;

labelled_enum! {
    /// The categories of confidential information the agreement covers (第四条).
    pub enum ConfidentialScope {
        FinancePersonnel = "finance_personnel" => "财务和人员信息",
        ClientInformation = "client_information" => "服务对象信息",
        Donations = "donations" => "接受捐赠与资助信息",
        Strategy = "strategy" => "战略规划等运营、发展信息",
    }
}

labelled_enum! {
    /// A party to the agreement.
    pub enum Party {
        Agency = "agency" => "甲方（志愿者组织方）",
        Volunteer = "volunteer" => "乙方（志愿者）",
    }
}

labelled_enum! {
    /// What the agency may do on a breach (第六条, `[agreement-breach-actions]`): options it
    /// chooses among, not a ladder.
    pub enum BreachAction {
        Remind = "remind" => "提醒",
        Stop = "stop" => "制止",
        Warn = "warn" => "警告",
        RemoveFromGroup = "remove_from_group" => "移除出微信群",
    }
}

/// The agreement as drafted: parties, the volunteer's ID number and phone, scope and the date
/// it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfidentialityAgreement {
    /// The agreement's identifier.
    pub id: String,
    /// The organising agency (甲方).
    pub agency: String,
    /// The agency's phone (联系电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_phone: Option<Phone>,
    /// The volunteer's name (乙方).
    pub volunteer_name: String,
    /// The volunteer's ID number (身份证号).
    pub volunteer_id_number: IdNumber,
    /// The volunteer's phone (联系电话).
    pub volunteer_phone: Phone,
    /// The confidential information covered.
    pub scope: Vec<ConfidentialScope>,
    /// The date it takes effect once both parties have signed.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub effective_from: NaiveDate,
}

/// Where an agreement stands on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgreementStatus {
    /// Not yet signed by both parties.
    Draft,
    /// Signed by both, not yet effective.
    Signed {
        /// The date it takes effect.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        effective_from: NaiveDate,
    },
    /// In force.
    InForce {
        /// Since when.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        since: NaiveDate,
    },
    /// Terminated; the duty of confidentiality survives (`[agreement-survives-termination]`).
    Terminated {
        /// When.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

impl AgreementStatus {
    /// The status's snake_case name: `draft`, `signed`, `in_force`, `terminated`.
    pub fn name(&self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Signed { .. } => "signed",
            AgreementStatus::InForce { .. } => "in_force",
            AgreementStatus::Terminated { .. } => "terminated",
        }
    }
}

/// An action taken on a breach, attributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreachActionRecord {
    /// The action.
    pub action: BreachAction,
    /// Who took it (actor id).
    pub by: String,
    /// When.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub on: NaiveDate,
    /// The group the volunteer was removed from, for a removal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// A breach of the agreement and what the agency did about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    /// The breach's identifier.
    pub id: String,
    /// What happened.
    pub description: String,
    /// When it was recorded.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub on: NaiveDate,
    /// Whether the agreement had already ended (the duty survives it).
    pub after_termination: bool,
    /// The actions taken, in order.
    pub actions: Vec<BreachActionRecord>,
}

/// An agreement and its signatures, termination and breaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementRecord {
    /// The agreement.
    pub agreement: ConfidentialityAgreement,
    /// When the agency signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub agency_signed_on: Option<NaiveDate>,
    /// When the volunteer signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub volunteer_signed_on: Option<NaiveDate>,
    /// When and why it was terminated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional_dated")]
    pub terminated: Option<(NaiveDate, String)>,
    /// Breaches recorded against it.
    pub breaches: Vec<Breach>,
}

impl AgreementRecord {
    /// The date both parties had signed, if they have.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        Some(self.agency_signed_on?.max(self.volunteer_signed_on?))
    }

    /// Where the agreement stands on `date`.
    pub fn status_on(&self, date: NaiveDate) -> AgreementStatus {
        if let Some((on, reason)) = &self.terminated {
            if *on <= date {
                return AgreementStatus::Terminated {
                    on: *on,
                    reason: reason.clone(),
                };
            }
        }
        match self.signed_on() {
            Some(signed) if signed <= date => {
                let since = signed.max(self.agreement.effective_from);
                if since <= date {
                    AgreementStatus::InForce { since }
                } else {
                    AgreementStatus::Signed {
                        effective_from: since,
                    }
                }
            }
            _ => AgreementStatus::Draft,
        }
    }

    /// Whether the volunteer owes confidentiality under it: from both signatures on, and for
    /// ever after, termination included (`[agreement-survives-termination]`).
    pub fn duty_of_confidentiality(&self) -> bool {
        self.signed_on().is_some()
    }

    /// Whether it covers client information (服务对象信息).
    pub fn covers_client_information(&self) -> bool {
        self.agreement
            .scope
            .contains(&ConfidentialScope::ClientInformation)
    }
}
