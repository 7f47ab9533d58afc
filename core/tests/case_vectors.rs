//! The shared case vectors under `tests/vectors/case/` (format: tests/README.md).
//!
//! `vectors_are_current` regenerates every vector from the scenarios below and fails when a
//! checked-in file differs (run with `UPDATE_VECTORS=1` to rewrite them after a deliberate
//! change). `vectors_replay` then reads the files the way a binding does — generic JSON, events
//! parsed with `new_event_from_json` — and checks every expectation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::{json, Value};
use shegong::case::*;

struct Scenario {
    name: &'static str,
    rules: &'static [&'static str],
    description: &'static str,
    events: Vec<NewEvent>,
}

fn scenarios() -> Vec<Scenario> {
    // The happy path under the current rules (the version-1 and version-2 vectors are kept,
    // unchanged, in tests/fixtures/v1/case and tests/fixtures/v2/case).
    let happy: Vec<NewEvent> = happy_path();
    let mut v = vec![Scenario {
        name: "happy-path",
        rules: &[
            "open-consent",
            "open-approval-5wd",
            "open-meet-10wd",
            "assessment-steps",
            "plan-contents",
            "intervention-kinds",
            "evaluation-kinds",
            "close-client-evaluation",
            "close-report-3wd",
            "followup-after-close",
        ],
        description: "A voluntary case from application to follow-up after closing.",
        events: happy.clone(),
    }];
    let mut no_consent = happy[..4].to_vec();
    no_consent.push(ev(
        "2026-03-03T10:00:00+08:00",
        worker(),
        EventKind::Opened {
            summary: "开案".into(),
        },
    ));
    no_consent.push(happy[4].clone());
    no_consent.push(happy[5].clone());
    v.push(Scenario {
        name: "open-requires-consent",
        rules: &["open-consent"],
        description: "Opening is refused until the client signs the informed consent.",
        events: no_consent,
    });
    let mut self_approval = happy[..7].to_vec();
    self_approval.push(ev(
        "2026-03-06",
        worker(),
        EventKind::OpeningDecided {
            decision: approved(),
        },
    ));
    self_approval.push(ev(
        "2026-03-06",
        supervisor(),
        EventKind::OpeningDecided {
            decision: Decision::Returned {
                comments: "补充家庭情况".into(),
            },
        },
    ));
    self_approval.push(ev("2026-03-12", worker(), assessment()));
    self_approval.push(ev(
        "2026-03-16",
        worker(),
        EventKind::PlanAgreed { plan: plan() },
    ));
    v.push(Scenario {
        name: "opening-approval",
        rules: &["open-approval-5wd"],
        description: "A worker cannot decide on the opening; a returned opening blocks the plan.",
        events: self_approval,
    });
    // Rules version 3: the opening record is submitted by the case's own worker, and the
    // closing report too; no other role (not even the worker's id claiming one) and no other
    // worker may record them.
    let submit = |actor: Actor| {
        ev(
            "2026-03-05T10:00:00+08:00",
            actor,
            EventKind::OpeningSubmitted {
                supervisor: "s-zhang".into(),
            },
        )
    };
    let mut by_worker = happy[..6].to_vec();
    by_worker.push(submit(Actor::new("v-1", Role::Volunteer)));
    by_worker.push(submit(Actor::new("w-li", Role::Client)));
    by_worker.push(submit(worker2()));
    by_worker.extend(happy[6..15].iter().cloned());
    let report = happy[15].clone();
    by_worker.push(NewEvent {
        actor: Actor::new("s-wu", Role::FirstLineSupervisor),
        ..report.clone()
    });
    by_worker.push(NewEvent {
        actor: worker2(),
        ..report
    });
    by_worker.extend(happy[15..].iter().cloned());
    v.push(Scenario {
        name: "worker-steps-by-the-worker",
        rules: &["open-approval-5wd", "close-report-3wd"],
        description: "Under rules version 3 the opening record and the closing report are recorded by the case's own worker: another role, the worker's id in another role and another worker are refused.",
        events: by_worker,
    });
    let held = |day: &str| {
        ev(
            day,
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "咨询".into(),
            },
        )
    };
    v.push(Scenario {
        name: "consultation-limit-and-reply",
        rules: &["consult-max-3", "consult-reply-5wd"],
        description: "A fourth consultation on one topic is recorded with a warning; not opening owes one reply.",
        events: vec![
            happy[0].clone(), held("2026-03-02T10:00:00+08:00"), held("2026-03-03"), held("2026-03-04"), held("2026-03-05"),
            ev("2026-03-05T15:00:00+08:00", worker(), EventKind::NotOpened { reasons: "政策咨询已解答".into() }),
            ev("2026-03-09", worker(), EventKind::ConsultationReplied { mode: ReplyMode::Written, reasons: "书面告知".into() }),
            ev("2026-03-10", worker(), EventKind::ConsultationReplied { mode: ReplyMode::Oral, reasons: "再次".into() }),
        ],
    });
    v.push(Scenario {
        name: "referral-in-declined",
        rules: &["source-kinds", "refer-in-reply-5wd"],
        description: "A referral in outside scope owes a written reply to both the referrer and the applicant.",
        events: vec![
            ev("2026-03-02", worker(), referred_in()),
            ev("2026-03-03", worker(), EventKind::ReferralInAssessed { within_scope: false, reasons: "超出服务范围".into() }),
            ev("2026-03-05", worker(), EventKind::ReferralDeclineReplied { to_referrer: true, to_applicant: false, reasons: "超出服务范围".into() }),
            ev("2026-03-05", worker(), EventKind::ReferralDeclineReplied { to_referrer: true, to_applicant: true, reasons: "超出服务范围".into() }),
        ],
    });
    let mut no_contact = happy[..13].to_vec();
    let terminate = |day: &str| {
        ev(
            day,
            worker(),
            EventKind::Terminated {
                ground: TerminationGround::NoContact,
                summary: "失联".into(),
                referral: None,
            },
        )
    };
    no_contact.push(ev(
        "2026-05-10",
        worker(),
        EventKind::ContactFailed {
            method: ContactMethod::Phone,
            note: "无人接听".into(),
        },
    ));
    no_contact.push(terminate("2026-06-23"));
    no_contact.push(terminate("2026-06-24"));
    no_contact.push(ev(
        "2026-06-25",
        worker(),
        EventKind::ClosingReportSubmitted {
            to: Role::FirstLineSupervisor,
            summary: "结案报告".into(),
        },
    ));
    no_contact.push(ev(
        "2026-06-25",
        worker(),
        EventKind::ClosingReportSubmitted {
            to: Role::ProjectLead,
            summary: "结案报告".into(),
        },
    ));
    no_contact.push(ev(
        "2026-06-26",
        lead(),
        EventKind::ClosingDecided {
            decision: approved(),
        },
    ));
    v.push(Scenario {
        name: "terminate-no-contact",
        rules: &["terminate-no-contact-3m", "terminate-report"],
        description: "Termination after three months without real contact; the report goes to the project lead.",
        events: no_contact,
    });
    let mut refer = happy[..13].to_vec();
    let referral = Referral {
        receiver: "区精神卫生中心".into(),
        receiver_is_department: false,
        needs: "精神科评估".into(),
        accompanied: true,
        mandatory: false,
        receiver_agreed_by: Some("刘医生".into()),
        ends_service: true,
    };
    refer.push(ev(
        "2026-03-30",
        worker(),
        EventKind::ReferredOut {
            referral: referral.clone(),
        },
    ));
    refer.push(ev(
        "2026-03-31",
        client_actor(),
        consent(
            "k-ref",
            ConsentCapacity::Client,
            ConsentPurpose::Referral {
                receiver: "区精神卫生中心".into(),
            },
        ),
    ));
    refer.push(ev(
        "2026-04-01",
        worker(),
        EventKind::ReferredOut { referral },
    ));
    v.push(Scenario {
        name: "refer-out-consent",
        rules: &["refer-out-consent"],
        description: "A referral out needs the client's consent naming the receiver; ending service moves to closing.",
        events: refer,
    });
    v.push(Scenario {
        name: "crisis-fast-track",
        rules: &["crisis-immediate"],
        description: "A declared crisis starts crisis intervention at once and is reported.",
        events: vec![
            happy[0].clone(),
            ev(
                "2026-03-02T09:30:00+08:00",
                worker(),
                EventKind::InterventionStarted {
                    kind: InterventionKind::Direct,
                    strategies: vec![Strategy::CrisisIntervention],
                },
            ),
            ev(
                "2026-03-02T09:31:00+08:00",
                worker(),
                EventKind::CrisisDeclared {
                    summary: "有自伤风险".into(),
                },
            ),
            ev(
                "2026-03-02T09:32:00+08:00",
                worker(),
                EventKind::InterventionStarted {
                    kind: InterventionKind::Direct,
                    strategies: vec![Strategy::CrisisIntervention],
                },
            ),
            ev(
                "2026-03-02T09:40:00+08:00",
                worker(),
                EventKind::CrisisReported {
                    to: vec!["s-zhang".into(), "街道民政科".into()],
                    supervisor: "s-zhang".into(),
                    departments: vec!["街道民政科".into()],
                },
            ),
        ],
    });
    v.push(Scenario {
        name: "withdraw-before-opening",
        rules: &["withdraw-any-stage"],
        description: "Withdrawal needs a reason; before opening it ends the case at once.",
        events: vec![
            happy[0].clone(),
            ev(
                "2026-03-03",
                client_actor(),
                EventKind::Withdrawn { reason: "".into() },
            ),
            ev(
                "2026-03-03",
                client_actor(),
                EventKind::Withdrawn {
                    reason: "已自行解决".into(),
                },
            ),
        ],
    });
    v
}

