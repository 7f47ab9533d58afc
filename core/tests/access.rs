//! Access decisions and redacted views (`[agreement-before-access]`, `[acquaintance-avoidance]`,
//! `[private-info-one-to-one]`, `[agreement-survives-termination]`), and online groups
//! (`[group-tiers]`, `[support-groups]`, `[membership-approval]`, `[resident-group-size]`,
//! `[nickname-convention]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use common::records::sample;
use proptest::prelude::*;
use shegong::access::*;
use shegong::assessment::{Record, RecordKind};
use shegong::groups::*;

fn subject() -> SubjectFacts {
    SubjectFacts {
        id: "c-1".into(),
        groups: vec!["G-focus".into()],
        minor_under_14: false,
        specific_identity: false,
    }
}

fn viewer(role: AccessRole, agreement: AgreementState, deployed: bool, acquainted: bool) -> Viewer {
    Viewer {
        id: "v-1".into(),
        role,
        agreement,
        agreement_covers_clients: agreement == AgreementState::InForce,
        groups: if deployed {
            vec!["G-focus".into()]
        } else {
            vec!["G-other".into()]
        },
        acquaintances: if acquainted {
            vec!["c-1".into()]
        } else {
            vec![]
        },
    }
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).unwrap()
}

// The full matrix: role × agreement × field class × deployment × acquaintance, written out in
// tests/data/access-matrix.tsv.
#[test]
fn access_matrix_written_out_in_full() {
    let table = include_str!("data/access-matrix.tsv");
    let field = |class: &str| match class {
        "operational" => "date",
        "personal" => "client_name",
        "identifier" => "phone",
        "health" => "concerns.medical",
        "sensitive" => "address",
        "parent" => "concerns",
        "parent_contact" => "emergency_contact",
        other => panic!("{other}"),
    };
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        let v = viewer(parse(c[0]), parse(c[1]), c[3] == "yes", c[4] == "yes");
        let d = Access::default().decide(&v, RecordKind::ServiceRecord, field(c[2]), &subject());
        let rule = d.rule.clone().unwrap_or_else(|| "-".into());
        assert_eq!(
            (d.outcome.name(), rule.as_str()),
            (c[5], c[6]),
            "row: {line}\nreason: {}",
            d.reason
        );
        assert_eq!(d.allowed, c[5] == "allow");
        rows += 1;
    }
    // The full matrix, then 13 hand-written rows of issue 12 (parents of sensitive fields).
    assert_eq!(rows, 7 * 5 * 5 * 2 * 2 + 13);
}

// [agreement-before-access]: an agreement in force that does not cover client information
// gives none; a volunteer read from their history decides the same way.
#[test]
fn agreement_must_cover_client_information() {
    let mut v = viewer(
        AccessRole::GeneralVolunteer,
        AgreementState::InForce,
        true,
        false,
    );
    v.agreement_covers_clients = false;
    let d = Access::default().decide(&v, RecordKind::ServiceRecord, "client_name", &subject());
    assert_eq!(
        (d.outcome, d.rule.as_deref()),
        (Outcome::Deny, Some("agreement-before-access"))
    );
}

// [private-info-one-to-one]: in a group-visible view no personal field shows, to anyone.
#[test]
fn private_info_never_in_a_group_view() {
    let group = Access::default().group_visible();
    for role in AccessRole::ALL {
        let v = viewer(*role, AgreementState::InForce, true, false);
        let d = group.decide(&v, RecordKind::ServiceRecord, "client_name", &subject());
        assert_eq!(
            (d.outcome, d.rule.as_deref()),
            (Outcome::Deny, Some("private-info-one-to-one")),
            "{role:?}"
        );
    }
    let worker = viewer(AccessRole::Worker, AgreementState::None, true, false);
    assert!(
        group
            .decide(&worker, RecordKind::ServiceRecord, "date", &subject())
            .allowed,
        "bookkeeping may show"
    );
}

// [acquaintance-avoidance]: the seed's rule covers psychological counselling; an agency may
// extend it to every volunteer.
#[test]
fn acquaintance_avoidance_scope() {
    let medical = viewer(
        AccessRole::MedicalVolunteer,
        AgreementState::InForce,
        true,
        true,
    );
    assert!(
        Access::default()
            .decide(
                &medical,
                RecordKind::ServiceRecord,
                "client_name",
                &subject()
            )
            .allowed
    );
    let all = Access {
        acquaintance_scope: AcquaintanceScope::AllVolunteers,
        ..Access::default()
    };
    let d = all.decide(
        &medical,
        RecordKind::ServiceRecord,
        "client_name",
        &subject(),
    );
    assert_eq!(d.rule.as_deref(), Some("acquaintance-avoidance"));
}

