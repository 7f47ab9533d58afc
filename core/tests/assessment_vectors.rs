//! Shared vectors under `tests/vectors/assessment/` (format: tests/README.md): records in and
//! their validation out; triage worklists in and their order out; routing inputs in and tiers
//! out; dates of birth in and age groups out.

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
use shegong::assessment::*;
use shegong::triage::*;

fn record_outcome(input: &Value) -> Value {
    match Record::from_json(&input.to_string()) {
        Ok(r) => json!({ "outcome": "ok", "record": r }),
        Err(e) => json!({ "outcome": "error", "code": e.code() }),
    }
}

fn records() -> Value {
    let mut cases: Vec<(String, Value)> = RecordKind::ALL
        .iter()
        .map(|k| (format!("valid {}", k.name()), sample_json(*k)))
        .collect();
    let mut bad_phone = sample_json(RecordKind::ServiceRecord);
    bad_phone["phone"] = "12345".into();
    cases.push(("service record with a bad phone".into(), bad_phone));
    let mut bad_time = sample_json(RecordKind::MedicalVolunteerRecord);
    bad_time["service_time"]["end"] = "2026-03-04T19:00:00+08:00".into();
    cases.push(("service time ending before it starts".into(), bad_time));
    let mut bad_items = sample_json(RecordKind::ConsultationRecord);
    bad_items["items"][0]["number"] = 2.into();
    cases.push(("consultation items misnumbered".into(), bad_items));
    let mut unknown = sample_json(RecordKind::DailySummary);
    unknown["kind"] = "diary".into();
    cases.push(("unknown record kind".into(), unknown));
    let mut future = sample_json(RecordKind::HouseholdProfile);
    future["schema_version"] = 2.into();
    cases.push(("a newer schema version".into(), future));
    json!({
        "format": 1, "kind": "records", "name": "records",
        "rules": ["household-profile-fields", "service-record-needs", "consultation-record", "volunteer-service-records", "daily-summary", "service-time-span"],
        "description": "Records read from JSON: valid samples of every kind, and invalid ones.",
        "cases": cases.into_iter().map(|(name, input)| { let expect = record_outcome(&input); json!({ "name": name, "input": input, "expect": expect }) }).collect::<Vec<_>>(),
    })
}

fn triage_items() -> Vec<TriageItem> {
    let item =
        |id: &str, l, u, groups: Vec<PopulationGroup>, dob: Option<&str>, since: &str| TriageItem {
            id: id.into(),
            life_risk: l,
            urgency: u,
            groups,
            date_of_birth: dob.map(|d| d.parse().unwrap()),
            waiting_since: common::t(since),
        };
    use LifeRisk as L;
    use PopulationGroup as G;
    use Urgency as U;
    vec![
        item(
            "R-01",
            L::None,
            U::Low,
            vec![],
            None,
            "2026-03-01T08:00:00+08:00",
        ),
        item(
            "R-02",
            L::None,
            U::Immediate,
            vec![G::MigrantWorker],
            None,
            "2026-03-03T09:00:00+08:00",
        ),
        item(
            "R-03",
            L::None,
            U::Medium,
            vec![G::DependentElder],
            None,
            "2026-03-03T09:10:00+08:00",
        ),
        item(
            "R-04",
            L::Possible,
            U::Low,
            vec![],
            None,
            "2026-03-03T09:50:00+08:00",
        ),
        item(
            "R-05",
            L::None,
            U::Medium,
            vec![],
            Some("1950-07-01"),
            "2026-03-03T08:00:00+08:00",
        ),
        item(
            "R-06",
            L::Imminent,
            U::High,
            vec![G::SeverelyAnxious],
            None,
            "2026-03-03T09:58:00+08:00",
        ),
        item(
            "R-07",
            L::None,
            U::Medium,
            vec![],
            Some("2015-02-01"),
            "2026-03-03T08:00:00+08:00",
        ),
        item(
            "R-08",
            L::None,
            U::Medium,
            vec![G::DomesticViolenceVictim],
            None,
            "2026-03-03T09:30:00+08:00",
        ),
    ]
}

fn triage() -> Value {
    let items = triage_items();
    let now = "2026-03-03T10:00:00+08:00";
    json!({
        "format": 1, "kind": "triage", "name": "triage",
        "rules": ["priority-principles"],
        "description": "A worklist ordered by risk to life, vulnerability, urgency and waiting time.",
        "now": now, "items": items, "expect": prioritise(&items, common::t(now)),
    })
}

