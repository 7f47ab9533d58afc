//! Volunteers built from their own records, for access decisions (`[access-while-serving]`,
//! `[agreement-before-access]`, `[acquaintance-avoidance]`, `[volunteer-kinds]`).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use shegong::access::{AccessRole, AgreementState, Purpose, Viewer};
use shegong::assessment::RecordKind;
use shegong::case::{Actor, Role};
use shegong::history::NewEvent;
use shegong::volunteer::*;

use super::records::sample_json;
use super::{t, worker};

/// The day every access question below is asked.
pub const ON: &str = "2026-04-01";

pub fn on() -> NaiveDate {
    ON.parse().unwrap()
}

/// How a volunteer's record stands, as the access matrix names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The positions registered.
    pub positions: Vec<VolunteerKind>,
    /// The agreement state on [`ON`]: none, draft, signed, in force or terminated.
    pub agreement: AgreementState,
    /// Whether the agreement in force covers client information.
    pub covers: bool,
    /// Deployed to "G-focus" (the client's group) on [`ON`]; otherwise to "G-other" when an
    /// agreement was ever in force.
    pub deployed: bool,
    /// Declared knowing client "c-1".
    pub acquainted: bool,
    /// How the deployment to "G-focus" stands: "" (from 03-05), "outside" (from 04-10, after
    /// the day asked), "ended" (03-05 to 03-25), "left" (the volunteer left on 03-25).
    pub deployment: &'static str,
}

impl Spec {
    pub fn new(
        positions: &[VolunteerKind],
        agreement: AgreementState,
        deployed: bool,
        acquainted: bool,
    ) -> Spec {
        Spec {
            positions: positions.to_vec(),
            agreement,
            covers: true,
            deployed,
            acquainted,
            deployment: "",
        }
    }
}

/// Who records `e` for volunteer `id` under rules version 2: the volunteer signs their own
/// side (乙方) and declares their own acquaintances; the agency's staff record the rest.
pub fn actor_for(id: &str, e: &VolunteerEvent) -> Actor {
    match e {
        VolunteerEvent::AgreementSigned {
            party: Party::Volunteer,
            ..
        }
        | VolunteerEvent::AcquaintanceDeclared { .. } => Actor::new(id, Role::Volunteer),
        _ => worker(),
    }
}

fn rec(v: &mut Volunteer, at: &str, e: VolunteerEvent) {
    let actor = actor_for(v.id(), &e);
    v.apply(NewEvent::at(t(at), actor, e)).unwrap();
}

fn agreement(id: &str, effective: &str, covers: bool) -> Box<ConfidentialityAgreement> {
    Box::new(ConfidentialityAgreement {
        id: id.into(),
        agency: "某社工服务中心".into(),
        agency_phone: None,
        volunteer_name: "刘医生".into(),
        volunteer_id_number: "11010519491231002X".parse().unwrap(),
        volunteer_phone: "13800131234".parse().unwrap(),
        scope: if covers {
            ConfidentialScope::ALL.to_vec()
        } else {
            vec![ConfidentialScope::Donations]
        },
        effective_from: effective.parse().unwrap(),
    })
}

fn sign(v: &mut Volunteer, at: &str, id: &str) {
    for party in [Party::Volunteer, Party::Agency] {
        rec(
            v,
            at,
            VolunteerEvent::AgreementSigned {
                agreement_id: id.into(),
                party,
            },
        );
    }
}

/// A volunteer whose own record gives `spec` on [`ON`].
pub fn build(id: &str, spec: &Spec) -> Volunteer {
    let mut json = sample_json(RecordKind::VolunteerRegistration);
    json.as_object_mut().unwrap().remove("kind");
    json["positions"] = serde_json::to_value(&spec.positions).unwrap();
    if spec.positions.contains(&VolunteerKind::Other) {
        json["position_other"] = "后勤".into();
    }
    let registration: VolunteerRegistration = serde_json::from_value(json).unwrap();
    let mut v = Volunteer::start(NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: id.into(),
            registration: Box::new(registration),
        },
    ))
    .unwrap();
    rec(
        &mut v,
        "2026-03-02",
        VolunteerEvent::Screened {
            passed: true,
            note: String::new(),
        },
    );
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 3,
        },
    );
    if spec.acquainted {
        rec(
            &mut v,
            "2026-03-03",
            VolunteerEvent::AcquaintanceDeclared {
                client_id: "c-1".into(),
            },
        );
    }
    if spec.agreement == AgreementState::None {
        assert!(
            !spec.deployed,
            "a volunteer is deployed only under an agreement in force"
        );
        return v;
    }
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::AgreementDrafted {
            agreement: agreement("A1", "2026-03-05", spec.covers),
        },
    );
    sign(&mut v, "2026-03-04", "A1");
    let group = if spec.deployed { "G-focus" } else { "G-other" };
    let (from, until) = match spec.deployment {
        "" => ("2026-03-05", None),
        "outside" => ("2026-04-10", None),
        "ended" => ("2026-03-05", Some("undeployed")),
        "left" => ("2026-03-05", Some("left")),
        other => panic!("{other}"),
    };
    if from < ON {
        rec(
            &mut v,
            from,
            VolunteerEvent::Deployed {
                group_id: group.into(),
            },
        );
    }
    if matches!(
        spec.agreement,
        AgreementState::Terminated | AgreementState::Draft | AgreementState::Signed
    ) {
        rec(
            &mut v,
            "2026-03-20",
            VolunteerEvent::AgreementTerminated {
                agreement_id: "A1".into(),
                reason: "期满".into(),
            },
        );
    }
    if matches!(
        spec.agreement,
        AgreementState::Draft | AgreementState::Signed
    ) {
        rec(
            &mut v,
            "2026-03-21",
            VolunteerEvent::AgreementDrafted {
                agreement: agreement("A2", "2026-05-01", spec.covers),
            },
        );
        if spec.agreement == AgreementState::Signed {
            sign(&mut v, "2026-03-21", "A2");
        }
    }
    match until {
        Some("undeployed") => rec(
            &mut v,
            "2026-03-25",
            VolunteerEvent::Undeployed {
                group_id: group.into(),
                reason: "轮换".into(),
            },
        ),
        Some(_) => rec(
            &mut v,
            "2026-03-25",
            VolunteerEvent::Ended {
                reason: "退出".into(),
            },
        ),
        None => {}
    }
    if from >= ON {
        rec(
            &mut v,
            from,
            VolunteerEvent::Deployed {
                group_id: group.into(),
            },
        );
    }
    v
}

/// The volunteer kind a volunteer access role acts as.
pub fn kind_of(role: AccessRole) -> VolunteerKind {
    match role {
        AccessRole::MedicalVolunteer => VolunteerKind::Medical,
        AccessRole::PsychologicalVolunteer => VolunteerKind::Psychological,
        _ => VolunteerKind::General,
    }
}

/// A viewer in `role`: staff asserted by the platform (serving "G-focus" when `deployed`,
/// else "G-other"); a volunteer read from a record registered in exactly that position.
pub fn viewer(
    role: AccessRole,
    agreement: AgreementState,
    deployed: bool,
    acquainted: bool,
) -> Viewer {
    if role.is_volunteer() {
        let kind = kind_of(role);
        let v = build("v-1", &Spec::new(&[kind], agreement, deployed, acquainted));
        Viewer::volunteer(&v, kind, on(), Purpose::Service)
    } else {
        let group = if deployed { "G-focus" } else { "G-other" };
        Viewer::staff("v-1", role, vec![group.into()])
    }
}