// A client under 14, or with a specific identity, makes every personal field sensitive.
#[test]
fn minors_and_specific_identities_are_masked_for_volunteers() {
    let v = viewer(
        AccessRole::MedicalVolunteer,
        AgreementState::InForce,
        true,
        false,
    );
    let mut s = subject();
    assert!(
        Access::default()
            .decide(&v, RecordKind::ServiceRecord, "client_name", &s)
            .allowed
    );
    s.minor_under_14 = true;
    assert_eq!(
        Access::default()
            .decide(&v, RecordKind::ServiceRecord, "client_name", &s)
            .outcome,
        Outcome::Mask
    );
    let mut s = subject();
    s.specific_identity = true;
    assert_eq!(
        Access::default()
            .decide(&v, RecordKind::ServiceRecord, "concerns.medical", &s)
            .outcome,
        Outcome::Mask
    );
    let w = viewer(AccessRole::Worker, AgreementState::None, false, false);
    assert!(
        Access::default()
            .decide(&w, RecordKind::ServiceRecord, "client_name", &s)
            .allowed
    );
    assert_eq!(
        Access::default()
            .decide(&w, RecordKind::ServiceRecord, "no_such_field", &s)
            .outcome,
        Outcome::Deny
    );
}

// A volunteer's registration: workers and the volunteer, no one else.
#[test]
fn volunteer_registration_is_for_workers_and_the_volunteer() {
    let s = SubjectFacts {
        id: "v-1".into(),
        groups: vec![],
        minor_under_14: false,
        specific_identity: false,
    };
    let me = viewer(
        AccessRole::GeneralVolunteer,
        AgreementState::InForce,
        true,
        false,
    );
    assert!(
        Access::default()
            .decide(&me, RecordKind::VolunteerRegistration, "id_number", &s)
            .allowed
    );
    let mut other = me.clone();
    other.id = "v-2".into();
    assert_eq!(
        Access::default()
            .decide(&other, RecordKind::VolunteerRegistration, "name", &s)
            .outcome,
        Outcome::Deny
    );
    let w = viewer(AccessRole::Worker, AgreementState::None, false, false);
    assert!(
        Access::default()
            .decide(&w, RecordKind::VolunteerRegistration, "id_number", &s)
            .allowed
    );
}

// Redacted views remove and mask; Debug, Display and serde never leak a phone or ID number
// to anyone but workers — and Debug and Display not even then.
#[test]
fn redacted_views_never_leak() {
    let record = sample(RecordKind::ServiceRecord);
    let general = viewer(
        AccessRole::GeneralVolunteer,
        AgreementState::InForce,
        true,
        false,
    );
    let view = Access::default().redact(&general, &record, &subject());
    assert_eq!(view.value["phone"], "138****1234");
    assert_eq!(view.value["address"], "***");
    assert_eq!(view.value["concerns"]["medical"], "***");
    assert_eq!(view.value["emergency_contact"]["phone"], "0512-****1234");
    assert_eq!(view.value["client_name"], "赵先生");
    assert!(view.masked.contains(&"address".to_owned()));
    for text in [
        format!("{view:?}"),
        view.to_string(),
        serde_json::to_string(&view).unwrap(),
    ] {
        assert!(
            !text.contains("13800131234") && !text.contains("65211234"),
            "{text}"
        );
    }
    let worker = viewer(AccessRole::Worker, AgreementState::None, true, false);
    let full = Access::default().redact(&worker, &record, &subject());
    assert_eq!(
        full.value["phone"], "13800131234",
        "the worker's view carries the number"
    );
    assert!(
        !format!("{full:?}").contains("13800131234") && !full.to_string().contains("13800131234"),
        "but logs never do"
    );
    let resident = viewer(AccessRole::Resident, AgreementState::None, true, false);
    let none = Access::default().redact(&resident, &record, &subject());
    assert_eq!(
        none.value.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["kind"]
    );
    let reg = sample(RecordKind::VolunteerRegistration);
    let s = SubjectFacts {
        id: "v-1".into(),
        groups: vec![],
        minor_under_14: false,
        specific_identity: false,
    };
    let mut other = general.clone();
    other.id = "v-2".into();
    let hidden = Access::default().redact(&other, &reg, &s);
    assert!(!serde_json::to_string(&hidden)
        .unwrap()
        .contains("11010519491231002X"));
}

