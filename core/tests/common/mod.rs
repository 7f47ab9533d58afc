//! Builders shared by the tests: actors, events, a happy-path case, activities.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod activity;
pub mod random;
pub mod records;
pub mod vectors;
pub mod volunteer;

use chrono::{DateTime, FixedOffset, NaiveDate};
use shegong::case::*;

pub fn t(s: &str) -> DateTime<FixedOffset> {
    let full = if s.len() == 10 {
        format!("{s}T10:00:00+08:00")
    } else {
        s.to_owned()
    };
    DateTime::parse_from_rfc3339(&full).unwrap()
}

pub fn worker() -> Actor {
    Actor::new("w-li", Role::Worker)
}
pub fn worker2() -> Actor {
    Actor::new("w-chen", Role::Worker)
}
pub fn supervisor() -> Actor {
    Actor::new("s-zhang", Role::FirstLineSupervisor)
}
pub fn lead() -> Actor {
    Actor::new("l-zhou", Role::ProjectLead)
}
pub fn client_actor() -> Actor {
    Actor::new("c-1", Role::Client)
}
pub fn guardian_actor() -> Actor {
    Actor::new("g-1", Role::Guardian)
}

/// Happened at `occurred`, recorded at `recorded` (a late entry).
pub fn late(occurred: &str, recorded: &str, actor: Actor, event: EventKind) -> NewEvent {
    NewEvent {
        occurred_at: t(occurred),
        recorded_at: t(recorded),
        actor,
        event,
    }
}

/// An event that happened and was recorded at `at`.
pub fn ev(at: &str, actor: Actor, event: EventKind) -> NewEvent {
    NewEvent {
        occurred_at: t(at),
        recorded_at: t(at),
        actor,
        event,
    }
}

pub fn client(birth: Option<(i32, u32, u32)>) -> Client {
    Client {
        id: "c-1".into(),
        name: "王阿姨".into(),
        date_of_birth: birth.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    }
}

pub fn received_with(source: Source, birth: Option<(i32, u32, u32)>) -> EventKind {
    EventKind::Received {
        case_number: "SZ-2026-0007".parse().unwrap(),
        client: client(birth),
        source,
        channel: Channel::InPerson,
        topic: "居家养老".into(),
    }
}

pub fn received() -> EventKind {
    received_with(Source::Voluntary, Some((1950, 5, 1)))
}

pub fn referred_in() -> EventKind {
    received_with(
        Source::ReferredIn {
            referrer: "街道办".into(),
            referrer_kind: ReferrerKind::Agency,
        },
        Some((1950, 5, 1)),
    )
}

pub fn consent(id: &str, capacity: ConsentCapacity, purpose: ConsentPurpose) -> EventKind {
    EventKind::ConsentGiven {
        consent: Consent {
            id: id.into(),
            given_by: "王阿姨".into(),
            capacity,
            purpose,
            scope: "个案服务".into(),
        },
    }
}

pub fn service_consent() -> EventKind {
    consent(
        "k-service",
        ConsentCapacity::Client,
        ConsentPurpose::Service,
    )
}

pub fn assessment() -> EventKind {
    EventKind::AssessmentCompleted {
        assessment: Assessment {
            steps: AssessmentStep::REQUIRED.to_vec(),
            methods: vec![
                AssessmentMethod::FamilyStructureDiagram,
                AssessmentMethod::EcoMap,
            ],
            problem: "独居、社会支持不足".into(),
            report: "预估报告".into(),
        },
    }
}

pub fn plan() -> ServicePlan {
    ServicePlan {
        goals: vec!["三个月内建立每周两次的邻里探访".into()],
        targets: vec!["社会隔离".into()],
        strategies: vec!["整合社区资源".into()],
        collaborators: vec!["社区居委会".into()],
        timetable: vec!["第1-4周：建立关系".into()],
        client_participated: true,
        agreement_signed: true,
    }
}

pub fn outcome_evaluation() -> EventKind {
    EventKind::EvaluationRecorded {
        evaluation: Evaluation {
            kind: EvaluationKind::Outcome,
            methods: vec![
                EvaluationMethod::GoalAttainment,
                EvaluationMethod::ClientSatisfaction,
            ],
            goals_attained: Some(GoalAttainment {
                attained: 1,
                total: 1,
            }),
            summary: "目标达成".into(),
        },
    }
}

pub fn session(summary: &str) -> EventKind {
    EventKind::Met {
        kind: MeetingKind::Session,
        summary: summary.into(),
    }
}

pub fn approved() -> Decision {
    Decision::Approved {
        comments: String::new(),
    }
}

