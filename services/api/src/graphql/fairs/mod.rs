//! Fairs (trade fairs, connection conferences, safe-produce markets): the
//! events, applications to exhibit, buyer meetings, and their loaders.

pub mod applications;
pub mod events;
pub mod loaders;
pub mod meetings;
