//! The guards of an activity's events (`[group-stages]` and the activity time limits),
//! beside the aggregate they guard.

use super::{
    ActivityError, ActivityEvent, ActivityKind, ActivityRecord, ActivityState, GroupStage,
};
use crate::history::NewEvent;

/// Checks event `seq` against the plan and the history before it.
pub(super) fn check(
    state: &ActivityState,
    history: &[ActivityRecord],
    seq: u64,
    new: &NewEvent<ActivityEvent>,
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
