//! Deadline rules as data: [`Rule`], [`RuleSet`] and the built-in preset.

use serde::{Deserialize, Serialize};

use super::DeadlineError;
use crate::case::Role;

/// The current version of the rule-set format.
pub const RULESET_FORMAT: u32 = 1;

/// Something in a case's or an activity's history a rule counts from or is satisfied by.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Trigger {
    /// A case: the decision not to open (`not_opened`).
    NotOpened,
    /// A case: the reply to the applicant (`consultation_replied`).
    ConsultationReplied,
    /// A case: opened or reopened (`opened`, `reopened`).
    Opened,
    /// A case: the opening record submitted (`opening_submitted`).
    OpeningSubmitted,
    /// A case: a meeting held, session or home visit (`met`).
    Met,
    /// A case: the client's evaluation form received — goal achieved (`client_evaluation_received`).
    GoalAchieved,
    /// A case: the closing report submitted (`closing_report_submitted`).
    ClosingReportSubmitted,
    /// A case: a referral in assessed as within scope.
    ReferralAccepted,
    /// A case: a referral in assessed as outside scope.
    ReferralDeclined,
    /// A case: the written reply for a declined referral (`referral_decline_replied`).
    ReferralDeclineReplied,
    /// A case: any real contact with the client (application, consultation, opening,
    /// meeting, contact, follow-up) — not an edit, a note or a failed attempt.
    Contact,
    /// A case: service terminated (`terminated`).
    Terminated,
    /// A case: a crisis declared (`crisis_declared`).
    CrisisDeclared,
    /// A case: the crisis reported (`crisis_reported`).
    CrisisReported,
    /// A case: closing began or the case ended (withdrawal, termination, a closing referral,
    /// a closing proposal, goal achieved, a consultation case).
    ClosingStarted,
    /// An activity: the date of the activity or of its first session, from its plan.
    ActivityDate,
    /// A case: a medical volunteer's emergency escalation recorded (`escalation_recorded`, or
    /// a case `received` from one) (`[medical-escalation]`).
    EscalationRecorded,
    /// A case: the social worker's assessment of an escalation (`escalation_assessed`).
    EscalationAssessed,
    /// An activity: the plan and budget submitted — received by the reviewer.
    PlanSubmitted,
    /// An activity: the reviewer's comments returned.
    PlanReviewed,
    /// An activity: a session held.
    SessionHeld,
    /// An activity: a session's summary (小结记录表) submitted.
    SessionSummarySubmitted,
    /// An activity: the group or activity ended.
    ActivityEnded,
    /// An activity: feedback summary, review report and expense account submitted.
    WrapUpSubmitted,
    /// An activity: the evaluation and materials delivered to the lead and the purchaser.
    ServiceEvaluated,
}

/// How far a due date lies from the moment a rule counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Offset {
    /// N working days after (工作日, `[deadline-counting]`).
    WorkingDays(u32),
    /// N calendar days after.
    CalendarDays(u32),
    /// At least N weeks before (counted backwards).
    WeeksBefore(u32),
    /// N months after: the same day-of-month, clamped to the month's end.
    Months(u32),
    /// N hours after, as an instant.
    Hours(u32),
}

impl Offset {
    /// The longest time limit a rule may have, in each unit: ten years (`[deadline-counting]`).
    /// [`RuleSet::validate`] refuses a rule beyond it, so an absurd set is refused when it is
    /// loaded rather than when it is evaluated.
    pub const MAX_WORKING_DAYS: u32 = 2_500;
    /// The longest calendar-day limit (ten years).
    pub const MAX_CALENDAR_DAYS: u32 = 3_660;
    /// The longest weeks-before limit (ten years).
    pub const MAX_WEEKS: u32 = 522;
    /// The longest month limit (ten years).
    pub const MAX_MONTHS: u32 = 120;
    /// The longest hour limit (ten years).
    pub const MAX_HOURS: u32 = 87_840;

    /// The offset's amount, its unit's JSON name and that unit's documented maximum.
    fn bound(self) -> (u32, &'static str, u32) {
        match self {
            Offset::WorkingDays(n) => (n, "working_days", Offset::MAX_WORKING_DAYS),
            Offset::CalendarDays(n) => (n, "calendar_days", Offset::MAX_CALENDAR_DAYS),
            Offset::WeeksBefore(n) => (n, "weeks_before", Offset::MAX_WEEKS),
            Offset::Months(n) => (n, "months", Offset::MAX_MONTHS),
            Offset::Hours(n) => (n, "hours", Offset::MAX_HOURS),
        }
    }

