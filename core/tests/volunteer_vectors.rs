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
use common::volunteer::{build, kind_of, on, Spec, ON};
use serde_json::{json, Value};
use shegong::access::*;
use shegong::assessment::{Record, RecordKind};
use shegong::groups::parse_nickname;
use shegong::identity::{IdNumber, Phone};
use shegong::volunteer::{Volunteer, VolunteerKind};

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

/// A viewer as a vector names it, and the viewer it gives: `{"staff": {id, role, groups}}`,
/// asserted by the platform, or `{"volunteer": key, "acting_as", "on", "purpose"}`, read from
/// the stored volunteer history `volunteers[key]` of the same file.
struct NamedViewer {
    spec: Value,
    viewer: Viewer,
    volunteer: bool,
    acquainted: bool,
}

fn volunteer_key(spec: &Spec) -> String {
    let kinds: Vec<&str> = spec.positions.iter().map(|k| k.name()).collect();
    let mut key = format!(
        "{}-{}{}{}",
        kinds.join("+"),
        spec.agreement.name(),
        if spec.deployed { "-deployed" } else { "" },
        if spec.acquainted { "-acquainted" } else { "" }
    );
    if !spec.deployment.is_empty() {
        key = format!("{key}-{}", spec.deployment);
    }
    key
}

/// Every viewer of the vectors, and the stored volunteer histories they are read from.
fn viewers() -> (Vec<NamedViewer>, serde_json::Map<String, Value>) {
    let mut out = Vec::new();
    let mut volunteers = serde_json::Map::new();
    for role in AccessRole::ALL {
        for deployed in [true, false] {
            if !role.is_volunteer() {
                let groups: Vec<String> = if deployed {
                    vec!["G-focus".into()]
                } else {
                    vec![]
                };
                out.push(NamedViewer {
                    spec: json!({ "staff": { "id": "s-1", "role": role, "groups": groups } }),
                    viewer: Viewer::staff("s-1", *role, groups),
                    volunteer: false,
                    acquainted: false,
                });
                continue;
            }
            for agreement in [
                AgreementState::None,
                AgreementState::InForce,
                AgreementState::Terminated,
            ] {
                if deployed && agreement == AgreementState::None {
                    continue; // no record gives it: deployment needs an agreement in force
                }
                for acquainted in [false, true] {
                    let kind = kind_of(*role);
                    push_volunteer(
                        &mut out,
                        &mut volunteers,
                        Spec::new(&[kind], agreement, deployed, acquainted),
                        kind,
                        Purpose::Service,
                    );
                }
            }
        }
    }
    // Issue 12 (finding 7): a position never registered, a deployment ended, another purpose,
    // acquaintance avoidance following a psychological volunteer acting as medical.
    let in_force = |kinds: &[VolunteerKind], acquainted| {
        Spec::new(kinds, AgreementState::InForce, true, acquainted)
    };
    push_volunteer(
        &mut out,
        &mut volunteers,
        in_force(&[VolunteerKind::General], false),
        VolunteerKind::Psychological,
        Purpose::Service,
    );
    let mut ended = in_force(&[VolunteerKind::Medical], false);
    ended.deployment = "ended";
    push_volunteer(
        &mut out,
        &mut volunteers,
        ended,
        VolunteerKind::Medical,
        Purpose::Service,
    );
    push_volunteer(
        &mut out,
        &mut volunteers,
        in_force(&[VolunteerKind::Medical], false),
        VolunteerKind::Medical,
        Purpose::Other,
    );
    push_volunteer(
        &mut out,
        &mut volunteers,
        in_force(
            &[VolunteerKind::Medical, VolunteerKind::Psychological],
            true,
        ),
        VolunteerKind::Medical,
        Purpose::Service,
    );
    (out, volunteers)
}

fn push_volunteer(
    out: &mut Vec<NamedViewer>,
    volunteers: &mut serde_json::Map<String, Value>,
    spec: Spec,
    acting_as: VolunteerKind,
    purpose: Purpose,
) {
    let key = volunteer_key(&spec);
    let v = build("v-1", &spec);
    volunteers.insert(key.clone(), serde_json::to_value(&v).unwrap());
    out.push(NamedViewer {
        spec: json!({ "volunteer": key, "acting_as": acting_as, "on": ON, "purpose": purpose }),
        viewer: Viewer::volunteer(&v, acting_as, on(), purpose),
        volunteer: true,
        acquainted: spec.acquainted,
    });
}

/// The viewer a vector names (see [`NamedViewer`]), as a binding must rebuild it.
fn read_viewer(spec: &Value, volunteers: &Value) -> Viewer {
    if let Some(staff) = spec.get("staff") {
        return serde_json::from_value(staff.clone()).unwrap();
    }
    let stored = &volunteers[spec["volunteer"].as_str().unwrap()];
    let v = Volunteer::from_json(&stored.to_string()).unwrap();
    Viewer::volunteer(
        &v,
        serde_json::from_value(spec["acting_as"].clone()).unwrap(),
        serde_json::from_value(spec["on"].clone()).unwrap(),
        serde_json::from_value(spec["purpose"].clone()).unwrap(),
    )
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
    let (viewers, volunteers) = viewers();
    for named in &viewers {
        let v = &named.viewer;
        for f in fields {
            for view in [View::OneToOne, View::GroupVisible] {
                let access = Access {
                    view,
                    ..Access::default()
                };
                let d = access.decide(v, RecordKind::ServiceRecord, f, &subject());
                cases.push(json!({ "viewer": named.spec, "view": view, "field": f, "expect": { "outcome": d.outcome, "rule": d.rule } }));
            }
        }
    }
    json!({
        "format": 2, "kind": "access_decisions", "name": "access-decisions",
        "rules": ["agreement-before-access", "acquaintance-avoidance", "private-info-one-to-one", "agreement-survives-termination", "access-while-serving", "volunteer-kinds"],
        "description": "Access decisions on the fields of a service record, for every role and situation; volunteer viewers are read from their stored histories.",
        "record_kind": "service_record", "subject": subject(), "volunteers": volunteers,
        "cases": cases,
    })
}

fn redactions() -> Value {
    let mut cases = Vec::new();
    let (viewers, volunteers) = viewers();
    for kind in [
        RecordKind::ServiceRecord,
        RecordKind::ConsultationRecord,
        RecordKind::HouseholdProfile,
    ] {
        let mut record = sample_json(kind);
        let parsed: Record = serde_json::from_value(record.clone()).unwrap();
        record = serde_json::to_value(&parsed).unwrap();
        for named in viewers
            .iter()
            .filter(|n| n.acquainted || n.viewer.groups().is_empty() || n.volunteer)
            .take(12)
        {
            cases.push(json!({ "viewer": named.spec, "subject": subject(), "record": record, "expect": Access::default().redact(&named.viewer, &parsed, &subject()) }));
        }
    }
    json!({
        "format": 2, "kind": "redactions", "name": "redactions",
        "rules": ["agreement-before-access", "private-info-one-to-one", "access-while-serving"],
        "description": "Records as viewers may see them: removed and masked fields; volunteer viewers are read from their stored histories.",
        "volunteers": volunteers,
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
                    let viewer = read_viewer(&c["viewer"], &v["volunteers"]);
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
                    let viewer = read_viewer(&c["viewer"], &v["volunteers"]);
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
        common::vectors::replayed("volunteer", &file);
    }
}
