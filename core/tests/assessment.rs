//! Records, labels, sensitivity, schemas, retention, population groups (`[household-profile-fields]`,
//! `[service-record-needs]`, `[consultation-record]`, `[volunteer-service-records]`,
//! `[daily-summary]`, `[service-time-span]`, `[priority-principles]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use common::records::{sample, sample_json};
use common::t;
use serde_json::Value;
use shegong::assessment::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Every field path of a schema, and every string enum (definition name → values).
fn walk(schema: &Value) -> (BTreeSet<String>, BTreeMap<String, Vec<String>>) {
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut paths = BTreeSet::new();
    let mut enums = BTreeMap::new();
    fn resolve<'a>(
        s: &'a Value,
        defs: &'a Value,
        enums: &mut BTreeMap<String, Vec<String>>,
    ) -> &'a Value {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            let target = &defs[name];
            let values: Vec<String> = if let Some(e) = target.get("enum").and_then(Value::as_array)
            {
                e.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            } else if let Some(o) = target.get("oneOf").and_then(Value::as_array) {
                o.iter()
                    .filter_map(|v| v.get("const").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            } else {
                vec![]
            };
            if !values.is_empty() {
                enums.insert(name.to_owned(), values);
            }
            return resolve(target, defs, enums);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = s.get(key).and_then(Value::as_array) {
                if let Some(b) = branches.iter().find(|b| {
                    b.get("type") != Some(&Value::from("null"))
                        && (b.get("$ref").is_some() || b.get("properties").is_some())
                }) {
                    return resolve(b, defs, enums);
                }
            }
        }
        s
    }
    fn go(
        s: &Value,
        defs: &Value,
        prefix: &str,
        paths: &mut BTreeSet<String>,
        enums: &mut BTreeMap<String, Vec<String>>,
    ) {
        let s = resolve(s, defs, enums);
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                let path = format!("{prefix}{name}");
                paths.insert(path.clone());
                let sub = resolve(sub, defs, enums);
                if let Some(items) = sub.get("items") {
                    go(items, defs, &format!("{path}[]."), paths, enums);
                } else {
                    go(sub, defs, &format!("{path}."), paths, enums);
                }
            }
        }
    }
    go(schema, &defs, "", &mut paths, &mut enums);
    (paths, enums)
}

// Every field of every record kind has a label and sensitivity tags, and nothing else does.
#[test]
fn every_field_is_labelled_and_tagged() {
    for kind in RecordKind::ALL {
        let (paths, _) = walk(&kind.json_schema());
        let listed: BTreeSet<String> = kind.fields().iter().map(|f| f.path.to_owned()).collect();
        assert_eq!(paths, listed, "{kind:?}: schema fields vs FieldInfo table");
        assert!(kind.fields().iter().all(|f| !f.zh.is_empty()));
    }
}

// A field is an identifier (masked for all but workers) exactly when it holds a phone or ID number.
#[test]
fn identifier_fields_are_the_phone_and_id_fields() {
    fn refs(schema: &Value, defs: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, sub) in props {
            let path = format!("{prefix}{name}");
            let text = sub.to_string();
            if text.contains("#/$defs/Phone") || text.contains("#/$defs/IdNumber") {
                out.insert(path.clone());
            }
            let target = sub
                .get("$ref")
                .or_else(|| sub.get("anyOf").and_then(|a| a[0].get("$ref")))
                .and_then(Value::as_str);
            if let Some(r) = target {
                refs(
                    &defs[r.trim_start_matches("#/$defs/")],
                    defs,
                    &format!("{path}."),
                    out,
                );
            }
            if let Some(r) = sub
                .get("items")
                .and_then(|i| i.get("$ref"))
                .and_then(Value::as_str)
            {
                refs(
                    &defs[r.trim_start_matches("#/$defs/")],
                    defs,
                    &format!("{path}[]."),
                    out,
                );
            }
        }
    }
    for kind in RecordKind::ALL {
        let schema = kind.json_schema();
        let mut expected = BTreeSet::new();
        refs(&schema, &schema["$defs"], "", &mut expected);
        let listed: BTreeSet<String> = kind
            .fields()
            .iter()
            .filter(|f| f.identifier)
            .map(|f| f.path.to_owned())
            .collect();
        assert_eq!(listed, expected, "{kind:?}");
    }
}

