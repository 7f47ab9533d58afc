//! The client consultation record (服务对象咨询记录表, 000, `[consultation-record]`).

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, Gender};
use crate::identity::Phone;
use crate::labels::labelled_enum;

labelled_enum! {
    /// The consultation's category (咨询类别).
    pub enum ConsultationCategory {
        Medical = "medical" => "医疗",
        Psychological = "psychological" => "心理",
        Other = "other" => "其他",
    }
}

/// One numbered question and its answer (分条记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QaItem {
    /// The item's number, from 1, consecutive.
    pub number: u32,
    /// The client's question, briefly.
    pub question: String,
    /// The answer given.
    pub answer: String,
}

/// A consultation record: category, numbered question-and-answer items, group, serial number,
/// the person who served and the recorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationRecord {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The service group (组别).
    pub group: String,
    /// The serial number within the group (编号).
    pub serial_number: String,
    /// Client's name (服务对象姓名).
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
    /// Category (咨询类别).
    pub category: ConsultationCategory,
    /// The category in words when it is "other" (其他（请填写）).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_other: Option<String>,
    /// Who served the client (服务人员).
    pub server_name: String,
    /// How to reach who served (服务人员联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_phone: Option<Phone>,
    /// The recorder, the group secretary (记录员（微信群秘书）).
    pub recorder: String,
    /// The numbered questions and answers (咨询内容).
    pub items: Vec<QaItem>,
    /// The group-chat record: screenshot references or text (微信群服务记录).
    #[serde(default)]
    pub group_chat_record: String,
    /// When it was recorded (记录时间).
    pub recorded_at: DateTime<FixedOffset>,
}
