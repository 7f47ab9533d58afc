//! A volunteer's access is decided for a moment (`[access-while-serving]`,
//! `[agreement-before-access]`), and from rules version 5 a deployment rests on an agreement
//! both parties had signed by the moment of the deployment (`[volunteer-lifecycle]`).
//!
//! The day below: the volunteer signs at 09:00, the agency at 15:00, the volunteer is deployed
//! at 16:00 on 2026-03-04; the deployment is withdrawn at 10:00 on 2026-03-20.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::records::sample_json;
use common::volunteer::actor_for;
use common::{t, worker};
use shegong::access::{Access, AgreementState, Outcome, Purpose, SubjectFacts, Viewer};
use shegong::assessment::RecordKind;
use shegong::history::{NewEvent, GENESIS_HASH, RULES_VERSION};
use shegong::volunteer::*;

fn registration() -> VolunteerRegistration {
    let mut json = sample_json(RecordKind::VolunteerRegistration);
    json.as_object_mut().unwrap().remove("kind");
    json["positions"] = serde_json::json!(["medical", "general"]);
    serde_json::from_value(json).unwrap()
}

fn agreement() -> Box<ConfidentialityAgreement> {
    Box::new(ConfidentialityAgreement {
        id: "A1".into(),
        agency: "某社工服务中心".into(),
        agency_phone: None,
        volunteer_name: "刘医生".into(),
        volunteer_id_number: "11010519491231002X".parse().unwrap(),
        volunteer_phone: "13800131234".parse().unwrap(),
        scope: ConfidentialScope::ALL.to_vec(),
        effective_from: "2026-03-04".parse().unwrap(),
    })
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    t(&format!("{s}+08:00"))
}

fn new(v: &Volunteer, when: &str, e: VolunteerEvent) -> NewEvent<VolunteerEvent> {
    NewEvent::at(at(when), actor_for(v.id(), &e), e)
}

fn rec(v: &mut Volunteer, when: &str, e: VolunteerEvent) {
    let e = new(v, when, e);
    v.apply(e).unwrap();
}

fn signed(party: Party) -> VolunteerEvent {
    VolunteerEvent::AgreementSigned {
        agreement_id: "A1".into(),
        party,
    }
}

fn deploy() -> VolunteerEvent {
    VolunteerEvent::Deployed {
        group_id: "G-focus".into(),
    }
}

/// Registered on 03-01, screened on 03-02 and trained at `when`.
fn trained_at(when: &str) -> Volunteer {
    trained_as("v-1", when)
}

fn trained_as(id: &str, when: &str) -> Volunteer {
    let mut v = Volunteer::start(NewEvent::at(
        at("2026-03-01T09:00:00"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: id.into(),
            registration: Box::new(registration()),
        },
    ))
    .unwrap();
    let screened = VolunteerEvent::Screened {
        passed: true,
        note: "资质齐全".into(),
    };
    rec(&mut v, "2026-03-02T09:00:00", screened);
    let trained = VolunteerEvent::Trained {
        course: "岗前培训".into(),
        hours: 3,
    };
    rec(&mut v, when, trained);
    v
}

/// Trained on 03-03, the agreement drafted that day; the volunteer signs at 09:00 on 03-04 and
/// the agency at 15:00.
fn signed_at_three() -> Volunteer {
    let mut v = trained_at("2026-03-03T09:00:00");
    let drafted = VolunteerEvent::AgreementDrafted {
        agreement: agreement(),
    };
    rec(&mut v, "2026-03-03T10:00:00", drafted);
    rec(&mut v, "2026-03-04T09:00:00", signed(Party::Volunteer));
    rec(&mut v, "2026-03-04T15:00:00", signed(Party::Agency));
    v
}

/// [`signed_at_three`], deployed at 16:00 and withdrawn at 10:00 on 03-20.
fn deployed_at_four() -> Volunteer {
    let mut v = signed_at_three();
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    let withdrawn = VolunteerEvent::Undeployed {
        group_id: "G-focus".into(),
        reason: "服务结束".into(),
    };
    rec(&mut v, "2026-03-20T10:00:00", withdrawn);
    v
}

fn subject() -> SubjectFacts {
    SubjectFacts {
        id: "c-1".into(),
        groups: vec!["G-focus".into()],
        minor_under_14: false,
        specific_identity: false,
    }
}

/// The decision on a service record's client name for the volunteer at `when`.
fn name_at(v: &Volunteer, when: &str) -> (Outcome, Option<String>) {
    let viewer = Viewer::volunteer_at(v, VolunteerKind::Medical, at(when), Purpose::Service);
    assert_eq!(viewer.at(), Some(at(when)));
    let d = Access::default().decide(
        &viewer,
        RecordKind::ServiceRecord,
        "client_name",
        &subject(),
    );
    (d.outcome, d.rule)
}