// Every enum value that appears in a record has a Chinese label.
#[test]
fn every_enum_value_has_a_chinese_label() {
    let registry: BTreeMap<&str, &[(&str, &str)]> = BTreeMap::from([
        ("Gender", Gender::LABELS),
        ("Education", Education::LABELS),
        ("PoliticalStatus", PoliticalStatus::LABELS),
        ("MaritalStatus", MaritalStatus::LABELS),
        ("Interaction", Interaction::LABELS),
        ("MedicalNeed", MedicalNeed::LABELS),
        ("CareNeed", CareNeed::LABELS),
        ("SupportNeed", SupportNeed::LABELS),
        ("ConsultationCategory", ConsultationCategory::LABELS),
        ("VolunteerKind", shegong::volunteer::VolunteerKind::LABELS),
    ]);
    let mut seen = BTreeSet::new();
    for kind in RecordKind::ALL {
        let (_, enums) = walk(&kind.json_schema());
        for (name, values) in enums {
            let labels = registry
                .get(name.as_str())
                .unwrap_or_else(|| panic!("enum {name} in {kind:?} has no label registry"));
            let labelled: Vec<String> = labels.iter().map(|(v, _)| (*v).to_owned()).collect();
            assert_eq!(values, labelled, "{name}");
            assert!(
                labels
                    .iter()
                    .all(|(_, zh)| !zh.is_empty() && !zh.is_ascii()),
                "{name}"
            );
            seen.insert(name);
        }
    }
    assert_eq!(
        seen.len(),
        registry.len(),
        "every registered enum is used: {seen:?}"
    );
    for labels in [
        RecordKind::LABELS,
        PopulationGroup::LABELS,
        Sensitivity::LABELS,
    ] {
        assert!(labels.iter().all(|(_, zh)| !zh.is_ascii()));
    }
    assert_eq!(MedicalNeed::HospitalAdmission.zh(), "住院对接");
    assert_eq!(RecordKind::DailySummary.zh(), "每日工作记录汇总表");
}

// The checked-in schemas under schemas/ match the types (UPDATE_SCHEMAS=1 rewrites them).
#[test]
fn schemas_do_not_drift() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    for kind in RecordKind::ALL {
        let text = serde_json::to_string_pretty(&kind.json_schema()).unwrap() + "\n";
        let path = dir.join(format!("{}.schema.json", kind.name()));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(on_disk == text, "schemas/{}.schema.json drifted from the types: run `UPDATE_SCHEMAS=1 cargo test --test assessment` and review the diff", kind.name());
        }
    }
}

// [household-profile-fields] [service-record-needs] [consultation-record]
// [volunteer-service-records] [daily-summary]: JSON round trip of every record kind.
#[test]
fn every_record_round_trips() {
    for kind in RecordKind::ALL {
        let record = sample(*kind);
        assert_eq!(record.kind(), *kind);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["kind"], kind.name());
        assert_eq!(json["schema_version"], 1);
        let back = Record::from_json(&json.to_string()).unwrap();
        assert_eq!(back, record, "{kind:?}");
    }
}

// [household-profile-fields]: every field of 003 五.2 is there, relatives included.
#[test]
fn household_profile_fields() {
    let Record::HouseholdProfile(p) = sample(RecordKind::HouseholdProfile) else {
        panic!()
    };
    assert_eq!(p.direct_relatives[0].interaction, Interaction::Rare);
    assert_eq!(p.collateral_relatives[0].relation, "妹妹");
    assert_eq!(p.religion.as_deref(), Some("佛教"));
    for path in [
        "name",
        "gender",
        "date_of_birth",
        "address",
        "education",
        "major",
        "occupation",
        "household_income_yuan",
        "religion",
        "political_status",
        "contact",
        "hobbies",
        "willing_to_volunteer",
        "direct_relatives[].name",
        "direct_relatives[].relation",
        "direct_relatives[].contact",
        "direct_relatives[].interaction",
        "collateral_relatives[].interaction",
        "welfare_received",
        "difficulties",
        "current_needs",
        "near_term_needs",
        "long_term_needs",
    ] {
        assert!(RecordKind::HouseholdProfile.field(path).is_some(), "{path}");
    }
    let mut bad = sample_json(RecordKind::HouseholdProfile);
    bad["direct_relatives"][0]["relation"] = "".into();
    assert!(matches!(
        Record::from_json(&bad.to_string()).unwrap_err(),
        AssessmentError::InvalidRecord { .. }
    ));
}

