//! One attempt per matrix row: the mutation's request on the shared object,
//! or on a fresh one when an allowed attempt would use the shared one up.

use serde_json::{Value, json};

use crate::authz_matrix_fixture::{Expect, Fixture, Who, outcome};
use crate::catalog::PNG;

const ERR: &str = "errors { code field message }";

impl Fixture {
    /// The request for `mutation`; `fresh` when it would consume its object.
    async fn request(&mut self, mutation: &str, who: Who, fresh: bool) -> (String, Value) {
        let n = self.next();
        let (args, vars): (&str, Value) = match mutation {
            "signIn" => (
                "input: $i",
                json!({ "i": { "email": "du-phong@example.vn", "password": crate::fairs::PASSWORD } }),
            ),
            "signOut" => ("", json!({})),
            "changePassword" => (
                "input: $i",
                json!({ "i": { "currentPassword": self.password_of(who),
                "newPassword": "mật khẩu mới 2027" } }),
            ),
            "createAccount" => (
                "input: $i",
                json!({ "i": { "email": format!("moi-{n}@example.vn"),
                "password": crate::fairs::PASSWORD, "displayName": "Tài khoản mới", "role": "BUYER" } }),
            ),
            "createOrganization" => (
                "input: $i",
                json!({ "i": { "kind": "BUYER_COMPANY", "name": format!("Công ty {n}"),
                "provinceCode": 44 } }),
            ),
            "addMembership" => {
                let account = if fresh {
                    self.account(&format!("thanh-vien-{n}@example.vn"), "BUYER", &[]).await
                } else {
                    self.spare_account()
                };
                (
                    "input: $i",
                    json!({ "i": { "organizationId": self.buyer, "accountId": account } }),
                )
            }
            "createProducer" => (
                "input: $i",
                json!({ "i": { "kind": "COOPERATIVE", "name": format!("HTX mới {n}"),
                "provinceCode": 44 } }),
            ),
            "updateProducer" => (
                "id: $id, input: $i",
                json!({ "id": self.coop, "i": { "description": format!("Mô tả {n}") } }),
            ),
            "archiveProducer" => {
                let id = if fresh {
                    let id = self.organization("COOPERATIVE", Some(44)).await;
                    let member = self.coop_member_id();
                    self.add_member(&id, &member).await;
                    id
                } else {
                    self.coop.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "verifyProducer" => ("id: $id, status: $s", json!({ "id": self.coop, "s": "VERIFIED" })),
            "createProduct" => (
                "producerId: $p, input: $i",
                json!({ "p": self.coop,
                "i": { "name": format!("Gạo {n}"), "category": "RICE_GRAINS", "unit": "kg" } }),
            ),
            "updateProduct" => (
                "id: $id, input: $i",
                json!({ "id": self.product, "i": { "description": format!("Mới {n}") } }),
            ),
            "archiveProduct" => {
                let id = if fresh {
                    self.product().await
                } else {
                    self.product.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "purgeFile" => {
                // Refused attempts aim at the logo uploaded by the `uploadFile`
                // rows (id 1); the allowed one purges bytes of its own.
                let id = if fresh {
                    self.unique_upload(n).await
                } else {
                    "1".to_owned()
                };
                (
                    "input: $i",
                    json!({ "i": { "id": id, "reason": "Ảnh vi phạm bản quyền" } }),
                )
            }
            "createCertificate" => (
                "input: $i",
                json!({ "i": { "producerId": self.coop, "scheme": "VIET_GAP",
                "certificateNumber": format!("VG-M-{n}"), "issuer": "Chi cục", "issuedOn": "2025-02-01" } }),
            ),
            "updateCertificate" => (
                "id: $id, input: $i",
                json!({ "id": self.certificate, "i": { "scheme": "VIET_GAP",
                "certificateNumber": format!("VG-U-{n}"), "issuer": "Chi cục", "issuedOn": "2025-02-01" } }),
            ),
            "archiveCertificate" => {
                let id = if fresh {
                    self.certificate().await
                } else {
                    self.certificate.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "verifyCertificate" => (
                "id: $id, status: $s",
                json!({ "id": self.certificate, "s": "VERIFIED" }),
            ),
            "createBrandLabel" => (
                "input: $i",
                json!({ "i": { "producerId": self.coop, "name": format!("Nhãn {n}"),
                "kind": "TRADEMARK" } }),
            ),
            "updateBrandLabel" => (
                "id: $id, input: $i",
                json!({ "id": self.label, "i": { "name": format!("Nhãn {n}"),
                "kind": "TRADEMARK" } }),
            ),
            "setBrandLabelProducts" => (
                "id: $id, productIds: $p",
                json!({ "id": self.label, "p": [self.product] }),
            ),
            "archiveBrandLabel" => {
                let id = if fresh { self.label().await } else { self.label.clone() };
                ("id: $id", json!({ "id": id }))
            }
            "updateBuyerProfile" => (
                "buyerId: $id, input: $i",
                json!({ "id": self.buyer,
                "i": { "kind": "SUPERMARKET", "description": format!("Mua mật ong {n}") } }),
            ),
            "createPurchaseRequest" => (
                "input: $i",
                json!({ "i": { "buyerId": self.buyer, "title": format!("Cần gạo {n}"),
                "category": "RICE_GRAINS", "quantity": 5, "unit": "tấn", "frequency": "ONCE" } }),
            ),
            "closePurchaseRequest" => {
                let id = if fresh {
                    self.purchase_request().await
                } else {
                    self.request.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "makeOffer" => {
                // One offer per cooperative and request: a fresh request for each allowed one.
                let id = if fresh {
                    self.purchase_request().await
                } else {
                    self.request.clone()
                };
                (
                    "input: $i",
                    json!({ "i": { "purchaseRequestId": id, "cooperativeId": self.coop, "quantity": 50 } }),
                )
            }
            "sendInquiry" => (
                "input: $i",
                json!({ "i": { "buyerId": self.buyer, "cooperativeId": self.coop,
                "subject": format!("Hỏi {n}"), "message": "Còn hàng không?" } }),
            ),
            "replyToInquiry" => (
                "inquiryId: $id, body: $b",
                json!({ "id": self.inquiry, "b": format!("Trả lời {n}") }),
            ),
            "changeInquiryStatus" => {
                let id = if fresh {
                    self.inquiry().await
                } else {
                    self.inquiry.clone()
                };
                ("inquiryId: $id, status: $s", json!({ "id": id, "s": "IN_DISCUSSION" }))
            }
            "createLinkageAgreement" => ("input: $i", self.agreement_vars()),
            "setLinkageAgreementStatus" => {
                let id = if fresh {
                    self.agreement().await
                } else {
                    self.agreement.clone()
                };
                ("id: $id, status: $s", json!({ "id": id, "s": "CANCELLED" }))
            }
            "confirmLinkageAgreement" => {
                let id = if fresh {
                    self.agreement().await
                } else {
                    self.agreement.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "createEvent" => {
                let mut vars = self.event_vars();
                vars["i"]["organizerId"] = json!(self.organizer_body());
                ("input: $i", vars)
            }
            "publishEvent" => {
                let id = if fresh {
                    self.event(false, false, "TRADE_FAIR").await
                } else {
                    self.draft.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "applyToEvent" => {
                let id = if fresh {
                    self.event(false, true, "TRADE_FAIR").await
                } else {
                    self.event.clone()
                };
                (
                    "input: $i",
                    json!({ "i": { "eventId": id, "producerId": self.coop, "booths": 1 } }),
                )
            }
            "withdrawApplication" => {
                let id = if fresh {
                    let event = self.event(false, true, "TRADE_FAIR").await;
                    self.application(&event).await.0
                } else {
                    self.exhibitor.clone()
                };
                ("id: $id", json!({ "id": id }))
            }
            "approveApplication" | "rejectApplication" | "waitlistApplication" => {
                let id = if fresh {
                    let event = self.event(true, true, "TRADE_FAIR").await;
                    self.application(&event).await.0
                } else {
                    self.pending.clone()
                };
                match mutation {
                    "rejectApplication" => ("id: $id, reason: $r", json!({ "id": id, "r": "Thiếu hồ sơ" })),
                    _ => ("id: $id", json!({ "id": id })),
                }
            }
            "checkInExhibitor" => {
                let (event, code) = if fresh {
                    let event = self.event(false, true, "TRADE_FAIR").await;
                    let code = self.application(&event).await.1;
                    (event, code)
                } else {
                    (self.conference.clone(), self.exhibitor_code())
                };
                ("eventId: $e, code: $c", json!({ "e": event, "c": code }))
            }
            "requestMeeting" => ("input: $i", self.meeting_vars()),
            "answerMeeting" => {
                let id = if fresh {
                    self.meeting().await
                } else {
                    self.meeting.clone()
                };
                ("input: $i", json!({ "i": { "id": id, "accept": false } }))
            }
            other => match self.privacy_request(other, who, fresh).await {
                Some(request) => request,
                None => panic!("no request for {other}: add one to authz_matrix_attempts.rs"),
            },
        };
        (document(mutation, args, &vars), vars)
    }

    /// Tries `mutation` as `who`; Err describes a disagreement with `expect`.
    pub async fn attempt(&mut self, mutation: &str, who: Who, expect: Expect) -> Result<(), String> {
        let token = match mutation {
            "signOut" | "changePassword" => self.fresh_token(who).await,
            "deleteMyAccount" => self.token_after_password_change(who).await,
            _ => self.token(who),
        };
        let before = match expect {
            Expect::Allowed => None,
            _ => Some(self.fingerprint().await),
        };
        let body = if mutation == "uploadFile" {
            self.upload(token.as_deref()).await
        } else {
            let (query, vars) = self.request(mutation, who, expect == Expect::Allowed).await;
            self.app.graphql(token.as_deref(), &query, vars).await
        };
        let got = outcome(&body, mutation);
        let wanted = match expect {
            Expect::Allowed => Ok(()),
            Expect::Forbidden => Err("FORBIDDEN".to_owned()),
            Expect::Unauthenticated => Err("UNAUTHENTICATED".to_owned()),
            Expect::NotFound => Err("NOT_FOUND".to_owned()),
        };
        if got != wanted {
            return Err(format!("got {got:?}: {body}"));
        }
        if let Some(before) = before {
            let after = self.fingerprint().await;
            let changed: Vec<_> = after
                .iter()
                .filter(|t| !before.contains(t))
                .map(|t| t.split('=').next().unwrap())
                .collect();
            if !changed.is_empty() {
                return Err(format!("refused, but rows changed in {changed:?}"));
            }
        }
        Ok(())
    }

    /// A logo of cooperative A with bytes no other attempt uses, uploaded by the admin; its id.
    async fn unique_upload(&self, n: usize) -> String {
        let mut bytes = PNG.to_vec();
        bytes.extend_from_slice(format!("purge-{n}").as_bytes());
        let body = self.upload_bytes(Some(&self.admin), bytes).await;
        body["data"]["uploadFile"]["file"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("upload failed: {body}"))
            .to_owned()
    }

    async fn upload(&self, token: Option<&str>) -> Value {
        self.upload_bytes(token, PNG.to_vec()).await
    }

    async fn upload_bytes(&self, token: Option<&str>, bytes: Vec<u8>) -> Value {
        let operations = json!({
            "query": format!("mutation($org: ID!, $purpose: FilePurpose!, $file: Upload!) {{
                uploadFile(organizationId: $org, purpose: $purpose, file: $file) {{ file {{ id }} {ERR} }} }}"),
            "variables": { "org": self.coop, "purpose": "LOGO", "file": null },
        });
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("logo.png")
            .mime_str("image/png")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", json!({ "0": ["variables.file"] }).to_string())
            .part("0", part);
        let mut request = self.app.client.post(self.app.url("/graphql")).multipart(form);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("upload").json().await.expect("JSON body")
    }
}

/// `mutation($i: T!, …) { name(args) { errors { … } } }`, the variables'
/// types taken from the schema's argument list.
fn document(mutation: &str, args: &str, vars: &Value) -> String {
    let types = if args.is_empty() {
        Default::default()
    } else {
        arg_types(mutation)
    };
    let declared: Vec<String> = vars
        .as_object()
        .unwrap()
        .keys()
        .map(|k| {
            let arg = args
                .split(", ")
                .find(|a| a.ends_with(&format!("${k}")))
                .and_then(|a| a.split(':').next())
                .unwrap_or_else(|| panic!("{mutation}: no argument takes ${k}"));
            format!("${k}: {}", types[arg.trim()])
        })
        .collect();
    let decl = if declared.is_empty() {
        String::new()
    } else {
        format!("({})", declared.join(", "))
    };
    let call = if args.is_empty() {
        String::new()
    } else {
        format!("({args})")
    };
    format!("mutation{decl} {{ {mutation}{call} {{ {ERR} }} }}")
}

/// Argument name → GraphQL type of `mutation`, read from schema/schema.graphql.
fn arg_types(mutation: &str) -> std::collections::HashMap<String, String> {
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/schema.graphql")).unwrap();
    let body = sdl.split("type Mutation {").nth(1).unwrap();
    let start = body
        .find(&format!("\t{mutation}("))
        .unwrap_or_else(|| panic!("{mutation} takes no arguments"));
    let rest = &body[start + mutation.len() + 2..];
    let list = &rest[..rest.find("):").unwrap()];
    // Drop the arguments' doc comments.
    let list: String = list.split("\"\"\"").step_by(2).collect();
    list.split(',')
        .filter_map(|a| a.split_once(':'))
        .map(|(name, ty)| (name.trim().to_owned(), ty.trim().to_owned()))
        .collect()
}