// [agreement-before-access]: the agreement is in force from the second signature's moment.
#[test]
fn the_agreement_is_in_force_from_the_moment_of_the_second_signature() {
    let v = signed_at_three();
    let a = v.agreement("A1").unwrap();
    for (when, status) in [
        ("2026-03-04T08:59:00", "draft"),
        ("2026-03-04T12:00:00", "draft"),
        ("2026-03-04T14:59:59", "draft"),
        ("2026-03-04T15:00:00", "in_force"),
        ("2026-03-05T09:00:00", "in_force"),
    ] {
        assert_eq!(
            v.agreement_status_of_at(a, at(when)).name(),
            status,
            "{when}"
        );
    }
    // The day answer is for the end of the day: in force on 03-04 as a whole.
    assert_eq!(
        a.status_on("2026-03-04".parse().unwrap()).name(),
        "in_force"
    );
    assert!(v
        .agreements_in_force_at(at("2026-03-04T12:00:00"))
        .is_empty());
    assert_eq!(v.agreements_in_force_at(at("2026-03-04T15:00:00")).len(), 1);
    // The same moment written in another offset is the same moment.
    assert_eq!(
        v.agreement_status_of_at(a, t("2026-03-04T07:00:00+00:00"))
            .name(),
        "in_force"
    );
    assert_eq!(
        v.agreement_status_of_at(a, t("2026-03-04T06:59:59+00:00"))
            .name(),
        "draft"
    );
}

// [agreement-survives-termination]: terminated from the moment it is terminated; before it,
// still in force.
#[test]
fn a_termination_counts_from_its_moment() {
    let mut v = signed_at_three();
    let ended = VolunteerEvent::AgreementTerminated {
        agreement_id: "A1".into(),
        reason: "服务期满".into(),
    };
    rec(&mut v, "2026-03-10T14:00:00", ended);
    let a = v.agreement("A1").unwrap();
    assert_eq!(
        v.agreement_status_of_at(a, at("2026-03-10T13:59:00"))
            .name(),
        "in_force"
    );
    assert_eq!(
        v.agreement_status_of_at(a, at("2026-03-10T14:00:00"))
            .name(),
        "terminated"
    );
    assert_eq!(
        v.agreement_status_at(at("2026-03-11T09:00:00"))
            .unwrap()
            .name(),
        "terminated"
    );
}

// [access-while-serving]: the deployment counts from its moment to its withdrawal's.
#[test]
fn deployments_count_to_the_minute() {
    let v = deployed_at_four();
    assert!(v.deployments_at(at("2026-03-04T15:59:00")).is_empty());
    assert!(v
        .deployments_at(at("2026-03-04T16:00:00"))
        .contains("G-focus"));
    assert!(v
        .deployments_at(at("2026-03-20T09:59:00"))
        .contains("G-focus"));
    assert!(v.deployments_at(at("2026-03-20T10:00:00")).is_empty());
    // The day answers: the whole of 03-04 counts, none of 03-20.
    assert!(v
        .deployments_on("2026-03-04".parse().unwrap())
        .contains("G-focus"));
    assert!(v.deployments_on("2026-03-20".parse().unwrap()).is_empty());
}

// [access-while-serving] [agreement-before-access]: who may NOT see, and when NOT: before the
// agreement's second signature, before the deployment, after its withdrawal; allowed only
// in between.
#[test]
fn access_is_decided_for_the_moment_asked() {
    let v = deployed_at_four();
    // At noon the agreement has one signature and there is no deployment.
    let noon = Viewer::volunteer_at(
        &v,
        VolunteerKind::Medical,
        at("2026-03-04T12:00:00"),
        Purpose::Service,
    );
    assert_eq!(noon.agreement(), AgreementState::Draft);
    assert!(noon.groups().is_empty());
    assert_eq!(name_at(&v, "2026-03-04T12:00:00").0, Outcome::Deny);
    // The day viewer of 03-04 answers for the whole day: neither held all day.
    let day = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        "2026-03-04".parse().unwrap(),
        Purpose::Service,
    );
    assert_eq!(day.agreement(), AgreementState::Draft);
    assert!(day.groups().is_empty());
    // Nor on 03-20, when the deployment is withdrawn at 10:00; on 03-19 it held all day.
    let on = |d: &str| {
        Viewer::volunteer(
            &v,
            VolunteerKind::Medical,
            d.parse().unwrap(),
            Purpose::Service,
        )
    };
    assert!(on("2026-03-20").groups().is_empty());
    assert_eq!(on("2026-03-19").groups(), ["G-focus".to_owned()]);
    assert_eq!(on("2026-03-19").agreement(), AgreementState::InForce);
    let (outcome, rule) = name_at(&v, "2026-03-04T15:30:00");
    assert_eq!(
        (outcome, rule.as_deref()),
        (Outcome::Deny, Some("access-while-serving"))
    );
    let during = name_at(&v, "2026-03-04T16:00:00");
    assert_ne!(during.0, Outcome::Deny, "{during:?}");
    assert_eq!(name_at(&v, "2026-03-20T09:59:00"), during);
    let (outcome, rule) = name_at(&v, "2026-03-20T10:00:00");
    assert_eq!(
        (outcome, rule.as_deref()),
        (Outcome::Deny, Some("access-while-serving"))
    );
    // Another purpose is refused even in the middle of the deployment.
    let other = Viewer::volunteer_at(
        &v,
        VolunteerKind::Medical,
        at("2026-03-10T09:00:00"),
        Purpose::Other,
    );
    let d = Access::default().decide(&other, RecordKind::ServiceRecord, "client_name", &subject());
    assert_eq!(
        (d.outcome, d.rule.as_deref()),
        (Outcome::Deny, Some("access-while-serving"))
    );
    // A position never registered is refused at any moment.
    let claimed = Viewer::volunteer_at(
        &v,
        VolunteerKind::Psychological,
        at("2026-03-10T09:00:00"),
        Purpose::Service,
    );
    let d = Access::default().decide(
        &claimed,
        RecordKind::ServiceRecord,
        "client_name",
        &subject(),
    );
    assert_eq!(d.outcome, Outcome::Deny);
    // The day viewer of the same volunteer agrees in the middle of the deployment.
    let day = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        "2026-03-10".parse().unwrap(),
        Purpose::Service,
    );
    assert_eq!(day.at(), None);
    let d = Access::default().decide(&day, RecordKind::ServiceRecord, "client_name", &subject());
    assert_eq!((d.outcome, d.rule), during);
}