// [service-record-needs]: the three checklists with "other", concerns, emergency contact.
#[test]
fn service_record_needs_checklists() {
    let Record::ServiceRecord(r) = sample(RecordKind::ServiceRecord) else {
        panic!()
    };
    assert_eq!(
        r.needs.medical,
        [
            MedicalNeed::HealthConsultation,
            MedicalNeed::TreatmentAdvice
        ]
    );
    assert_eq!(r.needs.support_other.as_deref(), Some("代购药品"));
    assert_eq!(
        r.emergency_contact.as_ref().unwrap().phone.to_string(),
        "0512-****1234"
    );
    assert_eq!(
        MedicalNeed::ALL.len() + CareNeed::ALL.len() + SupportNeed::ALL.len(),
        10
    );
    let mut bad = sample_json(RecordKind::ServiceRecord);
    bad["needs"]["medical"] = serde_json::json!(["acupuncture"]);
    assert_eq!(
        Record::from_json(&bad.to_string()).unwrap_err().kind(),
        shegong::ErrorKind::Malformed
    );
}

// [consultation-record]: numbered items in order; "other" spelled out.
#[test]
fn consultation_record_numbering_and_category() {
    let mut bad = sample_json(RecordKind::ConsultationRecord);
    bad["items"][1]["number"] = 3.into();
    let err = Record::from_json(&bad.to_string()).unwrap_err();
    assert!(err.to_string().contains("[consultation-record]"), "{err}");
    let mut other = sample_json(RecordKind::ConsultationRecord);
    other["category"] = "other".into();
    assert!(Record::from_json(&other.to_string()).is_err());
    other["category_other"] = "政策".into();
    Record::from_json(&other.to_string()).unwrap();
    let mut empty = sample_json(RecordKind::ConsultationRecord);
    empty["items"] = serde_json::json!([]);
    assert!(Record::from_json(&empty.to_string()).is_err());
}

// [volunteer-service-records]: the medical record's history fields; the psychological
// record's extra fields and the next appointment.
#[test]
fn volunteer_service_records() {
    let Record::MedicalVolunteerRecord(m) = sample(RecordKind::MedicalVolunteerRecord) else {
        panic!()
    };
    assert_eq!(m.other_medical_history.as_deref(), Some("高血压"));
    assert_eq!(m.service_time.minutes(), 30);
    let Record::PsychologicalVolunteerRecord(p) = sample(RecordKind::PsychologicalVolunteerRecord)
    else {
        panic!()
    };
    assert_eq!(p.previous_consultations, 1);
    assert!(p.next_appointment.is_some(), "a next appointment is booked");
    for path in [
        "previous_consultations",
        "observation",
        "process",
        "goal_plan",
        "next_appointment",
    ] {
        assert!(
            RecordKind::PsychologicalVolunteerRecord
                .field(path)
                .is_some(),
            "{path}"
        );
        assert!(
            RecordKind::MedicalVolunteerRecord.field(path).is_none(),
            "{path}"
        );
    }
}

// [daily-summary]: the basic-information columns; a pregnancy week only when pregnant.
#[test]
fn daily_summary_entries() {
    let Record::DailySummary(s) = sample(RecordKind::DailySummary) else {
        panic!()
    };
    assert_eq!(s.entries[0].basic_info.pregnancy_week, Some(28));
    let mut bad = sample_json(RecordKind::DailySummary);
    bad["entries"][0]["basic_info"]["pregnant"] = false.into();
    assert!(Record::from_json(&bad.to_string())
        .unwrap_err()
        .to_string()
        .contains("[daily-summary]"));
}

// [service-time-span]: a start and an end, the end after the start, on every record with one.
#[test]
fn service_time_span_start_before_end() {
    let span = ServiceTime::new(
        t("2026-03-03T09:30:00+08:00"),
        t("2026-03-03T10:15:00+08:00"),
    )
    .unwrap();
    assert_eq!(span.minutes(), 45);
    assert!(ServiceTime::new(
        t("2026-03-03T10:15:00+08:00"),
        t("2026-03-03T09:30:00+08:00")
    )
    .is_err());
    assert!(ServiceTime::new(
        t("2026-03-03T10:15:00+08:00"),
        t("2026-03-03T10:15:00+08:00")
    )
    .is_err());
    let mut bad = sample_json(RecordKind::ServiceRecord);
    bad["service_time"]["end"] = "2026-03-03T09:00:00+08:00".into();
    let err = Record::from_json(&bad.to_string()).unwrap_err();
    assert!(err.to_string().contains("service-time-span"), "{err}");
    for kind in [
        RecordKind::ServiceRecord,
        RecordKind::MedicalVolunteerRecord,
        RecordKind::PsychologicalVolunteerRecord,
    ] {
        assert!(
            kind.field("service_time.start").is_some() && kind.field("service_time.end").is_some()
        );
    }
}