fn expect_of(result: &Result<Applied, CaseError>) -> Value {
    match result {
        Ok(a) => json!({
            "outcome": "applied",
            "stage": a.stage,
            "warnings": a.warnings.iter().map(|w| w.rule.clone()).collect::<Vec<_>>(),
        }),
        Err(e) => {
            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
        }
    }
}

fn generate_steps(s: &Scenario) -> Value {
    let mut events = s.events.clone().into_iter();
    let first = events.next().unwrap();
    let mut case = Case::start(first.clone()).unwrap();
    let mut steps = vec![
        json!({ "event": first, "expect": { "outcome": "applied", "stage": case.stage(), "warnings": [] } }),
    ];
    for e in events {
        let r = case.apply(e.clone());
        steps.push(json!({ "event": e, "expect": expect_of(&r) }));
    }
    json!({
        "format": 1,
        "kind": "case_steps",
        "name": s.name,
        "rules": s.rules,
        "description": s.description,
        "steps": steps,
        "final": { "stage": case.stage(), "history_len": case.history().len(), "head": case.head(), "missing_forms": case.file_check().missing.iter().map(|m| m.form).collect::<Vec<_>>() },
    })
}

fn generate_histories() -> Value {
    let case = published_case_at_follow_up();
    let good: Value = serde_json::from_str(&case.to_json().unwrap()).unwrap();
    let mut edited = good.clone();
    edited["events"][6]["actor"]["id"] = json!("w-li");
    let mut truncated = good.clone();
    truncated["events"].as_array_mut().unwrap().pop();
    let mut unknown = good.clone();
    unknown["events"][7]["event"]["type"] = json!("teleported");
    let mut reordered = good.clone();
    reordered["events"].as_array_mut().unwrap().swap(8, 9);
    let result = |v: &Value| match Case::from_json(&v.to_string()) {
        Ok(c) => json!({ "outcome": "ok", "stage": c.stage(), "head": c.head() }),
        Err(e) => {
            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
        }
    };
    let items: Vec<Value> = [
        ("intact", &good),
        ("edited", &edited),
        ("truncated", &truncated),
        ("unknown-event", &unknown),
        ("reordered", &reordered),
    ]
    .into_iter()
    .map(|(name, v)| json!({ "name": name, "stored": v, "expect": result(v) }))
    .collect();
    json!({
        "format": 1,
        "kind": "case_histories",
        "name": "stored-histories",
        "rules": ["records-authentic"],
        "description": "Stored histories read back: intact, edited, truncated, with an unknown event type, reordered.",
        "histories": items,
    })
}

