//! Shared vectors under `tests/vectors/volunteer/` (format: tests/README.md): identity
//! numbers, phones, nicknames, access decisions and redacted views.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::records::sample_json;
use common::vectors::{check_or_update, read_all};
use serde_json::{json, Value};
use shegong::access::*;
use shegong::assessment::{Record, RecordKind};
use shegong::groups::parse_nickname;
use shegong::identity::{IdNumber, Phone};

fn id_outcome(s: &str) -> Value {
    match IdNumber::parse(s) {
        Ok(id) => {
            json!({ "outcome": "ok", "normalised": id.expose(), "masked": id.masked(), "birth_date": id.birth_date(), "sex": id.sex() })
        }
        Err(e) => json!({ "outcome": "error", "code": e.code() }),
    }
}

fn phone_outcome(s: &str) -> Value {
    match Phone::parse(s) {
        Ok(p) => {
            json!({ "outcome": "ok", "digits": p.digits(), "kind": p.kind(), "masked": p.masked() })
        }
        Err(e) => json!({ "outcome": "error", "code": e.code() }),
    }
}

fn nickname_outcome(s: &str) -> Value {
    match parse_nickname(s) {
        Ok((role, name)) => json!({ "outcome": "ok", "role": role, "name": name }),
        Err(e) => json!({ "outcome": "error", "code": e.code() }),
    }
}

fn identity() -> Value {
    let ids = [
        "11010519491231002X",
        "11010519491231002x",
        "110105491231002",
        "440524188001010014",
        "110105194912310021",
        "110105194902300028",
        "1101051949123100",
        "",
    ];
    let phones = [
        "13800131234",
        "+86 138-0013-1234",
        "0512-65211234",
        "010-12345678",
        "12800131234",
        "+1 415 555 0100",
        "abc",
    ];
    let nicks = [
        "社工-张三",
        "社工+张三",
        "3栋502-自住",
        "5栋101租住",
        "社区志愿者·李四",
        "张三",
        "社工-",
    ];
    json!({
        "format": 1, "kind": "identity", "name": "identity",
        "rules": ["nickname-convention"],
        "description": "ID numbers (GB 11643-1999), phones and nicknames: parsed, normalised, masked.",
        "id_numbers": ids.iter().map(|s| json!({ "input": s, "expect": id_outcome(s) })).collect::<Vec<_>>(),
        "phones": phones.iter().map(|s| json!({ "input": s, "expect": phone_outcome(s) })).collect::<Vec<_>>(),
        "nicknames": nicks.iter().map(|s| json!({ "input": s, "expect": nickname_outcome(s) })).collect::<Vec<_>>(),
    })
}

fn viewers() -> Vec<Viewer> {
    let mut out = Vec::new();
    for role in AccessRole::ALL {
        for agreement in [
            AgreementState::None,
            AgreementState::InForce,
            AgreementState::Terminated,
        ] {
            for deployed in [true, false] {
                for acquainted in [false, true] {
                    out.push(Viewer {
                        id: "v-1".into(),
                        role: *role,
                        agreement,
                        agreement_covers_clients: agreement == AgreementState::InForce,
                        groups: if deployed {
                            vec!["G-focus".into()]
                        } else {
                            vec![]
                        },
                        acquaintances: if acquainted {
                            vec!["c-1".into()]
                        } else {
                            vec![]
                        },
                    });
                }
            }
        }
    }
    out
}

fn subject() -> SubjectFacts {
    SubjectFacts {
        id: "c-1".into(),
        groups: vec!["G-focus".into()],
        minor_under_14: false,
        specific_identity: false,
    }
}

fn decisions() -> Value {
    let fields = [
        "date",
        "client_name",
        "phone",
        "concerns.medical",
        "address",
    ];
    let mut cases = Vec::new();
    for v in viewers() {
        for f in fields {
            for view in [View::OneToOne, View::GroupVisible] {
                let access = Access {
                    view,
                    ..Access::default()
                };
                let d = access.decide(&v, RecordKind::ServiceRecord, f, &subject());
                cases.push(json!({ "viewer": v, "view": view, "field": f, "expect": { "outcome": d.outcome, "rule": d.rule } }));
            }
        }
    }
    json!({
        "format": 1, "kind": "access_decisions", "name": "access-decisions",
        "rules": ["agreement-before-access", "acquaintance-avoidance", "private-info-one-to-one", "agreement-survives-termination"],
        "description": "Access decisions on the fields of a service record, for every role and situation.",
        "record_kind": "service_record", "subject": subject(),
        "cases": cases,
    })
}

fn redactions() -> Value {
    let mut cases = Vec::new();
    for kind in [
        RecordKind::ServiceRecord,
        RecordKind::ConsultationRecord,
        RecordKind::HouseholdProfile,
    ] {
        let mut record = sample_json(kind);
        let parsed: Record = serde_json::from_value(record.clone()).unwrap();
        record = serde_json::to_value(&parsed).unwrap();
        for v in viewers()
            .into_iter()
            .filter(|v| !v.acquaintances.is_empty() || v.groups.is_empty() || v.role.is_volunteer())
            .take(12)
        {
            cases.push(json!({ "viewer": v, "subject": subject(), "record": record, "expect": Access::default().redact(&v, &parsed, &subject()) }));
        }
    }
    json!({
        "format": 1, "kind": "redactions", "name": "redactions",
        "rules": ["agreement-before-access", "private-info-one-to-one"],
        "description": "Records as viewers may see them: removed and masked fields.",
        "cases": cases,
    })
}

#[test]
fn vectors_are_current() {
    for (file, v) in [
        ("identity.json", identity()),
        ("access-decisions.json", decisions()),
        ("redactions.json", redactions()),
    ] {
        check_or_update("volunteer", file, &v);
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    for (file, v) in read_all("volunteer") {
        match v["kind"].as_str().unwrap() {
            "identity" => {
                for c in v["id_numbers"].as_array().unwrap() {
                    assert_eq!(id_outcome(c["input"].as_str().unwrap()), c["expect"]);
                }
                for c in v["phones"].as_array().unwrap() {
                    assert_eq!(phone_outcome(c["input"].as_str().unwrap()), c["expect"]);
                }
                for c in v["nicknames"].as_array().unwrap() {
                    assert_eq!(nickname_outcome(c["input"].as_str().unwrap()), c["expect"]);
                }
            }
            "access_decisions" => {
                let s: SubjectFacts = serde_json::from_value(v["subject"].clone()).unwrap();
                let kind: RecordKind = serde_json::from_value(v["record_kind"].clone()).unwrap();
                for c in v["cases"].as_array().unwrap() {
                    let viewer: Viewer = serde_json::from_value(c["viewer"].clone()).unwrap();
                    let access = Access {
                        view: serde_json::from_value(c["view"].clone()).unwrap(),
                        ..Access::default()
                    };
                    let got = access.decide(&viewer, kind, c["field"].as_str().unwrap(), &s);
                    assert_eq!(
                        json!({ "outcome": got.outcome, "rule": got.rule }),
                        c["expect"],
                        "{file}"
                    );
                }
            }
            "redactions" => {
                for c in v["cases"].as_array().unwrap() {
                    let viewer: Viewer = serde_json::from_value(c["viewer"].clone()).unwrap();
                    let s: SubjectFacts = serde_json::from_value(c["subject"].clone()).unwrap();
                    let record = Record::from_json(&c["record"].to_string()).unwrap();
                    assert_eq!(
                        serde_json::to_value(Access::default().redact(&viewer, &record, &s))
                            .unwrap(),
                        c["expect"]
                    );
                }
            }
            other => panic!("{other}"),
        }
    }
}