// [volunteer-lifecycle] (rules version 5): a deployment dated before the agreement's second
// signature of the same day is refused, and changes nothing; at or after it, accepted.
#[test]
fn a_deployment_before_the_second_signature_of_its_day_is_refused() {
    const { assert!(RULES_VERSION >= 5) };
    let v = signed_at_three();
    for when in ["2026-03-04T09:30:00", "2026-03-04T14:59:00"] {
        let mut e = new(&v, when, deploy());
        // Recorded after the signature (a late entry), dated before it.
        e.recorded_at = at("2026-03-04T17:00:00");
        let mut tried = v.clone();
        let err = tried.apply(e).unwrap_err();
        assert_eq!(err.rule_id(), Some("volunteer-lifecycle"), "{err}");
        assert!(err.to_string().contains("signed by both parties"), "{err}");
        assert_eq!(tried, v, "a refused deployment changed the volunteer");
    }
    let mut ok = v.clone();
    let mut e = new(&v, "2026-03-04T15:00:00", deploy());
    e.recorded_at = at("2026-03-04T17:00:00");
    ok.apply(e).unwrap();
    assert!(ok.deployments().contains("G-focus"));
}

/// `v`'s events and then `extra`, every one recorded under rules version `rules` and chained
/// again.
fn replay_under(
    rules: u32,
    v: &Volunteer,
    extra: NewEvent<VolunteerEvent>,
) -> Result<Volunteer, VolunteerError> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut records = Vec::new();
    let news = v
        .history()
        .iter()
        .map(|r| {
            (
                r.occurred_at,
                r.recorded_at,
                r.actor.clone(),
                r.event.clone(),
            )
        })
        .chain([(
            extra.occurred_at,
            extra.recorded_at,
            extra.actor,
            extra.event,
        )]);
    for (i, (occurred_at, recorded_at, actor, event)) in news.enumerate() {
        let mut r = VolunteerRecord {
            seq: i as u64 + 1,
            occurred_at,
            recorded_at,
            actor,
            event,
            rules,
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        r.hash = r.hash_in(VOLUNTEER_CHAIN);
        prev = r.hash.clone();
        records.push(r);
    }
    Volunteer::replay(records)
}

// Histories recorded under rules version 4 keep their meaning: the same-day deployment they
// accepted still replays; re-chained under version 5, the same history is refused.
#[test]
fn a_version_4_history_with_such_a_deployment_still_replays() {
    let v = signed_at_three();
    let mut e = new(&v, "2026-03-04T09:30:00", deploy());
    e.recorded_at = at("2026-03-04T17:00:00");
    let old = replay_under(4, &v, e.clone()).unwrap();
    assert!(old.deployments().contains("G-focus"));
    assert!(old.history().iter().all(|r| r.rules == 4));
    let err = replay_under(5, &v, e).unwrap_err();
    assert_eq!(err.rule_id(), Some("volunteer-lifecycle"), "{err}");
}

/// `e` dated `when`, recorded at `recorded` (a late entry).
fn late(v: &Volunteer, when: &str, recorded: &str, e: VolunteerEvent) -> NewEvent<VolunteerEvent> {
    let mut e = new(v, when, e);
    e.recorded_at = at(recorded);
    e
}

/// `e` is refused by `rule` and changes nothing.
fn refused(v: &Volunteer, e: NewEvent<VolunteerEvent>, rule: &str) {
    let mut tried = v.clone();
    let err = tried.apply(e).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(tried, *v, "a refused event changed the volunteer");
}

// [access-while-serving] (rules version 5): deployments change in the order they happen: a
// deployment entered late, dated before a withdrawal or a removal already recorded, is refused
// (it would otherwise bring the withdrawn deployment back for good).
#[test]
fn a_late_deployment_cannot_undo_a_later_withdrawal_or_removal() {
    let mut v = signed_at_three();
    rec(&mut v, "2026-03-05T10:00:00", deploy());
    let withdrawn = VolunteerEvent::Undeployed {
        group_id: "G-focus".into(),
        reason: "调整".into(),
    };
    let mut w = v.clone();
    rec(&mut w, "2026-03-05T12:00:00", withdrawn);
    refused(
        &w,
        late(&w, "2026-03-05T09:00:00", "2026-03-05T13:00:00", deploy()),
        "volunteer-lifecycle",
    );
    assert!(w.deployments_at(at("2026-03-30T09:00:00")).is_empty());
    // At or after the withdrawal, a new deployment is accepted.
    let mut again = w.clone();
    rec(&mut again, "2026-03-05T12:00:00", deploy());
    assert!(again
        .deployments_at(at("2026-03-05T12:00:00"))
        .contains("G-focus"));

    // Removed from the group for a breach: the same.
    let mut b = v.clone();
    let breach = VolunteerEvent::BreachRecorded {
        breach_id: "B1".into(),
        agreement_id: "A1".into(),
        description: "在群内讨论服务对象隐私".into(),
    };
    rec(&mut b, "2026-03-05T11:00:00", breach);
    let removed = VolunteerEvent::BreachActionTaken {
        breach_id: "B1".into(),
        action: BreachAction::RemoveFromGroup,
        group_id: Some("G-focus".into()),
        note: "移出群".into(),
    };
    rec(&mut b, "2026-03-05T12:00:00", removed);
    refused(
        &b,
        late(&b, "2026-03-05T09:00:00", "2026-03-05T13:00:00", deploy()),
        "volunteer-lifecycle",
    );
    assert!(b.deployments_at(at("2026-03-30T09:00:00")).is_empty());
}

