//! What a refused attempt must leave as it was: every row of every table.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::authz_matrix_fixture::Fixture;

impl Fixture {
    /// Tables and columns a refused attempt must leave as they were. Left
    /// out: reference data, the search outbox (the worker drains it), the
    /// rate-limit buckets on PostgreSQL (an attempt counts, refused or not),
    /// and when a token was last used.
    pub async fn content_tables(&self) -> Vec<(String, Vec<String>)> {
        let sqlite = self.db.get_database_backend() == DbBackend::Sqlite;
        let list = if sqlite {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        } else {
            "SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema()"
        };
        let mut tables = Vec::new();
        for row in self.query(list).await {
            let table: String = row.try_get("", "t").unwrap();
            if [
                "seaql_migrations",
                "search_outbox",
                "rate_limit_bucket",
                "province",
                "commune",
            ]
            .contains(&table.as_str())
            {
                continue;
            }
            let columns_sql = if sqlite {
                format!("SELECT name AS c FROM pragma_table_info('{table}')")
            } else {
                format!(
                    "SELECT column_name::text AS c FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = current_schema()"
                )
            };
            let columns = self
                .query(&columns_sql)
                .await
                .into_iter()
                .map(|r| r.try_get::<String>("", "c").unwrap())
                .filter(|c| c != "last_used_at")
                .collect();
            tables.push((table, columns));
        }
        assert!(tables.len() > 20, "found only {tables:?}");
        tables
    }

    async fn query(&self, sql: &str) -> Vec<sea_orm::QueryResult> {
        let backend = self.db.get_database_backend();
        self.db
            .query_all_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .unwrap()
    }

    /// Every row of every content table, as one comparable value.
    pub async fn fingerprint(&self) -> Vec<String> {
        let sqlite = self.db.get_database_backend() == DbBackend::Sqlite;
        let parts: Vec<String> = self
            .tables
            .iter()
            .map(|(table, columns)| {
                if sqlite {
                    let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || ',' || ");
                    format!("SELECT '{table}' AS t, COUNT(*) || ':' || COALESCE(group_concat(r, '|'), '') AS f
                        FROM (SELECT {row} AS r FROM \"{table}\" ORDER BY 1)")
                } else {
                    let row = columns.iter().map(|c| format!("COALESCE(\"{c}\"::text, '∅')")).collect::<Vec<_>>().join(", ");
                    format!("SELECT '{table}' AS t, COUNT(*)::text || ':' || COALESCE(md5(string_agg(r, '|' ORDER BY r)), '') AS f
                        FROM (SELECT concat_ws(',', {row}) AS r FROM \"{table}\") x")
                }
            })
            .collect();
        self.query(&parts.join(" UNION ALL "))
            .await
            .into_iter()
            .map(|r| {
                format!(
                    "{}={}",
                    r.try_get::<String>("", "t").unwrap(),
                    r.try_get::<String>("", "f").unwrap()
                )
            })
            .collect()
    }
}
