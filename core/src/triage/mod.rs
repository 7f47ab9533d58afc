//! Triage: who is served first (`[priority-principles]`), and which tier of service group a
//! client is routed to (`[triage-routing]`).
//!
//! # Priority: life first, the vulnerable first, the urgent first (生命优先、弱势优先、紧迫优先)
//! [`prioritise`] orders a worklist by, in turn:
//! 1. **risk to life** ([`LifeRisk`]): imminent > possible > none;
//! 2. **vulnerability** ([`Vulnerability`]), the highest level among the client's population
//!    groups ([`vulnerability_of`], table below), age groups derived from the date of birth;
//! 3. **urgency** ([`Urgency`]): immediate > high > medium > low;
//! 4. **waiting time**: who has waited longer goes first;
//! 5. the item's id, so the order is total and the same every time.
//!
//! Vulnerability levels (the sources name the groups; the levels are this library's reading
//! of 004 §5.1, which singles out these sub-groups, and of 001's key populations):
//! - **high**: dependent (失能), very old (高龄) and sick-or-disabled (病残) elders, children in
//!   difficulty (困境儿童), left-behind children (留守儿童), people with disabilities,
//!   domestic-violence victims, people with mental disorders;
//! - **medium**: elders 60+ and the other elder sub-groups, children and youth 6–18,
//!   social-assistance recipients and low-income households, confirmed patients and their
//!   families, people under medical observation, severely anxious people, people hit by
//!   emergencies, rural women;
//! - **low**: everyone else the sources name (women, migrant workers, families, parents,
//!   stranded out-of-towners, frontline and community workers, community corrections, drug
//!   rehabilitation, others in need);
//! - **none**: no group recorded.
//!
//! # Routing to the service tiers (000 五.(三), 六)
//! [`route`] recommends, with its reasons:
//! 1. **crisis referral** (危机转介) when life is at imminent risk or a crisis is declared —
//!    and whenever the client is already in crisis referral: a routing never lowers a crisis;
//! 2. **key accompaniment group** (重点陪助群) when life may be at risk, the urgency is high
//!    or immediate, or a highly vulnerable client has a need;
//! 3. **focus service group** (聚焦服务群) when any need or concern is recorded, the client
//!    is at least of medium vulnerability, or the urgency is medium;
//! 4. otherwise the **resident group** (线上小区居民群).

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assessment::{age_groups, NeedsAssessment, PopulationGroup, PresentingConcerns};
use crate::case::china_date;
use crate::labels::labelled_enum;

labelled_enum! {
    /// Risk to life (生命安全风险).
    pub enum LifeRisk {
        None = "none" => "无",
        Possible = "possible" => "可能存在",
        Imminent = "imminent" => "紧迫",
    }
}

labelled_enum! {
    /// How vulnerable a client is (弱势程度), derived from the population groups.
    pub enum Vulnerability {
        None = "none" => "无",
        Low = "low" => "一般",
        Medium = "medium" => "较高",
        High = "high" => "高",
    }
}

labelled_enum! {
    /// How urgent the need is (紧迫程度).
    pub enum Urgency {
        Low = "low" => "低",
        Medium = "medium" => "中",
        High = "high" => "高",
        Immediate = "immediate" => "立即",
    }
}

labelled_enum! {
    /// The tiers of service group a client is routed to (`[group-tiers]`), plus crisis referral.
    pub enum ServiceTier {
        ResidentGroup = "resident_group" => "线上小区居民群",
        FocusServiceGroup = "focus_service_group" => "聚焦服务群",
        KeyAccompanimentGroup = "key_accompaniment_group" => "重点陪助群",
        CrisisReferral = "crisis_referral" => "危机转介",
    }
}

/// The vulnerability level of one population group (see the module's table).
pub fn group_vulnerability(group: PopulationGroup) -> Vulnerability {
    use PopulationGroup as G;
    match group {
        G::DependentElder
        | G::VeryOldElder
        | G::SickOrDisabledElder
        | G::ChildInDifficulty
        | G::LeftBehindChild
        | G::PersonWithDisability
        | G::DomesticViolenceVictim
        | G::MentalDisorder => Vulnerability::High,
        G::Elder
        | G::LeftBehindElder
        | G::EmptyNestElder
        | G::BereavedOfOnlyChild
        | G::ChildOrYouth
        | G::SocialAssistanceRecipient
        | G::LowIncomeHousehold
        | G::ConfirmedPatientOrFamily
        | G::UnderMedicalObservation
        | G::SeverelyAnxious
        | G::EmergencyAffected
        | G::RuralWoman => Vulnerability::Medium,
        G::Woman
        | G::ParentOfChild
        | G::MigrantWorker
        | G::Family
        | G::CommunityCorrections
        | G::DrugRehabilitation
        | G::StressedCommunityWorker
        | G::FrontlineWorker
        | G::StrandedOutOfTowner
        | G::OtherInNeed => Vulnerability::Low,
    }
}

