//! Triage ordering and routing (`[priority-principles]`, `[triage-routing]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{Duration, NaiveDate};
use common::t;
use proptest::prelude::*;
use shegong::assessment::*;
use shegong::triage::*;

fn item(
    id: &str,
    life_risk: LifeRisk,
    urgency: Urgency,
    groups: Vec<PopulationGroup>,
    since: &str,
) -> TriageItem {
    TriageItem {
        id: id.into(),
        life_risk,
        urgency,
        groups,
        date_of_birth: None,
        waiting_since: t(since),
    }
}

fn input() -> RoutingInput {
    RoutingInput {
        life_risk: LifeRisk::None,
        urgency: Urgency::Low,
        groups: vec![],
        date_of_birth: None,
        needs: NeedsAssessment::default(),
        concerns: PresentingConcerns::default(),
        crisis_declared: false,
        current_tier: None,
    }
}

fn on() -> NaiveDate {
    "2026-03-03".parse().unwrap()
}

// [priority-principles]: life first, the vulnerable first, the urgent first, then waiting time.
#[test]
fn priority_principles_order_and_explanations() {
    let list = vec![
        item(
            "waited-long",
            LifeRisk::None,
            Urgency::Low,
            vec![],
            "2026-03-01T08:00:00+08:00",
        ),
        item(
            "urgent",
            LifeRisk::None,
            Urgency::Immediate,
            vec![],
            "2026-03-03T09:00:00+08:00",
        ),
        item(
            "vulnerable",
            LifeRisk::None,
            Urgency::Low,
            vec![PopulationGroup::Woman, PopulationGroup::DependentElder],
            "2026-03-03T09:00:00+08:00",
        ),
        item(
            "life",
            LifeRisk::Imminent,
            Urgency::Low,
            vec![],
            "2026-03-03T09:55:00+08:00",
        ),
        item(
            "waited-short",
            LifeRisk::None,
            Urgency::Low,
            vec![],
            "2026-03-02T08:00:00+08:00",
        ),
    ];
    let ranked = prioritise(&list, t("2026-03-03T10:00:00+08:00"));
    let order: Vec<&str> = ranked.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "life",
            "vulnerable",
            "urgent",
            "waited-long",
            "waited-short"
        ]
    );
    assert_eq!(ranked[1].vulnerability, Vulnerability::High);
    assert_eq!(
        ranked[1].vulnerable_as,
        Some(PopulationGroup::DependentElder)
    );
    assert_eq!(ranked[0].waiting_minutes, 5);
    assert!(
        ranked[0]
            .explanation
            .starts_with("#1: risk to life imminent (生命优先)"),
        "{}",
        ranked[0].explanation
    );
    assert!(
        ranked[1]
            .explanation
            .contains("vulnerability high as 失能老年人"),
        "{}",
        ranked[1].explanation
    );
    // Age groups come from the date of birth: a 70-year-old is of medium vulnerability.
    let mut elder = item(
        "elder",
        LifeRisk::None,
        Urgency::Low,
        vec![],
        "2026-03-03T09:00:00+08:00",
    );
    elder.date_of_birth = Some("1956-01-01".parse().unwrap());
    let r = prioritise(&[elder], t("2026-03-03T10:00:00+08:00"));
    assert_eq!(
        (r[0].vulnerability, r[0].vulnerable_as),
        (Vulnerability::Medium, Some(PopulationGroup::Elder))
    );
    // Every group has a level.
    for g in PopulationGroup::ALL {
        assert_ne!(group_vulnerability(*g), Vulnerability::None, "{g:?}");
    }
}

