//! The guards of closing, termination, referral out, follow-up, reopening and case
//! management: the second half of [`CaseState::step`].

use chrono::Months;

use super::error::CaseError;
use super::event::{ClosingType, EventKind, Referral, SubPlanStatus, TerminationGround};
use super::guards::{decide, Approver, Guard, ACTIVE, NOT_ENDED, OPEN};
use super::state::{
    CaseState, Closing, ClosingReason, ReferralRecord, SubPlanState, Submission, Warning,
};
use super::types::{china_date, Role, Stage};

impl CaseState {
    /// Checks and applies the closing-side events (see [`CaseState::step`]).
    pub(super) fn step_closing(
        &mut self,
        g: &Guard<'_>,
        seq: u64,
    ) -> Result<Vec<Warning>, CaseError> {
        let mut warnings = Vec::new();
        let new = g.new;
        let at = new.occurred_at;
        let v2 = self.since_v2();
        match &new.event {
            EventKind::ClientEvaluationReceived { summary } => {
                g.stage_in(&[Stage::Evaluating], "close-client-evaluation")?;
                g.required("summary", summary, "close-client-evaluation")?;
                if v2 {
                    self.warn_without_notice(seq, &mut warnings);
                }
                self.begin_closing(
                    ClosingReason::Type {
                        closing_type: ClosingType::GoalAchieved,
                    },
                    at,
                );
            }
            EventKind::ClosingProposed {
                closing_type,
                reasons,
            } => {
                if *closing_type == ClosingType::GoalAchieved {
                    return Err(g.refuse(
                        "close-client-evaluation",
                        "closing for goal achieved starts with the client's evaluation form (client_evaluation_received)",
                    ));
                }
                g.stage_in(OPEN, "close-types")?;
                g.required("reasons", reasons, "close-types")?;
                if v2 && *closing_type == ClosingType::GoalUnattainable {
                    self.warn_without_notice(seq, &mut warnings);
                }
                self.begin_closing(
                    ClosingReason::Type {
                        closing_type: *closing_type,
                    },
                    at,
                );
            }
            EventKind::Withdrawn { reason } => {
                if v2 {
                    // At any stage, closing included: the closing goes on for the withdrawal.
                    g.stage_in(
                        &[NOT_ENDED, &[Stage::Closing]].concat(),
                        "withdraw-any-stage",
                    )?;
                } else {
                    g.stage_in(NOT_ENDED, "withdraw-any-stage")?;
                }
                g.required("reason", reason, "withdraw-any-stage")?;
                let reason = ClosingReason::Withdrawn {
                    reason: reason.clone(),
                };
                if self.stage == Stage::Closing {
                    if let Some(closing) = self.closing.as_mut() {
                        closing.reason = reason;
                    }
                } else if self.reached.contains(&Stage::Opened) {
                    self.begin_closing(reason, at);
                } else {
                    // Never opened: nothing to report on, the case simply ends.
                    self.closing = Some(Closing {
                        reason,
                        started_at: at,
                        report: None,
                    });
                    self.closed_at = Some(at);
                    self.enter(Stage::Closed);
                }
            }
            EventKind::Terminated {
                ground,
                summary,
                referral,
            } => {
                let missing_or_dead =
                    matches!(ground, TerminationGround::Missing | TerminationGround::Died);
                if v2 && missing_or_dead {
                    // A death or a disappearance can be recorded whenever it happens, before
                    // intake too ([terminate-missing-dead]).
                    g.stage_in(NOT_ENDED, "terminate-missing-dead")?;
                } else {
                    g.stage_in(ACTIVE, "terminate-report")?;
                }
                g.required("summary", summary, "terminate-report")?;
                match ground {
                    TerminationGround::DangerToOthers => {
                        let earlier = self.referrals_out.iter().any(|r| r.referral.mandatory);
                        match referral {
                            Some(r) => {
                                if !r.mandatory || !r.receiver_is_department {
                                    return Err(g.refuse(
                                        "terminate-danger-refer",
                                        "a client who endangers others is referred, as a mandatory referral, to the relevant department",
                                    ));
                                }
                                self.refer(g, r, seq, true)?;
                            }
                            None if earlier => {}
                            None => {
                                return Err(g.refuse(
                                    "terminate-danger-refer",
                                    "a client who endangers others must be referred to the relevant department",
                                ))
                            }
                        }
                    }
                    TerminationGround::NoContact => {
                        let last = china_date(self.last_contact_at);
                        let due = last.checked_add_months(Months::new(3)).unwrap_or(last);
                        let today = china_date(at);
                        if today < due {
                            return Err(g.refuse(
                                "terminate-no-contact-3m",
                                format!(
                                    "the last contact was on {last}; three months without contact end on {due}"
                                ),
                            ));
                        }
                    }
                    TerminationGround::Missing | TerminationGround::Died => {}
                }
                if referral.is_some() && *ground != TerminationGround::DangerToOthers {
                    return Err(g.invalid(
                        "referral",
                        "only a termination for danger to others carries a referral; record others as referred_out".to_owned(),
                    ));
                }
                let reason = ClosingReason::Terminated { ground: *ground };
                if v2
                    && !self.reached.contains(&Stage::Opened)
                    && !self.reached.contains(&Stage::Intake)
                {
                    // Never taken on: nothing to report on, the case simply ends.
                    self.closing = Some(Closing {
                        reason,
                        started_at: at,
                        report: None,
                    });
                    self.closed_at = Some(at);
                    self.enter(Stage::Closed);
                } else {
                    self.begin_closing(reason, at);
                }
            }
            EventKind::ReferredOut { referral } => {
                g.stage_in(&[ACTIVE, &[Stage::Closing]].concat(), "refer-out-consent")?;
                // The danger ground is on record when the case is closing by termination for
                // danger to others ([terminate-danger-refer]).
                let danger = self.closing.as_ref().is_some_and(|c| {
                    c.reason
                        == ClosingReason::Terminated {
                            ground: TerminationGround::DangerToOthers,
                        }
                });
                self.refer(g, referral, seq, danger)?;
                if referral.ends_service && self.stage != Stage::Closing {
                    self.begin_closing(
                        ClosingReason::ReferredOut {
                            receiver: referral.receiver.clone(),
                        },
                        at,
                    );
                }
            }
            EventKind::ClosingReportSubmitted { to, summary } => {
                g.stage_in(&[Stage::Closing], "close-report-3wd")?;
                g.required("summary", summary, "close-report-3wd")?;
                let Some(closing) = self.closing.as_mut() else {
                    return Err(g.refuse("close-report-3wd", "the case is not closing"));
                };
                if v2 {
                    g.not_before(
                        Some(closing.started_at),
                        "the closing it reports on",
                        "close-report-3wd",
                    )?;
                }
                if closing
                    .report
                    .as_ref()
                    .is_some_and(|r| r.decision.as_ref().is_none_or(|d| d.decision.is_approved()))
                {
                    return Err(
                        g.refuse("close-report-3wd", "the closing report awaits its decision")
                    );
                }
                let terminated = matches!(closing.reason, ClosingReason::Terminated { .. });
                if terminated && *to != Role::ProjectLead {
                    return Err(g.refuse(
                        "terminate-report",
                        "after termination the closing report goes to the project lead or supervisor assistant",
                    ));
                }
                if !to.is_supervisory() {
                    return Err(g.refuse(
                        "close-report-3wd",
                        format!(
                            "the closing report goes to a supervisor, not to the {}",
                            to.zh()
                        ),
                    ));
                }
                closing.report = Some(Submission {
                    submitted_by: new.actor.id.clone(),
                    submitted_at: at,
                    submitted_to: to.name().to_owned(),
                    decision: None,
                });
            }
            EventKind::ClosingDecided { decision } => {
                g.stage_in(&[Stage::Closing], "close-report-3wd")?;
                let Some(sub) = self
                    .closing
                    .as_mut()
                    .and_then(|c| c.report.as_mut())
                    .filter(|r| r.decision.is_none())
                else {
                    return Err(g.refuse("close-report-3wd", "no closing report awaits a decision"));
                };
                let strict = v2.then_some((Approver::Role, &self.acted_as_worker));
                decide(g, sub, decision, "close-report-3wd", strict)?;
                if decision.is_approved() {
                    self.closed_at = Some(at);
                    self.enter(Stage::Closed);
                }
            }
            EventKind::FollowedUp { summary, .. } => {
                g.stage_in(&[Stage::Closed, Stage::FollowUp], "followup-after-close")?;
                g.required("summary", summary, "followup-after-close")?;
                self.follow_ups = self.follow_ups.saturating_add(1);
                self.enter(Stage::FollowUp);
            }
            EventKind::Reopened { reason } => {
                g.stage_in(&[Stage::Closed, Stage::FollowUp], "open-consent")?;
                g.required("reason", reason, "")?;
                if self.consents.live_service().is_none() {
                    return Err(
                        g.refuse("open-consent", "no live informed consent to reopen under")
                    );
                }
                self.reopened = self.reopened.saturating_add(1);
                self.closing = None;
                self.closed_at = None;
                self.open(new);
            }
            EventKind::SubPlanAdded { sub_plan } => {
                g.stage_in(
                    &[
                        Stage::Opened,
                        Stage::Planned,
                        Stage::Intervening,
                        Stage::Evaluating,
                    ],
                    "case-mgmt-subplans",
                )?;
                g.required("sub_plan.id", &sub_plan.id, "case-mgmt-subplans")?;
                g.required("sub_plan.title", &sub_plan.title, "case-mgmt-subplans")?;
                g.required(
                    "sub_plan.provider.agency",
                    &sub_plan.provider.agency,
                    "case-mgmt-subplans",
                )?;
                g.required(
                    "sub_plan.provider.person",
                    &sub_plan.provider.person,
                    "case-mgmt-subplans",
                )?;
                g.required(
                    "sub_plan.provider.contact",
                    &sub_plan.provider.contact,
                    "case-mgmt-subplans",
                )?;
                if self.sub_plans.iter().any(|s| s.sub_plan.id == sub_plan.id) {
                    return Err(g.invalid(
                        "sub_plan.id",
                        format!(
                            "a sub-plan with id {:?} already exists [case-mgmt-subplans]",
                            sub_plan.id
                        ),
                    ));
                }
                self.sub_plans.push(SubPlanState {
                    sub_plan: sub_plan.clone(),
                    status: SubPlanStatus::Planned,
                });
            }
            EventKind::SubPlanUpdated { id, status, .. } => {
                g.stage_in(
                    &[
                        Stage::Opened,
                        Stage::Planned,
                        Stage::Intervening,
                        Stage::Evaluating,
                        Stage::Closing,
                    ],
                    "case-mgmt-subplans",
                )?;
                let Some(sp) = self.sub_plans.iter_mut().find(|s| s.sub_plan.id == *id) else {
                    return Err(g.invalid(
                        "id",
                        format!("no sub-plan with id {id:?} [case-mgmt-subplans]"),
                    ));
                };
                let ok = matches!(
                    (sp.status, status),
                    (
                        SubPlanStatus::Planned,
                        SubPlanStatus::Active | SubPlanStatus::Cancelled
                    ) | (
                        SubPlanStatus::Active,
                        SubPlanStatus::Completed | SubPlanStatus::Cancelled
                    )
                );
                if !ok {
                    return Err(g.refuse(
                        "case-mgmt-subplans",
                        format!(
                            "sub-plan {id:?} cannot go from {:?} to {status:?}",
                            sp.status
                        ),
                    ));
                }
                sp.status = *status;
            }
            _ => {}
        }
        Ok(warnings)
    }