    /// Whether the period is counted backwards from its anchor.
    pub fn is_backwards(self) -> bool {
        matches!(self, Offset::WeeksBefore(_))
    }

    /// How the offset reads in an explanation, e.g. `"5 working days after"`.
    pub fn describe(self) -> String {
        let plural = |n: u32, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        match self {
            Offset::WorkingDays(n) => format!("{} after", plural(n, "working day", "working days")),
            Offset::CalendarDays(n) => format!("{} after", plural(n, "day", "days")),
            Offset::WeeksBefore(n) => format!("at least {} before", plural(n, "week", "weeks")),
            Offset::Months(n) => format!("{} after", plural(n, "month", "months")),
            Offset::Hours(n) => format!("{} after", plural(n, "hour", "hours")),
        }
    }
}

/// Whether obligations are raised for every occurrence of the trigger or only the latest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Occurrences {
    /// One obligation for every occurrence (each session owes its own summary).
    #[default]
    Every,
    /// Only the latest occurrence counts (the no-contact clock restarts at each contact).
    Latest,
}

/// One time limit as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule ID, e.g. `"open-approval-5wd"`.
    pub id: String,
    /// What is owed, in words: `"submit the opening record to the first-line supervisor"`.
    pub owed: String,
    /// What it counts from, in words for the explanation: `"opening"`.
    pub counts_from_label: String,
    /// The trigger it counts from.
    pub counts_from: Trigger,
    /// The triggers that satisfy it (the first one after the anchor does).
    pub satisfied_by: Vec<Trigger>,
    /// Triggers that end the obligation unmet: the case closed or was referred out and owes
    /// nothing more (status `released`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub released_by: Vec<Trigger>,
    /// The time limit.
    pub offset: Offset,
    /// Who owes it.
    pub owed_by: Role,
    /// Whether a calendar-day, week or month period ending on a day off moves to the next
    /// working day (backwards: the previous one), 民法典 第二百零三条. Default `true`.
    #[serde(default = "yes")]
    pub move_off_days: bool,
    /// Every occurrence of the trigger, or only the latest.
    #[serde(default)]
    pub occurrences: Occurrences,
    /// The rule runs only once this has happened, from its latest occurrence: the no-contact
    /// clock runs only in an opened case. Occurrences before it are ignored, and a release
    /// after it releases the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_after: Option<Trigger>,
}

fn yes() -> bool {
    true
}

/// A versioned set of rules: the built-in preset, or an agency's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The format version ([`RULESET_FORMAT`]).
    #[serde(default = "format")]
    pub format: u32,
    /// The set's name, e.g. `"shegong-preset"` or an agency's.
    pub name: String,
    /// The agency's version of the set, e.g. `"2026.1"`.
    pub version: String,
    /// An obligation due within this many working days is at risk (default 2).
    #[serde(default = "two")]
    pub at_risk_workdays: u32,
    /// An hour-based obligation due within this many hours is at risk (default 6).
    #[serde(default = "six")]
    pub at_risk_hours: u32,
    /// The rules.
    pub rules: Vec<Rule>,
}

fn format() -> u32 {
    RULESET_FORMAT
}
fn two() -> u32 {
    2
}
fn six() -> u32 {
    6
}

#[allow(clippy::too_many_arguments)]
fn rule(
    id: &str,
    owed: &str,
    counts_from_label: &str,
    counts_from: Trigger,
    satisfied_by: &[Trigger],
    released_by: &[Trigger],
    offset: Offset,
    owed_by: Role,
) -> Rule {
    Rule {
        id: id.to_owned(),
        owed: owed.to_owned(),
        counts_from_label: counts_from_label.to_owned(),
        counts_from,
        satisfied_by: satisfied_by.to_vec(),
        released_by: released_by.to_vec(),
        offset,
        owed_by,
        move_off_days: true,
        occurrences: Occurrences::Every,
        active_after: None,
    }
}

