//! Staffing (004 §8.1): at least one community social worker per urban community
//! (`[staffing-minimum]`), qualified by the national certificate or a recognised social-work
//! diploma or above (`[worker-qualification]`).

use serde::{Deserialize, Serialize};

use super::plan::{finding, Finding, Severity};
use crate::assessment::Education;
use crate::labels::labelled_enum;

labelled_enum! {
    /// The national social-worker certificate (社会工作者职业资格证书), by level.
    pub enum SocialWorkCertificate {
        Assistant = "assistant" => "助理社会工作师",
        SocialWorker = "social_worker" => "社会工作师",
        Senior = "senior" => "高级社会工作师",
    }
}

/// A member of staff as the staffing check sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    /// The person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their national certificate, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<SocialWorkCertificate>,
    /// Their highest social-work education, if they studied social work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_work_education: Option<Education>,
}

/// Whether a member of staff is a qualified social worker: a national certificate, or a
/// social-work diploma (大专) or above (`[worker-qualification]`).
pub fn is_qualified(m: &StaffMember) -> bool {
    m.certificate.is_some()
        || m.social_work_education
            .is_some_and(|e| e >= Education::College)
}

/// A community served, with its staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Community {
    /// The community's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is an urban community (城市社区).
    pub urban: bool,
    /// The social workers assigned to it.
    pub staff: Vec<StaffMember>,
}

/// Checks every community: each urban community has at least one qualified social worker.
pub fn check_staffing(communities: &[Community]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in communities {
        for m in c.staff.iter().filter(|m| !is_qualified(m)) {
            out.push(finding("worker-qualification", Severity::Warning, format!(
                "{} ({}) has neither the national certificate nor a social-work diploma or above", m.name, c.name)));
        }
        if c.urban && !c.staff.iter().any(is_qualified) {
            out.push(finding(
                "staffing-minimum",
                Severity::Violation,
                format!(
                    "urban community {} has no qualified community social worker",
                    c.name
                ),
            ));
        }
    }
    out
}
