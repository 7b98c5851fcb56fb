use sea_orm::entity::prelude::*;

/// A catalog change waiting to reach the search index.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// "producer": the producer and everything it lists (products, labels).
    pub subject_kind: String,
    pub subject_id: i32,
    pub enqueued_at: DateTimeUtc,
    /// Failed attempts to apply it; the worker backs off between them.
    pub attempts: i32,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