/// Registered, screened, trained on 03-03 at 15:00, the agreement drafted on 03-04 at 10:00.
fn drafted_at_ten() -> Volunteer {
    let mut v = trained_at("2026-03-03T15:00:00");
    let drafted = VolunteerEvent::AgreementDrafted {
        agreement: agreement(),
    };
    rec(&mut v, "2026-03-04T10:00:00", drafted);
    v
}

// [agreement-before-access] (rules version 5): no signature dated before the agreement was
// drafted, none before pre-service training, no deployment before training: to the minute.
#[test]
fn signatures_and_deployments_follow_drafting_and_training_to_the_minute() {
    let v = drafted_at_ten();
    for (party, when) in [
        (Party::Volunteer, "2026-03-04T08:00:00"),
        (Party::Agency, "2026-03-04T09:59:00"),
    ] {
        refused(
            &v,
            late(&v, when, "2026-03-04T11:00:00", signed(party)),
            "agreement-before-access",
        );
    }
    // Trained at 15:00 on 03-03: a deployment dated that morning (before training, and so
    // before any agreement) is refused.
    let mut t = drafted_at_ten();
    rec(&mut t, "2026-03-04T10:00:00", signed(Party::Volunteer));
    rec(&mut t, "2026-03-04T10:00:00", signed(Party::Agency));
    refused(
        &t,
        late(&t, "2026-03-03T14:00:00", "2026-03-04T11:00:00", deploy()),
        "volunteer-lifecycle",
    );
    // The agreement does not count before it was drafted, whatever a late signature says.
    let a = t.agreement("A1").unwrap();
    assert_eq!(
        t.agreement_status_of_at(a, at("2026-03-04T09:00:00"))
            .name(),
        "draft"
    );
    assert_eq!(
        t.agreement_status_of_at(a, at("2026-03-04T10:00:00"))
            .name(),
        "in_force"
    );
    // Before the agreement was drafted there is no agreement at all.
    assert_eq!(t.agreement_status_at(at("2026-03-04T09:00:00")), None);
    let viewer = Viewer::volunteer_at(
        &t,
        VolunteerKind::Medical,
        at("2026-03-04T09:00:00"),
        Purpose::Service,
    );
    assert_eq!(viewer.agreement(), AgreementState::None);
}

// [agreement-survives-termination] (rules version 5): a deployment at 10:00 rests on an
// agreement terminated at 17:00 the same day; one at 17:00 does not.
#[test]
fn the_guard_reads_a_termination_at_its_moment() {
    let mut v = signed_at_three();
    let ended = VolunteerEvent::AgreementTerminated {
        agreement_id: "A1".into(),
        reason: "服务期满".into(),
    };
    rec(&mut v, "2026-03-05T17:00:00", ended);
    let mut ok = v.clone();
    ok.apply(late(
        &v,
        "2026-03-05T10:00:00",
        "2026-03-05T18:00:00",
        deploy(),
    ))
    .unwrap();
    // Recorded after the termination, the deployment ends nothing: access stops at 17:00.
    let name = |when: &str| name_at(&ok, when).0;
    assert_ne!(name("2026-03-05T16:59:00"), Outcome::Deny);
    assert_eq!(name("2026-03-05T17:00:00"), Outcome::Deny);
    refused(
        &v,
        late(&v, "2026-03-05T17:00:00", "2026-03-05T18:00:00", deploy()),
        "volunteer-lifecycle",
    );
}

// No panic at the edge of time: the last instant chrono holds is answered (nothing holds).
#[test]
fn the_last_instant_is_answered_without_a_panic() {
    let v = deployed_at_four();
    let end = chrono::DateTime::<chrono::Utc>::MAX_UTC.fixed_offset();
    let viewer = Viewer::volunteer_at(&v, VolunteerKind::Medical, end, Purpose::Service);
    assert!(viewer.groups().is_empty());
    let _ = v.agreement_status_at(end);
    let start = chrono::DateTime::<chrono::Utc>::MIN_UTC.fixed_offset();
    assert_eq!(v.agreement_status_at(start), None);
    let far = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        chrono::NaiveDate::MAX,
        Purpose::Service,
    );
    assert!(far.groups().is_empty());
}

// [volunteer-lifecycle] (rules version 5): trained at 15:00, the agreement drafted (late) the
// day before: a signature dated that morning, before the training, is refused.
#[test]
fn no_signature_before_the_training_of_the_same_day() {
    let mut v = trained_at("2026-03-04T15:00:00");
    let drafted = VolunteerEvent::AgreementDrafted {
        agreement: agreement(),
    };
    let e = late(&v, "2026-03-03T10:00:00", "2026-03-04T16:00:00", drafted);
    v.apply(e).unwrap();
    let e = late(
        &v,
        "2026-03-04T08:00:00",
        "2026-03-04T16:00:00",
        signed(Party::Volunteer),
    );
    refused(&v, e, "volunteer-lifecycle");
    let e = late(
        &v,
        "2026-03-04T15:00:00",
        "2026-03-04T16:00:00",
        signed(Party::Volunteer),
    );
    v.apply(e).unwrap();
}

