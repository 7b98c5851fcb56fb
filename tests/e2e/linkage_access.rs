//! Who may read and change what in the linkage, as one table of role ×
//! object: buyers never read each other's inquiries, cooperatives never read
//! each other's inboxes, anonymous callers never see contacts, organizers see
//! contacts only of their own province (a national body sees all).

use coopbridge_e2e::{DbKind, TestApp};
use serde_json::{Value, json};

use super::linkage::{CHANGE_STATUS, REPLY, World};

/// What a row expects.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// The query answers and the value at the path is not null.
    Shown,
    /// The query answers and the value at the path is null (contacts hidden).
    Hidden,
    /// A top-level error with this code (queries), or a payload error (mutations).
    Refused(&'static str),
}

use Expect::{Hidden, Refused, Shown};

/// (what, caller, query, `$id`, path to the value, expected).
type Row<'a> = (&'a str, Option<&'a str>, &'a str, &'a String, &'a [&'a str], Expect);

const INQUIRY: &str = "query($id: ID!) { inquiry(id: $id) { subject } }";
const INBOX: &str = "query($id: ID!) { inquiries(organizationId: $id) { edges { node { id } } } }";
const COOP_CONTACTS: &str = "query($id: ID!) { producer(id: $id) { contacts { phone } } }";
const BUYER_CONTACTS: &str = "query($id: ID!) { buyerCompany(id: $id) { contacts { phone } } }";
const REQUEST: &str = "query($id: ID!) { purchaseRequest(id: $id) { title } }";
const MATCHING: &str = "query($id: ID!) { matchingPurchaseRequests(cooperativeId: $id) { edges { node { id } } } }";
const AGREEMENTS: &str = "query($id: ID!) { linkageAgreements(organizationId: $id) { edges { node { id } } } }";
const KPI: &str = "query { linkageKpi(provinceCode: 44, from: \"2026-01-01\", to: \"2026-12-31\") { cooperatives } }";

fn outcome(body: &Value, path: &[&str]) -> Expect {
    if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
        return Refused(Box::leak(code.to_owned().into_boxed_str()));
    }
    let mut value = &body["data"];
    for key in path {
        value = &value[*key];
    }
    if value.is_null() { Hidden } else { Shown }
}

fn mutation_outcome(payload: &Value) -> Expect {
    match payload["errors"][0]["code"].as_str() {
        Some(code) => Refused(Box::leak(code.to_owned().into_boxed_str())),
        None => Shown,
    }
}

