//! The one event log (`[records-authentic]`): v1 fixtures still replay, activity and volunteer
//! histories are chained and time-ordered, stored envelopes are checked against their
//! history, and a refused event leaves every aggregate byte-identical.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;

use common::activity::{activity, plan, rec, session};
use common::{t, worker};
use serde_json::{json, Value};
use shegong::activity::*;
use shegong::calendar::Calendar;
use shegong::case::Case;
use shegong::deadline::RuleSet;
use shegong::history::{NewEvent, RULES_VERSION};

fn fixture(path: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/v1")
        .join(path);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Every stored case history published under rules v1 still replays with the same stage and
/// head, and every broken one is still refused with the same code and rule.
#[test]
fn v1_case_histories_still_replay_records_authentic() {
    let v = fixture("case/stored-histories.json");
    for h in v["histories"].as_array().unwrap() {
        let got = Case::from_json(&h["stored"].to_string());
        let expect = &h["expect"];
        match got {
            Ok(case) => {
                assert_eq!(expect["outcome"], "ok", "{}", h["name"]);
                assert_eq!(json!(case.stage()), expect["stage"], "{}", h["name"]);
                assert_eq!(case.head(), expect["head"], "{}", h["name"]);
                assert!(case.history().iter().all(|e| e.rules == 1));
                // Saved again, it keeps its v1 hashes and names rules version 1.
                let again = Case::from_json(&case.to_json().unwrap()).unwrap();
                assert_eq!(again, case);
                assert!(case.to_json().unwrap().contains("\"rules\":1"));
            }
            Err(e) => {
                assert_eq!(expect["outcome"], "error", "{}", h["name"]);
                assert_eq!(e.code(), expect["code"], "{}", h["name"]);
                assert_eq!(json!(e.rule_id()), expect["rule"], "{}", h["name"]);
                assert_eq!(e.to_string(), expect["message"], "{}", h["name"]);
            }
        }
    }
}

/// Every stored case and activity of the v1 deadline vectors replays and gives the same
/// obligations as when published.
#[test]
fn v1_deadline_histories_give_the_same_obligations() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/v1/deadline");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let v = fixture(&format!("deadline/{name}"));
        let set = match &v["rule_set"] {
            Value::String(s) if s == "preset" => RuleSet::preset(),
            other => RuleSet::from_json(&other.to_string()).unwrap(),
        };
        let cal: Calendar = serde_json::from_value(v["calendar"].clone()).unwrap();
        for e in v["evaluations"].as_array().unwrap() {
            let now = t(e["now"].as_str().unwrap());
            let got = if v["case"].is_null() {
                let a = Activity::from_json(&v["activity"].to_string()).unwrap();
                // A legacy activity is chained when saved, and reads back the same.
                let saved = a.to_json().unwrap();
                assert_eq!(Activity::from_json(&saved).unwrap(), a);
                serde_json::to_value(set.activity_obligations(&a, &cal, now)).unwrap()
            } else {
                let c = Case::from_json(&v["case"].to_string()).unwrap();
                assert_eq!(c.head(), v["case"]["head"]);
                serde_json::to_value(set.obligations(&c, &cal, now)).unwrap()
            };
            let mut expect = e["expect"].clone();
            for ob in expect.as_array_mut().unwrap() {
                let text = ob["explanation"].as_str().unwrap();
                ob["explanation"] = json!(v1_wording(text));
            }
            assert_eq!(got, expect, "{name} as of {}", e["now"]);
        }
        n += 1;
    }
    assert_eq!(n, 7);
}

/// An explanation published under v1 as worded now: the explanation is text for people, not
/// part of the stored contract, and its grammar was fixed since ("1 working day", not "1
/// working days"). Only the singular counts change; every other field must match exactly.
fn v1_wording(text: &str) -> String {
    let mut out = text.to_owned();
    for unit in ["working day", "calendar day", "hour"] {
        for lead in [" ", "("] {
            out = out.replace(&format!("{lead}1 {unit}s"), &format!("{lead}1 {unit}"));
        }
    }
    out
}

