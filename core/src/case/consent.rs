//! Consent as an object (知情同意): who consented, for what, when, and its revocation.
//!
//! Guards ask the ledger, never a flag: opening needs a live consent to the service
//! (`[open-consent]`), a referral out needs a live consent naming its receiver
//! (`[refer-out-consent]`). A client under 14 on the day of consent cannot consent alone: the
//! consent must come from a guardian (the age is derived from the date of birth).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Below this age (in full years) consent must come from a guardian.
pub const GUARDIAN_CONSENT_BELOW_AGE: u32 = 14;

/// In what capacity a person consents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentCapacity {
    /// The client, for themself.
    Client,
    /// The client's guardian (监护人), for the client.
    Guardian,
}

crate::json::tagged_enum! {
tag = "kind";
/// What a consent is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentPurpose {
    /// Receiving case service (《个案辅导知情同意书》).
    Service,
    /// Being referred to a named receiver (转介).
    Referral {
        /// The receiving agency or department, as named in the referral.
        receiver: String,
    },
    /// Sharing case information with a named party.
    Sharing {
        /// Who the information may be shared with.
        with: String,
    },
}
}

/// A consent as given: the event payload of [`EventKind::ConsentGiven`](super::EventKind::ConsentGiven).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// An identifier unique within the case, used to revoke it.
    pub id: String,
    /// The name of the person who signed.
    pub given_by: String,
    /// Whether they signed as the client or as the guardian.
    pub capacity: ConsentCapacity,
    /// What the consent is for.
    pub purpose: ConsentPurpose,
    /// The scope in the signer's words (what may be done, what may be shared).
    #[serde(default)]
    pub scope: String,
}

/// A consent in the ledger, with when it was given and, if so, revoked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecord {
    /// The consent.
    pub consent: Consent,
    /// When it was given (the event's moment).
    pub given_at: DateTime<FixedOffset>,
    /// When it was revoked, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<FixedOffset>>,
    /// Why it was revoked, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
}

impl ConsentRecord {
    /// Whether the consent is live (not revoked).
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// Every consent of a case, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConsentLedger {
    records: Vec<ConsentRecord>,
}

impl ConsentLedger {
    /// All consents, live and revoked, in the order given.
    pub fn records(&self) -> &[ConsentRecord] {
        &self.records
    }

    /// The consent with this identifier.
    pub fn get(&self, id: &str) -> Option<&ConsentRecord> {
        self.records.iter().find(|r| r.consent.id == id)
    }

    /// A live consent to receive the service, if there is one.
    pub fn live_service(&self) -> Option<&ConsentRecord> {
        self.records
            .iter()
            .find(|r| r.is_live() && r.consent.purpose == ConsentPurpose::Service)
    }

    /// A live consent to be referred to `receiver`, if there is one.
    pub fn live_referral(&self, receiver: &str) -> Option<&ConsentRecord> {
        self.records.iter().find(|r| {
            r.is_live()
                && matches!(&r.consent.purpose, ConsentPurpose::Referral { receiver: x } if x == receiver)
        })
    }

    /// A live consent to share information with `party`, if there is one.
    pub fn live_sharing(&self, party: &str) -> Option<&ConsentRecord> {
        self.records.iter().find(|r| {
            r.is_live()
                && matches!(&r.consent.purpose, ConsentPurpose::Sharing { with } if with == party)
        })
    }

    pub(super) fn push(&mut self, consent: Consent, at: DateTime<FixedOffset>) {
        self.records.push(ConsentRecord {
            consent,
            given_at: at,
            revoked_at: None,
            revoked_reason: None,
        });
    }

    pub(super) fn revoke(&mut self, id: &str, at: DateTime<FixedOffset>, reason: &str) -> bool {
        match self
            .records
            .iter_mut()
            .find(|r| r.consent.id == id && r.is_live())
        {
            Some(r) => {
                r.revoked_at = Some(at);
                r.revoked_reason = Some(reason.to_owned());
                true
            }
            None => false,
        }
    }
}
