//! The guards of a volunteer's events (`[volunteer-lifecycle]`, `[agreement-before-access]`,
//! `[agreement-survives-termination]`, `[agreement-breach-actions]`, `[volunteer-kinds]`),
//! one function per event, beside the aggregate they guard.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{
    AgreementRecord, Breach, BreachAction, BreachActionRecord, ConfidentialityAgreement, Party,
    VolunteerError, VolunteerEvent, VolunteerRecord, VolunteerState,
};
use crate::case::{china_date, Actor, Role};

/// What every guard knows about the event being checked.
pub(super) struct Ctx<'a> {
    pub(super) seq: u64,
    pub(super) day: NaiveDate,
    /// The moment the event happened (its `occurred_at`).
    pub(super) at: DateTime<FixedOffset>,
    /// The rules version the event is checked under: from 5, "not before" is to the minute.
    pub(super) rules: u32,
    pub(super) actor: &'a Actor,
    pub(super) event: &'a VolunteerEvent,
    pub(super) history: &'a [VolunteerRecord],
    pub(super) volunteer: &'a str,
}

impl Ctx<'_> {
    fn refuse(&self, rule: &'static str, reason: String) -> VolunteerError {
        VolunteerError::Refused {
            volunteer: self.volunteer.to_owned(),
            seq: self.seq,
            event: self.event.name(),
            rule,
            reason,
        }
    }

    /// The moment an agreement was drafted, from the history.
    fn drafted_at(&self, agreement_id: &str) -> Option<DateTime<FixedOffset>> {
        self.history.iter().find_map(|r| match &r.event {
            VolunteerEvent::AgreementDrafted { agreement } if agreement.id == agreement_id => {
                Some(r.occurred_at)
            }
            _ => None,
        })
    }

    /// Whether this event is dated before `then`: by the day under rules versions 2 to 4, to
    /// the minute from version 5 (a step may follow another on the same day, not before it).
    fn before(&self, then: DateTime<FixedOffset>) -> bool {
        if self.rules >= 5 {
            self.at < then
        } else {
            self.day < china_date(then)
        }
    }

    /// How an earlier moment is named in a refusal: its day, or from version 5 the moment.
    fn when(&self, then: DateTime<FixedOffset>) -> String {
        if self.rules >= 5 {
            then.to_rfc3339()
        } else {
            china_date(then).to_string()
        }
    }

    /// How this event's own date is named in a refusal.
    fn dated(&self) -> String {
        self.when(self.at)
    }
}

/// Who may record a volunteer event (rules version 2).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    /// The agency's staff (worker, supervisor, project lead, team lead), never the volunteer
    /// themself under a staff role.
    Staff,
    /// The volunteer themself, acting as a volunteer.
    Volunteer,
    /// Either.
    StaffOrVolunteer,
}