fn routing() -> Value {
    let base = json!({"life_risk": "none", "urgency": "low"});
    let with = |patch: Value| {
        let mut v = base.clone();
        for (k, x) in patch.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let inputs = vec![
        ("nothing recorded", base.clone()),
        (
            "a living-supplies need",
            with(json!({"needs": {"support": ["living_supplies"]}})),
        ),
        (
            "an elder by age",
            with(json!({"date_of_birth": "1950-01-01"})),
        ),
        (
            "a person with a mental disorder and a medical need",
            with(
                json!({"groups": ["mental_disorder"], "needs": {"medical": ["treatment_advice"]}}),
            ),
        ),
        ("high urgency", with(json!({"urgency": "high"}))),
        (
            "life possibly at risk",
            with(json!({"life_risk": "possible"})),
        ),
        (
            "life at imminent risk",
            with(json!({"life_risk": "imminent"})),
        ),
        ("a declared crisis", with(json!({"crisis_declared": true}))),
        (
            "already in crisis referral",
            with(json!({"current_tier": "crisis_referral"})),
        ),
    ];
    let on = "2026-03-03";
    json!({
        "format": 1, "kind": "routing", "name": "routing",
        "rules": ["triage-routing", "priority-principles"],
        "description": "Routing recommendations for clients, as of a date.",
        "on": on,
        "cases": inputs.into_iter().map(|(name, input)| {
            let parsed: RoutingInput = serde_json::from_value(input.clone()).unwrap();
            json!({ "name": name, "input": input, "expect": route(&parsed, on.parse().unwrap()) })
        }).collect::<Vec<_>>(),
    })
}

fn ages() -> Value {
    let pairs = [
        ("1966-05-01", "2026-05-01"),
        ("1966-05-02", "2026-05-01"),
        ("2020-05-01", "2026-05-01"),
        ("2020-05-02", "2026-05-01"),
        ("2007-05-02", "2026-05-01"),
        ("2007-05-01", "2026-05-01"),
        ("1964-02-29", "2024-02-29"),
        ("1964-02-29", "2024-02-28"),
    ];
    json!({
        "format": 1, "kind": "age_groups", "name": "age-groups",
        "rules": ["priority-principles"],
        "description": "Age groups from a date of birth on a date: 60 and over; 6 to 18 inclusive.",
        "cases": pairs.iter().map(|(b, on)| json!({ "date_of_birth": b, "on": on, "expect": age_groups(b.parse().unwrap(), on.parse().unwrap()) })).collect::<Vec<_>>(),
    })
}

#[test]
fn vectors_are_current() {
    for (file, v) in [
        ("records.json", records()),
        ("triage.json", triage()),
        ("routing.json", routing()),
        ("age-groups.json", ages()),
    ] {
        check_or_update("assessment", file, &v);
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    let files = read_all("assessment");
    assert_eq!(files.len(), 4);
    for (file, v) in files {
        match v["kind"].as_str().unwrap() {
            "records" => {
                for c in v["cases"].as_array().unwrap() {
                    assert_eq!(
                        record_outcome(&c["input"]),
                        c["expect"],
                        "{file}: {}",
                        c["name"]
                    );
                }
            }
            "triage" => {
                let items: Vec<TriageItem> = serde_json::from_value(v["items"].clone()).unwrap();
                let got =
                    serde_json::to_value(prioritise(&items, common::t(v["now"].as_str().unwrap())))
                        .unwrap();
                assert_eq!(got, v["expect"]);
            }
            "routing" => {
                let on = v["on"].as_str().unwrap().parse().unwrap();
                for c in v["cases"].as_array().unwrap() {
                    let input: RoutingInput = serde_json::from_value(c["input"].clone()).unwrap();
                    assert_eq!(
                        serde_json::to_value(route(&input, on)).unwrap(),
                        c["expect"],
                        "{}",
                        c["name"]
                    );
                }
            }
            "age_groups" => {
                for c in v["cases"].as_array().unwrap() {
                    let got = age_groups(
                        c["date_of_birth"].as_str().unwrap().parse().unwrap(),
                        c["on"].as_str().unwrap().parse().unwrap(),
                    );
                    assert_eq!(serde_json::to_value(got).unwrap(), c["expect"]);
                }
            }
            other => panic!("{other}"),
        }
        common::vectors::replayed("assessment", &file);
    }
}