// [triage-routing]: the four tiers, with reasons; a routing never lowers a crisis.
#[test]
fn triage_routing_tiers() {
    let r = route(&input(), on());
    assert_eq!(r.tier, ServiceTier::ResidentGroup);
    let mut i = input();
    i.needs.support = vec![SupportNeed::LivingSupplies];
    assert_eq!(route(&i, on()).tier, ServiceTier::FocusServiceGroup);
    let mut i = input();
    i.concerns.emotion = "焦虑".into();
    assert_eq!(route(&i, on()).tier, ServiceTier::FocusServiceGroup);
    let mut i = input();
    i.date_of_birth = Some("1950-01-01".parse().unwrap());
    let r = route(&i, on());
    assert_eq!(r.tier, ServiceTier::FocusServiceGroup);
    assert!(r.reasons[0].contains("老年人"), "{:?}", r.reasons);
    let mut i = input();
    i.groups = vec![PopulationGroup::MentalDisorder];
    i.needs.medical = vec![MedicalNeed::TreatmentAdvice];
    assert_eq!(route(&i, on()).tier, ServiceTier::KeyAccompanimentGroup);
    let mut i = input();
    i.urgency = Urgency::High;
    assert_eq!(route(&i, on()).tier, ServiceTier::KeyAccompanimentGroup);
    let mut i = input();
    i.life_risk = LifeRisk::Possible;
    assert_eq!(route(&i, on()).tier, ServiceTier::KeyAccompanimentGroup);
    let mut i = input();
    i.life_risk = LifeRisk::Imminent;
    let r = route(&i, on());
    assert_eq!(r.tier, ServiceTier::CrisisReferral);
    assert!(
        r.reasons.iter().all(|x| x.contains('[')),
        "every reason names its rule"
    );
    let mut i = input();
    i.crisis_declared = true;
    assert_eq!(route(&i, on()).tier, ServiceTier::CrisisReferral);
    let mut i = input();
    i.current_tier = Some(ServiceTier::CrisisReferral);
    let r = route(&i, on());
    assert_eq!(r.tier, ServiceTier::CrisisReferral);
    assert!(r.reasons[0].contains("never lowers a crisis"));
}

fn arb_item() -> impl Strategy<Value = TriageItem> {
    (
        0usize..3,
        0usize..4,
        prop::collection::vec(0usize..30, 0..3),
        0i64..5000,
        0u32..1000,
    )
        .prop_map(|(l, u, gs, mins, id)| TriageItem {
            id: format!("i{id}"),
            life_risk: LifeRisk::ALL[l],
            urgency: Urgency::ALL[u],
            groups: gs.into_iter().map(|g| PopulationGroup::ALL[g]).collect(),
            date_of_birth: None,
            waiting_since: t("2026-03-03T10:00:00+08:00") - Duration::minutes(mins),
        })
}

proptest! {
    // [priority-principles]: an item at risk to life always precedes one without; the order
    // is total (a permutation of the input) and stable (the same for any input order).
    #[test]
    fn priority_principles_properties(items in prop::collection::vec(arb_item(), 0..40), seed in any::<u64>()) {
        let now = t("2026-03-03T10:00:00+08:00");
        let ranked = prioritise(&items, now);
        prop_assert_eq!(ranked.len(), items.len());
        for (i, r) in ranked.iter().enumerate() {
            prop_assert_eq!(r.position, i + 1);
        }
        for (i, a) in ranked.iter().enumerate() {
            for b in &ranked[i + 1..] {
                prop_assert!(a.life_risk >= b.life_risk, "life first");
                if a.life_risk == b.life_risk {
                    prop_assert!(a.vulnerability >= b.vulnerability, "then the vulnerable");
                    if a.vulnerability == b.vulnerability {
                        prop_assert!(a.urgency >= b.urgency, "then the urgent");
                    }
                }
            }
        }
        let mut shuffled = items.clone();
        let n = shuffled.len();
        if n > 1 {
            let mut x = seed;
            for i in (1..n).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
        }
        prop_assert_eq!(prioritise(&shuffled, now), ranked);
    }

    // [triage-routing]: a routing never lowers a crisis, and imminent risk is always a crisis.
    #[test]
    fn routing_never_lowers_a_crisis(l in 0usize..3, u in 0usize..4, gs in prop::collection::vec(0usize..30, 0..3), crisis in any::<bool>(), current in prop::option::of(0usize..4)) {
        let mut i = input();
        i.life_risk = LifeRisk::ALL[l];
        i.urgency = Urgency::ALL[u];
        i.groups = gs.into_iter().map(|g| PopulationGroup::ALL[g]).collect();
        i.crisis_declared = crisis;
        i.current_tier = current.map(|c| ServiceTier::ALL[c]);
        let r = route(&i, on());
        if i.current_tier == Some(ServiceTier::CrisisReferral) || crisis || i.life_risk == LifeRisk::Imminent {
            prop_assert_eq!(r.tier, ServiceTier::CrisisReferral);
        }
        prop_assert!(!r.reasons.is_empty());
    }
}