impl RuleSet {
    /// The built-in preset: every time limit of the sources, as domain.md §9 tabulates them.
    ///
    /// # Example
    /// ```
    /// use shegong::deadline::RuleSet;
    /// let preset = RuleSet::preset();
    /// assert_eq!(preset.rules.len(), 14);
    /// assert!(preset.rule("consult-reply-5wd").is_some());
    /// ```
    pub fn preset() -> RuleSet {
        use Offset::*;
        use Trigger::*;
        let mut no_contact = rule(
            "terminate-no-contact-3m",
            "decide on termination: 3 months without reaching the client",
            "the last real contact with the client",
            Contact,
            &[Terminated],
            &[ClosingStarted],
            Months(3),
            Role::Worker,
        );
        no_contact.occurrences = Occurrences::Latest;
        no_contact.active_after = Some(Opened);
        RuleSet {
            format: RULESET_FORMAT,
            name: "shegong-preset".to_owned(),
            version: crate::deadline::PRESET_VERSION.to_owned(),
            at_risk_workdays: 2,
            at_risk_hours: 6,
            rules: vec![
                rule("consult-reply-5wd", "reply to the applicant with the result and reasons (咨询结果告知)", "the decision not to open", NotOpened, &[ConsultationReplied], &[], WorkingDays(5), Role::Worker),
                rule("open-approval-5wd", "submit the opening record to the first-line supervisor (开案记录表提交审批)", "opening", Opened, &[OpeningSubmitted], &[ClosingStarted], WorkingDays(5), Role::Worker),
                rule("open-meet-10wd", "meet the client (约见案主)", "opening", Opened, &[Met], &[ClosingStarted], WorkingDays(10), Role::Worker),
                rule("close-report-3wd", "submit the closing report to the supervisor (个案结案报告)", "the client's evaluation form (goal achieved)", GoalAchieved, &[ClosingReportSubmitted], &[], WorkingDays(3), Role::Worker),
                rule("refer-in-meet-10wd", "meet the referred client (约见案主)", "the referral assessed as within scope", ReferralAccepted, &[Met], &[ClosingStarted], WorkingDays(10), Role::Worker),
                rule("refer-in-reply-5wd", "reply in writing to the referrer and the applicant (书面回复)", "the referral assessed as outside scope", ReferralDeclined, &[ReferralDeclineReplied], &[], WorkingDays(5), Role::Worker),
                no_contact,
                rule("crisis-immediate", "report the crisis to the supervisor and the relevant departments (第一时间报告)", "the crisis declared", CrisisDeclared, &[CrisisReported], &[], Hours(24), Role::Worker),
                // The seed says only 及时 (promptly); 24 hours, as for a crisis, is the
                // library's choice (domain.md §9).
                rule("medical-escalation", "assess the medical volunteer's emergency escalation (及时评估; 24 hours is the library's choice)", "the escalation recorded in the client's case", EscalationRecorded, &[EscalationAssessed, CrisisDeclared], &[], Hours(24), Role::Worker),
                rule("activity-plan-2w", "submit the plan and budget (计划书及预算表)", "the activity's (first session's) date", ActivityDate, &[PlanSubmitted], &[], WeeksBefore(2), Role::Worker),
                rule("activity-review-3wd", "return comments on the plan (反馈意见)", "receipt of the plan", PlanSubmitted, &[PlanReviewed], &[], WorkingDays(3), Role::ProjectLead),
                rule("group-session-summary-2d", "submit the session summary (小结记录表)", "the session", SessionHeld, &[SessionSummarySubmitted], &[], CalendarDays(2), Role::Worker),
                rule("activity-wrapup-5wd", "submit the feedback summary, review report and expense account", "the end of the group or activity", ActivityEnded, &[WrapUpSubmitted], &[], WorkingDays(5), Role::Worker),
                rule("service-evaluation-10wd", "deliver the evaluation and materials to the lead and the purchaser", "the end of the service", ActivityEnded, &[ServiceEvaluated], &[], WorkingDays(10), Role::Worker),
            ],
        }
    }

    /// The rule with this ID.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Returns the set renamed and re-versioned (an agency's set derived from the preset).
    #[must_use]
    pub fn renamed(mut self, name: impl Into<String>, version: impl Into<String>) -> RuleSet {
        self.name = name.into();
        self.version = version.into();
        self
    }

