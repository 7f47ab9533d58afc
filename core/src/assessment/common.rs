//! Field types shared by the record kinds.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AssessmentError;
use crate::identity::Phone;
use crate::labels::labelled_enum;

/// The schema version every record kind carries in its `schema_version` field.
pub const RECORD_SCHEMA_VERSION: u32 = 1;

pub(crate) fn schema_v1() -> u32 {
    RECORD_SCHEMA_VERSION
}

labelled_enum! {
    /// Gender as the forms record it (性别).
    pub enum Gender {
        Male = "male" => "男",
        Female = "female" => "女",
        Unstated = "unstated" => "未填写",
    }
}

labelled_enum! {
    /// Education (文化程度 / 学历).
    pub enum Education {
        NoSchooling = "no_schooling" => "未上学",
        Primary = "primary" => "小学",
        JuniorHigh = "junior_high" => "初中",
        SeniorHigh = "senior_high" => "高中/中专",
        College = "college" => "大专",
        Bachelor = "bachelor" => "本科",
        Postgraduate = "postgraduate" => "研究生及以上",
    }
}

labelled_enum! {
    /// Political status (政治面貌).
    pub enum PoliticalStatus {
        CpcMember = "cpc_member" => "中共党员",
        CpcProbationary = "cpc_probationary" => "中共预备党员",
        CylMember = "cyl_member" => "共青团员",
        DemocraticParty = "democratic_party" => "民主党派",
        NonPartisan = "non_partisan" => "无党派人士",
        Masses = "masses" => "群众",
    }
}

labelled_enum! {
    /// Marital status (婚姻状况).
    pub enum MaritalStatus {
        Single = "single" => "未婚",
        Married = "married" => "已婚",
        Divorced = "divorced" => "离异",
        Widowed = "widowed" => "丧偶",
    }
}

/// Service time as a start and an end (服务时间：年月日时分起至时分止, `[service-time-span]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawServiceTime")]
pub struct ServiceTime {
    /// The start (起).
    pub start: DateTime<FixedOffset>,
    /// The end (止), after the start.
    pub end: DateTime<FixedOffset>,
}

/// Service time as a start and an end (服务时间：年月日时分起至时分止); the end is after the start.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ServiceTime")]
struct RawServiceTime {
    /// The start (起).
    start: DateTime<FixedOffset>,
    /// The end (止), after the start.
    end: DateTime<FixedOffset>,
}

impl TryFrom<RawServiceTime> for ServiceTime {
    type Error = AssessmentError;
    fn try_from(raw: RawServiceTime) -> Result<Self, Self::Error> {
        ServiceTime::new(raw.start, raw.end)
    }
}

impl ServiceTime {
    /// A service time span.
    ///
    /// # Errors
    /// [`AssessmentError::InvalidRecord`] unless `end` is after `start`.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use shegong::assessment::ServiceTime;
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let span = ServiceTime::new(t("2026-03-03T09:30:00+08:00"), t("2026-03-03T10:15:00+08:00"))?;
    /// assert_eq!(span.minutes(), 45);
    /// # Ok::<(), shegong::assessment::AssessmentError>(())
    /// ```
    pub fn new(
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
    ) -> Result<ServiceTime, AssessmentError> {
        if end <= start {
            return Err(AssessmentError::InvalidRecord {
                kind: "service_time",
                field: "end".to_owned(),
                reason: format!("the end {end} is not after the start {start} [service-time-span]"),
            });
        }
        Ok(ServiceTime { start, end })
    }

    /// The length in whole minutes.
    pub fn minutes(&self) -> i64 {
        self.end.signed_duration_since(self.start).num_minutes()
    }
}

/// An emergency contact (紧急联系人及电话).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyContact {
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: Phone,
}

labelled_enum! {
    /// How much a relative interacts with the household (互动情况).
    pub enum Interaction {
        Close = "close" => "密切",
        Regular = "regular" => "一般",
        Rare = "rare" => "较少",
        NoContact = "no_contact" => "无往来",
    }
}

/// A relative in a household profile: name, relation, contact, interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    /// Name (姓名).
    pub name: String,
    /// Relation to the resident (关系), e.g. 儿子.
    pub relation: String,
    /// Contact (联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Phone>,
    /// Interaction (互动情况).
    pub interaction: Interaction,
}