fn shift(roster: &mut Roster, id: &str, from: &str, to: &str) {
    let time = shegong::assessment::ServiceTime::new(at(from), at(to)).unwrap();
    roster.add_shift(id, time, VolunteerKind::Medical).unwrap();
}

/// A roster of group G-focus with medical shifts `(id, start, end)`.
fn roster_of(secretary: Option<String>, shifts: &[(&str, &str, &str)]) -> Roster {
    let mut roster = Roster::new("G-focus", secretary);
    for (id, from, to) in shifts {
        shift(&mut roster, id, from, to);
    }
    roster
}

fn claim_refused(roster: &mut Roster, id: &str, v: &Volunteer, rule: &str) {
    let before = roster.clone();
    let err = roster.claim(id, v).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{id}: {err}");
    assert_eq!(*roster, before, "{id}: a refused claim changes nothing");
}

// [access-while-serving] A shift is claimed for its own time, read from the volunteer's
// history over its span [start, end), not from how the volunteer stands when asked: deployed
// at 16:00 on 03-04 and withdrawn at 10:00 on 03-20, the volunteer may not claim a shift that
// begins before the deployment or ends after the withdrawal, and such hours never count.
#[test]
fn a_shift_is_claimed_only_within_the_deployment() {
    let v = deployed_at_four();
    let mut roster = roster_of(
        None,
        &[
            ("before", "2026-03-04T13:00:00", "2026-03-04T15:00:00"),
            ("across-start", "2026-03-04T15:30:00", "2026-03-04T17:00:00"),
            ("first", "2026-03-04T16:00:00", "2026-03-04T18:00:00"),
            ("inside", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("last", "2026-03-20T08:00:00", "2026-03-20T10:00:00"),
            ("across-end", "2026-03-20T09:00:00", "2026-03-20T11:00:00"),
            ("after", "2026-03-21T09:00:00", "2026-03-21T11:00:00"),
        ],
    );
    for id in ["before", "across-start", "across-end", "after"] {
        claim_refused(&mut roster, id, &v, "access-while-serving");
    }
    for id in ["first", "inside", "last"] {
        roster.claim(id, &v).unwrap();
    }
    let hours = roster.hours_worked(at("2026-12-31T00:00:00"));
    assert_eq!(hours.len(), 3);
    // Another group's roster is refused at every moment.
    let mut other = Roster::new("G-other", None);
    shift(
        &mut other,
        "inside",
        "2026-03-05T09:00:00",
        "2026-03-05T11:00:00",
    );
    claim_refused(&mut other, "inside", &v, "access-while-serving");
}

// [agreement-before-access] Still deployed, but the agreement was terminated at 17:00 on
// 03-05: a shift from 16:00 to 18:00 that day is refused, one that ends at 17:00 is not (a
// shift is the span [start, end)).
#[test]
fn a_shift_is_claimed_only_under_an_agreement_in_force_throughout() {
    let mut v = signed_at_three();
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    let ended = VolunteerEvent::AgreementTerminated {
        agreement_id: "A1".into(),
        reason: "服务期满".into(),
    };
    rec(&mut v, "2026-03-05T17:00:00", ended);
    assert!(v.deployments().contains("G-focus"), "still deployed");
    let mut roster = roster_of(
        None,
        &[
            ("to-five", "2026-03-05T15:00:00", "2026-03-05T17:00:00"),
            ("past-five", "2026-03-05T16:00:00", "2026-03-05T18:00:00"),
            ("next-day", "2026-03-06T09:00:00", "2026-03-06T11:00:00"),
        ],
    );
    claim_refused(&mut roster, "past-five", &v, "agreement-before-access");
    claim_refused(&mut roster, "next-day", &v, "agreement-before-access");
    roster.claim("to-five", &v).unwrap();
}

// [shift-handover] A handover is dated within its shift's time: not before the shift began,
// not after the later of its end and the next shift's end. Refused handovers change nothing.
#[test]
fn a_handover_is_dated_within_the_shifts() {
    let v = deployed_at_four();
    let mut roster = roster_of(
        None,
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("b", "2026-03-06T09:00:00", "2026-03-06T11:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    let hand = |r: &mut Roster, when: &str| {
        r.handover("a", vec!["c-1".into()], vec![], "今日服务1人", &v, at(when))
    };
    for when in [
        "2020-01-01T00:00:00",
        "2026-03-05T08:59:59",
        "2026-03-06T11:00:01",
        "2029-03-05T10:00:00",
    ] {
        let before = roster.clone();
        let err = hand(&mut roster, when).unwrap_err();
        assert_eq!(err.rule_id(), Some("shift-handover"), "{when}: {err}");
        assert_eq!(roster, before, "{when}");
    }
    let mut early = roster.clone();
    hand(&mut early, "2026-03-05T09:00:00").unwrap();
    hand(&mut roster, "2026-03-06T11:00:00").unwrap();
}

// [access-while-serving] Withdrawn at 10:00 and deployed again at 10:30 the same day: the
// shift from 09:00 to 11:00 had half an hour without a deployment and is refused; the shift
// from 10:30 is not.
#[test]
fn a_gap_inside_a_shift_is_found() {
    let mut v = signed_at_three();
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    let withdrawn = VolunteerEvent::Undeployed {
        group_id: "G-focus".into(),
        reason: "临时调岗".into(),
    };
    rec(&mut v, "2026-03-05T10:00:00", withdrawn);
    rec(&mut v, "2026-03-05T10:30:00", deploy());
    let mut roster = roster_of(
        None,
        &[
            ("morning", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("late", "2026-03-05T10:30:00", "2026-03-05T12:00:00"),
        ],
    );
    claim_refused(&mut roster, "morning", &v, "access-while-serving");
    roster.claim("late", &v).unwrap();
}

/// Signed on 03-04 like [`signed_at_three`] but under an agreement of `scope`, deployed at 16:00.
fn deployed_under(scope: Vec<ConfidentialScope>) -> Volunteer {
    let mut v = trained_at("2026-03-03T09:00:00");
    let mut a = agreement();
    a.scope = scope;
    rec(
        &mut v,
        "2026-03-03T10:00:00",
        VolunteerEvent::AgreementDrafted { agreement: a },
    );
    rec(&mut v, "2026-03-04T09:00:00", signed(Party::Volunteer));
    rec(&mut v, "2026-03-04T15:00:00", signed(Party::Agency));
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    v
}

// [agreement-before-access] An agreement in force that does not cover client information
// (donations only) does not let the volunteer serve a shift, as it lets them see no client.
#[test]
fn a_shift_needs_an_agreement_that_covers_client_information() {
    let narrow = deployed_under(vec![ConfidentialScope::Donations]);
    let mut roster = roster_of(None, &[("s", "2026-03-05T09:00:00", "2026-03-05T11:00:00")]);
    claim_refused(&mut roster, "s", &narrow, "agreement-before-access");
    let wide = deployed_under(vec![ConfidentialScope::ClientInformation]);
    roster.claim("s", &wide).unwrap();
}

// [volunteer-hours] One volunteer, one shift at a time: a second shift overlapping one they
// hold is refused (the same hours would count twice); back to back is fine; a reschedule may
// move into a shift that overlaps only the one being left.
#[test]
fn a_volunteer_holds_no_overlapping_shifts() {
    let v = deployed_at_four();
    let sec = v.id().to_owned();
    let mut roster = roster_of(
        Some(sec),
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T12:00:00"),
            ("same", "2026-03-05T09:00:00", "2026-03-05T12:00:00"),
            ("inside", "2026-03-05T10:00:00", "2026-03-05T11:00:00"),
            ("after", "2026-03-05T12:00:00", "2026-03-05T14:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    for id in ["same", "inside"] {
        claim_refused(&mut roster, id, &v, "volunteer-hours");
    }
    roster.claim("after", &v).unwrap();
    let hours = roster.hours_worked(at("2026-03-06T00:00:00"));
    let day = "2026-03-05".parse().unwrap();
    assert_eq!(total_hours(&hours, day, day).unwrap()[0].minutes, 300);
}

// [volunteer-hours] A shift lasts at most 24 hours: four years of one shift would count as
// four years of service.
#[test]
fn a_shift_of_years_is_refused() {
    let mut roster = Roster::new("G-focus", None);
    let years =
        shegong::assessment::ServiceTime::new(at("2026-03-06T09:00:00"), at("2030-03-06T09:00:00"))
            .unwrap();
    let err = roster
        .add_shift("s", years, VolunteerKind::General)
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("volunteer-hours"), "{err}");
    assert!(roster.shifts.is_empty());
    let day =
        shegong::assessment::ServiceTime::new(at("2026-03-06T00:00:00"), at("2026-03-07T00:00:00"))
            .unwrap();
    roster.add_shift("s", day, VolunteerKind::General).unwrap();
}

// [shift-handover] A shift worked and handed over is not moved by a reschedule; a handover
// goes to the shift that starts after this one, not to one beside it at the same time.
#[test]
fn a_handed_over_shift_stays_and_hands_to_a_later_one() {
    let v = deployed_under(ConfidentialScope::ALL.to_vec());
    let mut roster = roster_of(
        Some(v.id().to_owned()),
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("b", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("c", "2026-03-05T13:00:00", "2026-03-05T15:00:00"),
            ("d", "2026-03-06T13:00:00", "2026-03-06T15:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    let h = roster
        .handover(
            "a",
            vec![],
            vec![],
            "今日服务",
            &v,
            at("2026-03-05T11:00:00"),
        )
        .unwrap();
    assert_eq!(h.to_shift, "c");
    let before = roster.clone();
    let err = roster.reschedule("a", "d", &v, &v).unwrap_err();
    assert_eq!(err.rule_id(), Some("shift-handover"), "{err}");
    assert_eq!(roster, before);
}

// [access-while-serving] [volunteer-hours] A claim is re-checked against the records before
// hours are counted: a withdrawal dated before the shift and recorded after the claim, or a
// volunteer whose record is missing, fails the check.
#[test]
fn claims_are_verified_against_the_records() {
    let mut v = signed_at_three();
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    let mut roster = roster_of(None, &[("s", "2026-03-10T09:00:00", "2026-03-10T11:00:00")]);
    roster.claim("s", &v).unwrap();
    roster.verify_claims(std::slice::from_ref(&v)).unwrap();
    let err = roster.verify_claims(&[]).unwrap_err();
    assert_eq!(err.rule_id(), Some("volunteer-hours"), "{err}");
    let withdrawn = VolunteerEvent::Undeployed {
        group_id: "G-focus".into(),
        reason: "轮换".into(),
    };
    rec(&mut v, "2026-03-06T10:00:00", withdrawn);
    let err = roster.verify_claims(&[v]).unwrap_err();
    assert_eq!(err.rule_id(), Some("access-while-serving"), "{err}");
}

// A roster read from JSON is checked as add_shift, claim and handover would have built it.
#[test]
fn a_stored_roster_is_checked_when_read() {
    let v = deployed_at_four();
    let mut roster = roster_of(
        None,
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("b", "2026-03-05T13:00:00", "2026-03-05T15:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    roster
        .handover(
            "a",
            vec![],
            vec![],
            "今日服务",
            &v,
            at("2026-03-05T11:00:00"),
        )
        .unwrap();
    let good = serde_json::to_value(&roster).unwrap();
    let back: Roster = serde_json::from_value(good.clone()).unwrap();
    assert_eq!(back, roster);
    let bad = |edit: &dyn Fn(&mut serde_json::Value), what: &str| {
        let mut j = good.clone();
        edit(&mut j);
        assert!(
            serde_json::from_value::<Roster>(j).is_err(),
            "{what} was read"
        );
    };
    bad(
        &|j| j["shifts"][1]["id"] = "a".into(),
        "a repeated shift id",
    );
    bad(
        &|j| j["shifts"].as_array_mut().unwrap().reverse(),
        "shifts out of order",
    );
    bad(
        &|j| {
            j["shifts"][1]["time"] = j["shifts"][0]["time"].clone();
            j["shifts"][1]["volunteer"] = "v-1".into();
        },
        "one volunteer on two overlapping shifts",
    );
    bad(
        &|j| j["shifts"][0]["time"]["end"] = "2030-03-05T11:00:00+08:00".into(),
        "a shift of years",
    );
    bad(
        &|j| j["handovers"][0]["from_shift"] = "b".into(),
        "a handover from an unclaimed shift",
    );
    bad(
        &|j| j["handovers"][0]["to_shift"] = "zz".into(),
        "a handover to no shift",
    );
    bad(
        &|j| {
            let h = j["handovers"][0].clone();
            j["handovers"].as_array_mut().unwrap().push(h);
        },
        "a shift handed over twice",
    );
}

// [access-while-serving] The group secretary who reschedules is a serving volunteer of the
// group by their own record: one withdrawn from it (or who left) reschedules nothing.
#[test]
fn a_secretary_no_longer_serving_reschedules_nothing() {
    let v = deployed_under(ConfidentialScope::ALL.to_vec());
    let gone = deployed_at_four();
    let mut roster = roster_of(
        Some(gone.id().to_owned()),
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("b", "2026-03-06T09:00:00", "2026-03-06T11:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    let before = roster.clone();
    let err = roster.reschedule("a", "b", &v, &gone).unwrap_err();
    assert_eq!(err.rule_id(), Some("access-while-serving"), "{err}");
    assert_eq!(roster, before);
    roster.secretary = Some(v.id().to_owned());
    roster.reschedule("a", "b", &v, &v).unwrap();
}

fn breach_at_fourteen() -> VolunteerEvent {
    VolunteerEvent::BreachRecorded {
        breach_id: "b1".into(),
        agreement_id: "A1".into(),
        description: "在群内讨论服务对象隐私".into(),
    }
}

// [agreement-breach-actions] (rules version 6) The duty begins at the agency's signature at
// 15:00 on 03-04: a breach dated 14:00 that day is refused (version 2 compared the days, so a
// history stored under version 5 still replays); dated 15:00 it is recorded.
#[test]
fn no_breach_before_the_second_signature_of_its_day() {
    const { assert!(RULES_VERSION >= 6) };
    let v = deployed_at_four();
    refused(
        &v,
        late(
            &v,
            "2026-03-04T14:00:00",
            "2026-03-21T09:00:00",
            breach_at_fourteen(),
        ),
        "agreement-breach-actions",
    );
    replay_under(
        5,
        &v,
        late(
            &v,
            "2026-03-04T14:00:00",
            "2026-03-21T09:00:00",
            breach_at_fourteen(),
        ),
    )
    .unwrap();
    let mut ok = v.clone();
    ok.apply(late(
        &v,
        "2026-03-04T15:00:00",
        "2026-03-21T09:00:00",
        breach_at_fourteen(),
    ))
    .unwrap();
}

// [agreement-breach-actions] (rules version 6) An action on a breach recorded as happening
// at 15:00 on 03-06 may not be dated 09:00 that day; at 15:00 it is taken. Under version 5
// (days compared) the early action still replays.
#[test]
fn no_breach_action_before_the_breach() {
    let mut v = deployed_at_four();
    let breach = late(
        &v,
        "2026-03-06T15:00:00",
        "2026-03-21T08:00:00",
        breach_at_fourteen(),
    );
    v.apply(breach).unwrap();
    let action = || VolunteerEvent::BreachActionTaken {
        breach_id: "b1".into(),
        action: BreachAction::Remind,
        group_id: None,
        note: "提醒".into(),
    };
    refused(
        &v,
        late(&v, "2026-03-06T09:00:00", "2026-03-21T09:00:00", action()),
        "agreement-breach-actions",
    );
    replay_under(
        5,
        &v,
        late(&v, "2026-03-06T09:00:00", "2026-03-21T09:00:00", action()),
    )
    .unwrap();
    let mut ok = v.clone();
    ok.apply(late(
        &v,
        "2026-03-06T15:00:00",
        "2026-03-21T09:00:00",
        action(),
    ))
    .unwrap();
}

// [volunteer-hours] Two service records of one volunteer that overlap (two groups' rosters,
// 09:00–12:00 each) are refused by the total, not summed to six hours; back to back they count.
#[test]
fn overlapping_service_records_are_not_summed() {
    let record = |group: &str, from: &str, to: &str| ServiceHours {
        volunteer_id: "v-1".into(),
        group_id: group.into(),
        time: shegong::assessment::ServiceTime::new(at(from), at(to)).unwrap(),
    };
    let day = "2026-03-05".parse().unwrap();
    let both = [
        record("G1", "2026-03-05T09:00:00", "2026-03-05T12:00:00"),
        record("G2", "2026-03-05T09:00:00", "2026-03-05T12:00:00"),
    ];
    let err = total_hours(&both, day, day).unwrap_err();
    assert_eq!(err.rule_id(), Some("volunteer-hours"), "{err}");
    let mut other = both.clone();
    other[1].volunteer_id = "v-2".into();
    assert_eq!(total_hours(&other, day, day).unwrap().len(), 2);
    let back_to_back = [
        record("G1", "2026-03-05T09:00:00", "2026-03-05T12:00:00"),
        record("G2", "2026-03-05T12:00:00", "2026-03-05T13:00:00"),
    ];
    assert_eq!(
        total_hours(&back_to_back, day, day).unwrap()[0].minutes,
        240
    );
}

// [shift-handover] [access-while-serving] [agreement-before-access] Who hands a shift over is
// read from their record, never from a name: the shift's volunteer or the group's secretary,
// deployed to the group under an agreement covering client information at the moment of the
// handover (it passes clients and records on). Refused handovers change nothing.
#[test]
fn a_handover_is_made_by_a_serving_volunteer_read_from_their_record() {
    let signed_as = |id: &str| {
        let mut s = trained_as(id, "2026-03-03T09:00:00");
        let drafted = VolunteerEvent::AgreementDrafted {
            agreement: agreement(),
        };
        rec(&mut s, "2026-03-03T10:00:00", drafted);
        rec(&mut s, "2026-03-04T09:00:00", signed(Party::Volunteer));
        rec(&mut s, "2026-03-04T15:00:00", signed(Party::Agency));
        s
    };
    let mut v = signed_as("v-1");
    rec(&mut v, "2026-03-04T16:00:00", deploy());
    let mut roster = roster_of(
        Some("v-sec".to_owned()),
        &[
            ("a", "2026-03-05T09:00:00", "2026-03-05T11:00:00"),
            ("b", "2026-03-05T13:00:00", "2026-03-05T15:00:00"),
        ],
    );
    roster.claim("a", &v).unwrap();
    let refused = |r: &mut Roster, by: &Volunteer, when: &str, rule: &str| {
        let before = r.clone();
        let err = r
            .handover("a", vec!["c-1".into()], vec![], "今日服务1人", by, at(when))
            .unwrap_err();
        assert_eq!(err.rule_id(), Some(rule), "{}: {err}", by.id());
        assert_eq!(*r, before, "a refused handover changes nothing");
    };
    // Named as the secretary, but by the record never deployed to the group.
    let named = signed_as("v-sec");
    refused(
        &mut roster,
        &named,
        "2026-03-05T11:00:00",
        "access-while-serving",
    );
    let mut secretary = named.clone();
    rec(&mut secretary, "2026-03-04T16:00:00", deploy());
    // Deployed, then withdrawn before the handover.
    let mut withdrawn = secretary.clone();
    let undeployed = VolunteerEvent::Undeployed {
        group_id: "G-focus".into(),
        reason: "轮换".into(),
    };
    rec(&mut withdrawn, "2026-03-05T10:00:00", undeployed);
    refused(
        &mut roster,
        &withdrawn,
        "2026-03-05T11:00:00",
        "access-while-serving",
    );
    // Deployed and signed, but neither the shift's volunteer nor the secretary.
    let mut other = signed_as("v-2");
    rec(&mut other, "2026-03-04T16:00:00", deploy());
    refused(&mut roster, &other, "2026-03-05T11:00:00", "shift-handover");
    // The shift's own volunteer, whose agreement ended before the handover.
    let mut ended = v.clone();
    let terminated = VolunteerEvent::AgreementTerminated {
        agreement_id: "A1".into(),
        reason: "服务期满".into(),
    };
    rec(&mut ended, "2026-03-05T10:30:00", terminated);
    refused(
        &mut roster,
        &ended,
        "2026-03-05T11:00:00",
        "agreement-before-access",
    );
    // The secretary, serving at the moment of the handover.
    let h = roster
        .handover(
            "a",
            vec!["c-1".into()],
            vec![],
            "今日服务1人",
            &secretary,
            at("2026-03-05T11:00:00"),
        )
        .unwrap();
    assert_eq!((h.by.as_str(), h.to_shift.as_str()), ("v-sec", "b"));
}
