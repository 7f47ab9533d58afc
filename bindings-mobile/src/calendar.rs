//! `Calendar`: China's official working-day calendar.

use std::sync::Arc;

use serde::Deserialize;
use shegong::calendar::{AgencyDay as CoreAgencyDay, Calendar as Core};

use crate::convert::{mirror, signed, to_json, IsoDate};
use crate::errors::{OrTyped, ShegongError};

/// China's official working-day calendar (工作日, 调休), optionally answering provisional
/// years and carrying an agency's own closures and duty days. Immutable: the `with…`
/// methods return a new calendar.
#[derive(uniffi::Object)]
pub struct Calendar(pub(crate) Core);

/// An agency's closure or extra working day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgencyDay {
    /// The date.
    pub date: IsoDate,
    /// Why, in the agency's words (e.g. `"全员培训日"`).
    pub note: String,
}

/// What kind of day a date is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Day {
    /// The date.
    pub date: IsoDate,
    /// Whether it is a working day.
    pub working: bool,
    /// The kind: `workday`, `weekend`, `holiday`, `makeup_workday`, `agency_closure`,
    /// `agency_workday`.
    pub kind: String,
    /// Whether the answer comes from a provisional (weekday-only) year.
    pub provisional: bool,
    /// The holiday's name, for a holiday.
    #[serde(default)]
    pub name: Option<String>,
    /// The agency's note, for an agency day.
    #[serde(default)]
    pub note: Option<String>,
}

/// A date answer, with whether it depends on a provisional year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckedDate {
    /// The date.
    pub value: IsoDate,
    /// Whether a provisional year was used.
    pub provisional: bool,
}

/// A count answer, with whether it depends on a provisional year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckedCount {
    /// The count.
    pub value: i64,
    /// Whether a provisional year was used.
    pub provisional: bool,
}

fn agency_days(days: Vec<AgencyDay>) -> Vec<CoreAgencyDay> {
    days.into_iter()
        .map(|d| CoreAgencyDay {
            date: d.date.0,
            note: d.note,
        })
        .collect()
}

#[uniffi::export]
impl Calendar {
    /// The official calendar.
    #[uniffi::constructor]
    pub fn china() -> Arc<Self> {
        Arc::new(Calendar(Core::china()))
    }

    /// A calendar from its stored description (JSON text).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, ShegongError> {
        Core::from_json(&json)
            .typed()
            .map(|c| Arc::new(Calendar(c)))
    }

    /// The calendar's stored description, as JSON text.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        to_json(&self.0)
    }

    /// This calendar answering (or not) provisional years with the weekday-only rule.
    pub fn with_provisional(&self, allow: bool) -> Arc<Self> {
        Arc::new(Calendar(self.0.clone().with_provisional(allow)))
    }

    /// An agency calendar named `name`, with its closures and extra working days.
    pub fn with_agency_days(
        &self,
        name: String,
        closures: Vec<AgencyDay>,
        extra_workdays: Vec<AgencyDay>,
    ) -> Result<Arc<Self>, ShegongError> {
        self.0
            .with_agency_days(&name, agency_days(closures), agency_days(extra_workdays))
            .typed()
            .map(|c| Arc::new(Calendar(c)))
    }

    /// Whether `date` is a working day.
    pub fn is_workday(&self, date: IsoDate) -> Result<bool, ShegongError> {
        self.0.is_workday(date.0).typed()
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: IsoDate) -> Result<Day, ShegongError> {
        mirror(&self.0.day(date.0).typed()?)
    }

    /// The `n`-th working day after `date` (before it for negative `n`).
    pub fn add_workdays(&self, date: IsoDate, n: i64) -> Result<IsoDate, ShegongError> {
        self.0.add_workdays(date.0, n).typed().map(IsoDate)
    }

    /// `add_workdays`, with whether the answer depends on a provisional year.
    pub fn add_workdays_checked(&self, date: IsoDate, n: i64) -> Result<CheckedDate, ShegongError> {
        let c = self.0.add_workdays_checked(date.0, n).typed()?;
        Ok(CheckedDate {
            value: IsoDate(c.value),
            provisional: c.provisional,
        })
    }

    /// Working days `d` with `start < d <= end` (negative when `end < start`).
    pub fn workdays_between(&self, start: IsoDate, end: IsoDate) -> Result<i64, ShegongError> {
        self.0.workdays_between(start.0, end.0).typed()
    }

    /// `workdays_between`, with whether the count depends on a provisional year.
    pub fn workdays_between_checked(
        &self,
        start: IsoDate,
        end: IsoDate,
    ) -> Result<CheckedCount, ShegongError> {
        let c = self.0.workdays_between_checked(start.0, end.0).typed()?;
        Ok(CheckedCount {
            value: c.value,
            provisional: c.provisional,
        })
    }

    /// `date` if it is a working day, else the next one.
    pub fn workday_on_or_after(&self, date: IsoDate) -> Result<IsoDate, ShegongError> {
        self.0.workday_on_or_after(date.0).typed().map(IsoDate)
    }

    /// `date` if it is a working day, else the previous one.
    pub fn workday_on_or_before(&self, date: IsoDate) -> Result<IsoDate, ShegongError> {
        self.0.workday_on_or_before(date.0).typed().map(IsoDate)
    }

    /// Working days in `year`.
    pub fn workdays_in_year(&self, year: i32) -> Result<i64, ShegongError> {
        self.0.workdays_in_year(year).typed().map(signed)
    }

    /// The facts of one year (notices, statutory holiday days, breaks, working days), as the
    /// core's JSON.
    pub fn year_facts(&self, year: i32) -> Result<String, ShegongError> {
        to_json(&self.0.year_facts(year).typed()?)
    }

    /// Whether `date` is covered by official data.
    pub fn is_official(&self, date: IsoDate) -> bool {
        self.0.is_official(date.0)
    }

    /// The display name ("CN official", or the agency's).
    pub fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The version of the embedded official data.
    pub fn data_version(&self) -> String {
        self.0.data_version().to_owned()
    }

    /// The first date answered.
    pub fn first_date(&self) -> IsoDate {
        IsoDate(self.0.first_date())
    }

    /// The last date answered.
    pub fn last_date(&self) -> IsoDate {
        IsoDate(self.0.last_date())
    }

    /// The last date covered by official data.
    pub fn official_last_date(&self) -> IsoDate {
        IsoDate(self.0.official_last_date())
    }

    /// Whether provisional years are answered.
    pub fn allows_provisional(&self) -> bool {
        self.0.allows_provisional()
    }
}
