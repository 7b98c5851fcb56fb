//! The linkage between buyers and cooperatives: buyer companies, purchase
//! requests and offers, inquiries, and linkage agreements with their KPI.

pub mod agreements;
pub mod buyers;
pub mod contacts;
pub mod enums;
pub mod inquiries;
pub mod loaders;
pub mod purchase_requests;