    /// Returns the set with one rule's time limit replaced.
    ///
    /// # Errors
    /// [`DeadlineError::UnknownRule`] when no rule has that ID; [`DeadlineError::Overflow`]
    /// when the offset is beyond its documented maximum (`Offset::MAX_*`).
    ///
    /// # Example
    /// ```
    /// use shegong::deadline::{Offset, RuleSet};
    /// // An agency that wants crises reported within 2 hours.
    /// let set = RuleSet::preset().with_offset("crisis-immediate", Offset::Hours(2))?;
    /// assert_eq!(set.rule("crisis-immediate").unwrap().offset, Offset::Hours(2));
    /// # Ok::<(), shegong::deadline::DeadlineError>(())
    /// ```
    pub fn with_offset(mut self, id: &str, offset: Offset) -> Result<RuleSet, DeadlineError> {
        let rule = self
            .rules
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| DeadlineError::UnknownRule { id: id.to_owned() })?;
        let (n, unit, max) = offset.bound();
        if n > max {
            return Err(DeadlineError::Overflow {
                rule: rule.id.clone(),
                quantity: format!("offset.{unit} (at most {max})"),
            });
        }
        rule.offset = offset;
        Ok(self)
    }

    /// Returns the set without the rule with this ID.
    ///
    /// # Errors
    /// [`DeadlineError::UnknownRule`] when no rule has that ID.
    pub fn without(mut self, id: &str) -> Result<RuleSet, DeadlineError> {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        if self.rules.len() == before {
            return Err(DeadlineError::UnknownRule { id: id.to_owned() });
        }
        Ok(self)
    }

    /// Returns the set with one more rule.
    ///
    /// # Errors
    /// [`DeadlineError::InvalidRuleSet`] when the rule's ID is taken or the rule is invalid.
    pub fn with_rule(mut self, rule: Rule) -> Result<RuleSet, DeadlineError> {
        self.rules.push(rule);
        self.validate()?;
        Ok(self)
    }

    /// Checks the set: a supported format, unique non-empty IDs, every rule satisfiable, every
    /// offset within its documented maximum (`Offset::MAX_*`, ten years) and the at-risk
    /// margins within the same maxima.
    ///
    /// # Errors
    /// [`DeadlineError::InvalidRuleSet`] naming the first problem;
    /// [`DeadlineError::Overflow`] naming the rule and the offset beyond its maximum.
    pub fn validate(&self) -> Result<(), DeadlineError> {
        let bad = |reason: String| DeadlineError::InvalidRuleSet {
            name: self.name.clone(),
            reason,
        };
        if self.format > RULESET_FORMAT {
            return Err(bad(format!(
                "format {} is newer than this library reads ({RULESET_FORMAT})",
                self.format
            )));
        }
        let margins = [
            (
                "at_risk_workdays",
                self.at_risk_workdays,
                Offset::MAX_WORKING_DAYS,
            ),
            ("at_risk_hours", self.at_risk_hours, Offset::MAX_HOURS),
        ];
        for (quantity, n, max) in margins {
            if n > max {
                return Err(DeadlineError::Overflow {
                    rule: self.name.clone(),
                    quantity: format!("{quantity} (at most {max})"),
                });
            }
        }
        for (i, r) in self.rules.iter().enumerate() {
            if r.id.trim().is_empty() {
                return Err(bad(format!("rule #{} has no id", i.saturating_add(1))));
            }
            let (n, unit, max) = r.offset.bound();
            if n > max {
                return Err(DeadlineError::Overflow {
                    rule: r.id.clone(),
                    quantity: format!("offset.{unit} (at most {max})"),
                });
            }
            if self
                .rules
                .iter()
                .skip(i.saturating_add(1))
                .any(|o| o.id == r.id)
            {
                return Err(bad(format!("rule id {:?} is used twice", r.id)));
            }
            if r.satisfied_by.is_empty() {
                return Err(bad(format!(
                    "rule {:?} has nothing that satisfies it",
                    r.id
                )));
            }
            if r.satisfied_by.contains(&r.counts_from) && r.occurrences == Occurrences::Every {
                return Err(bad(format!(
                    "rule {:?} counts from what satisfies it; use occurrences \"latest\"",
                    r.id
                )));
            }
        }
        Ok(())
    }

    /// Reads a rule set from JSON and validates it.
    ///
    /// # Errors
    /// [`DeadlineError::Json`] for JSON that cannot be read (an unknown field, a wrong type,
    /// a duplicate key: the message names the JSON path, never the value) or is over a
    /// [limit](crate::limits), [`DeadlineError::InvalidRuleSet`] for an invalid set.
    pub fn from_json(json: &str) -> Result<RuleSet, DeadlineError> {
        let set: RuleSet = crate::json::from_str(json, "rule set")?;
        set.validate()?;
        Ok(set)
    }

    /// The set as JSON.
    ///
    /// # Errors
    /// [`DeadlineError::Malformed`] if serialisation fails (it does not for valid sets).
    pub fn to_json(&self) -> Result<String, DeadlineError> {
        serde_json::to_string_pretty(self).map_err(|e| DeadlineError::Malformed {
            reason: e.to_string(),
        })
    }
}