fn group() -> Activity {
    let mut a = activity(
        ActivityKind::Group,
        "2026-09-01T09:00:00+08:00",
        (2026, 9, 23),
    );
    rec(
        &mut a,
        "2026-09-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(&mut a, "2026-09-23T15:00:00+08:00", session(1));
    a
}

#[test]
fn activity_history_is_chained_and_round_trips_records_authentic() {
    let a = group();
    assert!(a.history().iter().all(|e| e.rules == RULES_VERSION));
    assert_eq!(a.history()[1].prev_hash, a.history()[0].hash);
    let json = a.to_json().unwrap();
    assert!(json.starts_with(&format!(
        "{{\"format\":2,\"id\":\"G-2026-01\",\"rules\":{RULES_VERSION},\"head\":"
    )));
    assert_eq!(Activity::from_json(&json).unwrap(), a);
    let via_serde: Activity = serde_json::from_str(&json).unwrap();
    assert_eq!(via_serde, a);
}

#[test]
fn activity_tampering_is_detected_records_authentic() {
    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["events"][2]["event"]["participants"] = json!(40);
    let err = Activity::from_json(&v.to_string()).unwrap_err();
    assert_eq!(err.code(), "tampered");
    assert_eq!(err.rule_id(), Some("records-authentic"));
    assert!(err.to_string().contains("event #3"), "{err}");

    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["events"].as_array_mut().unwrap().pop();
    let err = Activity::from_json(&v.to_string()).unwrap_err();
    assert_eq!(err.code(), "head_mismatch");
}

#[test]
fn activity_envelope_must_match_its_history_records_authentic() {
    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["id"] = json!("G-OTHER");
    let err = Activity::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (err.code(), err.rule_id()),
        ("tampered", Some("records-authentic"))
    );
    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["rules"] = json!(1);
    assert_eq!(
        Activity::from_json(&v.to_string()).unwrap_err().code(),
        "tampered"
    );
}

#[test]
fn unknown_field_in_stored_event_is_refused() {
    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["events"][1]["note"] = json!("text the chain never covered");
    assert_eq!(
        Activity::from_json(&v.to_string()).unwrap_err().code(),
        "malformed"
    );
    let mut v: Value = serde_json::from_str(&group().to_json().unwrap()).unwrap();
    v["comment"] = json!("x");
    assert_eq!(
        Activity::from_json(&v.to_string()).unwrap_err().code(),
        "malformed"
    );

    let case = common::case_at(shegong::case::Stage::Opened);
    let mut v: Value = serde_json::from_str(&case.to_json().unwrap()).unwrap();
    v["events"][0]["note"] = json!("x");
    assert_eq!(
        Case::from_json(&v.to_string()).unwrap_err().code(),
        "malformed"
    );
}

#[test]
fn stored_case_number_must_match_first_event_records_authentic() {
    let case = common::case_at(shegong::case::Stage::Opened);
    let mut v: Value = serde_json::from_str(&case.to_json().unwrap()).unwrap();
    v["case_number"] = json!("SZ-2026-9999");
    let err = Case::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        (err.code(), err.rule_id()),
        ("tampered", Some("records-authentic"))
    );
    assert!(!err.to_string().contains("9999"), "{err}");
}

#[test]
fn rules_version_may_not_go_down_records_authentic() {
    // Re-chain a v2 history with its last event claiming v1: the chain verifies, the order
    // of versions does not.
    let case = common::case_at(shegong::case::Stage::Opened);
    let mut events = case.history().to_vec();
    let last = events.len() - 1;
    events[last].rules = 1;
    events[last].hash = events[last].computed_hash();
    let err = Case::replay(events).unwrap_err();
    assert_eq!(err.code(), "tampered");
    assert!(
        err.to_string().contains("rules version 1 is lower"),
        "{err}"
    );
}

#[test]
fn activity_event_recorded_before_previous_is_out_of_order_records_authentic() {
    let mut a = group();
    let before = a.to_json().unwrap();
    let err = a
        .apply(NewEvent::at(
            t("2026-09-22T09:00:00+08:00"),
            worker(),
            ActivityEvent::SessionSummarySubmitted { number: 1 },
        ))
        .unwrap_err();
    assert_eq!(
        (err.code(), err.rule_id()),
        ("out_of_order", Some("records-authentic"))
    );
    assert_eq!(a.to_json().unwrap(), before);
}

#[test]
fn legacy_activity_out_of_order_still_replays_under_v1() {
    // Format 1 had no time order: a summary dated before the session it follows in the
    // history is still read (v1 guards), and new events are then checked under v2.
    let v = json!({"id": "G-2026-01", "history": [
        {"seq": 1, "occurred_at": "2026-09-01T09:00:00+08:00", "actor": {"id": "w-li", "role": "worker"},
         "event": {"type": "planned", "plan": serde_json::to_value(plan(ActivityKind::Group, (2026, 9, 23), 6, 12, 90)).unwrap()}},
        {"seq": 2, "occurred_at": "2026-09-02T09:00:00+08:00", "actor": {"id": "w-li", "role": "worker"},
         "event": {"type": "plan_submitted", "to": "l-zhou"}},
        {"seq": 3, "occurred_at": "2026-09-23T15:00:00+08:00", "actor": {"id": "w-li", "role": "worker"},
         "event": {"type": "session_held", "number": 1, "participants": 12, "minutes": 90}},
        {"seq": 4, "occurred_at": "2026-08-20T10:00:00+08:00", "actor": {"id": "w-li", "role": "worker"},
         "event": {"type": "session_summary_submitted", "number": 1}}
    ]});
    let mut a = Activity::from_json(&v.to_string()).unwrap();
    assert!(a.history().iter().all(|e| e.rules == 1));
    let err = a
        .apply(NewEvent::at(
            t("2026-08-21T09:00:00+08:00"),
            worker(),
            session(2),
        ))
        .unwrap_err();
    assert_eq!(err.code(), "out_of_order");
    a.apply(NewEvent::at(
        t("2026-09-30T09:00:00+08:00"),
        worker(),
        session(2),
    ))
    .unwrap();
    let saved = a.to_json().unwrap();
    assert_eq!(Activity::from_json(&saved).unwrap(), a);
}

