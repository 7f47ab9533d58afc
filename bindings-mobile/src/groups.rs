//! `ServiceGroup`: online service groups (线上服务群), membership by application.

use std::sync::{Arc, Mutex};

use shegong::groups::{self as core, GroupAdmin as CoreAdmin, GroupKind};

use crate::convert::{label, to_json, IsoDate};
use crate::errors::{OrTyped, ShegongError};
use crate::history::lock;

/// One admin of a group.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupAdmin {
    /// The admin's person id.
    pub person_id: String,
    /// Their role (`grid_worker`, `building_head`, `social_worker`, …).
    pub role: String,
}

/// An online service group: tier or support group, admins, members, applications
/// (`[group-tiers]`, `[support-groups]`, `[membership-approval]`).
#[derive(uniffi::Object)]
pub struct ServiceGroup(Mutex<core::ServiceGroup>);

#[uniffi::export]
impl ServiceGroup {
    /// A group of `kind` (`resident_group`, `focus_service_group`, …) run by `admins`.
    #[uniffi::constructor]
    pub fn new(
        group_id: String,
        kind: String,
        name: String,
        admins: Vec<GroupAdmin>,
    ) -> Result<Arc<Self>, ShegongError> {
        let k: GroupKind = kind.parse().typed()?;
        let a = admins
            .into_iter()
            .map(|a| {
                Ok(CoreAdmin {
                    person_id: a.person_id,
                    role: a.role.parse().typed()?,
                })
            })
            .collect::<Result<Vec<_>, ShegongError>>()?;
        core::ServiceGroup::new(group_id, k, name, a)
            .typed()
            .map(|g| Arc::new(ServiceGroup(Mutex::new(g))))
    }

    /// Applies to join, with the nickname to show (and the household, for a resident group).
    pub fn apply(
        &self,
        person_id: String,
        nickname: String,
        household: Option<String>,
        on: IsoDate,
    ) -> Result<(), ShegongError> {
        lock(&self.0)
            .apply(&person_id, &nickname, household.as_deref(), on.0)
            .typed()
    }

    /// An admin approves an application; returns the size warnings.
    pub fn approve(
        &self,
        person_id: String,
        by: String,
        on: IsoDate,
    ) -> Result<Vec<String>, ShegongError> {
        lock(&self.0).approve(&person_id, &by, on.0).typed()
    }

    /// An admin rejects an application.
    pub fn reject(&self, person_id: String, by: String) -> Result<(), ShegongError> {
        lock(&self.0).reject(&person_id, &by).typed()
    }

    /// A warning when a resident group is outside its size norm.
    pub fn size_warning(&self) -> Option<String> {
        lock(&self.0).size_warning()
    }

    /// The service tier of a core group (null for support and ad-hoc groups).
    pub fn tier(&self) -> Option<String> {
        lock(&self.0).kind.tier().map(|t| label(&t))
    }

    /// The group as the core's JSON.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        to_json(&*lock(&self.0))
    }
}
