//! jixiao (绩效): parse, validate and score Chinese budget performance documents.
//!
//! The core is plain Rust and needs no Python: [`value`] reads the value expressions of target and actual cells,
//! [`columns`] turns many of them into columns for bulk work. The Python module `jixiao._jixiao` is built from
//! `src/python/` with the `python` feature.

pub mod check;
pub mod columns;
pub mod completion;
pub mod error;
pub mod model;
pub mod parallel;
pub mod read;
pub mod score;
pub mod value;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, ErrorKind, Location};
pub use value::{
    parse, parse_in, Context, Date, Kind, Level, Op, Parser, Per, Qual, Quals, Role, Value,
};