mod volunteer {
    use super::*;
    use shegong::volunteer::*;

    fn registration() -> VolunteerRegistration {
        serde_json::from_value(json!({
            "name": "王芳", "gender": "female", "id_number": "11010519491231002X",
            "region": "姑苏区", "phone": "13800131234", "positions": ["general"]
        }))
        .unwrap()
    }

    fn at(day: &str, e: VolunteerEvent) -> NewEvent<VolunteerEvent> {
        let actor = crate::common::volunteer::actor_for("v-1", &e);
        NewEvent::at(t(day), actor, e)
    }

    pub(super) fn signed() -> Volunteer {
        let mut v = Volunteer::start(at(
            "2026-03-01",
            VolunteerEvent::Registered {
                volunteer_id: "v-1".into(),
                registration: Box::new(registration()),
            },
        ))
        .unwrap();
        let agreement: ConfidentialityAgreement = serde_json::from_value(json!({
            "id": "A-1", "agency": "阳光社工", "volunteer_name": "王芳", "volunteer_id_number": "11010519491231002X", "volunteer_phone": "13800131234",
            "scope": ["client_information"], "effective_from": "2026-03-05"
        }))
        .unwrap();
        for (day, e) in [
            (
                "2026-03-02",
                VolunteerEvent::Screened {
                    passed: true,
                    note: String::new(),
                },
            ),
            (
                "2026-03-03",
                VolunteerEvent::Trained {
                    course: "岗前".into(),
                    hours: 4,
                },
            ),
            (
                "2026-03-04",
                VolunteerEvent::AgreementDrafted {
                    agreement: Box::new(agreement),
                },
            ),
            (
                "2026-03-05",
                VolunteerEvent::AgreementSigned {
                    agreement_id: "A-1".into(),
                    party: Party::Agency,
                },
            ),
            (
                "2026-03-05",
                VolunteerEvent::AgreementSigned {
                    agreement_id: "A-1".into(),
                    party: Party::Volunteer,
                },
            ),
        ] {
            v.apply(at(day, e)).unwrap();
        }
        v
    }

    #[test]
    fn volunteer_history_is_chained_and_round_trips_records_authentic() {
        let v = signed();
        let json = v.to_json().unwrap();
        assert!(json.starts_with(&format!(
            "{{\"format\":2,\"id\":\"v-1\",\"rules\":{},\"head\":",
            shegong::history::RULES_VERSION
        )));
        assert_eq!(Volunteer::from_json(&json).unwrap(), v);
        assert_eq!(v.stage(), VolunteerStage::AgreementSigned);
    }

    #[test]
    fn volunteer_tampering_is_detected_records_authentic() {
        let mut s: Value = serde_json::from_str(&signed().to_json().unwrap()).unwrap();
        s["events"][3]["event"]["agreement"]["scope"] = json!([]);
        let err = Volunteer::from_json(&s.to_string()).unwrap_err();
        assert_eq!(
            (err.code(), err.rule_id()),
            ("tampered", Some("records-authentic"))
        );
        // A volunteer chain is not a case chain or an activity chain.
        let mut s: Value = serde_json::from_str(&signed().to_json().unwrap()).unwrap();
        s["id"] = json!("v-2");
        assert_eq!(
            Volunteer::from_json(&s.to_string()).unwrap_err().code(),
            "tampered"
        );
    }

    #[test]
    fn breach_dated_before_signing_is_refused_agreement_breach_actions() {
        let mut v = signed();
        let before = v.to_json().unwrap();
        let mut late = at(
            "2026-03-04",
            VolunteerEvent::BreachRecorded {
                breach_id: "B-1".into(),
                agreement_id: "A-1".into(),
                description: "泄露".into(),
            },
        );
        late.recorded_at = t("2026-03-06");
        let err = v.apply(late).unwrap_err();
        assert_eq!(err.rule_id(), Some("agreement-breach-actions"));
        assert_eq!(v.to_json().unwrap(), before);
    }

