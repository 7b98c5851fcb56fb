//! Property tests of the domain (issue 8's reliability suite): every input
//! validation, and the fair registration state machine against a reference
//! model. Pure checks are tested directly; checks that only exist inside a
//! write are tested through the domain function on a temporary SQLite file.

mod fair_machine;
mod fair_model;
mod organization_audit;
mod support;
mod text_and_contacts;
mod validation;
mod writes;
mod writes_linkage;
