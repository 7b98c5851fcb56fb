//! Fairs (trade fairs, connection conferences, safe-produce markets): the
//! events, applications to exhibit, buyer meetings, and their loaders.

pub mod applications;
pub mod event_mutations;
pub mod event_queries;
pub mod events;
pub mod loaders;
pub mod meetings;
pub mod types;
