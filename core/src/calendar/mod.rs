//! China's official working-day calendar (工作日): days off and 调休 make-up working days as
//! announced each year by the State Council General Office, 2004–2026.
//!
//! Every time limit in the sources is counted in working days (`[calendar-workdays]`), and a
//! Chinese working day is not "Monday to Friday": each year's notice takes weekdays off and
//! turns some weekends into working days. [`Calendar::china`] carries the official data;
//! every query is O(1) (a precomputed day table with prefix counts).
//!
//! Years after the data are **provisional** (`[calendar-provisional]`): the default calendar
//! refuses them with [`CalendarError::OutOfRange`], and a calendar built with
//! [`Calendar::with_provisional`] answers them by the weekday-only rule and says so
//! ([`Day::provisional`], [`Calendar::add_workdays_checked`]). 2026 is official to its last
//! day, but the 2027 notice, published late in 2026, can still move late-December 2026 days
//! (as the 2006 notice did for 2005-12-31); a data update changes [`DATA_VERSION`].
//!
//! Deadline counting (`[deadline-counting]`): "within N working days" of an event on day D
//! ends on the N-th working day strictly after D; D never counts, and an event on a day off
//! still counts its first working day as day 1. That is [`Calendar::add_workdays`].
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use shegong::calendar::Calendar;
//!
//! let cal = Calendar::china();
//! let friday = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap();
//! // Sunday 09-28 is a 调休 working day, then the National Day break.
//! assert_eq!(cal.add_workdays(friday, 5)?, NaiveDate::from_ymd_opt(2025, 10, 10).unwrap());
//! # Ok::<(), shegong::calendar::CalendarError>(())
//! ```

mod day;
mod error;
mod spec;
mod table;

#[rustfmt::skip]
mod data;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use data::DATA_VERSION;
pub use day::{Day, DayKind, Festival};
pub use error::CalendarError;
pub use spec::{AgencyDay, CalendarSpec, BASE_CN_OFFICIAL, SPEC_FORMAT};

/// A calendar date written exactly as `YYYY-MM-DD` (four-digit year, two-digit month and day),
/// or `None`: the form every binding takes a date argument in. Looser forms that chrono's
/// parser accepts (`2026-2-3`, `+2026-02-03`, `-2026-02-03`) are not dates here, so a caller's
/// typo is refused rather than read as some other text.
///
/// # Example
/// ```
/// use shegong::calendar::iso_date;
/// assert_eq!(iso_date("2026-02-03").map(|d| d.to_string()).as_deref(), Some("2026-02-03"));
/// assert_eq!(iso_date("2026-2-3"), None);
/// assert_eq!(iso_date("+2026-02-03"), None);
/// assert_eq!(iso_date("2026-02-30"), None);
/// ```
pub fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

use table::{Break, MakeupDay, Status, Table};

/// The last year a provisional calendar answers for. Weekday-only answers further out are
/// meaningless for deadlines, and the bound keeps the day table small (about 35,000 days).
pub const PROVISIONAL_HORIZON_YEAR: i32 = 2099;

/// The result type of this module.
pub type Result<T, E = CalendarError> = std::result::Result<T, E>;

/// An answer together with whether it depends on a provisional (weekday-only) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checked<T> {
    /// The answer.
    pub value: T,
    /// `true` when any day the answer depends on lies after the official data.
    pub provisional: bool,
}

/// One year's official facts, as [`Calendar::year_facts`] reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearFacts {
    /// The year.
    pub year: i32,
    /// The notices the year's data comes from (provenance), empty for a provisional year.
    pub notices: Vec<String>,
    /// Statutory public-holiday days that year (11 until 2024, 13 from 2025); `None` for a
    /// provisional year.
    pub statutory_holiday_days: Option<u8>,
    /// Working days in the year under this calendar (agency days included).
    pub workdays: u32,
    /// The announced breaks that end in the year, in order.
    pub breaks: Vec<DayKind>,
    /// Whether the year is provisional.
    pub provisional: bool,
}

