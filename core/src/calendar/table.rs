//! The precomputed day table behind every [`Calendar`](super::Calendar) query.
//!
//! Every query must be O(1), so a table holds, for each day of its span, a one-byte status,
//! a prefix count of working days and the index of every working day. Answering "the n-th
//! working day after d" is then two array reads, never a loop over days.

use chrono::{Datelike, NaiveDate, Weekday};

use super::day::Festival;

/// A calendar date as written in the data file; converted to `NaiveDate` when a table is built.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ymd(pub i32, pub u32, pub u32);

impl Ymd {
    pub(super) fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.0, self.1, self.2)
    }
}

/// One announced break (放假): a run of consecutive days off, weekends included.
#[derive(Debug)]
pub(super) struct Break {
    pub first: Ymd,
    pub last: Ymd,
    pub festivals: &'static [Festival],
    pub name: &'static str,
}

/// One 调休 make-up working day and, from 2020 on, the festival whose break it pays for.
#[derive(Debug)]
pub(super) struct MakeupDay {
    pub date: Ymd,
    pub festivals: &'static [Festival],
}

/// The facts of one year's notice(s).
#[derive(Debug)]
pub(super) struct OfficialYear {
    pub year: i32,
    pub notices: &'static [&'static str],
    pub statutory_holiday_days: u8,
    pub breaks: &'static [Break],
    pub makeup: &'static [MakeupDay],
}

/// What a day is, as stored in the table (one byte a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Status {
    /// Monday to Friday, nothing announced.
    Workday = 0,
    /// Saturday or Sunday, nothing announced.
    Weekend = 1,
    /// A day inside an announced break.
    Holiday = 2,
    /// A weekend day the notice made a working day.
    Makeup = 3,
    /// A working day on which the agency is closed.
    AgencyClosed = 4,
    /// A day off on which the agency works.
    AgencyWorking = 5,
}

impl Status {
    pub(super) fn is_working(self) -> bool {
        matches!(
            self,
            Status::Workday | Status::Makeup | Status::AgencyWorking
        )
    }
}

/// A dense table of days `first ..= last`.
#[derive(Debug, Clone)]
pub(super) struct Table {
    /// `first.num_days_from_ce()`, so a date's index is one subtraction.
    first_ce: i32,
    status: Vec<Status>,
    /// `prefix[i]` = working days among the first `i` days of the table (length `len + 1`).
    prefix: Vec<u32>,
    /// The table indexes of the working days, in order.
    workdays: Vec<u32>,
}

impl Table {
    /// Builds the official table: the data years, then weekday-only days up to `last`.
    pub(super) fn official(years: &[OfficialYear], first: NaiveDate, last: NaiveDate) -> Table {
        let first_ce = first.num_days_from_ce();
        let len = last
            .num_days_from_ce()
            .checked_sub(first_ce)
            .and_then(|n| n.checked_add(1))
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        let mut status: Vec<Status> = first
            .iter_days()
            .take(len)
            .map(|d| match d.weekday() {
                Weekday::Sat | Weekday::Sun => Status::Weekend,
                _ => Status::Workday,
            })
            .collect();
        for year in years {
            for b in year.breaks {
                if let (Some(a), Some(z)) = (b.first.date(), b.last.date()) {
                    for d in a.iter_days().take_while(|d| *d <= z) {
                        set(&mut status, first_ce, d, Status::Holiday);
                    }
                }
            }
            for m in year.makeup {
                if let Some(d) = m.date.date() {
                    set(&mut status, first_ce, d, Status::Makeup);
                }
            }
        }
        Table::from_status(first_ce, status)
    }

    /// Recomputes the counts after the statuses changed.
    pub(super) fn from_status(first_ce: i32, status: Vec<Status>) -> Table {
        let mut prefix = Vec::with_capacity(status.len().saturating_add(1));
        let mut workdays =
            Vec::with_capacity((status.len() / 7).saturating_mul(5).saturating_add(1));
        let mut count = 0u32;
        prefix.push(0);
        for (i, s) in status.iter().enumerate() {
            if s.is_working() {
                workdays.push(u32::try_from(i).unwrap_or(u32::MAX));
                // At most one per day of a table of ~35,000 days: no u32 can overflow.
                count = count.saturating_add(1);
            }
            prefix.push(count);
        }
        Table {
            first_ce,
            status,
            prefix,
            workdays,
        }
    }

    /// Returns a copy with some days' statuses replaced (an agency's own days).
    pub(super) fn with_overrides(
        &self,
        days: impl IntoIterator<Item = (NaiveDate, Status)>,
    ) -> Table {
        let mut status = self.status.clone();
        for (d, s) in days {
            set(&mut status, self.first_ce, d, s);
        }
        Table::from_status(self.first_ce, status)
    }

    /// The table index of `date`, if the table covers it.
    #[inline]
    pub(super) fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = usize::try_from(date.num_days_from_ce().checked_sub(self.first_ce)?).ok()?;
        (i < self.status.len()).then_some(i)
    }

    /// The table index of the day numbered `ce` from 0001-01-01 (chrono's day 1), if covered.
    #[inline]
    pub(super) fn index_ce(&self, ce: i32) -> Option<usize> {
        let i = usize::try_from(ce.checked_sub(self.first_ce)?).ok()?;
        (i < self.status.len()).then_some(i)
    }

    /// The day number (from 0001-01-01) of the `k`-th working day of the table (0-based).
    #[inline]
    pub(super) fn workday_ce(&self, k: i64) -> Option<i32> {
        let k = usize::try_from(k).ok()?;
        let i = i32::try_from(*self.workdays.get(k)?).ok()?;
        self.first_ce.checked_add(i)
    }

    #[inline]
    pub(super) fn status_at(&self, i: usize) -> Option<Status> {
        self.status.get(i).copied()
    }

    /// Working days among table days `0 ..= i`.
    #[inline]
    pub(super) fn count_through(&self, i: usize) -> Option<u32> {
        self.prefix.get(i.checked_add(1)?).copied()
    }

    /// Working days among table days `0 .. i`.
    #[inline]
    pub(super) fn count_before(&self, i: usize) -> Option<u32> {
        self.prefix.get(i).copied()
    }

    /// The date of the `k`-th working day of the table (0-based), if there is one.
    #[inline]
    pub(super) fn workday(&self, k: i64) -> Option<NaiveDate> {
        let k = usize::try_from(k).ok()?;
        let i = i32::try_from(*self.workdays.get(k)?).ok()?;
        NaiveDate::from_num_days_from_ce_opt(self.first_ce.checked_add(i)?)
    }
}

fn set(status: &mut [Status], first_ce: i32, d: NaiveDate, s: Status) {
    if let Some(i) = d
        .num_days_from_ce()
        .checked_sub(first_ce)
        .and_then(|i| usize::try_from(i).ok())
    {
        if let Some(slot) = status.get_mut(i) {
            *slot = s;
        }
    }
}
