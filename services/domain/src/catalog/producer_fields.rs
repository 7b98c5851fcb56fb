//! The editable fields of a producer profile and their validation: every
//! field checked, every error reported at once, each naming its field.

use sea_orm::{ConnectionTrait, Set};

use super::validation as check;
use crate::authz::Actor;
use crate::entities::catalog_enums::{ProducerKind, ProductCategory};
use crate::entities::producer;
use crate::error::{ErrorCode, Result, Validator};
use crate::places;

/// Profile fields. On update `None` leaves a field as it is; for optional
/// fields `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProducerFields {
    pub kind: Option<ProducerKind>,
    pub name: Option<String>,
    pub registration_number: Option<Option<String>>,
    pub tax_code: Option<Option<String>>,
    pub founded_year: Option<Option<i32>>,
    pub member_count: Option<Option<i32>>,
    pub description: Option<String>,
    pub main_sectors: Option<Vec<ProductCategory>>,
    pub province_code: Option<i32>,
    pub commune_code: Option<Option<i32>>,
    pub street: Option<String>,
    pub latitude: Option<Option<f64>>,
    pub longitude: Option<Option<f64>>,
    pub contact_person: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub website: Option<Option<String>>,
    /// The contact person agreed to be listed: required (as `true`) with
    /// every change of `contact_person`, `phone` or `email` that leaves any
    /// of them set; records who said so and when.
    pub contact_consent: Option<bool>,
    pub logo_file_id: Option<Option<i32>>,
    /// Replaces the photos, in this order.
    pub photo_file_ids: Option<Vec<i32>>,
}

/// Validates `fields` over `current` (None when creating) into an active model.
pub(super) async fn apply_fields(
    db: &impl ConnectionTrait,
    current: Option<&producer::Model>,
    actor: &Actor,
    fields: ProducerFields,
    owner_id: i32,
) -> Result<producer::ActiveModel> {
    let mut v = Validator::new();
    let mut model: producer::ActiveModel = match current {
        Some(c) => c.clone().into(),
        None => producer::ActiveModel {
            id: Set(owner_id),
            ..Default::default()
        },
    };
    match (fields.kind, current) {
        (Some(kind), _) => model.kind = Set(kind),
        (None, None) => v.push("kind", ErrorCode::Required, "choose the kind of producer"),
        (None, Some(_)) => {}
    }
    match (fields.name.as_deref(), current) {
        (Some(name), _) => {
            if let Some(name) = v.check(check::required_text("name", name, 200)) {
                model.name = Set(name);
            }
        }
        (None, None) => v.push("name", ErrorCode::Required, "enter the cooperative's name"),
        (None, Some(_)) => {}
    }
    if let Some(value) = fields.registration_number {
        let value = value
            .map(|s| check::optional_text("registrationNumber", &s, 50))
            .transpose();
        if let Some(value) = v.check(value) {
            model.registration_number = Set(value.flatten());
        }
    }
    if let Some(value) = fields.tax_code
        && let Some(value) = v.check(value.map(|s| check::tax_code("taxCode", &s)).transpose())
    {
        model.tax_code = Set(value);
    }
    if let Some(value) = fields.founded_year
        && let Some(value) = v.check(value.map(|y| check::founded_year("foundedYear", y)).transpose())
    {
        model.founded_year = Set(value);
    }
    if let Some(value) = fields.member_count {
        let checked = value
            .map(|n| check::non_negative("memberCount", n.into()).map(|_| n))
            .transpose();
        if let Some(value) = v.check(checked) {
            model.member_count = Set(value);
        }
    }
    if let Some(text) = fields.description
        && let Some(text) = v.check(check::long_text("description", &text, 5000))
    {
        model.description = Set(text);
    }
    if let Some(sectors) = fields.main_sectors {
        let codes: Vec<String> = sectors.iter().map(sea_orm::ActiveEnum::to_value).collect();
        model.main_sectors = Set(codes.join(","));
    } else if current.is_none() {
        model.main_sectors = Set(String::new());
    }
    if let Some(street) = fields.street {
        if let Some(street) = v.check(check::optional_text("street", &street, 300)) {
            model.street = Set(street.unwrap_or_default());
        }
    } else if current.is_none() {
        model.street = Set(String::new());
    }
    if let Some(value) = fields.contact_person {
        let value = value
            .map(|s| check::optional_text("contactPerson", &s, 120))
            .transpose();
        if let Some(value) = v.check(value) {
            model.contact_person = Set(value.flatten());
        }
    }
    if let Some(value) = fields.phone
        && let Some(value) = v.check(value.map(|s| check::phone("phone", &s)).transpose())
    {
        model.phone = Set(value);
    }
    if let Some(value) = fields.email {
        let value = value.map(|s| crate::accounts::normalize_email("email", &s)).transpose();
        if let Some(value) = v.check(value) {
            model.email = Set(value);
        }
    }
    check_contact_consent(&mut v, &mut model, current, fields.contact_consent, actor);
    if let Some(value) = fields.website
        && let Some(value) = v.check(value.map(|s| check::website("website", &s)).transpose())
    {
        model.website = Set(value);
    }

    // Place: the province must exist; the commune must lie in it.
    let province = fields.province_code.or(current.map(|c| c.province_code));
    match province {
        None => v.push("provinceCode", ErrorCode::Required, "choose the province"),
        Some(code) => {
            if v.check(places::check_province(db, "provinceCode", code).await?)
                .is_some()
            {
                model.province_code = Set(code);
                let commune = match fields.commune_code {
                    Some(value) => value,
                    None => current.and_then(|c| c.commune_code),
                };
                if let Some(commune) = commune {
                    v.check(places::check_commune_in_province(db, "communeCode", commune, code).await?);
                }
                model.commune_code = Set(commune);
            }
        }
    }
    let latitude = fields.latitude.unwrap_or(current.and_then(|c| c.latitude));
    let longitude = fields.longitude.unwrap_or(current.and_then(|c| c.longitude));
    match (latitude, longitude) {
        (Some(lat), Some(lng)) => {
            if let Err(errors) = check::coordinates("latitude", "longitude", lat, lng) {
                errors.into_iter().for_each(|e| v.push(&e.field, e.code, e.message));
            }
        }
        (None, None) => {}
        (None, Some(_)) => v.push(
            "latitude",
            ErrorCode::Required,
            "give both latitude and longitude, or neither",
        ),
        (Some(_), None) => v.push(
            "longitude",
            ErrorCode::Required,
            "give both latitude and longitude, or neither",
        ),
    }
    model.latitude = Set(latitude);
    model.longitude = Set(longitude);
    if let Some(logo) = fields.logo_file_id {
        if let Some(id) = logo {
            v.check(super::files::check_owned_file(db, "logoFileId", id, owner_id).await?);
        }
        model.logo_file_id = Set(logo);
    }
    if let Some(ids) = &fields.photo_file_ids {
        if ids.len() > 20 {
            v.push("photoFileIds", ErrorCode::OutOfRange, "at most 20 photos");
        }
        for id in ids {
            v.check(super::files::check_owned_file(db, "photoFileIds", *id, owner_id).await?);
        }
    }
    v.finish()?;
    Ok(model)
}

