//! The household needs profile (居民家庭需求档案, 003 五.2, `[household-profile-fields]`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, Education, Gender, PoliticalStatus, Relative};
use crate::identity::Phone;

/// A resident household's needs profile, with every field of 003 五.2: the resident's own
/// particulars, the main direct and collateral relatives, welfare already received,
/// difficulties, and current, near-term and long-term needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdProfile {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// Name (姓名).
    pub name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Date of birth (出生日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub date_of_birth: Option<NaiveDate>,
    /// Address (住址).
    pub address: String,
    /// Education (文化程度).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    /// Major studied (所学专业).
    #[serde(default)]
    pub major: String,
    /// Occupation (职业).
    #[serde(default)]
    pub occupation: String,
    /// Annual household income in yuan (收入（家庭收入）).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_income_yuan: Option<u64>,
    /// Religion (宗教信仰), if the resident chose to state it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
    /// Political status (政治面貌).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub political_status: Option<PoliticalStatus>,
    /// Contact (联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Phone>,
    /// Strengths and hobbies (特长爱好).
    #[serde(default)]
    pub hobbies: Vec<String>,
    /// Willing to volunteer (志愿服务意愿).
    #[serde(default)]
    pub willing_to_volunteer: bool,
    /// Main direct relatives (主要直系亲属).
    #[serde(default)]
    pub direct_relatives: Vec<Relative>,
    /// Main collateral relatives (主要旁系亲属).
    #[serde(default)]
    pub collateral_relatives: Vec<Relative>,
    /// Welfare policies already received (已享受的福利政策).
    #[serde(default)]
    pub welfare_received: Vec<String>,
    /// Difficulties faced (面临的困境).
    #[serde(default)]
    pub difficulties: Vec<String>,
    /// Current needs (目前存在的需求).
    #[serde(default)]
    pub current_needs: Vec<String>,
    /// Foreseeable near-term needs (今后近期可能出现的需求).
    #[serde(default)]
    pub near_term_needs: Vec<String>,
    /// Foreseeable long-term needs (今后远期可能出现的需求).
    #[serde(default)]
    pub long_term_needs: Vec<String>,
}
