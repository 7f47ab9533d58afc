//! Shift rosters (排班), claiming and rescheduling shifts, the handover of the day's clients
//! and records to the next shift (`[shift-handover]`), and service hours (志愿服务时间记录,
//! `[volunteer-hours]`, `[service-time-span]`).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Volunteer, VolunteerError, VolunteerKind};
use crate::assessment::ServiceTime;
use crate::case::china_date;

/// One shift of a group's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// The shift's identifier.
    pub id: String,
    /// When it runs.
    pub time: ServiceTime,
    /// The kind of volunteer it needs.
    pub kind: VolunteerKind,
    /// The volunteer who claimed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volunteer: Option<String>,
}

/// A handover from one shift to the next: the day's clients and records (工作交接).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// The shift handing over.
    pub from_shift: String,
    /// The next shift.
    pub to_shift: String,
    /// The clients served during the shift (ids).
    pub clients: Vec<String>,
    /// The service records made during the shift (ids).
    pub records: Vec<String>,
    /// The summary of the day (工作总结).
    pub summary: String,
    /// Who handed over (actor id).
    pub by: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Service time worked by a volunteer (志愿服务时间记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceHours {
    /// The volunteer.
    pub volunteer_id: String,
    /// The group served.
    pub group_id: String,
    /// Start and end.
    pub time: ServiceTime,
}

/// A volunteer's total over a period, in exact minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursTotal {
    /// The volunteer.
    pub volunteer_id: String,
    /// Minutes served.
    pub minutes: i64,
    /// Service sessions counted.
    pub sessions: u32,
}

/// Totals per volunteer of the records whose start falls (China time) in `from ..= to`,
/// ordered by volunteer id; minutes are exact integers (`[volunteer-hours]`).
///
/// # Errors
/// [`VolunteerError::Overflow`] when a volunteer's minutes or sessions do not fit their
/// type (never a wrapped total).
pub fn total_hours(
    records: &[ServiceHours],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<HoursTotal>, VolunteerError> {
    let mut totals: BTreeMap<&str, (i64, u32)> = BTreeMap::new();
    for r in records {
        let day = china_date(r.time.start);
        if day < from || day > to {
            continue;
        }
        let t = totals.entry(r.volunteer_id.as_str()).or_insert((0, 0));
        let over = |quantity| VolunteerError::Overflow {
            rule: "volunteer-hours",
            quantity,
        };
        t.0 =
            t.0.checked_add(r.time.minutes())
                .ok_or_else(|| over("minutes served"))?;
        t.1 = t.1.checked_add(1).ok_or_else(|| over("sessions served"))?;
    }
    Ok(totals
        .into_iter()
        .map(|(id, (minutes, sessions))| HoursTotal {
            volunteer_id: id.to_owned(),
            minutes,
            sessions,
        })
        .collect())
}

/// A group's roster: its shifts, the group secretary who reschedules them, and handovers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// The group.
    pub group_id: String,
    /// The general volunteer acting as group secretary (群秘书), who reschedules shifts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<String>,
    /// The shifts, in time order.
    pub shifts: Vec<Shift>,
    /// The handovers made.
    pub handovers: Vec<Handover>,
}

impl Roster {
    /// An empty roster for a group.
    pub fn new(group_id: impl Into<String>, secretary: Option<String>) -> Roster {
        Roster {
            group_id: group_id.into(),
            secretary,
            shifts: Vec::new(),
            handovers: Vec::new(),
        }
    }

    fn refuse(&self, rule: &'static str, reason: String) -> VolunteerError {
        VolunteerError::Roster {
            group: self.group_id.clone(),
            rule,
            reason,
        }
    }