/// The official data, decoded once per process.
struct Official {
    table: Arc<Table>,
    first: NaiveDate,
    official_last: NaiveDate,
    horizon: NaiveDate,
    /// `(first, last, break)`, sorted by `first`.
    breaks: Vec<(NaiveDate, NaiveDate, &'static Break)>,
    /// `(date, make-up day)`, sorted by date.
    makeup: Vec<(NaiveDate, &'static MakeupDay)>,
}

static OFFICIAL: LazyLock<Official> = LazyLock::new(|| {
    let years = data::OFFICIAL_YEARS;
    let first_year = years.first().map_or(2004, |y| y.year);
    let last_year = years.last().map_or(first_year, |y| y.year);
    let first = ymd(first_year, 1, 1);
    let official_last = ymd(last_year, 12, 31);
    let horizon = ymd(PROVISIONAL_HORIZON_YEAR, 12, 31);
    let mut breaks: Vec<_> = years
        .iter()
        .flat_map(|y| y.breaks.iter())
        .filter_map(|b| Some((b.first.date()?, b.last.date()?, b)))
        .collect();
    breaks.sort_by_key(|b| b.0);
    let mut makeup: Vec<_> = years
        .iter()
        .flat_map(|y| y.makeup.iter())
        .filter_map(|m| Some((m.date.date()?, m)))
        .collect();
    makeup.sort_by_key(|m| m.0);
    Official {
        table: Arc::new(Table::official(years, first, horizon)),
        first,
        official_last,
        horizon,
        breaks,
        makeup,
    }
});

/// A valid date from constants; the fallback is unreachable for the constants used here
/// (checked by the tests), and keeps the code free of panics.
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A working-day calendar: the official mainland calendar, optionally answering provisional
/// years and optionally carrying an agency's own closures and extra working days.
///
/// Cloning is cheap (the day table is shared).
#[derive(Clone)]
pub struct Calendar {
    table: Arc<Table>,
    last: NaiveDate,
    spec: Arc<CalendarSpec>,
    /// Notes of the agency's days, by date.
    notes: Arc<BTreeMap<NaiveDate, String>>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("name", &self.name())
            .field("data_version", &DATA_VERSION)
            .field("first", &self.first_date())
            .field("last", &self.last)
            .field("closures", &self.spec.closures.len())
            .field("extra_workdays", &self.spec.extra_workdays.len())
            .finish()
    }
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

impl Eq for Calendar {}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::china()
    }
}