fn all_vectors() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = scenarios()
        .iter()
        .map(|s| (format!("{}.json", s.name), generate_steps(s)))
        .collect();
    out.push(("stored-histories.json".into(), generate_histories()));
    out
}

#[test]
fn vectors_are_current() {
    for (file, value) in all_vectors() {
        common::vectors::check_or_update("case", &file, &value);
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return; // the files are being rewritten by the test above
    }
    let mut files = 0;
    for (path, v) in common::vectors::read_all("case") {
        assert_eq!(v["format"], 1);
        files += 1;
        match v["kind"].as_str().unwrap() {
            "case_steps" => {
                let steps = v["steps"].as_array().unwrap();
                let first = new_event_from_json(&steps[0]["event"].to_string()).unwrap();
                let mut case = Case::start(first).unwrap();
                for step in &steps[1..] {
                    let e = new_event_from_json(&step["event"].to_string()).unwrap();
                    let got = expect_of(&case.apply(e));
                    assert_eq!(got, step["expect"], "{path}");
                }
                assert_eq!(json!(case.stage()), v["final"]["stage"]);
                assert_eq!(json!(case.head()), v["final"]["head"]);
            }
            "case_histories" => {
                for h in v["histories"].as_array().unwrap() {
                    let got = match Case::from_json(&h["stored"].to_string()) {
                        Ok(c) => json!({ "outcome": "ok", "stage": c.stage(), "head": c.head() }),
                        Err(e) => {
                            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
                        }
                    };
                    assert_eq!(got, h["expect"], "{path} / {}", h["name"]);
                }
            }
            other => panic!("unknown vector kind {other}"),
        }
        common::vectors::replayed("case", &path);
    }
    assert!(files >= 9);
}