/// A client's vulnerability: the highest level among the recorded groups and the age groups
/// derived from the date of birth on `on`; with the group that decided it.
pub fn vulnerability_of(
    groups: &[PopulationGroup],
    date_of_birth: Option<NaiveDate>,
    on: NaiveDate,
) -> (Vulnerability, Option<PopulationGroup>) {
    let derived = date_of_birth.map(|b| age_groups(b, on)).unwrap_or_default();
    groups
        .iter()
        .chain(derived.iter())
        .map(|g| (group_vulnerability(*g), *g))
        .max_by_key(|(v, g)| (*v, Reverse(*g)))
        .map_or((Vulnerability::None, None), |(v, g)| (v, Some(g)))
}

/// One entry of a worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageItem {
    /// The platform's id (a case number, a request id).
    pub id: String,
    /// Risk to life.
    pub life_risk: LifeRisk,
    /// Urgency.
    pub urgency: Urgency,
    /// Recorded population groups.
    #[serde(default)]
    pub groups: Vec<PopulationGroup>,
    /// Date of birth, for the age groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub date_of_birth: Option<NaiveDate>,
    /// Since when the client has been waiting.
    pub waiting_since: DateTime<FixedOffset>,
}

/// An item's place in the ordered worklist, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranked {
    /// Its position, from 1.
    pub position: usize,
    /// The item's id.
    pub id: String,
    /// Risk to life.
    pub life_risk: LifeRisk,
    /// The derived vulnerability.
    pub vulnerability: Vulnerability,
    /// The group that decided the vulnerability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerable_as: Option<PopulationGroup>,
    /// Urgency.
    pub urgency: Urgency,
    /// Minutes waited as of `now`.
    pub waiting_minutes: i64,
    /// Why it stands where it does.
    pub explanation: String,
}

/// Orders a worklist by risk to life, vulnerability, urgency, then waiting time (see the
/// module documentation), as of `now`. The order is total and deterministic.
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::assessment::PopulationGroup;
/// use shegong::triage::{prioritise, LifeRisk, TriageItem, Urgency};
/// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
/// let item = |id: &str, life_risk, urgency, groups: Vec<PopulationGroup>, since: &str| TriageItem {
///     id: id.into(), life_risk, urgency, groups, date_of_birth: None, waiting_since: t(since),
/// };
/// let list = vec![
///     item("A", LifeRisk::None, Urgency::Immediate, vec![], "2026-03-03T08:00:00+08:00"),
///     item("B", LifeRisk::None, Urgency::Low, vec![PopulationGroup::DependentElder], "2026-03-03T09:00:00+08:00"),
///     item("C", LifeRisk::Possible, Urgency::Low, vec![], "2026-03-03T09:30:00+08:00"),
/// ];
/// let ranked = prioritise(&list, t("2026-03-03T10:00:00+08:00"));
/// let order: Vec<&str> = ranked.iter().map(|r| r.id.as_str()).collect();
/// assert_eq!(order, ["C", "B", "A"]);
/// ```
pub fn prioritise(items: &[TriageItem], now: DateTime<FixedOffset>) -> Vec<Ranked> {
    let today = china_date(now);
    let mut keyed: Vec<(&TriageItem, Vulnerability, Option<PopulationGroup>)> = items
        .iter()
        .map(|i| {
            let (v, g) = vulnerability_of(&i.groups, i.date_of_birth, today);
            (i, v, g)
        })
        .collect();
    keyed.sort_by(|(a, va, _), (b, vb, _)| {
        b.life_risk
            .cmp(&a.life_risk)
            .then_with(|| vb.cmp(va))
            .then_with(|| b.urgency.cmp(&a.urgency))
            .then_with(|| a.waiting_since.cmp(&b.waiting_since))
            .then_with(|| a.id.cmp(&b.id))
    });
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, (item, v, g))| {
            let waiting = now.signed_duration_since(item.waiting_since).num_minutes().max(0);
            let vulnerable = g.map_or_else(String::new, |g| format!(" as {}", g.zh()));
            Ranked {
                position: i.saturating_add(1),
                id: item.id.clone(),
                life_risk: item.life_risk,
                vulnerability: v,
                vulnerable_as: g,
                urgency: item.urgency,
                waiting_minutes: waiting,
                explanation: format!(
                    "#{}: risk to life {} (生命优先), vulnerability {}{vulnerable} (弱势优先), urgency {} (紧迫优先), waiting {}h{:02}m [priority-principles]",
                    i.saturating_add(1),
                    item.life_risk.name(),
                    v.name(),
                    item.urgency.name(),
                    waiting / 60,
                    waiting % 60
                ),
            }
        })
        .collect()
}

