//! Provinces and communes/wards after the 2025 reform (34 provinces, 3,321
//! communes). The data ships with the crate (`data/vn-divisions-2025.json`,
//! converted from the official list) so a fresh database is complete offline.

use sea_orm_migration::prelude::*;
use serde::Deserialize;

const DIVISIONS_JSON: &str = include_str!("../data/vn-divisions-2025.json");
/// Rows per INSERT: well under SQLite's bound-parameter limit (32,766) and
/// PostgreSQL's (65,535) with five columns per row.
const INSERT_BATCH: usize = 500;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Province {
    Table,
    Code,
    Name,
    Codename,
    Kind,
}

#[derive(DeriveIden)]
enum Commune {
    Table,
    Code,
    ProvinceCode,
    Name,
    Codename,
    Kind,
}

#[derive(Deserialize)]
struct ProvinceRecord {
    code: i32,
    name: String,
    codename: String,
    kind: String,
    communes: Vec<CommuneRecord>,
}

#[derive(Deserialize)]
struct CommuneRecord {
    code: i32,
    name: String,
    codename: String,
    kind: String,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Province::Table)
                    .col(ColumnDef::new(Province::Code).integer().not_null().primary_key())
                    .col(ColumnDef::new(Province::Name).string().not_null())
                    .col(ColumnDef::new(Province::Codename).string().not_null().unique_key())
                    .col(ColumnDef::new(Province::Kind).string().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Commune::Table)
                    .col(ColumnDef::new(Commune::Code).integer().not_null().primary_key())
                    .col(ColumnDef::new(Commune::ProvinceCode).integer().not_null())
                    .col(ColumnDef::new(Commune::Name).string().not_null())
                    .col(ColumnDef::new(Commune::Codename).string().not_null())
                    .col(ColumnDef::new(Commune::Kind).string().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commune::Table, Commune::ProvinceCode)
                            .to(Province::Table, Province::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_commune_province")
                    .table(Commune::Table)
                    .col(Commune::ProvinceCode)
                    .col(Commune::Code)
                    .to_owned(),
            )
            .await?;

        let provinces: Vec<ProvinceRecord> = serde_json::from_str(DIVISIONS_JSON)
            .map_err(|e| DbErr::Migration(format!("bundled divisions data is invalid: {e}")))?;

        let mut insert = Query::insert()
            .into_table(Province::Table)
            .columns([Province::Code, Province::Name, Province::Codename, Province::Kind])
            .to_owned();
        for p in &provinces {
            insert.values_panic([
                p.code.into(),
                p.name.clone().into(),
                p.codename.clone().into(),
                p.kind.clone().into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let communes: Vec<(i32, &CommuneRecord)> = provinces
            .iter()
            .flat_map(|p| p.communes.iter().map(move |c| (p.code, c)))
            .collect();
        for chunk in communes.chunks(INSERT_BATCH) {
            let mut insert = Query::insert()
                .into_table(Commune::Table)
                .columns([
                    Commune::Code,
                    Commune::ProvinceCode,
                    Commune::Name,
                    Commune::Codename,
                    Commune::Kind,
                ])
                .to_owned();
            for (province_code, c) in chunk {
                insert.values_panic([
                    c.code.into(),
                    (*province_code).into(),
                    c.name.clone().into(),
                    c.codename.clone().into(),
                    c.kind.clone().into(),
                ]);
            }
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Commune::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Province::Table).to_owned())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn bundled_divisions_hold_34_provinces_and_3321_communes_in_nfc() {
        let provinces: Vec<ProvinceRecord> = serde_json::from_str(DIVISIONS_JSON).unwrap();
        assert_eq!(provinces.len(), 34);
        let communes: usize = provinces.iter().map(|p| p.communes.len()).sum();
        assert_eq!(communes, 3321);
        for p in &provinces {
            assert!(is_nfc(&p.name), "{} not NFC", p.name);
            for c in &p.communes {
                assert!(is_nfc(&c.name), "{} not NFC", c.name);
            }
        }
    }

    /// The shipped copy must stay a faithful conversion of the shared official list.
    #[test]
    fn bundled_divisions_match_the_shared_official_list() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/vn-divisions-2025.json");
        let Ok(text) = std::fs::read_to_string(&shared) else {
            eprintln!("shared list not beside the checkout; comparison skipped");
            return;
        };
        #[derive(Deserialize)]
        struct Official {
            code: i32,
            name: String,
            wards: Vec<OfficialWard>,
        }
        #[derive(Deserialize)]
        struct OfficialWard {
            code: i32,
            name: String,
        }
        use unicode_normalization::UnicodeNormalization;
        let official: Vec<Official> = serde_json::from_str(&text).unwrap();
        let bundled: Vec<ProvinceRecord> = serde_json::from_str(DIVISIONS_JSON).unwrap();
        let mut want: Vec<(i32, String, i32, String)> = official
            .iter()
            .flat_map(|p| {
                p.wards
                    .iter()
                    .map(move |w| (p.code, p.name.nfc().collect(), w.code, w.name.nfc().collect()))
            })
            .collect();
        let mut got: Vec<(i32, String, i32, String)> = bundled
            .iter()
            .flat_map(|p| {
                p.communes
                    .iter()
                    .map(move |c| (p.code, p.name.clone(), c.code, c.name.clone()))
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(want, got);
    }
}