impl Calendar {
    /// The official mainland calendar, answering only for officially announced years
    /// (2004-01-01 to 2026-12-31 in this data version). It cannot fail.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::Calendar;
    ///
    /// let cal = Calendar::china();
    /// // Saturday 2026-02-14 is a 调休 working day before the Spring Festival.
    /// assert!(cal.is_workday(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap())?);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    pub fn china() -> Calendar {
        let official = &*OFFICIAL;
        Calendar {
            table: Arc::clone(&official.table),
            last: official.official_last,
            spec: Arc::new(CalendarSpec::default()),
            notes: Arc::new(BTreeMap::new()),
        }
    }

    /// Reads a calendar from its stored description ([`CalendarSpec`] as JSON), strictly:
    /// unknown fields, duplicate keys and input over the [`crate::limits`] are refused.
    ///
    /// # Errors
    /// [`CalendarError::Json`] for JSON that cannot be read (naming the JSON path, never the
    /// value) or is over a limit, and the errors of [`Calendar::from_spec`].
    ///
    /// # Example
    /// ```
    /// use shegong::calendar::Calendar;
    ///
    /// let cal = Calendar::from_json(r#"{"base":"cn-official","closures":[{"date":"2026-03-06"}]}"#)?;
    /// assert!(!cal.is_workday("2026-03-06".parse()?)?);
    /// let err = Calendar::from_json(r#"{"base":"cn-official","closure":[]}"#).unwrap_err();
    /// assert_eq!(err.kind(), shegong::ErrorKind::Malformed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Calendar> {
        let spec: CalendarSpec = crate::json::from_str(json, "calendar")?;
        Calendar::from_spec(spec)
    }

    /// Builds a calendar from its stored description.
    ///
    /// # Errors
    /// [`CalendarError::UnknownBase`] for a base other than [`BASE_CN_OFFICIAL`],
    /// [`CalendarError::UnsupportedFormat`] for a newer format, and
    /// [`CalendarError::InvalidAgencyDay`] for a date listed both as a closure and as an
    /// extra working day, or outside 2004 ..= [`PROVISIONAL_HORIZON_YEAR`].
    ///
    /// # Example
    /// ```
    /// use shegong::calendar::Calendar;
    ///
    /// let json = r#"{"base":"cn-official","name":"某社工机构",
    ///   "closures":[{"date":"2026-03-06","note":"全员培训日"}]}"#;
    /// let cal: Calendar = serde_json::from_str(json)?;
    /// assert!(!cal.is_workday("2026-03-06".parse()?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_spec(mut spec: CalendarSpec) -> Result<Calendar> {
        // The saved data version is informational: a reloaded calendar always answers from
        // the data this build carries.
        spec.data_version = None;
        if spec.base != BASE_CN_OFFICIAL {
            return Err(CalendarError::UnknownBase { base: spec.base });
        }
        if spec.format > SPEC_FORMAT {
            return Err(CalendarError::UnsupportedFormat {
                format: spec.format,
            });
        }
        let official = &*OFFICIAL;
        let mut notes = BTreeMap::new();
        let mut overrides = Vec::new();
        for (days, wanted) in [
            (&spec.closures, Status::AgencyClosed),
            (&spec.extra_workdays, Status::AgencyWorking),
        ] {
            for day in days {
                if day.date < official.first || day.date > official.horizon {
                    return Err(CalendarError::InvalidAgencyDay {
                        date: day.date,
                        reason: format!(
                            "outside {}..={}, the days a calendar can cover",
                            official.first, official.horizon
                        ),
                    });
                }
                if notes.insert(day.date, day.note.clone()).is_some() {
                    return Err(CalendarError::InvalidAgencyDay {
                        date: day.date,
                        reason: "listed more than once among closures and extra working days"
                            .to_owned(),
                    });
                }
                // A closure on a day off, or duty on a working day, changes nothing; it is
                // kept in the description but the day stays what the official data says.
                let current = official
                    .table
                    .index(day.date)
                    .and_then(|i| official.table.status_at(i));
                let changes =
                    current.is_some_and(|s| s.is_working() != (wanted == Status::AgencyWorking));
                if changes {
                    overrides.push((day.date, wanted));
                }
            }
        }
        let table = if overrides.is_empty() {
            Arc::clone(&official.table)
        } else {
            Arc::new(official.table.with_overrides(overrides))
        };
        let last = if spec.provisional {
            official.horizon
        } else {
            official.official_last
        };
        Ok(Calendar {
            table,
            last,
            spec: Arc::new(spec),
            notes: Arc::new(notes),
        })
    }

    /// Returns this calendar answering (or not) provisional years with the weekday-only rule.
    /// Provisional answers are flagged: see [`Day::provisional`] and the `_checked` methods.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::Calendar;
    ///
    /// let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    /// assert!(Calendar::china().is_workday(d).is_err());
    /// let day = Calendar::china().with_provisional(true).day(d)?;
    /// assert!(day.working && day.provisional);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn with_provisional(mut self, allow: bool) -> Calendar {
        let official = &*OFFICIAL;
        self.last = if allow {
            official.horizon
        } else {
            official.official_last
        };
        Arc::make_mut(&mut self.spec).provisional = allow;
        self
    }

    /// Returns an agency calendar: this one with the agency's name, closures and extra
    /// working days layered on top.
    ///
    /// # Errors
    /// As [`Calendar::from_spec`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::{AgencyDay, Calendar};
    ///
    /// let saturday = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
    /// let cal = Calendar::china().with_agency_days(
    ///     "某社工机构",
    ///     vec![],
    ///     vec![AgencyDay { date: saturday, note: "周末值班".into() }],
    /// )?;
    /// assert!(cal.is_workday(saturday)?);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    pub fn with_agency_days(
        &self,
        name: impl Into<String>,
        closures: Vec<AgencyDay>,
        extra_workdays: Vec<AgencyDay>,
    ) -> Result<Calendar> {
        let mut spec = (*self.spec).clone();
        spec.name = Some(name.into());
        spec.closures.extend(closures);
        spec.extra_workdays.extend(extra_workdays);
        Calendar::from_spec(spec)
    }

    /// The calendar's stored description.
    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    /// The calendar's display name: the agency's name, or `"CN official"`.
    pub fn name(&self) -> &str {
        self.spec.name.as_deref().unwrap_or("CN official")
    }

    /// The version of the embedded official data ([`DATA_VERSION`]).
    pub fn data_version(&self) -> &'static str {
        DATA_VERSION
    }

    /// The first date this calendar answers for (2004-01-01).
    pub fn first_date(&self) -> NaiveDate {
        OFFICIAL.first
    }

    /// The last date this calendar answers for: the end of the official data, or of
    /// [`PROVISIONAL_HORIZON_YEAR`] when provisional years are allowed.
    pub fn last_date(&self) -> NaiveDate {
        self.last
    }

    /// The last date covered by official data (2026-12-31 in this data version).
    pub fn official_last_date(&self) -> NaiveDate {
        OFFICIAL.official_last
    }

    /// Whether provisional years are answered.
    pub fn allows_provisional(&self) -> bool {
        self.spec.provisional
    }

    /// Whether `date` is covered by official data (not provisional, not before the data).
    pub fn is_official(&self, date: NaiveDate) -> bool {
        date >= OFFICIAL.first && date <= OFFICIAL.official_last
    }

    fn index(&self, date: NaiveDate) -> Result<usize> {
        if date > self.last {
            return Err(self.out_of_range(date));
        }
        self.table
            .index(date)
            .ok_or_else(|| self.out_of_range(date))
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first: OFFICIAL.first,
            last: self.last,
            official_last: OFFICIAL.official_last,
        }
    }

    fn result_out_of_range(&self, from: NaiveDate, workdays: i64) -> CalendarError {
        CalendarError::ResultOutOfRange {
            from,
            workdays,
            first: OFFICIAL.first,
            last: self.last,
            official_last: OFFICIAL.official_last,
        }
    }

    /// Whether `date` is a working day (`[calendar-workdays]`).
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] for a date the calendar does not cover.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::Calendar;
    ///
    /// // 除夕 2025-01-28 (a Tuesday) is a day off.
    /// assert!(!Calendar::china().is_workday(NaiveDate::from_ymd_opt(2025, 1, 28).unwrap())?);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    #[inline]
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool> {
        let i = self.index(date)?;
        Ok(self.table.status_at(i).is_some_and(|s| s.is_working()))
    }

    /// Describes `date`: an ordinary working day, a weekend, a day off in an announced break
    /// (with its festival), a 调休 make-up working day, or an agency's own day.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] for a date the calendar does not cover.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::{Calendar, DayKind, Festival};
    ///
    /// let day = Calendar::china().day(NaiveDate::from_ymd_opt(2025, 10, 6).unwrap())?;
    /// assert!(!day.working);
    /// let DayKind::Holiday { festivals, .. } = day.kind else { unreachable!() };
    /// assert_eq!(festivals, [Festival::NationalDay, Festival::MidAutumn]);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<Day> {
        let i = self.index(date)?;
        let status = self.table.status_at(i).unwrap_or(Status::Workday);
        let official = &*OFFICIAL;
        let kind = match status {
            Status::Workday => DayKind::Workday,
            Status::Weekend => DayKind::Weekend,
            Status::Holiday => {
                official_break(official, date).map_or(DayKind::Weekend, |b| DayKind::Holiday {
                    name: b.2.name.to_owned(),
                    festivals: b.2.festivals.to_vec(),
                    first: b.0,
                    last: b.1,
                })
            }
            Status::Makeup => DayKind::MakeupWorkday {
                festivals: official
                    .makeup
                    .binary_search_by_key(&date, |m| m.0)
                    .ok()
                    .and_then(|k| official.makeup.get(k))
                    .map_or_else(Vec::new, |m| m.1.festivals.to_vec()),
            },
            Status::AgencyClosed => DayKind::AgencyClosure {
                note: self.notes.get(&date).cloned().unwrap_or_default(),
            },
            Status::AgencyWorking => DayKind::AgencyWorkday {
                note: self.notes.get(&date).cloned().unwrap_or_default(),
            },
        };
        Ok(Day {
            date,
            working: status.is_working(),
            kind,
            provisional: !self.is_official(date),
        })
    }

    /// The `n`-th working day strictly after `date` (`n > 0`) or strictly before it
    /// (`n < 0`); `n == 0` returns `date` itself. This is the deadline convention of
    /// `[deadline-counting]`: the event's own day never counts, and an event on a day off
    /// still counts its first working day as day 1.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when `date` is not covered, and
    /// [`CalendarError::ResultOutOfRange`] when the answer would not be.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::Calendar;
    ///
    /// let cal = Calendar::china();
    /// let d = NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
    /// assert_eq!(cal.add_workdays(d, 1)?, NaiveDate::from_ymd_opt(2026, 2, 14).unwrap());
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    #[inline]
    pub fn add_workdays(&self, date: NaiveDate, n: i64) -> Result<NaiveDate> {
        let i = self.index(date)?;
        if n == 0 {
            return Ok(date);
        }
        // An offset from outside may be any i64: a sum that does not fit is out of range.
        let k = if n > 0 {
            // Working days up to and including `date` are indexes 0 .. through.
            i64::from(self.table.count_through(i).unwrap_or(0))
                .checked_add(n)
                .and_then(|k| k.checked_sub(1))
        } else {
            i64::from(self.table.count_before(i).unwrap_or(0)).checked_add(n)
        };
        match k.and_then(|k| self.table.workday(k)) {
            Some(found) if found <= self.last => Ok(found),
            _ => Err(self.result_out_of_range(date, n)),
        }
    }

    /// [`Calendar::add_workdays`] for a date given as days since 1970-01-01 (Arrow's `date32`,
    /// numpy's `datetime64[D]`), answered the same way: the columnar bindings call it for every
    /// value of a column without building a `NaiveDate` either way. The answer and the errors
    /// are those of `add_workdays` on the same date (it is called whenever the table cannot
    /// answer directly).
    ///
    /// # Errors
    /// As [`Calendar::add_workdays`]. A day number beyond the dates chrono holds (about
    /// 262,000 years either way) has no `NaiveDate` to name in an error: it gives `Ok(None)`,
    /// which the caller reports as out of range (no calendar covers it).
    ///
    /// # Example
    /// ```
    /// use shegong::calendar::Calendar;
    ///
    /// // 2026-02-13 is day 20,497 since 1970-01-01; one working day later is the 调休 Saturday.
    /// assert_eq!(Calendar::china().add_workdays_epoch_days(20_497, 1)?, Some(20_498));
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    #[inline]
    pub fn add_workdays_epoch_days(&self, days: i32, n: i64) -> Result<Option<i32>> {
        const UNIX_EPOCH_CE: i32 = 719_163;
        let Some(ce) = days.checked_add(UNIX_EPOCH_CE) else {
            return Ok(None);
        };
        let last = self.last.num_days_from_ce();
        let fast = (ce <= last && n != 0)
            .then(|| self.table.index_ce(ce))
            .flatten()
            .and_then(|i| {
                let k = if n > 0 {
                    i64::from(self.table.count_through(i)?)
                        .checked_add(n)?
                        .checked_sub(1)?
                } else {
                    i64::from(self.table.count_before(i)?).checked_add(n)?
                };
                self.table.workday_ce(k).filter(|found| *found <= last)
            });
        if let Some(found) = fast {
            return Ok(found.checked_sub(UNIX_EPOCH_CE));
        }
        // Everything else (n == 0, a date or an answer out of range) as the date API says.
        let Some(date) = NaiveDate::from_num_days_from_ce_opt(ce) else {
            return Ok(None);
        };
        let answer = self.add_workdays(date, n)?;
        Ok(answer.num_days_from_ce().checked_sub(UNIX_EPOCH_CE))
    }

    /// [`Calendar::add_workdays`], also saying whether the answer depends on a provisional year.
    ///
    /// # Errors
    /// As [`Calendar::add_workdays`].
    pub fn add_workdays_checked(&self, date: NaiveDate, n: i64) -> Result<Checked<NaiveDate>> {
        let value = self.add_workdays(date, n)?;
        Ok(Checked {
            value,
            provisional: !self.is_official(date.max(value)),
        })
    }

    /// The working days `d` with `from < d <= to`, or the negative of the count over
    /// `to < d <= from` when `to < from`; so `workdays_between(d, add_workdays(d, n)?) == n`
    /// for every `n >= 0`, and for `n < 0` whenever `d` is itself a working day.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when either date is not covered.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use shegong::calendar::Calendar;
    ///
    /// let cal = Calendar::china();
    /// let a = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    /// let b = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    /// assert_eq!(cal.workdays_between(a, b)?, 248);
    /// assert_eq!(cal.workdays_between(b, a)?, -248);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    #[inline]
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64> {
        let a = self.index(from)?;
        let b = self.index(to)?;
        let ca = i64::from(self.table.count_through(a).unwrap_or(0));
        let cb = i64::from(self.table.count_through(b).unwrap_or(0));
        // Both counts are at most the table's length, so the difference always fits.
        Ok(cb.saturating_sub(ca))
    }

    /// [`Calendar::workdays_between`], also saying whether the count depends on a
    /// provisional year.
    ///
    /// # Errors
    /// As [`Calendar::workdays_between`].
    pub fn workdays_between_checked(&self, from: NaiveDate, to: NaiveDate) -> Result<Checked<i64>> {
        let value = self.workdays_between(from, to)?;
        Ok(Checked {
            value,
            provisional: !self.is_official(from.max(to)),
        })
    }

    /// `date` if it is a working day, else the first working day after it (where a
    /// calendar-day period ending on a day off moves, 民法典 第二百零三条).
    ///
    /// # Errors
    /// As [`Calendar::add_workdays`].
    pub fn workday_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate> {
        if self.is_workday(date)? {
            Ok(date)
        } else {
            self.add_workdays(date, 1)
        }
    }

    /// `date` if it is a working day, else the last working day before it (where a period
    /// counted backwards that lands on a day off moves).
    ///
    /// # Errors
    /// As [`Calendar::add_workdays`].
    pub fn workday_on_or_before(&self, date: NaiveDate) -> Result<NaiveDate> {
        if self.is_workday(date)? {
            Ok(date)
        } else {
            self.add_workdays(date, -1)
        }
    }

    /// The number of working days in `year` (2025: 248, 2026: 248).
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when any day of the year is not covered.
    ///
    /// # Example
    /// ```
    /// use shegong::calendar::Calendar;
    /// assert_eq!(Calendar::china().workdays_in_year(2024)?, 251);
    /// # Ok::<(), shegong::calendar::CalendarError>(())
    /// ```
    pub fn workdays_in_year(&self, year: i32) -> Result<u32> {
        let (jan1, dec31) = year_bounds(year).ok_or_else(|| self.out_of_range(NaiveDate::MAX))?;
        let a = self.index(jan1)?;
        let b = self.index(dec31)?;
        let through = self.table.count_through(b).unwrap_or(0);
        let before = self.table.count_before(a).unwrap_or(0);
        Ok(through.saturating_sub(before))
    }

    /// The facts of one year: its notices, statutory holiday days, breaks and working days.
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when any day of the year is not covered.
    pub fn year_facts(&self, year: i32) -> Result<YearFacts> {
        let workdays = self.workdays_in_year(year)?;
        let official = &*OFFICIAL;
        let data = data::OFFICIAL_YEARS.iter().find(|y| y.year == year);
        let breaks = official
            .breaks
            .iter()
            .filter(|b| b.1.year() == year)
            .map(|b| DayKind::Holiday {
                name: b.2.name.to_owned(),
                festivals: b.2.festivals.to_vec(),
                first: b.0,
                last: b.1,
            })
            .collect();
        Ok(YearFacts {
            year,
            notices: data.map_or_else(Vec::new, |y| {
                y.notices.iter().map(|n| (*n).to_owned()).collect()
            }),
            statutory_holiday_days: data.map(|y| y.statutory_holiday_days),
            workdays,
            breaks,
            provisional: data.is_none(),
        })
    }
}

fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

fn official_break(
    official: &Official,
    date: NaiveDate,
) -> Option<&(NaiveDate, NaiveDate, &'static Break)> {
    let k = official.breaks.partition_point(|b| b.0 <= date);
    let candidate = official.breaks.get(k.checked_sub(1)?)?;
    (candidate.1 >= date).then_some(candidate)
}

impl Serialize for Calendar {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut spec = (*self.spec).clone();
        spec.data_version = Some(DATA_VERSION.to_owned());
        spec.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spec = CalendarSpec::deserialize(deserializer)?;
        Calendar::from_spec(spec).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<CalendarSpec> for Calendar {
    type Error = CalendarError;

    fn try_from(spec: CalendarSpec) -> Result<Calendar> {
        Calendar::from_spec(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_date_is_valid_and_ordered() {
        for year in data::OFFICIAL_YEARS {
            for b in year.breaks {
                let (a, z) = (b.first.date().unwrap(), b.last.date().unwrap());
                assert!(a <= z, "{year:?}");
                assert_eq!(
                    z.year(),
                    year.year,
                    "a break is filed under the year it ends"
                );
            }
            for m in year.makeup {
                assert!(m.date.date().is_some());
            }
        }
        assert_ne!(OFFICIAL.first, NaiveDate::MIN);
        assert_eq!(
            OFFICIAL.breaks.len(),
            data::OFFICIAL_YEARS
                .iter()
                .map(|y| y.breaks.len())
                .sum::<usize>()
        );
    }

    /// `[deadline-counting]`: the columnar form answers exactly as `add_workdays` on every
    /// date of the table and a little beyond each end, for counts either way, errors included.
    #[test]
    fn add_workdays_epoch_days_is_add_workdays_deadline_counting() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let days = |d: NaiveDate| i32::try_from((d - epoch).num_days()).unwrap();
        for cal in [Calendar::china(), Calendar::china().with_provisional(true)] {
            let first = cal.first_date() - chrono::Days::new(3);
            let last = cal.last_date() + chrono::Days::new(3);
            for n in [-300, -10, -1, 0, 1, 5, 10, 300, i64::MAX, i64::MIN] {
                for date in first.iter_days().take_while(|d| *d <= last).step_by(3) {
                    let want = cal.add_workdays(date, n).map(|d| Some(days(d)));
                    assert_eq!(
                        cal.add_workdays_epoch_days(days(date), n),
                        want,
                        "{date} {n}"
                    );
                }
            }
        }
        // Day numbers no date can have are no calendar's.
        assert_eq!(
            Calendar::china().add_workdays_epoch_days(i32::MAX, 1),
            Ok(None)
        );
        assert_eq!(
            Calendar::china().add_workdays_epoch_days(i32::MIN, 1),
            Ok(None)
        );
    }
}