/// The happy path to follow-up.
fn published_case_at_follow_up() -> Case {
    let mut events = happy_path().into_iter();
    let mut case = Case::start(events.next().unwrap()).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    assert_eq!(case.stage(), Stage::FollowUp);
    case
}

// [records-authentic]: every case vector published under rules version 1 or 2 (kept as it
// was in tests/fixtures/v1/case and tests/fixtures/v2/case) still gives the same outcomes when
// its events are stored under that version — histories outlive the rules they were written
// under. Stored histories (version 2 published some) are read as they are.
#[test]
fn older_vectors_still_replay() {
    for rules in [1, 2] {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../tests/fixtures/v{rules}/case"));
        let (mut files, mut histories) = (0, 0);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if v["kind"] == "case_histories" {
                for h in v["histories"].as_array().unwrap() {
                    let got = match Case::from_json(&h["stored"].to_string()) {
                        Ok(c) => json!({ "outcome": "ok", "stage": c.stage(), "head": c.head() }),
                        Err(e) => {
                            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
                        }
                    };
                    assert_eq!(got, h["expect"], "{} / {}", path.display(), h["name"]);
                    histories += 1;
                }
                continue;
            }
            files += 1;
            let steps = v["steps"].as_array().unwrap();
            let first = new_event_from_json(&steps[0]["event"].to_string()).unwrap();
            let mut case = common::OldRulesCase::under(rules, &Case::start(first).unwrap());
            for step in &steps[1..] {
                let e = new_event_from_json(&step["event"].to_string()).unwrap();
                let got = expect_of(&case.apply(e));
                assert_eq!(got, step["expect"], "{}", path.display());
            }
            assert_eq!(
                json!(case.stage()),
                v["final"]["stage"],
                "{}",
                path.display()
            );
            assert_eq!(
                json!(case.case().head()),
                v["final"]["head"],
                "{}",
                path.display()
            );
        }
        assert!(files >= 9, "v{rules}: {files}");
        if rules == 2 {
            assert!(histories >= 5, "v2: {histories}");
        }
    }
}
