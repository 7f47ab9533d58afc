//! The guards of an activity's events (`[group-stages]` and the activity time limits),
//! beside the aggregate they guard.

use super::{
    ActivityError, ActivityEvent, ActivityKind, ActivityRecord, ActivityState, GroupStage,
};
use crate::case::Role;

/// Whether a role is the agency's staff, who record an activity's steps.
fn staff(role: Role) -> bool {
    matches!(
        role,
        Role::Worker | Role::FirstLineSupervisor | Role::ProjectLead | Role::TeamLead
    )
}

/// Rules version 2: who may record each event and its date not before the step it follows
/// (a late entry is recorded after later events, but not dated before what it depends on).
/// A refusal is returned as its rule and reason; an invalid identifier as an error.
fn who_and_when(
    view: &View<'_>,
    new: &ActivityRecord,
) -> Result<Option<(&'static str, String)>, ActivityError> {
    const REVIEW: &str = "activity-review-3wd";
    let actor = &new.actor;
    let at = new.occurred_at;
    // The latest earlier event matching `pred`.
    let last =
        |pred: &dyn Fn(&ActivityEvent) -> bool| view.history.iter().rev().find(|r| pred(&r.event));
    let before = |rule: &'static str, what: &str, pred: &dyn Fn(&ActivityEvent) -> bool| {
        last(pred).and_then(|r| {
            (at < r.occurred_at).then(|| {
                (
                    rule,
                    format!("dated {at}, before {what} at {}", r.occurred_at),
                )
            })
        })
    };
    if let ActivityEvent::PlanReviewed { .. } = &new.event {
        // The decision is the reviewer's the plan was submitted to, never the submitter's.
        let Some(sub) = last(&|e| matches!(e, ActivityEvent::PlanSubmitted { .. })) else {
            return Ok(None);
        };
        let to = match &sub.event {
            ActivityEvent::PlanSubmitted { to } => to.as_str(),
            _ => "",
        };
        // Since rules version 4 the reviewer is the project lead or supervisor assistant
        // (项目主管/督导助理, 002 第三十六条), not any supervisory role.
        let reviewer = if view.state.rules >= 4 {
            actor.role == Role::ProjectLead
        } else {
            actor.role.is_supervisory()
        };
        if actor.id == sub.actor.id || actor.id != to || !reviewer {
            return Ok(Some((
                REVIEW,
                "the review comes from the person the plan was submitted to, acting as project lead or supervisor, and never from the submitter".to_owned(),
            )));
        }
        return Ok(before(REVIEW, "the submission it reviews", &|e| {
            matches!(e, ActivityEvent::PlanSubmitted { .. })
        }));
    }
    if !staff(actor.role) {
        let rule = match new.event {
            ActivityEvent::PlanSubmitted { .. } => REVIEW,
            _ => "group-stages",
        };
        return Ok(Some((
            rule,
            format!(
                "an activity's steps are recorded by the agency's staff, not by a {}",
                actor.role.name()
            ),
        )));
    }
    Ok(match &new.event {
        ActivityEvent::PlanSubmitted { to } => {
            if to.trim().is_empty() || to.trim() != to {
                return Err(ActivityError::InvalidInput {
                    field: "to",
                    reason: "name the reviewer by a non-empty id without surrounding whitespace [activity-review-3wd]".to_owned(),
                });
            }
            (*to == actor.id).then(|| {
                (
                    REVIEW,
                    "a plan is submitted to another person than its submitter".to_owned(),
                )
            })
        }
        ActivityEvent::SessionHeld { .. } => before("group-stages", "the previous session", &|e| {
            matches!(e, ActivityEvent::SessionHeld { .. })
        })
        .or_else(|| {
            before("activity-plan-2w", "the plan's submission", &|e| {
                matches!(e, ActivityEvent::PlanSubmitted { .. })
            })
        }),
        ActivityEvent::SessionSummarySubmitted { number } => before(
            "group-session-summary-2d",
            "the session it summarises",
            &|e| matches!(e, ActivityEvent::SessionHeld { number: n, .. } if n == number),
        ),
        ActivityEvent::MemberContractSigned { .. } => {
            before("group-records", "the member list", &|e| {
                matches!(e, ActivityEvent::MemberListFiled { .. })
            })
        }
        ActivityEvent::MiddleStageBegan | ActivityEvent::Ended => {
            before("group-stages", "the last session", &|e| {
                matches!(e, ActivityEvent::SessionHeld { .. })
            })
        }
        ActivityEvent::MidtermEvaluated { .. } => {
            before("group-stages", "the middle stage began", &|e| {
                matches!(e, ActivityEvent::MiddleStageBegan)
            })
        }
        ActivityEvent::WrapUpSubmitted { .. } => before("activity-wrapup-5wd", "the end", &|e| {
            matches!(e, ActivityEvent::Ended)
        }),
        ActivityEvent::ServiceEvaluated { .. } => {
            before("service-evaluation-10wd", "the end", &|e| {
                matches!(e, ActivityEvent::Ended)
            })
        }
        _ => None,
    })
}