impl Ctx<'_> {
    /// Refuses an actor who may not record this event (rules version 2): the agency's steps
    /// (screening, training, drafting, deployment, breach actions, the agency's signature) are
    /// its staff's; the volunteer's declaration and signature are the volunteer's own.
    fn by(&self, who: Who, rule: &'static str) -> Result<(), VolunteerError> {
        let staff = matches!(
            self.actor.role,
            Role::Worker | Role::FirstLineSupervisor | Role::ProjectLead | Role::TeamLead
        ) && self.actor.id != self.volunteer;
        let own = self.actor.role == Role::Volunteer && self.actor.id == self.volunteer;
        let ok = match who {
            Who::Staff => staff,
            Who::Volunteer => own,
            Who::StaffOrVolunteer => staff || own,
        };
        if ok {
            return Ok(());
        }
        let whom = match who {
            Who::Staff => {
                "the agency's staff (worker, supervisor, project lead or team lead) other than the volunteer"
            }
            Who::Volunteer => "the volunteer themself, acting as a volunteer",
            Who::StaffOrVolunteer => "the agency's staff or the volunteer themself",
        };
        Err(self.refuse(
            rule,
            format!(
                "{} is recorded by {whom}; actor.id is another person or acts as {}",
                self.event.name(),
                self.actor.role.name()
            ),
        ))
    }

    /// The moment of the latest earlier event matching `pred`.
    fn last_at(&self, pred: impl Fn(&VolunteerEvent) -> bool) -> Option<DateTime<FixedOffset>> {
        self.history
            .iter()
            .rev()
            .find(|r| pred(&r.event))
            .map(|r| r.occurred_at)
    }

    /// Refuses an event dated before the step it follows (rules version 2; to the minute from
    /// version 5).
    fn not_before(
        &self,
        follows: Option<DateTime<FixedOffset>>,
        what: &str,
        rule: &'static str,
    ) -> Result<(), VolunteerError> {
        match follows {
            Some(then) if self.before(then) => Err(self.refuse(
                rule,
                format!(
                    "dated {}, before {what} on {}",
                    self.dated(),
                    self.when(then)
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Refuses an empty identifier or one with surrounding whitespace (rules version 2): ids are
/// compared exactly.
fn identifier(field: &'static str, value: &str) -> Result<(), VolunteerError> {
    if value.trim().is_empty() || value.trim() != value {
        return Err(invalid(
            field,
            format!("{field} must be a non-empty id without surrounding whitespace"),
        ));
    }
    Ok(())
}

fn invalid(field: &'static str, reason: impl Into<String>) -> VolunteerError {
    VolunteerError::InvalidInput {
        field,
        reason: reason.into(),
    }
}

/// Checks event `seq` against the state and the history before it and applies it to `v`.
pub(super) fn step(
    v: &mut VolunteerState,
    history: &[VolunteerRecord],
    seq: u64,
    new: &VolunteerRecord,
) -> Result<(), VolunteerError> {
    let id = v.id.clone();
    let c = Ctx {
        seq,
        day: china_date(new.occurred_at),
        at: new.occurred_at,
        rules: v.rules,
        actor: &new.actor,
        event: &new.event,
        history,
        volunteer: &id,
    };
    if let Some(reason) = crate::history::time_order(history, new, v.rules) {
        return Err(VolunteerError::OutOfOrder {
            volunteer: id.clone(),
            seq,
            reason,
        });
    }
    if v.ended
        && !matches!(
            new.event,
            VolunteerEvent::BreachRecorded { .. } | VolunteerEvent::BreachActionTaken { .. }
        )
    {
        return Err(c.refuse("volunteer-lifecycle", "the volunteer has left".to_owned()));
    }
    if v.rules >= 2 {
        who_and_when(&c, &new.event)?;
    }
    match &new.event {
        VolunteerEvent::Registered { .. } => Err(c.refuse(
            "volunteer-lifecycle",
            "a volunteer registers once".to_owned(),
        )),
        VolunteerEvent::Screened { passed, .. } => screened(v, &c, *passed),
        VolunteerEvent::Trained { course, .. } => trained(v, &c, course),
        VolunteerEvent::AgreementDrafted { agreement } => drafted(v, &c, agreement),
        VolunteerEvent::AgreementSigned {
            agreement_id,
            party,
        } => signed(v, &c, agreement_id, *party),
        VolunteerEvent::AgreementTerminated {
            agreement_id,
            reason,
        } => terminated(v, &c, agreement_id, reason),
        VolunteerEvent::Deployed { group_id } => deployed(v, &c, group_id),
        VolunteerEvent::Undeployed { group_id, .. } => {
            if !v.deployments.remove(group_id) {
                return Err(c.refuse("volunteer-lifecycle", format!("not deployed to {group_id}")));
            }
            Ok(())
        }
        VolunteerEvent::BreachRecorded {
            breach_id,
            agreement_id,
            description,
        } => breach(v, &c, breach_id, agreement_id, description),
        VolunteerEvent::BreachActionTaken {
            breach_id,
            action,
            group_id,
            note,
        } => breach_action(v, &c, breach_id, *action, group_id.as_deref(), note),
        VolunteerEvent::AcquaintanceDeclared { client_id } => {
            v.acquaintances.insert(client_id.clone());
            Ok(())
        }
        VolunteerEvent::Commended { .. } => {
            v.commendations = v.commendations.saturating_add(1);
            Ok(())
        }
        VolunteerEvent::Ended { .. } => {
            v.ended = true;
            v.deployments.clear();
            Ok(())
        }
    }
}

/// Rules version 2: who may record each event, its identifiers given exactly, and its date
/// not before the step it follows (a late entry is recorded after later events, but is not
/// dated before what it depends on).
fn who_and_when(c: &Ctx<'_>, event: &VolunteerEvent) -> Result<(), VolunteerError> {
    const LIFE: &str = "volunteer-lifecycle";
    const ACCESS: &str = "agreement-before-access";
    const BREACH: &str = "agreement-breach-actions";
    // Rules version 5: deployments change in the order they happen. A deployment entered
    // late, dated before a withdrawal or a removal already recorded, would otherwise come back
    // after it ([access-while-serving]).
    if c.rules >= 5 && changes_deployment(event) {
        c.not_before(
            c.last_at(changes_deployment),
            "the last change of deployment",
            LIFE,
        )?;
    }
    match event {
        VolunteerEvent::Registered { .. } => Ok(()),
        VolunteerEvent::Screened { .. } => c.by(Who::Staff, LIFE),
        VolunteerEvent::Trained { .. } => {
            c.by(Who::Staff, LIFE)?;
            let screened = c.last_at(|e| matches!(e, VolunteerEvent::Screened { .. }));
            c.not_before(screened, "the screening (资格审核)", LIFE)
        }
        VolunteerEvent::AgreementDrafted { agreement } => {
            c.by(Who::Staff, ACCESS)?;
            identifier("agreement.id", &agreement.id)
        }
        VolunteerEvent::AgreementSigned { party, .. } => {
            let who = match party {
                Party::Agency => Who::Staff,
                Party::Volunteer => Who::Volunteer,
            };
            c.by(who, ACCESS)?;
            let trained = c.last_at(|e| matches!(e, VolunteerEvent::Trained { .. }));
            c.not_before(trained, "pre-service training (岗前培训)", LIFE)
        }
        VolunteerEvent::AgreementTerminated { .. } => {
            c.by(Who::Staff, "agreement-survives-termination")
        }
        VolunteerEvent::Deployed { group_id } => {
            c.by(Who::Staff, LIFE)?;
            identifier("group_id", group_id)?;
            let trained = c.last_at(|e| matches!(e, VolunteerEvent::Trained { .. }));
            c.not_before(trained, "pre-service training (岗前培训)", LIFE)
        }
        VolunteerEvent::Undeployed { group_id, .. } => {
            c.by(Who::Staff, LIFE)?;
            let deployed = c.last_at(
                |e| matches!(e, VolunteerEvent::Deployed { group_id: g } if g == group_id),
            );
            c.not_before(deployed, "the deployment to that group", LIFE)
        }
        VolunteerEvent::BreachRecorded { breach_id, .. } => {
            c.by(Who::Staff, BREACH)?;
            identifier("breach_id", breach_id)
        }
        VolunteerEvent::BreachActionTaken { .. } => c.by(Who::Staff, BREACH),
        VolunteerEvent::AcquaintanceDeclared { client_id } => {
            c.by(Who::Volunteer, "acquaintance-avoidance")?;
            identifier("client_id", client_id)
        }
        VolunteerEvent::Commended { .. } => c.by(Who::Staff, LIFE),
        VolunteerEvent::Ended { .. } => c.by(Who::StaffOrVolunteer, LIFE),
    }
}

/// Whether an event changes the groups a volunteer is deployed to.
fn changes_deployment(e: &VolunteerEvent) -> bool {
    matches!(
        e,
        VolunteerEvent::Deployed { .. }
            | VolunteerEvent::Undeployed { .. }
            | VolunteerEvent::Ended { .. }
            | VolunteerEvent::BreachActionTaken {
                action: BreachAction::RemoveFromGroup,
                ..
            }
    )
}

/// Rules version 2: a registration is recorded by the agency's staff or by the volunteer
/// themself (a volunteer's own form), never by anyone else.
pub(super) fn registered_by(id: &str, first: &VolunteerRecord) -> Result<(), VolunteerError> {
    let c = Ctx {
        seq: 1,
        day: china_date(first.occurred_at),
        at: first.occurred_at,
        rules: crate::history::RULES_VERSION,
        actor: &first.actor,
        event: &first.event,
        history: &[],
        volunteer: id,
    };
    c.by(Who::StaffOrVolunteer, "volunteer-lifecycle")
}

/// Checks the registration form: the first event of every volunteer.
pub(super) fn registration(
    id: &str,
    registration: &super::VolunteerRegistration,
) -> Result<(), VolunteerError> {
    if id.trim().is_empty() {
        return Err(invalid("volunteer_id", "a volunteer needs an id"));
    }
    if registration.name.trim().is_empty() {
        return Err(invalid(
            "name",
            "the form needs a name [volunteer-registration-fields]",
        ));
    }
    if registration.positions.is_empty() {
        return Err(invalid(
            "positions",
            "tick at least one position [volunteer-kinds]",
        ));
    }
    if registration
        .positions
        .contains(&super::VolunteerKind::Other)
        && registration
            .position_other
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        return Err(invalid(
            "position_other",
            "spell out the \"other\" position [volunteer-kinds]",
        ));
    }
    Ok(())
}

/// `[volunteer-lifecycle]`, `[volunteer-kinds]`: screened once; a professional volunteer
/// passes only with a proven qualification.
fn screened(v: &mut VolunteerState, c: &Ctx<'_>, passed: bool) -> Result<(), VolunteerError> {
    if v.screened.is_some() {
        return Err(c.refuse("volunteer-lifecycle", "already screened".to_owned()));
    }
    let professional: Vec<&str> = v
        .registration
        .positions
        .iter()
        .filter(|k| k.is_professional())
        .map(|k| k.zh())
        .collect();
    let proven = v
        .registration
        .qualifications
        .iter()
        .any(|q| !q.proof.trim().is_empty());
    if passed && !professional.is_empty() && !proven {
        return Err(c.refuse(
            "volunteer-kinds",
            format!(
                "{} must show a qualification with proof to pass screening",
                professional.join("、")
            ),
        ));
    }
    v.screened = Some(passed);
    Ok(())
}

/// `[volunteer-lifecycle]`: training follows a passed screening.
fn trained(v: &mut VolunteerState, c: &Ctx<'_>, course: &str) -> Result<(), VolunteerError> {
    if v.screened != Some(true) {
        return Err(c.refuse(
            "volunteer-lifecycle",
            "training follows a passed screening (资格审核)".to_owned(),
        ));
    }
    if course.trim().is_empty() {
        return Err(invalid("course", "name the course"));
    }
    v.trained = true;
    Ok(())
}

/// `[agreement-before-access]`: an agreement names the volunteer, the agency and a scope.
fn drafted(
    v: &mut VolunteerState,
    c: &Ctx<'_>,
    agreement: &ConfidentialityAgreement,
) -> Result<(), VolunteerError> {
    if agreement.id.trim().is_empty() || v.agreement(&agreement.id).is_some() {
        return Err(invalid(
            "agreement.id",
            format!("agreement id {:?} is empty or taken", agreement.id),
        ));
    }
    if agreement.volunteer_id_number != v.registration.id_number {
        return Err(c.refuse(
            "agreement-before-access",
            "the agreement's ID number is not the volunteer's".to_owned(),
        ));
    }
    if agreement.agency.trim().is_empty() || agreement.scope.is_empty() {
        return Err(invalid("agreement", "name the agency (甲方) and the scope"));
    }
    v.agreements.push(AgreementRecord {
        agreement: agreement.clone(),
        agency_signed_on: None,
        volunteer_signed_on: None,
        terminated: None,
        breaches: Vec::new(),
    });
    Ok(())
}

/// `[volunteer-lifecycle]`, `[agreement-before-access]`: each party signs once, after
/// training; from rules version 2, not before the agreement was drafted.
fn signed(
    v: &mut VolunteerState,
    c: &Ctx<'_>,
    agreement_id: &str,
    party: Party,
) -> Result<(), VolunteerError> {
    if !v.trained {
        return Err(c.refuse(
            "volunteer-lifecycle",
            "the agreement is signed after pre-service training (岗前培训)".to_owned(),
        ));
    }
    let rules = v.rules;
    let drafted_at = c.drafted_at(agreement_id);
    let Some(a) = v.agreement_mut(agreement_id) else {
        return Err(c.refuse(
            "agreement-before-access",
            format!("no agreement {agreement_id:?}"),
        ));
    };
    if a.terminated.is_some() {
        return Err(c.refuse(
            "agreement-survives-termination",
            "the agreement was terminated".to_owned(),
        ));
    }
    if rules >= 2 && drafted_at.is_some_and(|d| c.before(d)) {
        return Err(c.refuse(
            "agreement-before-access",
            format!("signed on {} before the agreement was drafted", c.dated()),
        ));
    }
    let slot = match party {
        Party::Agency => &mut a.agency_signed_on,
        Party::Volunteer => &mut a.volunteer_signed_on,
    };
    if slot.is_some() {
        return Err(c.refuse(
            "agreement-before-access",
            format!("{} already signed", party.zh()),
        ));
    }
    *slot = Some(c.day);
    Ok(())
}

/// `[agreement-survives-termination]`: terminated once; from rules version 2, not before it
/// was drafted.
fn terminated(
    v: &mut VolunteerState,
    c: &Ctx<'_>,
    agreement_id: &str,
    reason: &str,
) -> Result<(), VolunteerError> {
    let rules = v.rules;
    let drafted_at = c.drafted_at(agreement_id);
    let Some(a) = v.agreement_mut(agreement_id) else {
        return Err(c.refuse(
            "agreement-survives-termination",
            format!("no agreement {agreement_id:?}"),
        ));
    };
    if a.terminated.is_some() {
        return Err(c.refuse(
            "agreement-survives-termination",
            "already terminated".to_owned(),
        ));
    }
    if rules >= 2 && drafted_at.is_some_and(|d| c.before(d)) {
        return Err(c.refuse(
            "agreement-survives-termination",
            format!(
                "terminated on {} before the agreement was drafted",
                c.dated()
            ),
        ));
    }
    a.terminated = Some((c.day, reason.to_owned()));
    Ok(())
}

/// `[volunteer-lifecycle]`: deployed after training, under an agreement in force that day.
fn deployed(v: &mut VolunteerState, c: &Ctx<'_>, group_id: &str) -> Result<(), VolunteerError> {
    if !v.trained {
        return Err(c.refuse(
            "volunteer-lifecycle",
            "a volunteer is deployed after pre-service training (岗前培训)".to_owned(),
        ));
    }
    // Rules version 5: in force at the moment of the deployment, not only by the end of its
    // day: a deployment at 09:00 does not rest on a signature recorded at 15:00, and one at
    // 10:00 still rests on an agreement terminated at 17:00.
    if v.rules >= 5 {
        if !in_force_at(v, c) {
            return Err(c.refuse(
                "volunteer-lifecycle",
                format!(
                    "no confidentiality agreement signed by both parties is in force at {}",
                    c.at.to_rfc3339()
                ),
            ));
        }
    } else if v.agreement_in_force_on(c.day).is_none() {
        return Err(c.refuse(
            "volunteer-lifecycle",
            format!("no confidentiality agreement is in force on {}", c.day),
        ));
    }
    if !v.deployments.insert(group_id.to_owned()) {
        return Err(c.refuse(
            "volunteer-lifecycle",
            format!("already deployed to {group_id}"),
        ));
    }
    Ok(())
}

/// Whether an agreement was in force at the event's moment, read from the history's instants
/// (rules version 5): drafted, signed by both parties and not terminated by then, and effective
/// by that day: the same reading as `Volunteer::agreement_status_of_at`.
fn in_force_at(v: &VolunteerState, c: &Ctx<'_>) -> bool {
    v.agreements.iter().any(|a| {
        matches!(
            super::status_at(a, c.history, c.at),
            crate::volunteer::AgreementStatus::InForce { .. }
        )
    })
}

/// `[agreement-breach-actions]`: a breach of an agreement both parties signed; from rules
/// version 2, not dated before the duty began (the later signature).
fn breach(
    v: &mut VolunteerState,
    c: &Ctx<'_>,
    breach_id: &str,
    agreement_id: &str,
    description: &str,
) -> Result<(), VolunteerError> {
    if v.agreements
        .iter()
        .flat_map(|a| &a.breaches)
        .any(|b| b.id == breach_id)
    {
        return Err(invalid("breach_id", format!("breach {breach_id:?} exists")));
    }
    let rules = v.rules;
    let Some(a) = v.agreement_mut(agreement_id) else {
        return Err(c.refuse(
            "agreement-breach-actions",
            format!("no agreement {agreement_id:?}"),
        ));
    };
    if !a.duty_of_confidentiality() {
        return Err(c.refuse(
            "agreement-breach-actions",
            "the agreement was never signed by both parties: no duty to breach".to_owned(),
        ));
    }
    if rules >= 6 {
        // The duty begins at the moment of the later signature, not at the start of its day.
        let signatures: Vec<DateTime<FixedOffset>> = c
            .history
            .iter()
            .filter(|r| {
                matches!(&r.event, VolunteerEvent::AgreementSigned { agreement_id: id, .. }
                    if id == agreement_id)
            })
            .map(|r| r.occurred_at)
            .collect();
        dated_after(
            c,
            "a breach",
            "the agreement's second signature",
            signatures.into_iter().max(),
        )?;
    }
    if rules >= 2 {
        if let Some(signed) = a.signed_on() {
            if c.day < signed {
                return Err(c.refuse(
                    "agreement-breach-actions",
                    format!(
                        "a breach on {} is dated before the agreement was signed on {signed}",
                        c.day
                    ),
                ));
            }
        }
    }
    let after_termination = a.terminated.as_ref().is_some_and(|(on, _)| *on <= c.day);
    a.breaches.push(Breach {
        id: breach_id.to_owned(),
        description: description.to_owned(),
        on: c.day,
        after_termination,
        actions: Vec::new(),
    });
    Ok(())
}

/// `[agreement-breach-actions]`: an action on a recorded breach; removal from a group ends
/// that deployment. From rules version 2, not dated before the breach.
fn breach_action(
    v: &mut VolunteerState,
    c: &Ctx<'_>,
    breach_id: &str,
    action: BreachAction,
    group_id: Option<&str>,
    note: &str,
) -> Result<(), VolunteerError> {
    let rules = v.rules;
    let Some(b) = v
        .agreements
        .iter_mut()
        .flat_map(|a| a.breaches.iter_mut())
        .find(|b| b.id == breach_id)
    else {
        if action == BreachAction::RemoveFromGroup && group_id.is_none() {
            return Err(missing_group());
        }
        return Err(c.refuse(
            "agreement-breach-actions",
            format!("no breach {breach_id:?}"),
        ));
    };
    // Rules version 6: to the minute, against the moment the breach was recorded as happening.
    if rules >= 6 {
        let breach_at = c.history.iter().find_map(|r| match &r.event {
            VolunteerEvent::BreachRecorded { breach_id: id, .. } if id == breach_id => {
                Some(r.occurred_at)
            }
            _ => None,
        });
        dated_after(c, "an action", "the breach", breach_at)?;
    }
    if rules >= 2 && c.day < b.on {
        return Err(c.refuse(
            "agreement-breach-actions",
            format!(
                "an action on {} is dated before the breach on {}",
                c.day, b.on
            ),
        ));
    }
    b.actions.push(BreachActionRecord {
        action,
        by: c.actor.id.clone(),
        on: c.day,
        group_id: group_id.map(str::to_owned),
        note: note.to_owned(),
    });
    if action == BreachAction::RemoveFromGroup {
        let Some(g) = group_id else {
            return Err(missing_group());
        };
        // Removal ends the deployment to that group.
        v.deployments.remove(g);
    }
    Ok(())
}

/// `[agreement-breach-actions]` (rules version 6): `what` is not dated before the moment
/// `then` of `earlier`, to the minute.
fn dated_after(
    c: &Ctx<'_>,
    what: &str,
    earlier: &str,
    then: Option<DateTime<FixedOffset>>,
) -> Result<(), VolunteerError> {
    match then {
        Some(then) if c.at < then => Err(c.refuse(
            "agreement-breach-actions",
            format!(
                "{what} at {} is dated before {earlier} at {}",
                c.at.to_rfc3339(),
                then.to_rfc3339()
            ),
        )),
        _ => Ok(()),
    }
}

fn missing_group() -> VolunteerError {
    invalid(
        "group_id",
        "name the group the volunteer is removed from [agreement-breach-actions]",
    )
}
