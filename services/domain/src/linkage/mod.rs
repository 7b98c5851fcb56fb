//! Linkage: buyer companies find cooperatives, ask, agree and trade.
//!
//! Buyers keep a profile and contacts (`buyers`), post purchase requests that
//! matching cooperatives see and offer on (`purchase_requests`, `offers`),
//! send inquiries answered in a thread (`inquiries`), and record linkage
//! agreements whose share among a province's cooperatives is the KPI
//! organizers report (`agreements`). Permissions go through `authz`.

pub mod agreements;
pub mod buyers;
pub mod inquiries;
pub mod offers;
pub mod purchase_requests;
pub mod response_time;
pub mod schemes;

/// Longest message in an inquiry thread, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4000;