async fn every_role_sees_only_its_own_linkage_objects(kind: DbKind) {
    let w = World::build(TestApp::spawn(kind).await).await;
    let request = w.honey_request().await;
    // X → A accepted (contacts shared); Y → B still new (nothing shared).
    let xa = w.inquiry(&w.x, &w.buyer_x, &w.coop_a).await;
    w.app
        .mutate(
            &w.a,
            CHANGE_STATUS,
            json!({ "id": xa, "s": "IN_DISCUSSION" }),
            "changeInquiryStatus",
        )
        .await;
    let yb = w.inquiry(&w.y, &w.buyer_y, &w.coop_b).await;

    let anon = None;
    let (a, b, x, y) = (
        Some(w.a.as_str()),
        Some(w.b.as_str()),
        Some(w.x.as_str()),
        Some(w.y.as_str()),
    );
    let (o44, o1, nat, admin) = (
        Some(w.o44.as_str()),
        Some(w.o1.as_str()),
        Some(w.national.as_str()),
        Some(w.admin.as_str()),
    );
    const FORBIDDEN: Expect = Refused("FORBIDDEN");
    const UNAUTH: Expect = Refused("UNAUTHENTICATED");
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        // An inquiry: its two parties and admins only.
        ("buyer X reads its inquiry", x, INQUIRY, &xa, &["inquiry"], Shown),
        ("coop A reads the inquiry it got", a, INQUIRY, &xa, &["inquiry"], Shown),
        ("buyer Y reads X's inquiry", y, INQUIRY, &xa, &["inquiry"], FORBIDDEN),
        ("coop B reads A's inquiry", b, INQUIRY, &xa, &["inquiry"], FORBIDDEN),
        ("organizer reads an inquiry", o44, INQUIRY, &xa, &["inquiry"], FORBIDDEN),
        ("anonymous reads an inquiry", anon, INQUIRY, &xa, &["inquiry"], UNAUTH),
        ("admin reads an inquiry", admin, INQUIRY, &xa, &["inquiry"], Shown),
        ("buyer X reads Y's inquiry", x, INQUIRY, &yb, &["inquiry"], FORBIDDEN),
        // Inboxes and sent lists.
        ("coop A reads its inbox", a, INBOX, &w.coop_a, &["inquiries"], Shown),
        ("coop B reads A's inbox", b, INBOX, &w.coop_a, &["inquiries"], FORBIDDEN),
        ("buyer X reads A's inbox", x, INBOX, &w.coop_a, &["inquiries"], FORBIDDEN),
        ("organizer reads A's inbox", o44, INBOX, &w.coop_a, &["inquiries"], FORBIDDEN),
        ("anonymous reads A's inbox", anon, INBOX, &w.coop_a, &["inquiries"], UNAUTH),
        ("buyer X reads its sent list", x, INBOX, &w.buyer_x, &["inquiries"], Shown),
        ("buyer Y reads X's sent list", y, INBOX, &w.buyer_x, &["inquiries"], FORBIDDEN),
        ("admin reads X's sent list", admin, INBOX, &w.buyer_x, &["inquiries"], Shown),
        // A cooperative's contacts.
        ("anonymous sees A's contacts", anon, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Hidden),
        ("buyer X (accepted) sees A's contacts", x, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Shown),
        ("buyer Y sees A's contacts", y, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Hidden),
        ("buyer Y (not accepted) sees B's contacts", y, COOP_CONTACTS, &w.coop_b, &["producer", "contacts"], Hidden),
        ("coop B sees A's contacts", b, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Hidden),
        ("coop A sees its own contacts", a, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Shown),
        ("organizer of 44 sees A's contacts", o44, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Shown),
        ("organizer of 1 sees A's contacts", o1, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Hidden),
        ("national organizer sees A's contacts", nat, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Shown),
        ("admin sees A's contacts", admin, COOP_CONTACTS, &w.coop_a, &["producer", "contacts"], Shown),
        // A buyer's contacts.
        ("anonymous sees X's contacts", anon, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Hidden),
        ("coop A (accepted) sees X's contacts", a, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Shown),
        ("coop B sees X's contacts", b, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Hidden),
        ("coop B (not accepted) sees Y's contacts", b, BUYER_CONTACTS, &w.buyer_y, &["buyerCompany", "contacts"], Hidden),
        ("buyer Y sees X's contacts", y, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Hidden),
        ("organizer of 1 sees X's contacts", o1, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Shown),
        ("organizer of 44 sees X's contacts", o44, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Hidden),
        ("national organizer sees X's contacts", nat, BUYER_CONTACTS, &w.buyer_x, &["buyerCompany", "contacts"], Shown),
        // Purchase requests: the buyer, organizers, matching cooperatives.
        ("buyer X reads its request", x, REQUEST, &request, &["purchaseRequest"], Shown),
        ("matching coop A reads it", a, REQUEST, &request, &["purchaseRequest"], Shown),
        ("non-matching coop B reads it", b, REQUEST, &request, &["purchaseRequest"], FORBIDDEN),
        ("buyer Y reads it", y, REQUEST, &request, &["purchaseRequest"], FORBIDDEN),
        ("organizer reads it", o1, REQUEST, &request, &["purchaseRequest"], Shown),
        ("anonymous reads it", anon, REQUEST, &request, &["purchaseRequest"], UNAUTH),
        ("coop B lists A's matches", b, MATCHING, &w.coop_a, &["matchingPurchaseRequests"], FORBIDDEN),
        // Agreements lists and the KPI.
        ("coop B lists A's agreements", b, AGREEMENTS, &w.coop_a, &["linkageAgreements"], FORBIDDEN),
        ("buyer X lists its agreements", x, AGREEMENTS, &w.buyer_x, &["linkageAgreements"], Shown),
        ("organizer of 44 reads the KPI of 44", o44, KPI, &w.coop_a, &["linkageKpi"], Shown),
        ("national organizer reads the KPI of 44", nat, KPI, &w.coop_a, &["linkageKpi"], Shown),
        ("organizer of 1 reads the KPI of 44", o1, KPI, &w.coop_a, &["linkageKpi"], FORBIDDEN),
        ("coop A reads the KPI", a, KPI, &w.coop_a, &["linkageKpi"], FORBIDDEN),
        ("buyer X reads the KPI", x, KPI, &w.coop_a, &["linkageKpi"], FORBIDDEN),
        ("anonymous reads the KPI", anon, KPI, &w.coop_a, &["linkageKpi"], UNAUTH),
    ];
    let mut failures = Vec::new();
    for (what, token, query, id, path, expected) in &table {
        let body = w.app.graphql(*token, query, json!({ "id": id })).await;
        let got = outcome(&body, path);
        if got != *expected {
            failures.push(format!("{what}: expected {expected:?}, got {got:?}: {body}"));
        }
    }

    // Writes refused to outsiders, and nothing written.
    let messages = w.app.db.count_rows("inquiry_message").await;
    let changes = w.app.db.count_rows("inquiry_status_change").await;
    #[rustfmt::skip]
    let writes: Vec<(&str, &str, &str, Value, &str, Expect)> = vec![
        ("coop B writes in X→A", &w.b, REPLY, json!({ "id": xa, "b": "Xin chào" }), "replyToInquiry", FORBIDDEN),
        ("buyer Y writes in X→A", &w.y, REPLY, json!({ "id": xa, "b": "Xin chào" }), "replyToInquiry", FORBIDDEN),
        ("organizer writes in X→A", &w.o44, REPLY, json!({ "id": xa, "b": "Xin chào" }), "replyToInquiry", FORBIDDEN),
        ("buyer Y accepts its own inquiry", &w.y, CHANGE_STATUS, json!({ "id": yb, "s": "IN_DISCUSSION" }), "changeInquiryStatus", FORBIDDEN),
        ("coop A accepts B's inquiry", &w.a, CHANGE_STATUS, json!({ "id": yb, "s": "IN_DISCUSSION" }), "changeInquiryStatus", FORBIDDEN),
        ("buyer X closes Y's inquiry", &w.x, CHANGE_STATUS, json!({ "id": yb, "s": "CLOSED" }), "changeInquiryStatus", FORBIDDEN),
        ("coop A sends an inquiry", &w.a, super::linkage::SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_b, "subject": "Hỏi", "message": "Chào" } }), "sendInquiry", FORBIDDEN),
        ("buyer Y sends as buyer X", &w.y, super::linkage::SEND_INQUIRY,
            json!({ "i": { "buyerId": w.buyer_x, "cooperativeId": w.coop_b, "subject": "Hỏi", "message": "Chào" } }), "sendInquiry", FORBIDDEN),
        ("non-matching coop B offers", &w.b,
            "mutation($i: MakeOfferInput!) { makeOffer(input: $i) { errors { code field } } }",
            json!({ "i": { "purchaseRequestId": request, "cooperativeId": w.coop_b, "quantity": 10 } }), "makeOffer", FORBIDDEN),
        ("buyer Y edits X's profile", &w.y,
            "mutation($id: ID!, $i: BuyerProfileInput!) { updateBuyerProfile(buyerId: $id, input: $i) { errors { code field } } }",
            json!({ "id": w.buyer_x, "i": { "purchaseVolume": "0" } }), "updateBuyerProfile", FORBIDDEN),
    ];
    for (what, token, query, vars, field, expected) in &writes {
        let body = w.app.graphql(Some(token), query, vars.clone()).await;
        let got = mutation_outcome(&body["data"][*field]);
        if got != *expected {
            failures.push(format!("{what}: expected {expected:?}, got {got:?}: {body}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        table.len() + writes.len(),
        failures.join("\n")
    );
    assert_eq!(w.app.db.count_rows("inquiry_message").await, messages);
    assert_eq!(w.app.db.count_rows("inquiry_status_change").await, changes);
    assert_eq!(w.app.db.count_rows("inquiry").await, 2);
    assert_eq!(w.app.db.count_rows("purchase_offer").await, 0);
}

coopbridge_e2e::on_both_databases!(every_role_sees_only_its_own_linkage_objects);
