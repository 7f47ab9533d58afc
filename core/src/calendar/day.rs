//! What a single day is: [`Day`], [`DayKind`] and [`Festival`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A public holiday (法定节假日) that gives its name to an announced break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Festival {
    /// New Year's Day (元旦).
    NewYear,
    /// The Spring Festival (春节).
    SpringFestival,
    /// Tomb-Sweeping Day (清明节), a public holiday since 2008.
    QingMing,
    /// Labour Day (劳动节).
    LabourDay,
    /// The Dragon Boat Festival (端午节), a public holiday since 2008.
    DragonBoat,
    /// The Mid-Autumn Festival (中秋节), a public holiday since 2008.
    MidAutumn,
    /// National Day (国庆节).
    NationalDay,
    /// The 70th anniversary of the victory in the War of Resistance (抗战胜利纪念日), 2015 only.
    VictoryDay,
}

impl Festival {
    /// The festival's Chinese name, as the notices write it.
    ///
    /// # Example
    /// ```
    /// use shegong::calendar::Festival;
    /// assert_eq!(Festival::SpringFestival.zh(), "春节");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节",
            Festival::QingMing => "清明节",
            Festival::LabourDay => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::NationalDay => "国庆节",
            Festival::VictoryDay => "抗战胜利纪念日",
        }
    }
}

/// What kind of day a date is under a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DayKind {
    /// An ordinary working day (工作日): Monday to Friday, nothing announced.
    Workday,
    /// An ordinary weekend day (周末): Saturday or Sunday, nothing announced.
    Weekend,
    /// A day off inside a break the State Council announced (放假).
    Holiday {
        /// The break's name as the notice writes it, e.g. `"国庆节、中秋节"`.
        name: String,
        /// The festivals the break is for, in the notice's order.
        festivals: Vec<Festival>,
        /// The first day of the break (it may lie in the previous year for 元旦).
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        first: NaiveDate,
        /// The last day of the break.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        last: NaiveDate,
    },
    /// A weekend day the notice turned into a working day (调休补班).
    MakeupWorkday {
        /// The festival whose break this day makes up for; named from 2020 on, empty before.
        festivals: Vec<Festival>,
    },
    /// A working day on which the agency itself is closed (an agency calendar's closure).
    AgencyClosure {
        /// Why the agency is closed, as the agency wrote it.
        note: String,
    },
    /// A day off on which the agency works (an agency calendar's duty day).
    AgencyWorkday {
        /// Why the agency works, as the agency wrote it.
        note: String,
    },
}

/// A description of one day under a calendar, as returned by
/// [`Calendar::day`](super::Calendar::day).
///
/// Its JSON form is flat: `{"date": …, "working": …, "kind": "holiday", "name": …, …,
/// "provisional": …}`. It is read through a flat, tagged twin (`DayRepr`) because serde's
/// `flatten` cannot refuse unknown fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DayRepr")]
pub struct Day {
    /// The date described (read strictly through `DayRepr`).
    pub date: NaiveDate,
    /// Whether it is a working day under this calendar.
    pub working: bool,
    /// What kind of day it is.
    #[serde(flatten)]
    pub kind: DayKind,
    /// `true` when the date lies after the official data and the answer follows the
    /// weekday-only rule of a provisional year (`[calendar-provisional]`).
    pub provisional: bool,
}

/// The flat JSON form of a [`Day`], with every field at one level, so that unknown fields
/// are refused at every level (serde's `flatten` would let them through).
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum DayRepr {
    Workday {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
    },
    Weekend {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
    },
    Holiday {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
        name: String,
        festivals: Vec<Festival>,
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        first: NaiveDate,
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        last: NaiveDate,
    },
    MakeupWorkday {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
        festivals: Vec<Festival>,
    },
    AgencyClosure {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
        note: String,
    },
    AgencyWorkday {
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: NaiveDate,
        working: bool,
        provisional: bool,
        note: String,
    },
}

impl From<DayRepr> for Day {
    fn from(repr: DayRepr) -> Day {
        let day = |date, working, kind, provisional| Day {
            date,
            working,
            kind,
            provisional,
        };
        match repr {
            DayRepr::Workday {
                date,
                working,
                provisional,
            } => day(date, working, DayKind::Workday, provisional),
            DayRepr::Weekend {
                date,
                working,
                provisional,
            } => day(date, working, DayKind::Weekend, provisional),
            DayRepr::Holiday {
                date,
                working,
                provisional,
                name,
                festivals,
                first,
                last,
            } => day(
                date,
                working,
                DayKind::Holiday {
                    name,
                    festivals,
                    first,
                    last,
                },
                provisional,
            ),
            DayRepr::MakeupWorkday {
                date,
                working,
                provisional,
                festivals,
            } => day(
                date,
                working,
                DayKind::MakeupWorkday { festivals },
                provisional,
            ),
            DayRepr::AgencyClosure {
                date,
                working,
                provisional,
                note,
            } => day(date, working, DayKind::AgencyClosure { note }, provisional),
            DayRepr::AgencyWorkday {
                date,
                working,
                provisional,
                note,
            } => day(date, working, DayKind::AgencyWorkday { note }, provisional),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `Day` used serde's `flatten`, which cannot refuse unknown fields.
    #[test]
    fn day_json_round_trips_and_refuses_unknown_fields() {
        let day = Day {
            date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            working: false,
            kind: DayKind::Holiday {
                name: "国庆节、中秋节".to_owned(),
                festivals: vec![Festival::NationalDay, Festival::MidAutumn],
                first: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                last: NaiveDate::from_ymd_opt(2026, 10, 8).unwrap(),
            },
            provisional: false,
        };
        let mut json = serde_json::to_value(&day).unwrap();
        assert_eq!(json["kind"], "holiday");
        assert_eq!(json["name"], "国庆节、中秋节");
        assert_eq!(serde_json::from_value::<Day>(json.clone()).unwrap(), day);
        json["extra"] = serde_json::json!(1);
        assert!(serde_json::from_value::<Day>(json).is_err());
    }
}
