use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// Longest key accepted. S3 allows 1024 bytes, but a local store nests one
/// directory per segment and common filesystems cap a path near 4 KiB; 512
/// leaves room for the root directory.
pub const MAX_KEY_LEN: usize = 512;

/// Longest segment accepted. The local store appends a short suffix to the
/// last segment to name its file, and most filesystems cap a name at 255 bytes.
pub const MAX_SEGMENT_LEN: usize = 200;

/// Name of a stored object, validated once so that no backend ever sees a key
/// that could escape its root, alias another key, or mean different things on
/// the filesystem and in S3.
///
/// The alphabet is deliberately small (`a-z`, `0-9`, `-`, `_`, `.`, with `/`
/// between segments): it is the same on case-insensitive filesystems, needs no
/// URL escaping, and leaves characters such as `~` free for the local store's
/// own bookkeeping files.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlobKey(String);

/// Why a string is not a [`BlobKey`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("blob key is empty")]
    Empty,
    #[error("blob key is {len} bytes long; the limit is {max}", max = MAX_KEY_LEN)]
    TooLong { len: usize },
    #[error("blob key must not start with '/'")]
    LeadingSlash,
    #[error("blob key has an empty segment (\"//\" or a trailing '/')")]
    EmptySegment,
    #[error("blob key has a segment of {len} bytes; the limit is {max}", max = MAX_SEGMENT_LEN)]
    SegmentTooLong { len: usize },
    #[error("blob key has a '.' or '..' segment")]
    DotSegment,
    #[error("blob key has {found:?} at byte {index}; allowed: a-z 0-9 - _ . and / between segments")]
    InvalidChar { found: char, index: usize },
}

impl BlobKey {
    pub fn new(key: impl Into<String>) -> Result<Self, KeyError> {
        let key = key.into();
        validate(&key)?;
        Ok(Self(key))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Segments in order; the local store maps all but the last to directories.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }
}

fn validate(key: &str) -> Result<(), KeyError> {
    if key.is_empty() {
        return Err(KeyError::Empty);
    }
    if key.len() > MAX_KEY_LEN {
        return Err(KeyError::TooLong { len: key.len() });
    }
    if let Some((index, found)) = key
        .char_indices()
        .find(|&(_, c)| !matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '/'))
    {
        return Err(KeyError::InvalidChar { found, index });
    }
    if key.starts_with('/') {
        return Err(KeyError::LeadingSlash);
    }
    for segment in key.split('/') {
        match segment {
            "" => return Err(KeyError::EmptySegment),
            // "." would make "a/./b" and "a/b" the same file on disk.
            "." | ".." => return Err(KeyError::DotSegment),
            s if s.len() > MAX_SEGMENT_LEN => {
                return Err(KeyError::SegmentTooLong { len: s.len() });
            }
            _ => {}
        }
    }
    Ok(())
}

impl fmt::Display for BlobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BlobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlobKey({:?})", self.0)
    }
}

impl AsRef<str> for BlobKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for BlobKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<&str> for BlobKey {
    type Error = KeyError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for BlobKey {
    type Error = KeyError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<BlobKey> for String {
    fn from(key: BlobKey) -> Self {
        key.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_nested_lowercase_keys() {
        for ok in [
            "logo.png",
            "coops/42/logo.png",
            "products/7/photos/0b5e-4f_1.webp",
            ".hidden",
            "a..b/c",
        ] {
            assert!(BlobKey::new(ok).is_ok(), "{ok} should be valid");
        }
    }

    #[test]
    fn rejects_keys_that_escape_or_alias() {
        assert_eq!(BlobKey::new(""), Err(KeyError::Empty));
        assert_eq!(BlobKey::new("../etc/passwd"), Err(KeyError::DotSegment));
        assert_eq!(BlobKey::new("a/../../b"), Err(KeyError::DotSegment));
        assert_eq!(BlobKey::new("a/./b"), Err(KeyError::DotSegment));
        assert_eq!(BlobKey::new(".."), Err(KeyError::DotSegment));
        assert_eq!(BlobKey::new("/abs"), Err(KeyError::LeadingSlash));
        assert_eq!(BlobKey::new("a//b"), Err(KeyError::EmptySegment));
        assert_eq!(BlobKey::new("a/"), Err(KeyError::EmptySegment));
    }

    #[test]
    fn rejects_characters_outside_the_alphabet() {
        assert_eq!(
            BlobKey::new("Logo.png"),
            Err(KeyError::InvalidChar { found: 'L', index: 0 })
        );
        for bad in ["a b", "a\\b", "a\0b", "ảnh.jpg", "a~b", "a%2fb", "a:b"] {
            assert!(
                matches!(BlobKey::new(bad), Err(KeyError::InvalidChar { .. })),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn enforces_the_length_limits_in_bytes() {
        let segment = "a".repeat(MAX_SEGMENT_LEN);
        let longest = [
            segment.as_str(),
            &segment,
            &"b".repeat(MAX_KEY_LEN - 2 * MAX_SEGMENT_LEN - 2),
        ]
        .join("/");
        assert_eq!(longest.len(), MAX_KEY_LEN);
        assert!(BlobKey::new(longest).is_ok());
        assert_eq!(
            BlobKey::new("a".repeat(MAX_SEGMENT_LEN + 1)),
            Err(KeyError::SegmentTooLong {
                len: MAX_SEGMENT_LEN + 1
            })
        );
        assert_eq!(
            BlobKey::new("a".repeat(MAX_KEY_LEN + 1)),
            Err(KeyError::TooLong { len: MAX_KEY_LEN + 1 })
        );
    }
}
