//! The case-management follow-up table (个案管理跟进表, 000 实用工具五, `[case-mgmt-subplans]`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, Gender};
use crate::identity::Phone;

/// One item of a follow-up day: what was done and who is responsible, with their contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpItem {
    /// What was done (内容).
    pub content: String,
    /// The person responsible (负责人).
    pub responsible: String,
    /// Their contact (联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Phone>,
}

/// One dated row: medical, psychological and other items, and the responsible worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRow {
    /// Date (日期).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
    /// Medical (医疗).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical: Option<FollowUpItem>,
    /// Psychological (心理).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psychological: Option<FollowUpItem>,
    /// Other (其他), with its kind written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<FollowUpItem>,
    /// The kind of the "other" item (其他_____).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_kind: Option<String>,
    /// The responsible social worker (负责社工).
    pub worker: String,
}

/// A case-management follow-up table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseManagementFollowUp {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The group (组别).
    pub group: String,
    /// The case number (个案编号).
    pub case_number: String,
    /// Client's name (案主姓名).
    pub client_name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Age (年龄).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Address (居住地址).
    #[serde(default)]
    pub address: String,
    /// Phone (联系电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// The worker who took the case (接案社工).
    pub intake_worker: String,
    /// Their phone (联系电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake_worker_phone: Option<Phone>,
    /// The dated rows.
    pub rows: Vec<FollowUpRow>,
}
