//! Plain HTTP GETs against the server under test (pages, files, exports,
//! QR codes), with the headers a test wants to pretend a client sent.

use crate::TestApp;

impl TestApp {
    /// GETs `path`, with a bearer `token` if given and extra `headers`.
    pub async fn get(&self, path: &str, token: Option<&str>, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }
}

/// The response's `content-type`, or "" when it has none.
pub fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}