    /// A planned closing without the closing date announced in advance gets a warning
    /// (`[close-advance-notice]`: the source gives advice, so it is not refused).
    fn warn_without_notice(&self, seq: u64, warnings: &mut Vec<Warning>) {
        if self.closing_announced.is_none() {
            warnings.push(Warning {
                seq,
                rule: "close-advance-notice".to_owned(),
                message: "a planned closing without the closing date told to the client in advance (002 第二十六条(三))".to_owned(),
            });
        }
    }

    fn begin_closing(&mut self, reason: ClosingReason, at: chrono::DateTime<chrono::FixedOffset>) {
        self.closing = Some(Closing {
            reason,
            started_at: at,
            report: None,
        });
        self.enter(Stage::Closing);
    }

    /// Records a referral out; `danger` says whether the danger to others that alone allows a
    /// mandatory referral is on record.
    fn refer(
        &mut self,
        g: &Guard<'_>,
        r: &Referral,
        seq: u64,
        danger: bool,
    ) -> Result<(), CaseError> {
        g.required("referral.receiver", &r.receiver, "refer-out-consent")?;
        g.required("referral.needs", &r.needs, "refer-out-consent")?;
        if r.mandatory && !danger && self.since_v2() {
            return Err(g.refuse(
                "terminate-danger-refer",
                "a mandatory referral without the client's consent is made only for a client who endangers others: terminate on that ground with the referral",
            ));
        }
        if !r.mandatory && self.since_v2() {
            let given = self.consents.live_referral(&r.receiver).map(|c| c.given_at);
            if given.is_some_and(|t| t > g.new.occurred_at) {
                return Err(g.refuse(
                    "refer-out-consent",
                    "the referral is dated before the client's consent to it",
                ));
            }
        }
        if r.mandatory {
            if !r.receiver_is_department {
                return Err(g.refuse(
                    "terminate-danger-refer",
                    "a mandatory referral without the client's consent goes to a relevant department",
                ));
            }
        } else {
            if self.consents.live_referral(&r.receiver).is_none() {
                return Err(g.refuse(
                    "refer-out-consent",
                    format!(
                        "no live consent of the client to a referral to {:?}",
                        r.receiver
                    ),
                ));
            }
            if r.receiver_agreed_by
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
            {
                return Err(g.refuse(
                    "refer-out-consent",
                    format!(
                        "the receiving party {:?} has not agreed to take the referral",
                        r.receiver
                    ),
                ));
            }
        }
        self.referrals_out.push(ReferralRecord {
            seq,
            at: g.new.occurred_at,
            referral: r.clone(),
        });
        Ok(())
    }
}