/// What routing needs to know about a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingInput {
    /// Risk to life.
    pub life_risk: LifeRisk,
    /// Urgency.
    pub urgency: Urgency,
    /// Recorded population groups.
    #[serde(default)]
    pub groups: Vec<PopulationGroup>,
    /// Date of birth, for the age groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub date_of_birth: Option<NaiveDate>,
    /// The needs assessment of the service record.
    #[serde(default)]
    pub needs: NeedsAssessment,
    /// The presenting concerns of the service record.
    #[serde(default)]
    pub concerns: PresentingConcerns,
    /// Whether a crisis has been declared for the client's case.
    #[serde(default)]
    pub crisis_declared: bool,
    /// The tier the client is in now, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_tier: Option<ServiceTier>,
}

/// A routing recommendation and its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// The recommended tier.
    pub tier: ServiceTier,
    /// Why, one reason per line, each naming its rule.
    pub reasons: Vec<String>,
}

/// Recommends a service tier for a client (`[triage-routing]`; thresholds in the module
/// documentation). A client already in crisis referral is never routed lower.
///
/// # Example
/// ```
/// use shegong::triage::{route, LifeRisk, RoutingInput, ServiceTier, Urgency};
/// let mut input = RoutingInput {
///     life_risk: LifeRisk::None, urgency: Urgency::Low, groups: vec![], date_of_birth: None,
///     needs: Default::default(), concerns: Default::default(), crisis_declared: false,
///     current_tier: Some(ServiceTier::CrisisReferral),
/// };
/// assert_eq!(route(&input, "2026-03-03".parse().unwrap()).tier, ServiceTier::CrisisReferral);
/// input.current_tier = None;
/// assert_eq!(route(&input, "2026-03-03".parse().unwrap()).tier, ServiceTier::ResidentGroup);
/// ```
pub fn route(input: &RoutingInput, on: NaiveDate) -> Routing {
    let (v, g) = vulnerability_of(&input.groups, input.date_of_birth, on);
    let c = &input.concerns;
    let has_concern = [&c.emotion, &c.medical, &c.psychological, &c.other]
        .iter()
        .any(|s| !s.trim().is_empty());
    let has_need = !input.needs.is_empty() || has_concern;
    let mut reasons = Vec::new();
    let vulnerable = g.map_or_else(String::new, |g| format!(" ({})", g.zh()));
    let tier = if input.life_risk == LifeRisk::Imminent || input.crisis_declared {
        if input.life_risk == LifeRisk::Imminent {
            reasons.push("life is at imminent risk: crisis handling with the client's community [triage-routing] [priority-principles]".to_owned());
        }
        if input.crisis_declared {
            reasons.push("a crisis is declared for the case [crisis-immediate]".to_owned());
        }
        ServiceTier::CrisisReferral
    } else if input.current_tier == Some(ServiceTier::CrisisReferral) {
        reasons.push(
            "already in crisis referral: a routing never lowers a crisis [triage-routing]"
                .to_owned(),
        );
        ServiceTier::CrisisReferral
    } else if input.life_risk == LifeRisk::Possible
        || input.urgency >= Urgency::High
        || (v == Vulnerability::High && has_need)
    {
        if input.life_risk == LifeRisk::Possible {
            reasons.push("life may be at risk [priority-principles]".to_owned());
        }
        if input.urgency >= Urgency::High {
            reasons.push(format!(
                "urgency {} [priority-principles]",
                input.urgency.name()
            ));
        }
        if v == Vulnerability::High && has_need {
            reasons.push(format!(
                "highly vulnerable{vulnerable} with a recorded need [priority-principles]"
            ));
        }
        ServiceTier::KeyAccompanimentGroup
    } else if has_need || v >= Vulnerability::Medium || input.urgency == Urgency::Medium {
        if has_need {
            reasons
                .push("needs or concerns recorded in the assessment [triage-routing]".to_owned());
        }
        if v >= Vulnerability::Medium {
            reasons.push(format!(
                "vulnerability {}{vulnerable} [priority-principles]",
                v.name()
            ));
        }
        if input.urgency == Urgency::Medium {
            reasons.push("urgency medium [priority-principles]".to_owned());
        }
        ServiceTier::FocusServiceGroup
    } else {
        reasons.push("no risk, need or vulnerability recorded [triage-routing]".to_owned());
        ServiceTier::ResidentGroup
    };
    Routing { tier, reasons }
}
