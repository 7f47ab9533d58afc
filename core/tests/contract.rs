//! The binding contract: strict input, errors that name the JSON path and never repeat an ID
//! number or phone, documented limits, and string forms of every enum a binding reads.
//! Each test is named after the defect it covers (issue 11).

// Helpers below are test code too; clippy.toml only exempts `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use serde_json::{json, Value};
use shegong::assessment::Record;
use shegong::calendar::Calendar;
use shegong::case::{EventKind, NewEvent, Role, Stage};
use shegong::deadline::{ObligationStatus, RuleSet};
use shegong::event_types::{
    ActivityEventType, CaseEventType, ObligationStatusName, VolunteerEventType,
};
use shegong::json::{self, JsonError};
use shegong::limits;
use shegong::ErrorKind;

/// No run of 11 or more digits: no 15- or 18-digit ID number, no 11-digit mobile phone.
fn assert_no_identifiers(msg: &str) {
    let mut run = 0;
    for c in msg.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 11, "message repeats a long digit run: {msg}");
    }
}

fn err<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> JsonError {
    let e = json::from_str::<T>(text, "input").unwrap_err();
    assert_no_identifiers(&e.to_string());
    e
}

fn received(client: Value) -> Value {
    json!({
        "type": "received",
        "case_number": "SZ-2026-0007",
        "channel": "in_person",
        "client": client,
        "source": {"kind": "voluntary"},
        "topic": "居家养老",
    })
}

fn new_event(event: Value) -> Value {
    json!({
        "actor": {"id": "w-li", "role": "worker"},
        "event": event,
        "occurred_at": "2026-03-02T09:00:00+08:00",
        "recorded_at": "2026-03-02T09:00:00+08:00",
    })
}

fn consultation_record() -> Value {
    json!({
        "address": "某小区", "age": 35, "category": "psychological", "client_name": "陈女士",
        "gender": "female", "group": "心理咨询群", "group_chat_record": "见截图 1-3",
        "items": [{"answer": "建议规律作息", "number": 1, "question": "失眠怎么办"}],
        "kind": "consultation_record", "phone": "13700001111",
        "recorded_at": "2026-03-03T10:00:00+08:00", "recorder": "群秘书小何",
        "schema_version": 1, "serial_number": "2026-031", "server_name": "刘咨询师",
        "server_phone": "13600002222"
    })
}

#[test]
fn the_valid_samples_are_accepted() {
    let client = json!({"date_of_birth": "1950-05-01", "id": "c-1", "name": "王阿姨"});
    json::from_str::<EventKind>(&received(client.clone()).to_string(), "event").unwrap();
    json::from_str::<NewEvent>(&new_event(received(client)).to_string(), "event").unwrap();
    Record::from_json(&consultation_record().to_string()).unwrap();
}

#[test]
fn unknown_field_client_birth_date_is_refused_naming_the_path() {
    let client = json!({"birth_date": "1950-05-01", "id": "c-1", "name": "王阿姨"});
    let e = err::<EventKind>(&received(client.clone()).to_string());
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert_eq!(e.path(), "client.birth_date", "{e}");
    assert!(e.to_string().contains("unknown field `birth_date`"), "{e}");
    let e = err::<NewEvent>(&new_event(received(client)).to_string());
    assert_eq!(e.path(), "event.client.birth_date", "{e}");
}

#[test]
fn misspelt_summary_is_refused() {
    let ev = json!({"type": "consultation_held", "summry": "咨询面谈", "topic": ""});
    let e = err::<EventKind>(&ev.to_string());
    assert!(e.to_string().contains("unknown field `summry`"), "{e}");
    // The same struct variant with its proper fields, and its `type` tag, is accepted.
    let ok = json!({"type": "consultation_held", "summary": "咨询面谈", "topic": ""});
    json::from_str::<EventKind>(&ok.to_string(), "event").unwrap();
}