fn arb_viewer() -> impl Strategy<Value = Viewer> {
    (
        0usize..7,
        0usize..5,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::bool::ANY,
    )
        .prop_map(|(r, a, covers, dep, acq, me)| Viewer {
            id: if me { "v-1".into() } else { "v-2".into() },
            role: AccessRole::ALL[r],
            agreement: AgreementState::ALL[a],
            agreement_covers_clients: covers,
            groups: if dep { vec!["G-focus".into()] } else { vec![] },
            acquaintances: if acq { vec!["c-1".into()] } else { vec![] },
        })
}

fn paths(v: &serde_json::Value, prefix: &str, out: &mut Vec<(String, serde_json::Value)>) {
    if let Some(map) = v.as_object() {
        for (k, x) in map {
            let p = format!("{prefix}{k}");
            out.push((p.clone(), x.clone()));
            match x {
                serde_json::Value::Object(_) => paths(x, &format!("{p}."), out),
                serde_json::Value::Array(items) => {
                    items.iter().for_each(|i| paths(i, &format!("{p}[]."), out))
                }
                _ => {}
            }
        }
    }
}

proptest! {
    // A redacted view never contains a field `decide` refuses, and shows a masked field only masked.
    #[test]
    fn redacted_view_never_contains_a_refused_field(v in arb_viewer(), k in 0usize..8, minor in any::<bool>(), special in any::<bool>(), group in any::<bool>()) {
        let kind = RecordKind::ALL[k];
        let record: Record = sample(kind);
        let s = SubjectFacts { id: if kind == RecordKind::VolunteerRegistration { "v-1".into() } else { "c-1".into() }, groups: vec!["G-focus".into()], minor_under_14: minor, specific_identity: special };
        let access = if group { Access::default().group_visible() } else { Access::default() };
        let view = access.redact(&v, &record, &s);
        let original = serde_json::to_value(&record).unwrap();
        let mut shown = Vec::new();
        paths(&view.value, "", &mut shown);
        let mut raw = Vec::new();
        paths(&original, "", &mut raw);
        for (path, value) in &shown {
            if path == "kind" { continue; }
            let d = access.decide(&v, kind, path, &s);
            prop_assert_ne!(d.outcome, Outcome::Deny, "{} shown", path);
            // A container's decision is its most restrictive child's (issue 12); its children
            // are checked one by one, so only leaves are compared here.
            let container = value.is_object()
                || value.as_array().is_some_and(|a| a.iter().any(serde_json::Value::is_object));
            if d.outcome == Outcome::Mask && !value.is_null() && !container {
                let before = raw.iter().find(|(p, _)| p == path).map(|(_, x)| x.clone());
                prop_assert_ne!(Some(value.clone()), before, "{} shown unmasked", path);
            }
        }
    }
}

