//! Mutation payloads: every mutation answers `{ <object>, errors }`, the
//! object on success or the list of what the client must fix (and then
//! nothing was written). [`payload_type!`] declares such a type and
//! [`payload`] runs a mutation's body and wraps its outcome, so resolvers
//! hold only the call they make.

use std::future::Future;

use crate::graphql::errors::{UserError, payload_errors};

/// A mutation's answer type: built from the object on success, or from the
/// user errors of a refusal.
pub trait Payload: Default {
    /// What the payload holds on success.
    type Value;
    fn success(value: Self::Value) -> Self;
    fn refused(errors: Vec<UserError>) -> Self {
        let mut payload = Self::default();
        payload.set_errors(errors);
        payload
    }
    fn set_errors(&mut self, errors: Vec<UserError>);
}

/// Awaits a mutation's body and wraps its outcome: success into the payload's
/// object (through `Into`), a refusal into `errors`. Faults on our side stay a
/// top-level `INTERNAL` error (see [`payload_errors`]).
pub async fn payload<P, T>(body: impl Future<Output = coopbridge_domain::Result<T>>) -> async_graphql::Result<P>
where
    P: Payload,
    T: Into<P::Value>,
{
    match body.await {
        Ok(value) => Ok(P::success(value.into())),
        Err(error) => Ok(P::refused(payload_errors(error)?)),
    }
}

/// Declares a payload type with its [`Payload`] impl. The common form,
/// `Name { field: Type }`, holds the object as `field: Option<Type>`; the
/// general form names the success value and says how each field is built
/// from it: `Name from value: Type { field: FieldType = expr, … }` (on a
/// refusal the fields keep their `Default`). Doc comments before the name
/// document the type, before a field the field; doc comments before a
/// trailing `errors` (after `,` in the common form, `;` in the general one)
/// replace the default one of `errors`, which always comes last.
macro_rules! payload_type {
    ($(#[$meta:meta])* $name:ident {
        $(#[$field_meta:meta])* $field:ident: $value:ty,
        $(#[$errors_meta:meta])* errors
    }) => {
        $crate::graphql::payload::payload_type! {
            $(#[$meta])*
            $name from value: $value {
                $(#[$field_meta])*
                $field: Option<$value> = Some(value);
                $(#[$errors_meta])*
                errors
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $(#[$field_meta:meta])* $field:ident: $value:ty }) => {
        $crate::graphql::payload::payload_type! {
            $(#[$meta])* $name {
                $(#[$field_meta])* $field: $value,
                /// Empty on success; otherwise nothing was written.
                errors
            }
        }
    };
    (
        $(#[$meta:meta])* $name:ident from $bind:ident: $value:ty {
            $($(#[$field_meta:meta])* $field:ident: $field_type:ty = $init:expr),+ $(,)?
        }
    ) => {
        $crate::graphql::payload::payload_type! {
            $(#[$meta])*
            $name from $bind: $value {
                $($(#[$field_meta])* $field: $field_type = $init),+;
                /// Empty on success; otherwise nothing was written.
                errors
            }
        }
    };
    (
        $(#[$meta:meta])* $name:ident from $bind:ident: $value:ty {
            $($(#[$field_meta:meta])* $field:ident: $field_type:ty = $init:expr),+;
            $(#[$errors_meta:meta])* errors
        }
    ) => {
        $(#[$meta])*
        #[derive(async_graphql::SimpleObject, Default)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $field_type,)+
            $(#[$errors_meta])*
            pub errors: Vec<$crate::graphql::errors::UserError>,
        }

        impl $crate::graphql::payload::Payload for $name {
            type Value = $value;
            fn success($bind: $value) -> Self {
                Self {
                    $($field: $init,)+
                    errors: Vec::new(),
                }
            }
            fn set_errors(&mut self, errors: Vec<$crate::graphql::errors::UserError>) {
                self.errors = errors;
            }
        }
    };
}

pub(crate) use payload_type;