    fn index(&self, id: &str) -> Result<usize, VolunteerError> {
        self.shifts
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| self.refuse("shift-handover", format!("no shift {id:?}")))
    }

    /// Adds a shift, keeping the roster in time order.
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] for a duplicate id.
    pub fn add_shift(
        &mut self,
        id: impl Into<String>,
        time: ServiceTime,
        kind: VolunteerKind,
    ) -> Result<(), VolunteerError> {
        let id = id.into();
        if self.shifts.iter().any(|s| s.id == id) {
            return Err(self.refuse("shift-handover", format!("shift {id:?} exists")));
        }
        self.shifts.push(Shift {
            id,
            time,
            kind,
            volunteer: None,
        });
        self.shifts.sort_by(|a, b| {
            a.time
                .start
                .cmp(&b.time.start)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(())
    }

    /// Whether `v` may serve `shift`, read from `v`'s own history over the shift's span
    /// `[start, end)`: deployed to this group and under an agreement in force throughout
    /// (`[access-while-serving]`, `[agreement-before-access]`), and of the kind needed. A
    /// shift before the deployment, or after its withdrawal, is refused however the roster
    /// is asked now.
    fn check_volunteer(&self, v: &Volunteer, shift: &Shift) -> Result<(), VolunteerError> {
        let (start, end) = (shift.time.start, shift.time.end);
        // The volunteer's standing changes only at the moments of their events: checking the
        // start and every event strictly inside the shift covers the whole span [start, end).
        let moments = std::iter::once(start).chain(
            v.history()
                .iter()
                .map(|r| r.occurred_at)
                .filter(|&m| m > start && m < end),
        );
        for moment in moments {
            if !v.deployments_at(moment).contains(&self.group_id) {
                return Err(self.refuse(
                    "access-while-serving",
                    format!(
                        "volunteer {} is not deployed to this group throughout shift {} (not at {moment})",
                        v.id(),
                        shift.id
                    ),
                ));
            }
            if v.agreements_in_force_at(moment).is_empty() {
                return Err(self.refuse(
                    "agreement-before-access",
                    format!(
                        "volunteer {} has no agreement in force throughout shift {} (none at {moment})",
                        v.id(),
                        shift.id
                    ),
                ));
            }
        }
        if !v.kinds().contains(&shift.kind) {
            return Err(self.refuse(
                "volunteer-kinds",
                format!("shift {} needs a {}", shift.id, shift.kind.zh()),
            ));
        }
        Ok(())
    }

    /// A volunteer claims an open shift (认领服务时间).
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] when the shift is taken, or the volunteer, by their own
    /// history, is not deployed to the group or has no agreement in force throughout the shift's
    /// span (`[access-while-serving]`, `[agreement-before-access]`), or is not of the kind
    /// needed.
    pub fn claim(&mut self, shift_id: &str, v: &Volunteer) -> Result<(), VolunteerError> {
        let i = self.index(shift_id)?;
        let shift = self
            .shifts
            .get(i)
            .cloned()
            .ok_or_else(|| self.refuse("shift-handover", format!("no shift {shift_id:?}")))?;
        if let Some(other) = &shift.volunteer {
            return Err(self.refuse(
                "shift-handover",
                format!("shift {shift_id} is taken by {other}"),
            ));
        }
        self.check_volunteer(v, &shift)?;
        if let Some(s) = self.shifts.get_mut(i) {
            s.volunteer = Some(v.id().to_owned());
        }
        Ok(())
    }

    /// The group secretary moves a volunteer's shift to another open shift (调整班次).
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] unless `by` is the group's secretary and a general
    /// volunteer, the first shift is claimed by `v`, and the second is open and suits `v`.
    pub fn reschedule(
        &mut self,
        from_shift: &str,
        to_shift: &str,
        v: &Volunteer,
        by: &Volunteer,
    ) -> Result<(), VolunteerError> {
        if self.secretary.as_deref() != Some(by.id())
            || !by.kinds().contains(&VolunteerKind::General)
        {
            return Err(self.refuse(
                "shift-handover",
                format!(
                    "shifts are rescheduled by the group secretary, a general volunteer, not {}",
                    by.id()
                ),
            ));
        }
        let from = self.index(from_shift)?;
        let to = self.index(to_shift)?;
        let target = self
            .shifts
            .get(to)
            .cloned()
            .ok_or_else(|| self.refuse("shift-handover", format!("no shift {to_shift:?}")))?;
        if self.shifts.get(from).and_then(|s| s.volunteer.as_deref()) != Some(v.id()) {
            return Err(self.refuse(
                "shift-handover",
                format!("shift {from_shift} is not {}'s", v.id()),
            ));
        }
        if target.volunteer.is_some() {
            return Err(self.refuse("shift-handover", format!("shift {to_shift} is taken")));
        }
        self.check_volunteer(v, &target)?;
        if let Some(s) = self.shifts.get_mut(from) {
            s.volunteer = None;
        }
        if let Some(s) = self.shifts.get_mut(to) {
            s.volunteer = Some(v.id().to_owned());
        }
        Ok(())
    }

    /// Hands a shift's clients and records over to the next shift (`[shift-handover]`).
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] unless the next shift is the one right after in the
    /// roster, the handing-over shift was worked (claimed), `by` is its volunteer or the
    /// secretary, `at` falls between the start of the shift and the end of the later of it and
    /// the next one, and
    /// the summary is written.
    #[allow(clippy::too_many_arguments)]
    pub fn handover(
        &mut self,
        from_shift: &str,
        clients: Vec<String>,
        records: Vec<String>,
        summary: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<Handover, VolunteerError> {
        let i = self.index(from_shift)?;
        let from = self
            .shifts
            .get(i)
            .cloned()
            .ok_or_else(|| self.refuse("shift-handover", format!("no shift {from_shift:?}")))?;
        let Some(next) = self.shifts.get(i.saturating_add(1)).cloned() else {
            return Err(self.refuse(
                "shift-handover",
                format!("shift {from_shift} is the last on the roster: add the next shift first"),
            ));
        };
        let worker = from.volunteer.clone().ok_or_else(|| {
            self.refuse(
                "shift-handover",
                format!("shift {from_shift} was not worked"),
            )
        })?;
        if by != worker && self.secretary.as_deref() != Some(by) {
            return Err(self.refuse(
                "shift-handover",
                format!("{by} neither worked shift {from_shift} nor is the group secretary"),
            ));
        }
        let latest = from.time.end.max(next.time.end);
        if at < from.time.start || at > latest {
            return Err(self.refuse(
                "shift-handover",
                format!(
                    "a handover of shift {from_shift} is made between its start ({}) and the end of the later of it and the next shift ({latest}), not at {at}",
                    from.time.start
                ),
            ));
        }
        if summary.trim().is_empty() {
            return Err(self.refuse(
                "shift-handover",
                "write the day's summary (工作总结) for the next shift".to_owned(),
            ));
        }
        if self.handovers.iter().any(|h| h.from_shift == from.id) {
            return Err(self.refuse(
                "shift-handover",
                format!("shift {from_shift} already handed over"),
            ));
        }
        let h = Handover {
            from_shift: from.id,
            to_shift: next.id,
            clients,
            records,
            summary: summary.to_owned(),
            by: by.to_owned(),
            at,
        };
        self.handovers.push(h.clone());
        Ok(h)
    }

    /// Service hours of the claimed shifts that ended by `until` (`[volunteer-hours]`).
    pub fn hours_worked(&self, until: DateTime<FixedOffset>) -> Vec<ServiceHours> {
        self.shifts
            .iter()
            .filter(|s| s.time.end <= until)
            .filter_map(|s| {
                Some(ServiceHours {
                    volunteer_id: s.volunteer.clone()?,
                    group_id: self.group_id.clone(),
                    time: s.time,
                })
            })
            .collect()
    }
}
