//! Readers: from files and text to the document model. One module per concern: decoding bytes to text here,
//! layouts in their own modules as they are added.

pub mod decode;

pub use decode::{decode, Decoded, Encoding, MAX_FILE_BYTES};
