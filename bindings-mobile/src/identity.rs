//! `IdNumber` and `Phone`: validated, and never shown in full unless asked; group nicknames.

use std::sync::Arc;

use shegong::groups::NicknameRole;
use shegong::identity::{IdMask, IdNumber as CoreId, Phone as CorePhone};

use crate::convert::{count, label, IsoDate};
use crate::errors::{OrTyped, ShegongError};

/// A resident ID number (GB 11643-1999).
#[derive(uniffi::Object)]
pub struct IdNumber(CoreId);

#[uniffi::export]
impl IdNumber {
    /// Parses and validates (a 15-digit number is upgraded to 18).
    #[uniffi::constructor]
    pub fn parse(value: String) -> Result<Arc<Self>, ShegongError> {
        CoreId::parse(&value).typed().map(|i| Arc::new(IdNumber(i)))
    }

    /// The birth date it encodes.
    pub fn birth_date(&self) -> IsoDate {
        IsoDate(self.0.birth_date())
    }

    /// `male` or `female`.
    pub fn sex(&self) -> String {
        label(&self.0.sex())
    }

    /// The 6-digit region code.
    pub fn region_code(&self) -> String {
        self.0.region_code().to_owned()
    }

    /// The full number; call it only where the full value is needed and allowed.
    pub fn expose(&self) -> String {
        self.0.expose().to_owned()
    }

    /// The number masked with the core's defaults (`MASK_KEEP_START`, `MASK_KEEP_END`).
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The number masked, keeping `keep_start` leading and `keep_end` trailing characters.
    pub fn masked_with(&self, keep_start: i64, keep_end: i64) -> Result<String, ShegongError> {
        let mask = IdMask {
            keep_start: count(keep_start, "keep_start")?,
            keep_end: count(keep_end, "keep_end")?,
        };
        self.0.masked_with(mask).typed()
    }
}

/// A mainland mobile or landline number.
#[derive(uniffi::Object)]
pub struct Phone(CorePhone);

#[uniffi::export]
impl Phone {
    /// Parses a mobile or landline number.
    #[uniffi::constructor]
    pub fn parse(value: String) -> Result<Arc<Self>, ShegongError> {
        CorePhone::parse(&value).typed().map(|p| Arc::new(Phone(p)))
    }

    /// Parses a mainland mobile number only.
    #[uniffi::constructor]
    pub fn mobile(value: String) -> Result<Arc<Self>, ShegongError> {
        CorePhone::mobile(&value)
            .typed()
            .map(|p| Arc::new(Phone(p)))
    }

    /// `mobile` or `landline`.
    pub fn kind(&self) -> String {
        label(&self.0.kind())
    }

    /// The full number's digits; call it only where the full value is needed and allowed.
    pub fn digits(&self) -> String {
        self.0.digits().to_owned()
    }

    /// The masked number, e.g. `138****1234`.
    pub fn masked(&self) -> String {
        self.0.masked()
    }
}

/// A group nickname's parts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Nickname {
    /// The role (`worker`, `volunteer`, `resident` …).
    pub role: String,
    /// The name or unit.
    pub name: String,
}

/// The group nickname for `role` and a name or unit (`[nickname-convention]`).
#[uniffi::export]
pub fn nickname(role: String, name_or_unit: String) -> Result<String, ShegongError> {
    let r: NicknameRole = role.parse().typed()?;
    shegong::groups::nickname(r, &name_or_unit).typed()
}

/// A group nickname read back into its role and name.
#[uniffi::export]
pub fn parse_nickname(nickname: String) -> Result<Nickname, ShegongError> {
    let (role, name) = shegong::groups::parse_nickname(&nickname).typed()?;
    Ok(Nickname {
        role: label(&role),
        name,
    })
}