// Sensitivity tags (PIPL art. 28): by field, and for a client under 14 or with a specific identity.
#[test]
fn sensitivity_tags() {
    let f = |kind: RecordKind, path| RecordKind::field(kind, path).unwrap();
    assert_eq!(
        f(RecordKind::HouseholdProfile, "religion").sensitivity,
        [Sensitivity::Religion]
    );
    assert_eq!(
        f(RecordKind::HouseholdProfile, "household_income_yuan").sensitivity,
        [Sensitivity::FinancialAccount]
    );
    assert_eq!(
        f(RecordKind::ServiceRecord, "address").sensitivity,
        [Sensitivity::Whereabouts]
    );
    assert!(f(RecordKind::MedicalVolunteerRecord, "previous_illness")
        .sensitivity
        .contains(&Sensitivity::Health));
    assert!(!f(RecordKind::ServiceRecord, "worker").personal);
    let name = f(RecordKind::ServiceRecord, "client_name");
    assert!(name.effective_sensitivity(false, false).is_empty());
    assert_eq!(
        name.effective_sensitivity(true, false),
        [Sensitivity::MinorUnder14]
    );
    assert_eq!(
        name.effective_sensitivity(false, true),
        [Sensitivity::SpecificIdentity]
    );
    assert!(f(RecordKind::ServiceRecord, "date")
        .effective_sensitivity(true, true)
        .is_empty());
    assert!(PopulationGroup::CommunityCorrections.is_specific_identity());
    assert!(PopulationGroup::DrugRehabilitation.is_specific_identity());
    assert!(PopulationGroup::DomesticViolenceVictim.is_specific_identity());
    assert!(!PopulationGroup::Elder.is_specific_identity());
}

// [priority-principles]: age groups from the date of birth; 以上 includes the number.
#[test]
fn priority_principles_age_groups() {
    let on = d("2026-05-01");
    assert_eq!(
        age_groups(d("1966-05-01"), on),
        [PopulationGroup::Elder],
        "60 today"
    );
    assert!(age_groups(d("1966-05-02"), on).is_empty(), "59");
    assert_eq!(
        age_groups(d("2020-05-01"), on),
        [PopulationGroup::ChildOrYouth],
        "6 today"
    );
    assert!(age_groups(d("2020-05-02"), on).is_empty(), "5");
    assert_eq!(
        age_groups(d("2007-05-02"), on),
        [PopulationGroup::ChildOrYouth],
        "18"
    );
    assert!(age_groups(d("2007-05-01"), on).is_empty(), "19 today");
    assert!(age_groups(d("2027-01-01"), on).is_empty(), "not born yet");
    // A 29 February birthday turns a year older on 1 March in common years.
    assert_eq!(
        age_groups(d("1964-02-29"), d("2024-02-29")),
        [PopulationGroup::Elder]
    );
    assert!(age_groups(d("1964-02-29"), d("2024-02-28")).is_empty());
    assert_eq!(PopulationGroup::ALL.len(), 30);
}

// Retention: no period invented; computed only where the agency set one.
#[test]
fn retention_basis_and_period() {
    let p = RetentionPolicies::default();
    assert_eq!(
        p.policy(RecordKind::ServiceRecord).basis,
        RetentionBasis::PiplArt19
    );
    assert_eq!(
        p.retain_until(RecordKind::ServiceRecord, d("2020-01-01")),
        None
    );
    let p = p.with(
        RecordKind::ServiceRecord,
        RetentionBasis::AgencyArchiveRule {
            rule: "机构档案管理制度".into(),
        },
        60,
    );
    let records = vec![
        RecordMeta {
            id: "r1".into(),
            kind: RecordKind::ServiceRecord,
            date: d("2020-01-01"),
        },
        RecordMeta {
            id: "r2".into(),
            kind: RecordKind::ServiceRecord,
            date: d("2021-08-31"),
        },
        RecordMeta {
            id: "r3".into(),
            kind: RecordKind::HouseholdProfile,
            date: d("2000-01-01"),
        },
    ];
    let past = p.past_retention(&records, d("2026-08-31"));
    assert_eq!(past.len(), 1);
    assert_eq!(
        (past[0].id.as_str(), past[0].retain_until),
        ("r1", d("2025-01-01"))
    );
    assert!(p
        .past_retention(&records, d("2026-09-01"))
        .iter()
        .any(|r| r.id == "r2"));
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<RetentionPolicies>(&json).unwrap(), p);
}
