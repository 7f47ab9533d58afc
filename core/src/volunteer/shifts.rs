//! Shift rosters (排班), claiming and rescheduling shifts, the handover of the day's clients
//! and records to the next shift (`[shift-handover]`), and service hours (志愿服务时间记录,
//! `[volunteer-hours]`, `[service-time-span]`).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Volunteer, VolunteerError, VolunteerKind};
use crate::assessment::ServiceTime;
use crate::case::china_date;

/// The longest shift a roster takes: 24 hours. Service hours are counted from shifts, so a
/// shift of years would count years of service (`[volunteer-hours]`).
pub const MAX_SHIFT_MINUTES: i64 = 24 * 60;

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
/// type (never a wrapped total); [`VolunteerError::Roster`] when two counted records of one
/// volunteer overlap in time (`[volunteer-hours]`: the same minutes would count twice).
pub fn total_hours(
    records: &[ServiceHours],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<HoursTotal>, VolunteerError> {
    // One person serves one session at a time: two records of a volunteer that overlap would
    // count the same minutes twice (two groups' rosters, or a record entered twice).
    let mut counted: Vec<&ServiceHours> = records
        .iter()
        .filter(|r| (from..=to).contains(&china_date(r.time.start)))
        .collect();
    counted.sort_by(|a, b| {
        (a.volunteer_id.as_str(), a.time.start).cmp(&(b.volunteer_id.as_str(), b.time.start))
    });
    for pair in counted.windows(2) {
        if let [a, b] = pair {
            if a.volunteer_id == b.volunteer_id && b.time.start < a.time.end {
                return Err(VolunteerError::Roster {
                    group: b.group_id.clone(),
                    rule: "volunteer-hours",
                    reason: format!(
                        "volunteer {} has overlapping service records ({} in {}, {} in {}): the same minutes would count twice",
                        b.volunteer_id, a.time.start, a.group_id, b.time.start, b.group_id
                    ),
                });
            }
        }
    }
    let mut totals: BTreeMap<&str, (i64, u32)> = BTreeMap::new();
    for r in counted {
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
///
/// Read from JSON, a roster is checked as [`Roster::add_shift`], [`Roster::claim`] and
/// [`Roster::handover`] would have built it: shift ids unique, shifts in time order and no
/// longer than [`MAX_SHIFT_MINUTES`], no volunteer on two overlapping shifts, and each
/// handover from a claimed shift of the roster, once. Whether each claim's volunteer was
/// deployed and under an agreement needs the volunteers' records: [`Roster::verify_claims`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RosterData")]
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

/// A roster as stored, before [`Roster`]'s checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterData {
    group_id: String,
    #[serde(default)]
    secretary: Option<String>,
    shifts: Vec<Shift>,
    handovers: Vec<Handover>,
}

impl TryFrom<RosterData> for Roster {
    type Error = VolunteerError;

    fn try_from(d: RosterData) -> Result<Roster, VolunteerError> {
        let mut roster = Roster::new(d.group_id, d.secretary);
        for shift in &d.shifts {
            roster.add_shift(shift.id.clone(), shift.time, shift.kind)?;
        }
        if roster
            .shifts
            .iter()
            .map(|s| &s.id)
            .ne(d.shifts.iter().map(|s| &s.id))
        {
            return Err(roster.refuse(
                "shift-handover",
                "the shifts are not in time order".to_owned(),
            ));
        }
        roster.shifts = d.shifts;
        for (i, a) in roster.shifts.iter().enumerate() {
            let Some(who) = a.volunteer.as_deref() else {
                continue;
            };
            let overlap = roster.shifts.iter().skip(i.saturating_add(1)).find(|b| {
                b.volunteer.as_deref() == Some(who)
                    && b.time.start < a.time.end
                    && a.time.start < b.time.end
            });
            if let Some(b) = overlap {
                return Err(roster.refuse(
                    "volunteer-hours",
                    format!(
                        "volunteer {who} holds overlapping shifts {} and {}",
                        a.id, b.id
                    ),
                ));
            }
        }
        for (i, h) in d.handovers.iter().enumerate() {
            let claimed = roster
                .shifts
                .iter()
                .any(|s| s.id == h.from_shift && s.volunteer.is_some());
            let known = roster.shifts.iter().any(|s| s.id == h.to_shift);
            let again = d
                .handovers
                .iter()
                .take(i)
                .any(|e| e.from_shift == h.from_shift);
            if !claimed || !known || again {
                return Err(roster.refuse(
                    "shift-handover",
                    format!(
                        "handover {i} is not from a claimed shift of this roster to another, once"
                    ),
                ));
            }
        }
        roster.handovers = d.handovers;
        Ok(roster)
    }
}

impl Roster {
    /// Re-checks every claimed shift against its volunteer's record as it stands now, as
    /// [`Roster::claim`] checked it (`[access-while-serving]`, `[agreement-before-access]`):
    /// an event recorded after the claim (a withdrawal dated before the shift, say) or a
    /// roster read from storage can leave a claim no record supports. Run it before
    /// [`Roster::hours_worked`] counts hours for a report.
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] for the first claimed shift whose volunteer is not among
    /// `volunteers` or would not be allowed to claim it now.
    pub fn verify_claims(&self, volunteers: &[Volunteer]) -> Result<(), VolunteerError> {
        for shift in &self.shifts {
            let Some(who) = shift.volunteer.as_deref() else {
                continue;
            };
            let v = volunteers.iter().find(|v| v.id() == who).ok_or_else(|| {
                self.refuse(
                    "volunteer-hours",
                    format!(
                        "shift {} is claimed by {who}, whose record was not given",
                        shift.id
                    ),
                )
            })?;
            self.check_volunteer(v, shift, None)?;
        }
        Ok(())
    }

    /// An empty roster for a group.
    pub fn new(group_id: impl Into<String>, secretary: Option<String>) -> Roster {
        Roster {
            group_id: group_id.into(),
            secretary,
            shifts: Vec::new(),
            handovers: Vec::new(),
        }
    }

    /// Whether `v`, by their own record, serves this group at `moment`: deployed to it and
    /// under an agreement then in force that covers client information
    /// (`[access-while-serving]`, `[agreement-before-access]`); `why` says what for.
    fn serving_at(
        &self,
        v: &Volunteer,
        moment: DateTime<FixedOffset>,
        why: &str,
    ) -> Result<(), VolunteerError> {
        if !v.deployments_at(moment).contains(&self.group_id) {
            return Err(self.refuse(
                "access-while-serving",
                format!(
                    "volunteer {} is not deployed to this group at {moment} ({why})",
                    v.id()
                ),
            ));
        }
        if !v
            .agreements_in_force_at(moment)
            .iter()
            .any(|a| a.covers_client_information())
        {
            return Err(self.refuse(
                "agreement-before-access",
                format!(
                    "volunteer {} has no agreement covering client information in force at {moment} ({why})",
                    v.id()
                ),
            ));
        }
        Ok(())
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
    /// [`VolunteerError::Roster`] for a duplicate id, or a shift longer than
    /// [`MAX_SHIFT_MINUTES`].
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
        if time.minutes() > MAX_SHIFT_MINUTES {
            return Err(self.refuse(
                "volunteer-hours",
                format!(
                    "shift {id:?} lasts {} minutes; a shift lasts at most {MAX_SHIFT_MINUTES} minutes (24 hours)",
                    time.minutes()
                ),
            ));
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
    fn check_volunteer(
        &self,
        v: &Volunteer,
        shift: &Shift,
        except: Option<&str>,
    ) -> Result<(), VolunteerError> {
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
            self.serving_at(v, moment, &format!("throughout shift {}", shift.id))?;
        }
        if !v.kinds().contains(&shift.kind) {
            return Err(self.refuse(
                "volunteer-kinds",
                format!("shift {} needs a {}", shift.id, shift.kind.zh()),
            ));
        }
        // One volunteer serves one shift at a time: overlapping shifts would count the same
        // hours twice ([volunteer-hours]). The shift being left by a reschedule is `except`.
        if let Some(other) = self.shifts.iter().find(|s| {
            s.id != shift.id
                && Some(s.id.as_str()) != except
                && s.volunteer.as_deref() == Some(v.id())
                && s.time.start < end
                && start < s.time.end
        }) {
            return Err(self.refuse(
                "volunteer-hours",
                format!(
                    "volunteer {} already holds shift {}, which overlaps shift {}",
                    v.id(),
                    other.id,
                    shift.id
                ),
            ));
        }
        Ok(())
    }

    /// A volunteer claims an open shift (认领服务时间).
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] when the shift is taken, or the volunteer, by their own
    /// history, is not deployed to the group or has no agreement in force throughout the shift's
    /// span (`[access-while-serving]`) or none that covers client information
    /// (`[agreement-before-access]`), is not of the kind needed, or already holds a shift that
    /// overlaps this one (`[volunteer-hours]`).
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
        self.check_volunteer(v, &shift, None)?;
        if let Some(s) = self.shifts.get_mut(i) {
            s.volunteer = Some(v.id().to_owned());
        }
        Ok(())
    }

    /// The group secretary moves a volunteer's shift to another open shift (调整班次).
    ///
    /// # Errors
    /// [`VolunteerError::Roster`] unless `by` is the group's secretary, a general volunteer,
    /// and by their record deployed to the group under an agreement neither terminated nor
    /// narrower than client information (`[access-while-serving]`), the first shift is claimed by `v` and not yet handed over, and the second is
    /// open and suits `v` as [`Roster::claim`] checks.
    pub fn reschedule(
        &mut self,
        from_shift: &str,
        to_shift: &str,
        v: &Volunteer,
        by: &Volunteer,
    ) -> Result<(), VolunteerError> {
        // The secretary is a serving volunteer of this group, read from their record: deployed
        // to it now (not removed, withdrawn or left) and under an agreement not terminated.
        let serving = by.deployments().contains(&self.group_id)
            && by.agreements().iter().any(|a| {
                a.signed_on().is_some() && a.terminated.is_none() && a.covers_client_information()
            });
        if !serving {
            return Err(self.refuse(
                "access-while-serving",
                format!(
                    "the group secretary {} is not a serving volunteer of this group (deployed, under an agreement in force)",
                    by.id()
                ),
            ));
        }
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
        if self.handovers.iter().any(|h| h.from_shift == from_shift) {
            return Err(self.refuse(
                "shift-handover",
                format!("shift {from_shift} was worked and handed over: it cannot be moved"),
            ));
        }
        self.check_volunteer(v, &target, Some(from_shift))?;
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
    /// [`VolunteerError::Roster`] unless there is a next shift (the first in the roster that
    /// starts after this one starts), the handing-over shift was worked (claimed), `by` is its
    /// volunteer or the group's secretary (a general volunteer), `at` falls between the start
    /// of the shift and the end of the later of it and the next one, and the summary is
    /// written; and unless `by`, by their own record, is deployed to the group at `at` under an
    /// agreement then in force that covers client information (`[access-while-serving]`,
    /// `[agreement-before-access]`): a handover passes clients and records on. Who `by` is
    /// comes from their record, never from a name the caller gives.
    #[allow(clippy::too_many_arguments)]
    pub fn handover(
        &mut self,
        from_shift: &str,
        clients: Vec<String>,
        records: Vec<String>,
        summary: &str,
        by: &Volunteer,
        at: DateTime<FixedOffset>,
    ) -> Result<Handover, VolunteerError> {
        let i = self.index(from_shift)?;
        let from = self
            .shifts
            .get(i)
            .cloned()
            .ok_or_else(|| self.refuse("shift-handover", format!("no shift {from_shift:?}")))?;
        // The next shift starts after this one starts: a shift beside it at the same time is
        // not the one that takes over.
        let next = self
            .shifts
            .iter()
            .skip(i.saturating_add(1))
            .find(|s| s.time.start > from.time.start)
            .cloned();
        let Some(next) = next else {
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
        let secretary = self.secretary.as_deref() == Some(by.id())
            && by.kinds().contains(&VolunteerKind::General);
        if by.id() != worker && !secretary {
            return Err(self.refuse(
                "shift-handover",
                format!(
                    "{} neither worked shift {from_shift} nor is the group secretary",
                    by.id()
                ),
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
        self.serving_at(by, at, "to pass clients and records on")?;
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
            by: by.id().to_owned(),
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
