//! The authorization matrix: every mutation of `schema/schema.graphql`, tried
//! by every role on objects it does and does not own. Only the allowed ones
//! succeed; the others get `UNAUTHENTICATED`, `FORBIDDEN` or (for objects
//! the caller may not even see, like another body's draft event) `NOT_FOUND`,
//! and change no row.
//!
//! The table is the policy, written from the product rules (DESIGN.md's users
//! table, the mutations' doc comments, `services/domain/src/authz.rs`), not
//! from what the server answers. The objects tried on belong to cooperative A,
//! buyer company B and organizing body P, all in province 44 (Quảng Trị):
//!
//! | column | who |
//! |---|---|
//! | `anon` | no token |
//! | `coop` / `coop≠` | member of cooperative A / of another cooperative C |
//! | `buyer` / `buyer≠` | member of buyer company B / of another company D |
//! | `org` | organizer of body P, province 44 (runs the events) |
//! | `org≠` | organizer of body Q of another province (1, Hà Nội) |
//! | `org*` | organizer of national body N (no province: covers every province) |
//! | `admin` | administrator |
//!
//! A new mutation fails `every_schema_mutation_has_a_row` until it gets a row.

use std::collections::BTreeSet;

use coopbridge_e2e::{DbKind, on_both_databases};

use crate::authz_matrix_fixture::{Expect, Fixture, Who};

const O: Expect = Expect::Allowed;
const F: Expect = Expect::Forbidden;
const U: Expect = Expect::Unauthenticated;
/// Refused as if the object did not exist: the caller may not know it does.
const N: Expect = Expect::NotFound;