/// Checks event `seq` against the plan and the history before it.
pub(super) fn check(
    state: &ActivityState,
    history: &[ActivityRecord],
    seq: u64,
    new: &ActivityRecord,
) -> Result<(), ActivityError> {
    let event = &new.event;
    let view = View { state, history };
    let refuse = |rule, reason: String| ActivityError::Refused {
        activity: state.plan.id.clone(),
        seq,
        event: event.name(),
        rule,
        reason,
    };
    if let Some(reason) = crate::history::time_order(history, new, state.rules) {
        return Err(ActivityError::OutOfOrder {
            activity: state.plan.id.clone(),
            seq,
            reason,
        });
    }
    if state.rules >= 2 {
        if let Some((rule, reason)) = who_and_when(&view, new)? {
            return Err(refuse(rule, reason));
        }
    }
    let ended = view.has(|e| matches!(e, ActivityEvent::Ended));
    let submitted = view.has(|e| matches!(e, ActivityEvent::PlanSubmitted { .. }));
    let group = view.state.plan.kind == ActivityKind::Group;
    match event {
        ActivityEvent::Planned { .. } => {
            return Err(refuse(
                "group-stages",
                "an activity is planned once".to_owned(),
            ))
        }
        ActivityEvent::PlanRevised { plan } => {
            if submitted && !view.last_review_returned() {
                return Err(refuse(
                    "activity-review-3wd",
                    "the plan awaits its review, or was approved: it is revised before submission or after a returned review".to_owned(),
                ));
            }
            if plan.id != state.plan.id || plan.kind != state.plan.kind {
                return Err(refuse(
                    "group-stages",
                    "a revised plan is the same activity, of the same kind".to_owned(),
                ));
            }
            if plan.date != state.plan.date {
                return Err(refuse(
                    "activity-plan-2w",
                    "a revised plan keeps the activity's date: a new date is a new plan, with its own two weeks' notice".to_owned(),
                ));
            }
            self::plan(plan)?;
            let missing = plan.contents.missing();
            if !missing.is_empty() {
                return Err(refuse(
                    "activity-plan-contents",
                    format!("the revised plan lacks its {}", missing.join(", ")),
                ));
            }
        }
        ActivityEvent::PlanSubmitted { .. } if submitted && !view.last_review_returned() => {
            return Err(refuse(
                "activity-review-3wd",
                "the plan awaits its review".to_owned(),
            ))
        }
        ActivityEvent::PlanReviewed { .. } if !submitted || view.reviewed_since_submission() => {
            return Err(refuse(
                "activity-review-3wd",
                "no submitted plan awaits review".to_owned(),
            ))
        }
        ActivityEvent::SessionHeld { number, .. } => {
            if !submitted {
                return Err(refuse(
                    "activity-plan-2w",
                    "the plan has not been submitted".to_owned(),
                ));
            }
            if ended {
                return Err(refuse("group-stages", "the activity has ended".to_owned()));
            }
            if state.rules >= 4 {
                // A returned plan is revised and submitted again before anything is held.
                if view.last_review_returned() {
                    return Err(refuse(
                        "activity-review-3wd",
                        "the review returned the plan: revise and submit it again before a session is held".to_owned(),
                    ));
                }
                // The first session is the activity's date the two weeks' notice counted from.
                let day = new.occurred_at.date_naive();
                if *number == 1 && day < state.plan.date {
                    return Err(refuse(
                        "activity-plan-2w",
                        format!(
                            "the first session is held on {day}, before the plan's date {}: a new date is a new plan, with its own two weeks' notice",
                            state.plan.date
                        ),
                    ));
                }
            }
            if *number != view.sessions_held().saturating_add(1) {
                return Err(refuse(
                    "group-stages",
                    format!("session {number} follows session {}", view.sessions_held()),
                ));
            }
        }
        ActivityEvent::SessionSummarySubmitted { number } => {
            if *number == 0 || *number > view.sessions_held() {
                return Err(refuse(
                    "group-session-summary-2d",
                    format!("session {number} has not been held"),
                ));
            }
            if view.has(|e| matches!(e, ActivityEvent::SessionSummarySubmitted { number: n } if n == number)) {
                    return Err(refuse("group-session-summary-2d", format!("session {number}'s summary is already in")));
                }
        }
        ActivityEvent::PlanSubmitted { .. } if state.rules >= 2 => {
            let missing = state.plan.contents.missing();
            if !missing.is_empty() {
                return Err(refuse(
                    "activity-plan-contents",
                    format!(
                        "the plan (计划书) lacks its {} (002 第三十五条)",
                        missing.join(", ")
                    ),
                ));
            }
        }
        ActivityEvent::MemberListFiled { members } => {
            if !group {
                return Err(refuse(
                    "group-records",
                    "only a group has a member list".to_owned(),
                ));
            }
            if *members == 0 {
                return Err(refuse(
                    "group-records",
                    "a member list names at least one member".to_owned(),
                ));
            }
            if ended {
                return Err(refuse(
                    "group-records",
                    "the group has ended: its member list was due before".to_owned(),
                ));
            }
        }
        ActivityEvent::MemberContractSigned { signatures } => {
            if !group {
                return Err(refuse(
                    "group-records",
                    "only a group has a member contract".to_owned(),
                ));
            }
            if ended {
                return Err(refuse(
                    "group-records",
                    "the group has ended: members sign the contract while it runs".to_owned(),
                ));
            }
            let listed = view.history.iter().rev().find_map(|r| match r.event {
                ActivityEvent::MemberListFiled { members } => Some(members),
                _ => None,
            });
            let Some(listed) = listed else {
                return Err(refuse(
                    "group-records",
                    "the member list comes before the contract its members sign".to_owned(),
                ));
            };
            if *signatures == 0 || *signatures > listed {
                return Err(refuse(
                    "group-records",
                    format!("{signatures} signatures for {listed} listed members"),
                ));
            }
        }
        ActivityEvent::Recruited { .. } if !group || view.sessions_held() > 0 => {
            return Err(refuse(
                "group-stages",
                "recruitment belongs to a group's preparation".to_owned(),
            ))
        }
        ActivityEvent::MiddleStageBegan | ActivityEvent::MidtermEvaluated { .. } => {
            if !group {
                return Err(refuse(
                    "group-stages",
                    "only a group has a middle stage".to_owned(),
                ));
            }
            let stage = view.group_stage();
            let ok = match event {
                ActivityEvent::MiddleStageBegan => stage == Some(GroupStage::Beginning),
                _ => stage == Some(GroupStage::Middle),
            };
            if !ok {
                return Err(refuse(
                    "group-stages",
                    format!("not allowed in the {stage:?} stage"),
                ));
            }
        }
        ActivityEvent::Ended => {
            if ended {
                return Err(refuse(
                    "group-stages",
                    "the activity already ended".to_owned(),
                ));
            }
            if view.sessions_held() == 0 {
                return Err(refuse(
                    "group-stages",
                    "no session has been held".to_owned(),
                ));
            }
            if group
                && !view.has(|e| matches!(e, ActivityEvent::MidtermEvaluated { .. }))
                && view.state.plan.planned_sessions > 2
            {
                return Err(refuse(
                    "group-stages",
                    "a group of more than two sessions has its mid-term evaluation before the end"
                        .to_owned(),
                ));
            }
        }
        ActivityEvent::WrapUpSubmitted {
            feedback_summary,
            review_report,
            expense_account,
        } => {
            if !ended {
                return Err(refuse(
                    "activity-wrapup-5wd",
                    "the activity has not ended".to_owned(),
                ));
            }
            if !(*feedback_summary && *review_report && *expense_account) {
                return Err(refuse("activity-wrapup-5wd", "the wrap-up is the feedback summary, the review report and the expense account together".to_owned()));
            }
            let missing = super::group_file_missing(&state.plan, history);
            if state.rules >= 2 && !missing.is_empty() {
                let names: Vec<&str> = missing
                    .iter()
                    .map(|m| match *m {
                        "member_list" => "the member list (组员名单)",
                        _ => "the member contract signed by the members (组员契约)",
                    })
                    .collect();
                return Err(refuse(
                    "group-records",
                    format!("the group file lacks {}", names.join(" and ")),
                ));
            }
        }
        ActivityEvent::ServiceEvaluated {
            to_lead,
            to_purchaser,
        } => {
            if !ended {
                return Err(refuse(
                    "service-evaluation-10wd",
                    "the service has not ended".to_owned(),
                ));
            }
            if !(*to_lead && *to_purchaser) {
                return Err(refuse(
                    "service-evaluation-10wd",
                    "the evaluation goes to both the lead and the purchaser".to_owned(),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// What the guards read: the plan and the history so far.
struct View<'a> {
    state: &'a ActivityState,
    history: &'a [ActivityRecord],
}

impl View<'_> {
    fn has(&self, pred: impl Fn(&ActivityEvent) -> bool) -> bool {
        self.history.iter().any(|r| pred(&r.event))
    }

    fn sessions_held(&self) -> u32 {
        super::sessions_in(self.history)
    }

    fn group_stage(&self) -> Option<GroupStage> {
        super::group_stage_of(&self.state.plan, self.history)
    }

    fn last_review_returned(&self) -> bool {
        self.history.iter().rev().find_map(|r| match &r.event {
            ActivityEvent::PlanReviewed { approved, .. } => Some(!approved),
            ActivityEvent::PlanSubmitted { .. } => Some(false),
            _ => None,
        }) == Some(true)
    }

    fn reviewed_since_submission(&self) -> bool {
        self.history.iter().rev().find_map(|r| match &r.event {
            ActivityEvent::PlanReviewed { .. } => Some(true),
            ActivityEvent::PlanSubmitted { .. } => Some(false),
            _ => None,
        }) == Some(true)
    }
}

/// Checks a plan: the first event of every activity.
pub(super) fn plan(plan: &super::ActivityPlan) -> Result<(), ActivityError> {
    let bad = |field, reason: &str| ActivityError::InvalidInput {
        field,
        reason: reason.to_owned(),
    };
    if plan.id.trim().is_empty() {
        return Err(bad("id", "an activity needs an id"));
    }
    if plan.title.trim().is_empty() {
        return Err(bad("title", "an activity needs a title"));
    }
    if plan.planned_sessions == 0 {
        return Err(bad("planned_sessions", "plan at least one session"));
    }
    Ok(())
}