/// The contact person (name, phone, email) is personal data: a change that
/// leaves any of them set needs `contact_consent`, and records who gave it
/// and when; clearing all three clears the record. Contacts that do not
/// change keep their record as it is, even a missing one (listed before
/// consent was asked for: the editor shows them as such).
fn check_contact_consent(
    v: &mut Validator,
    model: &mut producer::ActiveModel,
    current: Option<&producer::Model>,
    consent: Option<bool>,
    actor: &Actor,
) {
    let now = |value: &sea_orm::ActiveValue<Option<String>>, stored: Option<&Option<String>>| match value {
        sea_orm::ActiveValue::Set(v) | sea_orm::ActiveValue::Unchanged(v) => v.clone(),
        sea_orm::ActiveValue::NotSet => stored.cloned().flatten(),
    };
    let after = [
        now(&model.contact_person, current.map(|c| &c.contact_person)),
        now(&model.phone, current.map(|c| &c.phone)),
        now(&model.email, current.map(|c| &c.email)),
    ];
    let before = current.map(|c| [c.contact_person.clone(), c.phone.clone(), c.email.clone()]);
    if after.iter().all(Option::is_none) {
        model.contact_consent_recorded_by = Set(None);
        model.contact_consent_recorded_at = Set(None);
    } else if consent == Some(true) {
        model.contact_consent_recorded_by = Set(actor.signed_in().map(|s| s.account_id));
        model.contact_consent_recorded_at = Set(Some(chrono::Utc::now()));
    } else if before.as_ref() != Some(&after) {
        v.push(
            "contactConsent",
            ErrorCode::Required,
            "confirm that the contact person agreed to be listed",
        );
    }
}