    #[test]
    fn volunteer_event_recorded_before_previous_is_out_of_order_records_authentic() {
        let mut v = signed();
        let err = v
            .apply(at(
                "2026-03-04",
                VolunteerEvent::Commended { note: "好".into() },
            ))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.rule_id()),
            ("out_of_order", Some("records-authentic"))
        );
    }

    #[test]
    fn legacy_volunteer_history_is_read_and_chained() {
        let v = signed();
        let events: Vec<Value> = v
            .history()
            .iter()
            .map(|e| {
                let mut ev = serde_json::to_value(&e.event).unwrap();
                ev.as_object_mut().unwrap().remove("volunteer_id");
                json!({"seq": e.seq, "occurred_at": e.occurred_at, "actor": e.actor, "event": ev})
            })
            .collect();
        let legacy = json!({"id": "v-1", "history": events});
        let read = Volunteer::from_json(&legacy.to_string()).unwrap();
        assert_eq!(read.id(), "v-1");
        assert_eq!(read.stage(), v.stage());
        assert!(read.history().iter().all(|e| e.rules == 1));
        assert_eq!(
            Volunteer::from_json(&read.to_json().unwrap()).unwrap(),
            read
        );
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use shegong::volunteer::*;

    fn activity_event(k: u8, n: u32) -> ActivityEvent {
        match k % 8 {
            0 => ActivityEvent::PlanSubmitted {
                to: "l-zhou".into(),
            },
            1 => ActivityEvent::PlanReviewed {
                approved: n % 2 == 0,
                comments: "c".into(),
            },
            2 => session(n % 4),
            3 => ActivityEvent::SessionSummarySubmitted { number: n % 4 },
            4 => ActivityEvent::MiddleStageBegan,
            5 => ActivityEvent::Ended,
            6 => ActivityEvent::MidtermEvaluated {
                summary: "m".into(),
            },
            _ => ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: n % 2 == 0,
                expense_account: true,
            },
        }
    }

    fn volunteer_event(k: u8, n: u32) -> VolunteerEvent {
        match k % 8 {
            0 => VolunteerEvent::Deployed {
                group_id: format!("G-{}", n % 3),
            },
            1 => VolunteerEvent::Undeployed {
                group_id: format!("G-{}", n % 3),
                reason: "r".into(),
            },
            2 => VolunteerEvent::BreachRecorded {
                breach_id: format!("B-{}", n % 3),
                agreement_id: "A-1".into(),
                description: "d".into(),
            },
            3 => VolunteerEvent::AgreementTerminated {
                agreement_id: "A-1".into(),
                reason: "r".into(),
            },
            4 => VolunteerEvent::Screened {
                passed: true,
                note: String::new(),
            },
            5 => VolunteerEvent::Ended { reason: "r".into() },
            6 => VolunteerEvent::AgreementSigned {
                agreement_id: "A-1".into(),
                party: Party::Agency,
            },
            _ => VolunteerEvent::BreachActionTaken {
                breach_id: format!("B-{}", n % 3),
                action: BreachAction::RemoveFromGroup,
                group_id: None,
                note: String::new(),
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A refused event leaves an activity byte-identical (`[records-authentic]`).
        #[test]
        fn refused_activity_event_changes_nothing(steps in prop::collection::vec((any::<u8>(), 0u32..6, -48i64..96), 1..20)) {
            let mut a = group();
            let mut last = t("2026-09-23T15:00:00+08:00");
            for (k, n, hours) in steps {
                let when = last + chrono::Duration::hours(hours);
                let before = a.to_json().unwrap();
                match a.apply(NewEvent::at(when, worker(), activity_event(k, n))) {
                    Ok(_) => last = when,
                    Err(_) => prop_assert_eq!(a.to_json().unwrap(), before),
                }
            }
            prop_assert_eq!(Activity::from_json(&a.to_json().unwrap()).unwrap(), a);
        }

        /// A refused event leaves a volunteer byte-identical (`[records-authentic]`).
        #[test]
        fn refused_volunteer_event_changes_nothing(steps in prop::collection::vec((any::<u8>(), 0u32..6, -48i64..96), 1..20)) {
            let mut v = super::volunteer::signed();
            let mut last = t("2026-03-06");
            for (k, n, hours) in steps {
                let when = last + chrono::Duration::hours(hours);
                let before = v.to_json().unwrap();
                match v.apply(NewEvent::at(when, worker(), volunteer_event(k, n))) {
                    Ok(_) => last = when,
                    Err(_) => prop_assert_eq!(v.to_json().unwrap(), before),
                }
            }
            prop_assert_eq!(Volunteer::from_json(&v.to_json().unwrap()).unwrap(), v);
        }
    }
}
