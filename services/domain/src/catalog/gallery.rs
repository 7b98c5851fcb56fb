//! Galleries: a producer's photos and a product's images are both ordered
//! lists of stored files, replaced as a whole when the owner saves; the
//! products a certificate or a brand label names are replaced the same way.

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DeleteMany, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Related,
};

use crate::entities::stored_file;
use crate::error::Result;

/// (owner id, file) pairs of many owners' galleries at once, in display
/// order: `owner` and `position` are the gallery table's columns, `owner_of`
/// reads the owner of a row.
pub(crate) async fn files_of<E>(
    db: &impl ConnectionTrait,
    owner: E::Column,
    position: E::Column,
    owner_ids: &[i32],
    owner_of: impl Fn(&E::Model) -> i32,
) -> Result<Vec<(i32, stored_file::Model)>>
where
    E: EntityTrait + Related<stored_file::Entity>,
{
    let rows = E::find()
        .filter(owner.is_in(owner_ids.iter().copied()))
        .find_also_related(stored_file::Entity)
        .order_by_asc(position)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, file)| file.map(|f| (owner_of(&link), f)))
        .collect())
}

/// Replaces a gallery inside the caller's transaction: `clear` removes the old
/// rows, then each file of `file_ids` comes in once, in the order given
/// (a repeated id keeps its first place). `row(position, file_id)` builds a row.
pub(crate) async fn replace<A>(
    db: &impl ConnectionTrait,
    clear: DeleteMany<A::Entity>,
    file_ids: &[i32],
    row: impl Fn(i32, i32) -> A,
) -> Result<()>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    clear.exec(db).await?;
    let mut seen = Vec::with_capacity(file_ids.len());
    for &file_id in file_ids {
        if seen.contains(&file_id) {
            continue;
        }
        row(seen.len() as i32, file_id).insert(db).await?;
        seen.push(file_id);
    }
    Ok(())
}