#[test]
fn duplicate_key_is_refused() {
    let text = consultation_record().to_string().replacen(
        "\"gender\":\"female\"",
        "\"gender\":\"female\",\"gender\":\"male\"",
        1,
    );
    let e = Record::from_json(&text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert!(e.to_string().contains("duplicate key `gender`"), "{e}");
    // Inside a free-form value too, where serde would keep the last.
    let e = err::<Value>(r#"{"a": {"b": 1, "b": 2}}"#);
    assert_eq!(e.path(), "a.b");
}

#[test]
fn id_number_or_phone_in_the_wrong_field_is_never_echoed() {
    let bad: [(&str, Value); 6] = [
        ("gender", json!(110105194912310021u64)),
        ("gender", json!("110105194912310021")),
        ("gender", json!("13800138000")),
        ("age", json!(110105194912310021u64)),
        ("age", json!("110105194912310021")),
        ("client_name", json!(13800138000u64)),
    ];
    for (field, value) in bad {
        let value_is_number = value.is_number();
        let mut rec = consultation_record();
        rec[field] = value;
        let e = Record::from_json(&rec.to_string()).unwrap_err();
        let msg = e.to_string();
        assert_no_identifiers(&msg);
        // Below the `kind` tag of `Record`, the path is named (json_paths.rs has more). A
        // number too big for `age` is out of range, anything else malformed.
        let expected = if field == "age" && value_is_number {
            ErrorKind::ValueOutOfRange
        } else {
            ErrorKind::Malformed
        };
        assert_eq!(e.kind(), expected, "{msg}");
        match e {
            shegong::assessment::AssessmentError::Json(e) => {
                assert_eq!(e.path(), field, "{msg}")
            }
            other => panic!("not a JSON error: {other:?}"),
        }
    }
    // An ID number typed as an integer where a string belongs names the type found.
    let mut rec = consultation_record();
    rec["client_name"] = json!(110105194912310021u64);
    let msg = Record::from_json(&rec.to_string()).unwrap_err().to_string();
    assert!(msg.contains("found an integer"), "{msg}");
    assert_no_identifiers(&msg);
    // FromStr on an enum: the input is described by its length.
    let e = "110105194912310021"
        .parse::<shegong::assessment::Gender>()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownValue);
    assert!(e
        .to_string()
        .contains("unknown Gender value (a string of 18 characters)"));
    assert_no_identifiers(&e.to_string());
}

#[test]
fn tagged_enum_error_names_its_tag_field() {
    let e = err::<EventKind>(r#"{"type": "opend", "summary": "x"}"#);
    assert!(e.to_string().contains("`type`"), "{e}");
    assert_eq!(e.path(), "type");
    let e = err::<EventKind>(r#"{"summary": "x"}"#);
    assert!(e.to_string().contains("missing field `type`"), "{e}");
    // An unknown type that is a phone number is not repeated.
    let e = err::<EventKind>(r#"{"type": "13800138000"}"#);
    assert!(e.to_string().contains("(a string of 11 characters)"), "{e}");
}

#[test]
fn deep_nesting_is_a_limit_error_not_a_crash() {
    let e = err::<Value>(&"[".repeat(100_000));
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.to_string().contains("MAX_DEPTH"), "{e}");
    let ok = "[".repeat(limits::MAX_DEPTH) + &"]".repeat(limits::MAX_DEPTH);
    json::from_str::<Value>(&ok, "value").unwrap();
    let over = "[".repeat(limits::MAX_DEPTH + 1) + &"]".repeat(limits::MAX_DEPTH + 1);
    assert_eq!(err::<Value>(&over).kind(), ErrorKind::LimitExceeded);
}

#[test]
fn huge_input_and_huge_strings_are_limit_errors() {
    let huge = format!("\"{}\"", "a".repeat(limits::MAX_INPUT_BYTES));
    let e = err::<Value>(&huge);
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.to_string().contains("MAX_INPUT_BYTES"));
    let long = format!(
        "{{\"note\": \"{}\"}}",
        "a".repeat(limits::MAX_STRING_BYTES + 1)
    );
    let e = err::<Value>(&long);
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!(e.path(), "note");
}

#[test]
fn rule_set_and_calendar_from_json_give_typed_errors() {
    let e = RuleSet::from_json(r#"{"name":"x","version":"1","rules":[],"extra":1}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert!(e.to_string().contains("unknown field `extra`"), "{e}");
    let e = Calendar::from_json(
        r#"{"base":"cn-official","closures":[{"date":"2026-03-06","notes":""}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert_eq!(shegong::Error::from(e.clone()).kind(), ErrorKind::Malformed);
    assert!(e.to_string().contains("closures[0]"), "{e}");
    let e = Calendar::from_json(r#"{"base":"13800138000"}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownBase);
    assert_no_identifiers(&e.to_string());
    let e = Calendar::from_json(&"[".repeat(1000)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
}

/// The variant names serde expects for an internally tagged enum, read from its own
/// "unknown variant" message, so a name list cannot drift from the type.
fn serde_variants<T: serde::de::DeserializeOwned + std::fmt::Debug>(tag: &str) -> Vec<String> {
    let msg = json::from_value::<T>(json!({ tag: "zzz" }), "value")
        .unwrap_err()
        .to_string();
    let list = msg.split_once("expected one of ").unwrap().1;
    list.split(", ")
        .map(|s| s.trim_matches('`').to_owned())
        .collect()
}

macro_rules! round_trips {
    ($($ty:ty),+ $(,)?) => {$(
        for v in <$ty>::ALL {
            assert_eq!(v.name().parse::<$ty>().unwrap(), *v);
            assert_eq!(v.to_string(), v.name());
            assert_eq!(serde_json::to_value(v).unwrap(), json!(v.name()));
        }
        let e = "not a value".parse::<$ty>().unwrap_err();
        assert!(e.to_string().starts_with(&format!("unknown {} value", stringify!($ty).rsplit("::").next().unwrap())), "{e}");
    )+};
}

#[test]
fn every_enum_a_binding_reads_parses_from_its_name() {
    use shegong::{
        access as ac, assessment as a, groups as g, triage as t, volunteer as v, workload as w,
    };
    round_trips!(
        a::Gender,
        a::Education,
        a::PoliticalStatus,
        a::MaritalStatus,
        a::Interaction,
        a::MedicalNeed,
        a::CareNeed,
        a::SupportNeed,
        a::ConsultationCategory,
        a::RecordKind,
        a::DataSubject,
        a::Sensitivity,
        a::PopulationGroup,
        v::VolunteerKind,
        v::VolunteerStage,
        v::ConfidentialScope,
        v::Party,
        v::BreachAction,
        ac::AccessRole,
        ac::AgreementState,
        ac::View,
        ac::AcquaintanceScope,
        ac::Outcome,
        g::GroupKind,
        g::AdminRole,
        g::NicknameRole,
        g::ApplicationStatus,
        t::LifeRisk,
        t::Vulnerability,
        t::Urgency,
        t::ServiceTier,
        w::ItemCategory,
        w::Unit,
        w::PartialUnit,
        w::Severity,
        w::SupervisionKind,
        w::SupervisorType,
        w::SocialWorkCertificate,
        Stage,
        Role,
        CaseEventType,
        ActivityEventType,
        VolunteerEventType,
        ObligationStatusName,
    );
}

/// Lists every stage and role in an exhaustive match: a new one fails to compile here
/// until it is added to `ALL` (checked below by count).
fn stage_index(s: Stage) -> usize {
    #[allow(unreachable_patterns)]
    match s {
        Stage::Consultation => 0,
        Stage::ReferralInReview => 1,
        Stage::ConsultationCase => 2,
        Stage::ReferralDeclined => 3,
        Stage::Intake => 4,
        Stage::Opened => 5,
        Stage::Planned => 6,
        Stage::Intervening => 7,
        Stage::Evaluating => 8,
        Stage::Closing => 9,
        Stage::Closed => 10,
        Stage::FollowUp => 11,
        _ => usize::MAX,
    }
}

#[test]
fn zh_labels_cover_stages_roles_event_types_and_statuses() {
    for (i, s) in Stage::ALL.iter().enumerate() {
        assert_eq!(stage_index(*s), i);
    }
    // serde's own variant lists: every value has a name in ALL, and no more.
    let names = |all: Vec<&str>| all.into_iter().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        serde_variants::<EventKind>("type"),
        names(CaseEventType::ALL.iter().map(|v| v.name()).collect())
    );
    assert_eq!(
        EventKind::KINDS,
        CaseEventType::ALL
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        serde_variants::<shegong::activity::ActivityEvent>("type"),
        names(ActivityEventType::ALL.iter().map(|v| v.name()).collect())
    );
    assert_eq!(
        serde_variants::<shegong::volunteer::VolunteerEvent>("type"),
        names(VolunteerEventType::ALL.iter().map(|v| v.name()).collect())
    );
    assert_eq!(
        serde_variants::<ObligationStatus>("status"),
        names(ObligationStatusName::ALL.iter().map(|v| v.name()).collect())
    );
    let role_names: Vec<String> = serde_json::from_value::<Role>(json!("zzz"))
        .unwrap_err()
        .to_string()
        .split_once("expected one of ")
        .unwrap()
        .1
        .split(", ")
        .map(|s| s.trim_matches('`').split('`').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        role_names,
        names(Role::ALL.iter().map(|r| r.name()).collect())
    );

    let labels = shegong::zh_labels();
    for (name, count) in [
        ("Stage", Stage::ALL.len()),
        ("Role", Role::ALL.len()),
        ("CaseEventType", CaseEventType::ALL.len()),
        ("ActivityEventType", ActivityEventType::ALL.len()),
        ("VolunteerEventType", VolunteerEventType::ALL.len()),
        ("ObligationStatusName", ObligationStatusName::ALL.len()),
    ] {
        let (_, l) = labels.iter().find(|(n, _)| *n == name).unwrap();
        assert_eq!(l.len(), count, "{name}");
        assert!(
            l.iter().all(|(_, zh)| !zh.is_empty() && !zh.is_ascii()),
            "{name}"
        );
    }
    for s in Stage::ALL {
        assert!(Stage::LABELS.contains(&(s.name(), s.zh())));
    }
    for r in Role::ALL {
        assert!(Role::LABELS.contains(&(r.name(), r.zh())));
    }
}

#[test]
fn defaults_the_bindings_use_are_named_in_core() {
    use shegong::workload::{self as w, AnnualHoursParams};
    // [annual-hours]: (365 − 11 − 104 − 5) × 8 = 1960 h; [direct-share-70pct].
    let p = AnnualHoursParams::default();
    assert_eq!(p, AnnualHoursParams::standard_2016());
    assert_eq!(
        (p.paid_leave_days, p.hours_per_day),
        (w::DEFAULT_PAID_LEAVE_DAYS, w::DEFAULT_HOURS_PER_DAY)
    );
    assert_eq!(w::DIRECT_SHARE_PERCENT, 70);
    let mask = shegong::identity::IdMask::default();
    assert_eq!(
        (mask.keep_start, mask.keep_end),
        (
            shegong::identity::MASK_KEEP_START,
            shegong::identity::MASK_KEEP_END
        )
    );
    // [acquaintance-avoidance]: psychological counselling volunteers by default.
    let a = shegong::access::Access::default();
    assert_eq!(a.acquaintance_scope, shegong::access::DEFAULT_SCOPE);
    assert_eq!(a.view, shegong::access::DEFAULT_VIEW);
    assert_eq!(shegong::access::DEFAULT_SCOPE.name(), "psychological_only");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Random JSON-ish text never panics the reader, and its errors never repeat a long
    /// digit run from the input.
    #[test]
    fn from_str_never_panics_nor_echoes_long_numbers(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()),
                Just("]".to_owned()), Just(",".to_owned()), Just(":".to_owned()),
                Just("\"type\"".to_owned()), Just("\"client\"".to_owned()),
                Just("\"gender\"".to_owned()), Just("\"received\"".to_owned()),
                "[0-9]{11,18}", "\"[0-9]{11,18}\"", "\"[a-z_]{0,8}\"", "[a-z\\\\\" ]{0,4}",
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        for msg in [
            json::from_str::<Value>(&text, "value").err().map(|e| e.to_string()),
            json::from_str::<EventKind>(&text, "event").err().map(|e| e.to_string()),
            json::from_str::<NewEvent>(&text, "event").err().map(|e| e.to_string()),
            Record::from_json(&text).err().map(|e| e.to_string()),
            json::from_str::<std::collections::BTreeMap<String, u32>>(&text, "map").err().map(|e| e.to_string()),
        ].into_iter().flatten() {
            let mut run = 0;
            for c in msg.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                prop_assert!(run < 11, "{}", msg);
            }
        }
    }
}

/// Issue 11 follow-up: an unknown event type was `unknown_event_kind` for a case but only
/// `malformed` for an activity or a volunteer (the Python binding classified it itself, and
/// WebAssembly did not). Now every aggregate's readers classify it in core.
#[test]
fn unknown_activity_or_volunteer_event_type_is_unknown_event_kind_in_core() {
    let event = new_event(json!({"type": "no_such_event"})).to_string();
    let events = json!([{
        "seq": 1, "occurred_at": "2026-03-02T09:00:00+08:00",
        "recorded_at": "2026-03-02T09:00:00+08:00", "actor": {"id": "w-li", "role": "worker"},
        "event": {"type": "no_such_event"}, "prev_hash": "0", "hash": "0"
    }]);
    let stored = json!({"format": 2, "id": "a-1", "rules": 2, "head": "0", "events": events});
    let legacy = json!({"id": "a-1", "history": events});
    let kinds = [
        shegong::activity::new_event_from_json(&event)
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::activity::events_from_json(&events.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::activity::events_from_value(events.clone())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::activity::Activity::from_json(&stored.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::activity::Activity::from_json(&legacy.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::volunteer::new_event_from_json(&event)
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::volunteer::new_event_from_value(new_event(json!({"type": "no_such_event"})))
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::volunteer::events_from_json(&events.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::volunteer::Volunteer::from_json(&stored.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::volunteer::Volunteer::from_json(&legacy.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::case::new_event_from_json(&event)
            .map(|_| ())
            .unwrap_err()
            .kind(),
        shegong::case::events_from_json(&events.to_string())
            .map(|_| ())
            .unwrap_err()
            .kind(),
    ];
    assert!(
        kinds.iter().all(|k| *k == ErrorKind::UnknownEventKind),
        "{kinds:?}"
    );
    // A known type with a bad field is still malformed data, naming the path.
    let bad = new_event(json!({"type": "planned", "plan": 1})).to_string();
    let e = shegong::activity::new_event_from_json(&bad).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert!(e.to_string().contains("event.plan"), "{e}");
}

/// An event type field holding an ID number was repeated in the message
/// (`unknown event type "110105194912310021"`).
#[test]
fn unknown_event_type_holding_an_id_number_is_not_echoed() {
    for ty in ["110105194912310021", "13800138000"] {
        let event = new_event(json!({ "type": ty })).to_string();
        let messages = [
            shegong::case::new_event_from_json(&event)
                .unwrap_err()
                .to_string(),
            shegong::activity::new_event_from_json(&event)
                .unwrap_err()
                .to_string(),
            shegong::volunteer::new_event_from_json(&event)
                .unwrap_err()
                .to_string(),
        ];
        for m in messages {
            assert_no_identifiers(&m);
            assert!(m.contains("unknown"), "{m}");
        }
    }
    let e = shegong::case::new_event_from_json(&new_event(json!({"type": "no_such"})).to_string())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown event type `no_such` at `event.type`"
    );
    let e = shegong::volunteer::Volunteer::from_json(
        &json!({"id": "v", "history": [{"event": {"type": "registered"}}, {"event": {"type": "x"}}]})
            .to_string(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown volunteer event type `x` at `history[1].event.type`"
    );
}

/// Issue 11 follow-up: the Python binding recognised an integer its field cannot hold by
/// serde's message text; core now classifies it as `value_out_of_range`, for every binding.
#[test]
fn integer_outside_its_field_is_value_out_of_range_in_core() {
    for n in ["-1", "4294967296", "18446744073709551615"] {
        let e = err::<Vec<u32>>(&format!("[1, {n}]"));
        assert_eq!(e.kind(), ErrorKind::ValueOutOfRange, "{e}");
        assert_eq!(e.path(), "[1]");
        if n.len() > 2 {
            assert!(!e.to_string().contains(n), "{e}");
        }
        assert!(e.to_string().contains("u32"), "{e}");
        let v: Value = serde_json::from_str(&format!("[1, {n}]")).unwrap();
        let e = json::from_value::<Vec<u32>>(v, "input").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ValueOutOfRange, "{e}");
    }
    // Below a tagged enum too, with the path kept, and through a module's own error.
    let mut set = serde_json::to_value(RuleSet::preset()).unwrap();
    set["rules"][0]["offset"] = json!({"working_days": -3});
    let e = RuleSet::from_json(&set.to_string()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule set at `rules[0].offset.working_days`: a number outside the range of u32"
    );
    assert_eq!(e.kind(), ErrorKind::ValueOutOfRange, "{e}");
    assert_eq!(shegong::Error::from(e).kind(), ErrorKind::ValueOutOfRange);
    // A wrong type is still malformed.
    assert_eq!(err::<Vec<u32>>(r#"["1"]"#).kind(), ErrorKind::Malformed);
    assert_eq!(err::<Vec<u32>>("[1.5]").kind(), ErrorKind::Malformed);
}
