//! DataLoaders of the catalog: a page of products with producers,
//! certificates, labels and images costs the same number of statements
//! whatever its size. Each is one domain batch read (see `graphql::dataloader`).

use coopbridge_domain::catalog::{brand_labels, certificates, coverage, files, producers, products};
use coopbridge_domain::entities::{brand_label, certificate, producer, product, stored_file};
use coopbridge_domain::loads;

use crate::graphql::dataloader::batch_loader;

batch_loader! {
    /// Producers by id, archived ones too.
    ProducerLoader(i32) -> producer::Model = producers::producers_by_ids, one_by |p| p.id
}

batch_loader! {
    /// Products by id, archived ones too.
    ProductLoader(i32) -> product::Model = products::products_by_ids, one_by |p| p.id
}

batch_loader! {
    /// Stored files by id.
    FileLoader(i32) -> stored_file::Model = files::files_by_ids, one_by |f| f.id
}

batch_loader! {
    /// All certificates of a producer, whatever their scope; archived ones left out.
    ProducerCertificatesLoader(i32) -> Vec<certificate::Model> =
        certificates::certificates_of_producers, many_by |c| (c.producer_id, c)
}

batch_loader! {
    /// Certificates covering a product, keyed by (product id, producer id):
    /// the rule is `domain::catalog::coverage`.
    ProductCertificatesLoader((i32, i32)) -> Vec<certificate::Model> = coverage::certificates_covering
}

batch_loader! {
    /// Listed products a certificate names.
    CertificateProductsLoader(i32) -> Vec<product::Model> = loads::products_of_certificates, pairs
}

batch_loader! {
    /// A producer's brand labels; archived ones left out.
    ProducerLabelsLoader(i32) -> Vec<brand_label::Model> =
        brand_labels::labels_of_producers, many_by |l| (l.producer_id, l)
}

batch_loader! {
    /// Labels a product carries.
    ProductLabelsLoader(i32) -> Vec<brand_label::Model> = loads::labels_of_products, pairs
}

batch_loader! {
    /// Listed products carrying a label.
    LabelProductsLoader(i32) -> Vec<product::Model> = loads::products_of_labels, pairs
}

batch_loader! {
    /// A product's images, cover first.
    ProductImagesLoader(i32) -> Vec<stored_file::Model> = products::images_of_products, pairs
}

batch_loader! {
    /// A producer's photos, in its members' order.
    ProducerPhotosLoader(i32) -> Vec<stored_file::Model> = producers::photos_of_producers, pairs
}
