//! The stored form of a calendar: what an agency saves as JSON and loads back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The base calendar every description builds on: the official mainland calendar.
pub const BASE_CN_OFFICIAL: &str = "cn-official";

/// The current version of the [`CalendarSpec`] format.
pub const SPEC_FORMAT: u32 = 1;

/// One day an agency sets apart from the official calendar, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyDay {
    /// The date.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
    /// Why, in the agency's words (e.g. `"全员培训日"`, `"周末值班"`).
    #[serde(default)]
    pub note: String,
}

/// A serialisable description of a [`Calendar`](super::Calendar): the base calendar, whether
/// provisional years are answered, and the agency's own closures and extra working days.
///
/// A `Calendar` serialises to this and deserialises from it; the day table itself is never
/// stored, so a description saved today picks up corrected official data when reloaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// The format version of this description ([`SPEC_FORMAT`]).
    #[serde(default = "default_format")]
    pub format: u32,
    /// The base calendar; only [`BASE_CN_OFFICIAL`] exists today.
    pub base: String,
    /// A display name, e.g. the agency's (`"苏州某社工机构"`); `None` for the plain official calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether years after the official data are answered with weekday-only rules
    /// (`[calendar-provisional]`).
    #[serde(default)]
    pub provisional: bool,
    /// Working days on which the agency is closed (a training day, a move).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<AgencyDay>,
    /// Days off on which the agency works (a weekend duty day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_workdays: Vec<AgencyDay>,
    /// The official data version the description was saved under; informational only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_version: Option<String>,
}

fn default_format() -> u32 {
    SPEC_FORMAT
}

impl Default for CalendarSpec {
    fn default() -> Self {
        CalendarSpec {
            format: SPEC_FORMAT,
            base: BASE_CN_OFFICIAL.to_owned(),
            name: None,
            provisional: false,
            closures: Vec::new(),
            extra_workdays: Vec::new(),
            data_version: None,
        }
    }
}