// [group-tiers] [support-groups]: three tiers and four support groups, each with its admins.
#[test]
fn group_tiers_and_support_groups() {
    use shegong::triage::ServiceTier;
    assert_eq!(
        GroupKind::FocusServiceGroup.tier(),
        Some(ServiceTier::FocusServiceGroup)
    );
    assert_eq!(
        GroupKind::ALL.iter().filter(|k| k.tier().is_some()).count(),
        3
    );
    assert_eq!(
        GroupKind::ALL
            .iter()
            .filter(|k| k.is_support_group())
            .count(),
        4
    );
    let admin = |role| {
        vec![GroupAdmin {
            person_id: "a-1".into(),
            role,
        }]
    };
    assert!(ServiceGroup::new(
        "G1",
        GroupKind::KeyAccompanimentGroup,
        "重点陪助群",
        admin(AdminRole::SocialWorker)
    )
    .is_ok());
    let err = ServiceGroup::new(
        "G2",
        GroupKind::KeyAccompanimentGroup,
        "重点陪助群",
        admin(AdminRole::BuildingHead),
    )
    .unwrap_err();
    assert_eq!(err.rule_id(), Some("group-tiers"));
    let err = ServiceGroup::new(
        "G3",
        GroupKind::PreventionWorkGroup,
        "防控工作群",
        admin(AdminRole::SocialWorker),
    )
    .unwrap_err();
    assert_eq!(err.rule_id(), Some("support-groups"));
    assert!(ServiceGroup::new(
        "G4",
        GroupKind::PreventionWorkGroup,
        "防控工作群",
        admin(AdminRole::CommunityPartySecretary)
    )
    .is_ok());
    assert!(ServiceGroup::new("G5", GroupKind::ResidentGroup, "3栋居民群", vec![]).is_err());
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

// [membership-approval] [resident-group-size] [nickname-convention]
#[test]
fn membership_households_size_and_nicknames() {
    let mut g = ServiceGroup::new(
        "R-3",
        GroupKind::ResidentGroup,
        "3栋居民群",
        vec![GroupAdmin {
            person_id: "grid-1".into(),
            role: AdminRole::GridWorker,
        }],
    )
    .unwrap();
    assert!(
        g.apply("p-1", "3栋502-自住", None, day("2026-03-01"))
            .is_err(),
        "a household is needed"
    );
    g.apply("p-1", "3栋502-自住", Some("3栋502"), day("2026-03-01"))
        .unwrap();
    assert!(
        g.apply("p-1", "3栋502-自住", Some("3栋502"), day("2026-03-01"))
            .is_err(),
        "already applied"
    );
    assert_eq!(
        g.approve("p-1", "p-9", day("2026-03-02"))
            .unwrap_err()
            .rule_id(),
        Some("membership-approval")
    );
    let warnings = g.approve("p-1", "grid-1", day("2026-03-02")).unwrap();
    assert!(
        warnings[0].contains("[resident-group-size]"),
        "1 member is below 50: a warning, not a refusal"
    );
    g.apply("p-2", "3栋502-租住", Some("3栋502"), day("2026-03-02"))
        .unwrap();
    assert_eq!(
        g.approve("p-2", "grid-1", day("2026-03-03"))
            .unwrap_err()
            .rule_id(),
        Some("resident-group-size")
    );
    g.reject("p-2", "grid-1").unwrap();
    g.apply("p-3", "小王", Some("3栋601"), day("2026-03-02"))
        .unwrap();
    assert_eq!(
        g.approve("p-3", "grid-1", day("2026-03-03"))
            .unwrap_err()
            .rule_id(),
        Some("nickname-convention")
    );
    g.reject("p-3", "grid-1").unwrap();
    g.apply("p-4", "3栋601-自住", Some("3栋602"), day("2026-03-02"))
        .unwrap();
    assert!(
        g.approve("p-4", "grid-1", day("2026-03-03")).is_err(),
        "the nickname shows another household"
    );
    g.reject("p-4", "grid-1").unwrap();
    for i in 0..49 {
        let h = format!("3栋{}", 700 + i);
        g.apply(
            &format!("q-{i}"),
            &nickname(NicknameRole::Owner, &h).unwrap(),
            Some(&h),
            day("2026-03-04"),
        )
        .unwrap();
        let w = g
            .approve(&format!("q-{i}"), "grid-1", day("2026-03-04"))
            .unwrap();
        assert_eq!(w.is_empty(), g.members.len() >= 50, "{}", g.members.len());
    }
    assert!(g.size_warning().is_none());

    assert_eq!(nickname(NicknameRole::Worker, "张三").unwrap(), "社工-张三");
    assert_eq!(
        nickname(NicknameRole::Owner, "3栋502").unwrap(),
        "3栋502-自住"
    );
    for (s, role, name) in [
        ("社工+张三", NicknameRole::Worker, "张三"),
        ("社区志愿者·李四", NicknameRole::CommunityVolunteer, "李四"),
        ("社区王五", NicknameRole::Community, "王五"),
        ("心理咨询 赵六", NicknameRole::Psychological, "赵六"),
        ("楼门栋长-钱七", NicknameRole::BuildingHead, "钱七"),
        ("5栋101租住", NicknameRole::Tenant, "5栋101"),
        ("群秘书_孙八", NicknameRole::GroupSecretary, "孙八"),
        ("群管理员-周九", NicknameRole::GroupAdmin, "周九"),
        ("医务-吴十", NicknameRole::Medical, "吴十"),
    ] {
        assert_eq!(parse_nickname(s).unwrap(), (role, name.to_owned()), "{s}");
    }
    for bad in ["张三", "社工-", "自住", ""] {
        assert_eq!(
            parse_nickname(bad).unwrap_err().rule_id(),
            Some("nickname-convention"),
            "{bad}"
        );
    }
    assert!(nickname(NicknameRole::Medical, " ").is_err());
}
