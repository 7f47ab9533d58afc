//! The demo data of the dashboard examples: six sample cases and two activities of a
//! community social-work team, as of the week after the 2026 National Day break. Shared by
//! the dashboard (`examples/dashboard.rs`) and the dashboard over the reference store
//! (`store/examples/dashboard-store.rs`), so both show the same team.

use chrono::{DateTime, FixedOffset};
use shegong::activity::{Activity, ActivityEvent, ActivityKind, ActivityPlan, PlanContents};
use shegong::case::*;

/// The instant of `s`: an RFC 3339 timestamp, or a date (10:00 China time).
pub fn at(s: &str) -> Result<DateTime<FixedOffset>, shegong::Error> {
    let full = if s.len() == 10 {
        format!("{s}T10:00:00+08:00")
    } else {
        s.to_owned()
    };
    DateTime::parse_from_rfc3339(&full).map_err(|e| {
        CaseError::Malformed {
            reason: format!("{s}: {e}"),
        }
        .into()
    })
}

/// Builds a case from (when, who, what) steps.
fn case(steps: Vec<(&str, &Actor, EventKind)>) -> Result<Case, shegong::Error> {
    let mut it = steps.into_iter();
    let Some((when, who, what)) = it.next() else {
        return Err(CaseError::NotStarted { first: None }.into());
    };
    let new = |when: &str, who: &Actor, what| -> Result<NewEvent, shegong::Error> {
        Ok(NewEvent {
            occurred_at: at(when)?,
            recorded_at: at(when)?,
            actor: who.clone(),
            event: what,
        })
    };
    let mut c = Case::start(new(when, who, what)?)?;
    for (when, who, what) in it {
        c.apply(new(when, who, what)?)?;
    }
    Ok(c)
}

fn received(
    number: &str,
    name: &str,
    birth: Option<&str>,
    source: Source,
    topic: &str,
) -> Result<EventKind, shegong::Error> {
    Ok(EventKind::Received {
        case_number: number.parse()?,
        client: Client {
            id: format!("client-{number}"),
            name: name.into(),
            date_of_birth: birth.and_then(|b| b.parse().ok()),
        },
        source,
        channel: Channel::InPerson,
        topic: topic.into(),
    })
}

