//! Galleries: a producer's photos and a product's images are both ordered
//! lists of stored files, replaced as a whole when the owner saves.

use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DeleteMany, EntityTrait, IntoActiveModel};

use crate::error::Result;

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