/// The happy path of a voluntary case, one event per step, in order.
pub fn happy_path() -> Vec<NewEvent> {
    vec![
        ev("2026-03-02T09:00:00+08:00", worker(), received()),
        ev(
            "2026-03-02T10:00:00+08:00",
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "咨询面谈".into(),
            },
        ),
        // [inform-rights]: the application and withdrawal mechanisms explained before opening.
        ev(
            "2026-03-02T10:30:00+08:00",
            worker(),
            EventKind::RightsInformed {
                how: ReplyMode::Oral,
                summary: "介绍申请及退出机制".into(),
            },
        ),
        ev(
            "2026-03-03T09:00:00+08:00",
            worker(),
            EventKind::IntakeAccepted {
                summary: "接案".into(),
            },
        ),
        ev(
            "2026-03-03T09:30:00+08:00",
            client_actor(),
            service_consent(),
        ),
        ev(
            "2026-03-03T10:00:00+08:00",
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        ),
        ev(
            "2026-03-05",
            worker(),
            EventKind::OpeningSubmitted {
                supervisor: "s-zhang".into(),
            },
        ),
        ev(
            "2026-03-06",
            supervisor(),
            EventKind::OpeningDecided {
                decision: approved(),
            },
        ),
        ev("2026-03-10", worker(), session("首次会谈")),
        ev("2026-03-12", worker(), assessment()),
        ev(
            "2026-03-16",
            worker(),
            EventKind::PlanAgreed { plan: plan() },
        ),
        ev(
            "2026-03-17",
            worker(),
            EventKind::InterventionStarted {
                kind: InterventionKind::Direct,
                strategies: vec![Strategy::IntegrateResources],
            },
        ),
        ev("2026-03-24", worker(), session("第二次会谈")),
        ev("2026-04-20", worker(), outcome_evaluation()),
        ev(
            "2026-04-21",
            client_actor(),
            EventKind::ClientEvaluationReceived {
                summary: "满意".into(),
            },
        ),
        ev(
            "2026-04-23",
            worker(),
            EventKind::ClosingReportSubmitted {
                to: Role::FirstLineSupervisor,
                summary: "结案报告".into(),
            },
        ),
        ev(
            "2026-04-24",
            supervisor(),
            EventKind::ClosingDecided {
                decision: approved(),
            },
        ),
        ev(
            "2026-05-20",
            worker(),
            EventKind::FollowedUp {
                method: FollowUpMethod::Phone,
                summary: "电话跟进".into(),
            },
        ),
    ]
}

/// A case built from the first `n` events of the happy path.
pub fn case_after(n: usize) -> Case {
    let mut events = happy_path().into_iter().take(n);
    let mut case = Case::start(events.next().unwrap()).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    case
}

/// A case at a stage of the happy path.
pub fn case_at(stage: Stage) -> Case {
    let n = match stage {
        Stage::Consultation => 2,
        Stage::Intake => 5,
        Stage::Opened => 10,
        Stage::Planned => 11,
        Stage::Intervening => 13,
        Stage::Evaluating => 14,
        Stage::Closing => 15,
        Stage::Closed => 17,
        Stage::FollowUp => 18,
        other => panic!("no happy-path case at {other:?}"),
    };
    let case = case_after(n);
    assert_eq!(case.stage(), stage);
    case
}

/// Applies and expects a refusal by `rule`, checking the case did not change.
pub fn refused(case: &mut Case, e: NewEvent, rule: &str) -> CaseError {
    let before = case.clone();
    let err = case.apply(e).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(*case, before, "a refused event changed the case");
    err
}

/// A case whose every event is recorded under an older rules version: 1 (the rules before
/// issue 12) or 2 (before the worker's steps were checked against the actor): how a history
/// stored under those guards behaves. Each `apply` re-records the history with the new event
/// under that version and replays it (chain and guards), exactly as the library reads such a
/// stored history; nothing lets a live case apply an event under older rules.
#[derive(Clone)]
pub struct OldRulesCase {
    rules: u32,
    events: Vec<NewEvent>,
    case: Case,
}

impl OldRulesCase {
    /// The same history as `case`, re-recorded under version 1.
    pub fn v1(case: &Case) -> OldRulesCase {
        OldRulesCase::under(1, case)
    }

    /// The same history as `case`, re-recorded under version `rules`.
    pub fn under(rules: u32, case: &Case) -> OldRulesCase {
        let events: Vec<NewEvent> = case
            .history()
            .iter()
            .map(|r| NewEvent {
                occurred_at: r.occurred_at,
                recorded_at: r.recorded_at,
                actor: r.actor.clone(),
                event: r.event.clone(),
            })
            .collect();
        let case = replay_under(rules, &events)
            .unwrap_or_else(|e| panic!("the history replays under rules version {rules}: {e}"));
        OldRulesCase {
            rules,
            events,
            case,
        }
    }

    /// Appends `e` under the case's version: the refusal, or what was applied.
    pub fn apply(&mut self, e: NewEvent) -> Result<Applied, CaseError> {
        let mut events = self.events.clone();
        events.push(e);
        let case = replay_under(self.rules, &events)?;
        let seq = case.history().len() as u64;
        let applied = Applied {
            seq,
            hash: case.head().to_owned(),
            stage: case.stage(),
            warnings: case
                .state()
                .warnings
                .iter()
                .filter(|w| w.seq == seq)
                .cloned()
                .collect(),
        };
        self.events = events;
        self.case = case;
        Ok(applied)
    }

    /// The stage now.
    pub fn stage(&self) -> Stage {
        self.case.stage()
    }

    /// The case as replayed.
    pub fn case(&self) -> &Case {
        &self.case
    }
}

/// Chains `events` as recorded under rules version 1 and replays them.
pub fn replay_v1(events: &[NewEvent]) -> Result<Case, CaseError> {
    replay_under(1, events)
}

/// Chains `events` as recorded under rules version `rules` and replays them.
pub fn replay_under(rules: u32, events: &[NewEvent]) -> Result<Case, CaseError> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut recorded = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let mut r = RecordedEvent {
            seq: i as u64 + 1,
            occurred_at: e.occurred_at,
            recorded_at: e.recorded_at,
            actor: e.actor.clone(),
            event: e.event.clone(),
            rules,
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        r.hash = r.computed_hash();
        prev = r.hash.clone();
        recorded.push(r);
    }
    Case::replay(recorded)
}
