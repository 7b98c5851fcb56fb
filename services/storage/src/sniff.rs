use thiserror::Error;

/// The kinds of file the platform stores. Anything else is refused at upload,
/// so a browser is never served a stored file it could run as a page or script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Jpeg,
    Png,
    Webp,
    Gif,
    Pdf,
}

impl FileKind {
    pub const ALL: &'static [FileKind] = &[
        FileKind::Jpeg,
        FileKind::Png,
        FileKind::Webp,
        FileKind::Gif,
        FileKind::Pdf,
    ];
    /// What logos and product photos may be.
    pub const IMAGES: &'static [FileKind] = &[FileKind::Jpeg, FileKind::Png, FileKind::Webp, FileKind::Gif];
    /// What certificate evidence may be: a scan or a PDF.
    pub const DOCUMENTS: &'static [FileKind] = &[FileKind::Pdf, FileKind::Jpeg, FileKind::Png];

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
            FileKind::Gif => "image/gif",
            FileKind::Pdf => "application/pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Webp => "webp",
            FileKind::Gif => "gif",
            FileKind::Pdf => "pdf",
        }
    }

    /// Reads a declared MIME type, ignoring case and parameters, and accepting
    /// the non-standard `image/jpg` and `image/pjpeg` that real clients send.
    pub fn from_content_type(content_type: &str) -> Option<FileKind> {
        match normalize(content_type).as_str() {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(FileKind::Jpeg),
            "image/png" | "image/x-png" => Some(FileKind::Png),
            "image/webp" => Some(FileKind::Webp),
            "image/gif" => Some(FileKind::Gif),
            "application/pdf" | "application/x-pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }
}

fn normalize(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Identifies a file by its leading bytes; the name and the declared type are
/// chosen by the uploader and prove nothing.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    infer::get(bytes).and_then(|t| FileKind::from_content_type(t.mime_type()))
}

/// Why an upload is refused. Each variant carries what the API needs to tell
/// the user precisely what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("{} is not an accepted file type", .detected.as_deref().unwrap_or("this content"))]
    UnsupportedType { detected: Option<String> },
    #[error("the file was declared as {declared} but its content is {detected}")]
    TypeMismatch { declared: String, detected: String },
}

/// Accepts an upload only if its bytes are one of `allowed` and any declared
/// type agrees with them, and returns the sniffed kind so the caller stores the
/// content type it can vouch for rather than the one it was told.
///
/// A missing declaration, an empty one, and `application/octet-stream` (what
/// browsers send when they do not know) make no claim and so cannot lie.
pub fn check_upload(
    bytes: &[u8],
    declared_content_type: Option<&str>,
    allowed: &[FileKind],
    max_bytes: usize,
) -> Result<FileKind, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(UploadError::TooLarge { max: max_bytes });
    }
    let kind = match sniff(bytes) {
        Some(kind) if allowed.contains(&kind) => kind,
        Some(kind) => {
            return Err(UploadError::UnsupportedType {
                detected: Some(kind.content_type().to_owned()),
            });
        }
        None => {
            return Err(UploadError::UnsupportedType {
                detected: infer::get(bytes).map(|t| t.mime_type().to_owned()),
            });
        }
    };
    let declared = declared_content_type.map(normalize).unwrap_or_default();
    if declared.is_empty() || declared == "application/octet-stream" {
        return Ok(kind);
    }
    if FileKind::from_content_type(&declared) == Some(kind) {
        Ok(kind)
    } else {
        Err(UploadError::TypeMismatch {
            declared,
            detected: kind.content_type().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 1024 * 1024;

    fn png() -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend_from_slice(&[0, 0, 0, 13]);
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
        b
    }

    fn jpeg() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend_from_slice(b"JFIF\0");
        b.extend_from_slice(&[1, 1, 0, 0, 1, 0, 1, 0, 0]);
        b
    }

    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()
    }

    fn gif() -> Vec<u8> {
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec()
    }

    fn webp() -> Vec<u8> {
        let mut b = b"RIFF".to_vec();
        b.extend_from_slice(&[26, 0, 0, 0]);
        b.extend_from_slice(b"WEBPVP8 ");
        b.extend_from_slice(&[0; 14]);
        b
    }

    #[test]
    fn sniffs_each_supported_kind_from_its_header() {
        assert_eq!(sniff(&png()), Some(FileKind::Png));
        assert_eq!(sniff(&jpeg()), Some(FileKind::Jpeg));
        assert_eq!(sniff(&pdf()), Some(FileKind::Pdf));
        assert_eq!(sniff(&gif()), Some(FileKind::Gif));
        assert_eq!(sniff(&webp()), Some(FileKind::Webp));
        assert_eq!(sniff(b"<html><body>hi</body></html>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn content_types_and_extensions_round_trip() {
        for &kind in FileKind::ALL {
            assert_eq!(FileKind::from_content_type(kind.content_type()), Some(kind));
            assert!(!kind.extension().is_empty());
        }
        assert_eq!(
            FileKind::from_content_type("Image/JPEG; charset=binary"),
            Some(FileKind::Jpeg)
        );
    }

    #[test]
    fn accepts_a_file_whose_declared_type_matches_its_bytes() {
        let images = FileKind::IMAGES;
        assert_eq!(check_upload(&png(), Some("image/png"), images, MAX), Ok(FileKind::Png));
        assert_eq!(
            check_upload(&jpeg(), Some("image/jpg"), images, MAX),
            Ok(FileKind::Jpeg)
        );
        assert_eq!(check_upload(&jpeg(), None, images, MAX), Ok(FileKind::Jpeg));
        assert_eq!(
            check_upload(&pdf(), Some("application/octet-stream"), &[FileKind::Pdf], MAX),
            Ok(FileKind::Pdf)
        );
    }

    #[test]
    fn rejects_a_png_declared_as_jpeg_as_a_mismatch() {
        assert_eq!(
            check_upload(&png(), Some("image/jpeg"), FileKind::IMAGES, MAX),
            Err(UploadError::TypeMismatch {
                declared: "image/jpeg".into(),
                detected: "image/png".into()
            })
        );
    }

    #[test]
    fn rejects_html_named_as_a_jpeg_as_unsupported() {
        let html = b"<!DOCTYPE html>\n<html><script>alert(document.cookie)</script></html>";
        assert_eq!(
            check_upload(html, Some("image/jpeg"), FileKind::IMAGES, MAX),
            Err(UploadError::UnsupportedType {
                detected: Some("text/html".into())
            })
        );
        assert_eq!(
            check_upload(b"just some text", Some("image/jpeg"), FileKind::IMAGES, MAX),
            Err(UploadError::UnsupportedType { detected: None })
        );
    }

    #[test]
    fn rejects_a_real_file_of_a_kind_not_allowed_here() {
        assert_eq!(
            check_upload(&pdf(), Some("application/pdf"), FileKind::IMAGES, MAX),
            Err(UploadError::UnsupportedType {
                detected: Some("application/pdf".into())
            })
        );
    }

    #[test]
    fn rejects_empty_and_oversized_files() {
        assert_eq!(check_upload(b"", None, FileKind::ALL, MAX), Err(UploadError::Empty));
        let mut big = png();
        big.resize(MAX + 1, 0);
        assert_eq!(
            check_upload(&big, Some("image/png"), FileKind::ALL, MAX),
            Err(UploadError::TooLarge { max: MAX })
        );
    }
}