/// Columns: anon, coop, coop≠, buyer, buyer≠, org, org≠, org*, admin.
/// `signOut` and `changePassword` revoke tokens, and `deleteMyAccount` ends
/// the account, so they run last.
#[rustfmt::skip]
pub const MATRIX: &[(&str, [Expect; 9])] = &[
    //                              anon coop coop≠ buyer buyer≠ org org≠ org* admin
    // Accounts and organizations: admins manage them; anyone signs in.
    ("signIn",                    [O,   O,   O,    O,    O,     O,  O,   O,   O]),
    ("createAccount",             [U,   F,   F,    F,    F,     F,  F,   F,   O]),
    ("deleteAccount",             [U,   F,   F,    F,    F,     F,  F,   F,   O]),
    ("createOrganization",        [U,   F,   F,    F,    F,     F,  F,   F,   O]),
    ("addMembership",             [U,   F,   F,    F,    F,     F,  F,   F,   O]),
    // Catalog: the cooperative's members edit it; organizers register, verify
    // and edit cooperatives of the provinces their body covers (all for a
    // national body), never another province's; admins do everything.
    ("createProducer",            [U,   F,   F,    F,    F,     O,  F,   O,   O]),
    ("updateProducer",            [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("archiveProducer",           [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("verifyProducer",            [U,   F,   F,    F,    F,     O,  F,   O,   O]),
    ("createProduct",             [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("updateProduct",             [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("archiveProduct",            [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("createCertificate",         [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("updateCertificate",         [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("archiveCertificate",        [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("verifyCertificate",         [U,   F,   F,    F,    F,     O,  F,   O,   O]),
    ("createBrandLabel",          [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("updateBrandLabel",          [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("setBrandLabelProducts",     [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("archiveBrandLabel",         [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("uploadFile",                [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    // Removing a file's bytes for good is an admin's decision alone.
    ("purgeFile",                 [U,   F,   F,    F,    F,     F,  F,   F,   O]),
    // Linkage: the buyer keeps its profile (organizers of its province may edit it too) and
    // posts requests; matching cooperatives offer; inquiries belong to their
    // two parties (the cooperative accepts); agreements to both parties and
    // the organizers covering the cooperative's province.
    ("updateBuyerProfile",        [U,   F,   F,    O,    F,     O,  F,   O,   O]),
    // Removing a contact person for good: whoever may edit the organization.
    ("removeContactPerson",       [U,   O,   F,    F,    F,     O,  F,   O,   O]),
    ("createPurchaseRequest",     [U,   F,   F,    O,    F,     F,  F,   F,   O]),
    ("closePurchaseRequest",      [U,   F,   F,    O,    F,     F,  F,   F,   O]),
    ("makeOffer",                 [U,   O,   F,    F,    F,     F,  F,   F,   O]),
    ("sendInquiry",               [U,   F,   F,    O,    F,     F,  F,   F,   O]),
    ("replyToInquiry",            [U,   O,   F,    O,    F,     F,  F,   F,   O]),
    ("changeInquiryStatus",       [U,   O,   F,    F,    F,     F,  F,   F,   O]),
    ("createLinkageAgreement",    [U,   O,   F,    O,    F,     O,  F,   O,   O]),
    ("setLinkageAgreementStatus", [U,   O,   F,    O,    F,     O,  F,   O,   O]),
    // An agreement proposed by A's member is confirmed by the other party (B),
    // a covering organizer or an admin, never by the proposing side.
    ("confirmLinkageAgreement",   [U,   F,   F,    O,    F,     O,  F,   O,   O]),
    // Fairs: the organizing body's own organizers run its events (others do
    // not learn its drafts exist); a cooperative's members apply and answer
    // meetings; buyers ask for them.
    ("createEvent",               [U,   F,   F,    F,    F,     O,  F,   F,   O]),
    ("publishEvent",              [U,   N,   N,    N,    N,     O,  N,   N,   O]),
    ("applyToEvent",              [U,   O,   F,    F,    F,     F,  F,   F,   O]),
    ("withdrawApplication",       [U,   O,   F,    F,    F,     F,  F,   F,   O]),
    ("approveApplication",        [U,   F,   F,    F,    F,     O,  F,   F,   O]),
    ("rejectApplication",         [U,   F,   F,    F,    F,     O,  F,   F,   O]),
    ("waitlistApplication",       [U,   F,   F,    F,    F,     O,  F,   F,   O]),
    ("checkInExhibitor",          [U,   F,   F,    F,    F,     O,  F,   F,   O]),
    ("requestMeeting",            [U,   F,   F,    O,    F,     F,  F,   F,   O]),
    ("answerMeeting",             [U,   O,   F,    F,    F,     F,  F,   F,   O]),
    // Each account corrects its own name only.
    ("updateMyAccount",           [U,   O,   O,    O,    O,     O,  O,   O,   O]),
    // Each account signs itself out and changes its own password only.
    ("signOut",                   [U,   O,   O,    O,    O,     O,  O,   O,   O]),
    ("changePassword",            [U,   O,   O,    O,    O,     O,  O,   O,   O]),
    // Each account deletes itself only (last: it ends the account).
    ("deleteMyAccount",           [U,   O,   O,    O,    O,     O,  O,   O,   O]),
];

fn schema_mutations() -> BTreeSet<String> {
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/schema.graphql"))
        .expect("read schema/schema.graphql");
    let body = sdl.split("type Mutation {").nth(1).expect("a Mutation type");
    let body = &body[..body.find("\n}").expect("end of Mutation")];
    let mut names = BTreeSet::new();
    let mut in_doc = false;
    // Mutations sit one tab deep; deeper lines are their multi-line arguments.
    for line in body.lines().filter(|l| !l.starts_with("\t\t")).map(str::trim) {
        if line.starts_with("\"\"\"") {
            in_doc = !(in_doc || line.len() > 3 && line.ends_with("\"\"\""));
            continue;
        }
        if in_doc {
            continue;
        }
        if let Some((name, _)) = line.split_once(['(', ':'])
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && name.starts_with(|c: char| c.is_ascii_lowercase())
        {
            names.insert(name.to_owned());
        }
    }
    names
}

#[test]
fn every_schema_mutation_has_a_row() {
    let schema = schema_mutations();
    assert!(schema.len() >= 40, "parsed only {schema:?}");
    let table: BTreeSet<String> = MATRIX.iter().map(|(m, _)| (*m).to_owned()).collect();
    assert_eq!(table.len(), MATRIX.len(), "a mutation has two rows");
    let missing: Vec<_> = schema.difference(&table).collect();
    let stale: Vec<_> = table.difference(&schema).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "mutations without a row in MATRIX: {missing:?}; rows for mutations not in the schema: {stale:?}"
    );
}

async fn authorization_matrix(kind: DbKind) {
    let started = std::time::Instant::now();
    let mut fx = Fixture::new(kind).await;
    let mut failures = Vec::new();
    let mut rows = 0;
    for (mutation, expected) in MATRIX {
        for (who, expect) in Who::ALL.iter().zip(expected) {
            rows += 1;
            if let Err(problem) = fx.attempt(mutation, *who, *expect).await {
                failures.push(format!("{mutation} by {who:?} (expected {expect:?}): {problem}"));
            }
        }
    }
    eprintln!(
        "authorization matrix on {kind:?}: {rows} rows in {:?}",
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} rows disagree with the policy:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

on_both_databases!(authorization_matrix);