fn consent(by: &str, capacity: ConsentCapacity) -> EventKind {
    EventKind::ConsentGiven {
        consent: Consent {
            id: "k1".into(),
            given_by: by.into(),
            capacity,
            purpose: ConsentPurpose::Service,
            scope: "个案辅导".into(),
        },
    }
}
/// The sample cases and activities (a group and a community festival).
pub fn demo() -> Result<(Vec<Case>, Vec<Activity>), shegong::Error> {
    let li = Actor::new("李社工", Role::Worker);
    let chen = Actor::new("陈社工", Role::Worker);
    let zhang = Actor::new("张督导", Role::FirstLineSupervisor);
    let client = Actor::new("服务对象", Role::Client);
    let guardian = Actor::new("监护人", Role::Guardian);
    let opened = || EventKind::Opened {
        summary: "开案".into(),
    };
    // [open-after-interview]: a case opens after the first consultation interview;
    // [inform-rights]: the application and withdrawal mechanisms are explained before.
    let interview = || EventKind::ConsultationHeld {
        topic: String::new(),
        summary: "首次咨询面谈".into(),
    };
    let rights = || EventKind::RightsInformed {
        how: ReplyMode::Oral,
        summary: "告知申请及退出机制".into(),
    };

    let cases = vec![
        // An isolated elder opened just before the break: approved, first meeting still to come.
        case(vec![
            (
                "2026-09-29T09:00:00+08:00",
                &li,
                received(
                    "SZ-2026-0031",
                    "王阿姨",
                    Some("1948-03-02"),
                    Source::Voluntary,
                    "独居照料",
                )?,
            ),
            ("2026-09-29T09:10:00+08:00", &li, interview()),
            ("2026-09-29T09:20:00+08:00", &li, rights()),
            (
                "2026-09-29T09:30:00+08:00",
                &client,
                consent("王阿姨", ConsentCapacity::Client),
            ),
            ("2026-09-29T10:00:00+08:00", &li, opened()),
            (
                "2026-09-30",
                &li,
                EventKind::OpeningSubmitted {
                    supervisor: "张督导".into(),
                },
            ),
            (
                "2026-10-09",
                &zhang,
                EventKind::OpeningDecided {
                    decision: Decision::Approved {
                        comments: String::new(),
                    },
                },
            ),
        ])?,
        // A 13-year-old: the guardian consented; the opening record was never submitted.
        case(vec![
            (
                "2026-09-24T09:00:00+08:00",
                &chen,
                received(
                    "SZ-2026-0032",
                    "小明",
                    Some("2013-05-01"),
                    Source::ReferredIn {
                        referrer: "某小学".into(),
                        referrer_kind: ReferrerKind::School,
                    },
                    "学业与情绪",
                )?,
            ),
            (
                "2026-09-24T09:20:00+08:00",
                &chen,
                EventKind::ReferralInAssessed {
                    within_scope: true,
                    reasons: "属青少年服务范围".into(),
                },
            ),
            ("2026-09-24T09:30:00+08:00", &chen, rights()),
            (
                "2026-09-24T09:40:00+08:00",
                &guardian,
                consent("小明母亲", ConsentCapacity::Guardian),
            ),
            ("2026-09-24T10:00:00+08:00", &chen, opened()),
            (
                "2026-09-28",
                &chen,
                EventKind::Met {
                    kind: MeetingKind::Session,
                    summary: "首次会谈".into(),
                },
            ),
        ])?,
        // A consultation not opened on the eve of the break: the reply is due today.
        case(vec![
            (
                "2026-09-30T09:00:00+08:00",
                &li,
                received(
                    "SZ-2026-0027",
                    "赵先生",
                    None,
                    Source::Voluntary,
                    "低保政策咨询",
                )?,
            ),
            (
                "2026-09-30T09:30:00+08:00",
                &li,
                EventKind::ConsultationHeld {
                    topic: String::new(),
                    summary: "解答低保申请流程".into(),
                },
            ),
            (
                "2026-09-30T10:00:00+08:00",
                &li,
                EventKind::NotOpened {
                    reasons: "属政策咨询，无需开案".into(),
                },
            ),
        ])?,
        // Goal achieved on Friday: the closing report is due in three working days.
        case(vec![
            (
                "2026-06-01T09:00:00+08:00",
                &chen,
                received("SZ-2026-0019", "刘女士", None, Source::Outreach, "家庭关系")?,
            ),
            ("2026-06-01T09:10:00+08:00", &chen, interview()),
            ("2026-06-01T09:20:00+08:00", &chen, rights()),
            (
                "2026-06-01T09:30:00+08:00",
                &client,
                consent("刘女士", ConsentCapacity::Client),
            ),
            ("2026-06-01T10:00:00+08:00", &chen, opened()),
            (
                "2026-06-02",
                &chen,
                EventKind::OpeningSubmitted {
                    supervisor: "张督导".into(),
                },
            ),
            (
                "2026-06-03",
                &zhang,
                EventKind::OpeningDecided {
                    decision: Decision::Approved {
                        comments: String::new(),
                    },
                },
            ),
            (
                "2026-06-05",
                &chen,
                EventKind::Met {
                    kind: MeetingKind::HomeVisit,
                    summary: "家访".into(),
                },
            ),
            (
                "2026-06-08",
                &chen,
                EventKind::AssessmentCompleted {
                    assessment: Assessment {
                        steps: AssessmentStep::REQUIRED.to_vec(),
                        methods: vec![AssessmentMethod::FamilyStructureDiagram],
                        problem: "夫妻沟通不良".into(),
                        report: "预估报告".into(),
                    },
                },
            ),
            (
                "2026-06-10",
                &chen,
                EventKind::PlanAgreed {
                    plan: ServicePlan {
                        goals: vec!["每周一次有效沟通".into()],
                        targets: vec![],
                        strategies: vec!["沟通训练".into()],
                        collaborators: vec![],
                        timetable: vec!["12周".into()],
                        client_participated: true,
                        agreement_signed: true,
                    },
                },
            ),
            (
                "2026-06-11",
                &chen,
                EventKind::InterventionStarted {
                    kind: InterventionKind::Direct,
                    strategies: vec![Strategy::Mediation],
                },
            ),
            (
                "2026-09-18",
                &chen,
                EventKind::EvaluationRecorded {
                    evaluation: Evaluation {
                        kind: EvaluationKind::Outcome,
                        methods: vec![EvaluationMethod::GoalAttainment],
                        goals_attained: Some(GoalAttainment {
                            attained: 1,
                            total: 1,
                        }),
                        summary: "目标达成".into(),
                    },
                },
            ),
            (
                "2026-10-09",
                &client,
                EventKind::ClientEvaluationReceived {
                    summary: "满意".into(),
                },
            ),
        ])?,
        // A crisis declared yesterday afternoon and not yet reported.
        case(vec![
            (
                "2026-10-12T13:00:00+08:00",
                &li,
                received(
                    "SZ-2026-0033",
                    "孙先生",
                    None,
                    Source::Voluntary,
                    "情绪危机",
                )?,
            ),
            (
                "2026-10-12T14:00:00+08:00",
                &li,
                EventKind::CrisisDeclared {
                    summary: "表达自伤念头".into(),
                },
            ),
        ])?,
        // A client nobody has reached since early July.
        case(vec![
            (
                "2026-05-06T09:00:00+08:00",
                &chen,
                received(
                    "SZ-2026-0012",
                    "周大爷",
                    Some("1940-11-20"),
                    Source::Voluntary,
                    "居家养老",
                )?,
            ),
            ("2026-05-06T09:10:00+08:00", &chen, interview()),
            ("2026-05-06T09:20:00+08:00", &chen, rights()),
            (
                "2026-05-06T09:30:00+08:00",
                &client,
                consent("周大爷", ConsentCapacity::Client),
            ),
            ("2026-05-06T10:00:00+08:00", &chen, opened()),
            (
                "2026-05-08",
                &chen,
                EventKind::OpeningSubmitted {
                    supervisor: "张督导".into(),
                },
            ),
            (
                "2026-05-11",
                &zhang,
                EventKind::OpeningDecided {
                    decision: Decision::Approved {
                        comments: String::new(),
                    },
                },
            ),
            (
                "2026-07-08",
                &chen,
                EventKind::Met {
                    kind: MeetingKind::Session,
                    summary: "会谈".into(),
                },
            ),
            (
                "2026-08-20",
                &chen,
                EventKind::ContactFailed {
                    method: ContactMethod::Phone,
                    note: "无人接听".into(),
                },
            ),
        ])?,
    ];

    let mut group = Activity::start(shegong::history::NewEvent::at(
        at("2026-09-01")?,
        li.clone(),
        ActivityEvent::Planned {
            plan: ActivityPlan {
                id: "G-2026-05".into(),
                title: "长者防跌倒小组".into(),
                kind: ActivityKind::Group,
                date: "2026-09-23".parse().map_err(|e| CaseError::Malformed {
                    reason: format!("{e}"),
                })?,
                planned_sessions: 6,
                expected_participants: 10,
                minutes: 90,
                contents: PlanContents {
                    purpose: "降低长者跌倒风险".into(),
                    content: "平衡与肌力训练、居家环境检查".into(),
                    method: "小组工作".into(),
                    place: "社区活动室".into(),
                    person_in_charge: "李社工".into(),
                    budget_fen: Some(120_000),
                    feasibility: "组员已报名，场地已落实".into(),
                },
            },
        },
    ))?;
    group.apply(shegong::history::NewEvent::at(
        at("2026-09-02")?,
        li.clone(),
        ActivityEvent::PlanSubmitted {
            to: "周主管".into(),
        },
    ))?;
    group.apply(shegong::history::NewEvent::at(
        at("2026-09-04")?,
        Actor::new("周主管", Role::ProjectLead),
        ActivityEvent::PlanReviewed {
            approved: true,
            comments: "同意".into(),
        },
    ))?;
    group.apply(shegong::history::NewEvent::at(
        at("2026-09-23T15:00:00+08:00")?,
        li.clone(),
        ActivityEvent::SessionHeld {
            number: 1,
            participants: 9,
            minutes: 90,
        },
    ))?;
    group.apply(shegong::history::NewEvent::at(
        at("2026-09-24")?,
        li.clone(),
        ActivityEvent::SessionSummarySubmitted { number: 1 },
    ))?;
    group.apply(shegong::history::NewEvent::at(
        at("2026-09-30T15:00:00+08:00")?,
        li.clone(),
        ActivityEvent::SessionHeld {
            number: 2,
            participants: 8,
            minutes: 90,
        },
    ))?;

    let mut festival = Activity::start(shegong::history::NewEvent::at(
        at("2026-09-20")?,
        chen.clone(),
        ActivityEvent::Planned {
            plan: ActivityPlan {
                id: "A-2026-11".into(),
                title: "重阳节社区敬老活动".into(),
                kind: ActivityKind::Large,
                date: "2026-10-18".parse().map_err(|e| CaseError::Malformed {
                    reason: format!("{e}"),
                })?,
                planned_sessions: 1,
                expected_participants: 50,
                minutes: 120,
                contents: PlanContents {
                    purpose: "敬老爱老".into(),
                    content: "文艺表演、义诊".into(),
                    method: "大型社区活动".into(),
                    place: "社区广场".into(),
                    person_in_charge: "陈社工".into(),
                    budget_fen: Some(500_000),
                    feasibility: "居委会与卫生服务中心支持".into(),
                },
            },
        },
    ))?;
    festival.apply(shegong::history::NewEvent::at(
        at("2026-10-09")?,
        chen.clone(),
        ActivityEvent::PlanSubmitted {
            to: "周主管".into(),
        },
    ))?;
    Ok((cases, vec![group, festival]))
}
