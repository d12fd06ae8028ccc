//! The five seed documents as text, shared by the benchmarks.

pub const SEEDS: &[&str] = &[
    include_str!("../../tests/fixtures/documents/000_4d4b8abbc5176aaa.txt"),
    include_str!("../../tests/fixtures/documents/001_8ac005536caa6091.txt"),
    include_str!("../../tests/fixtures/documents/002_64eb690d41cac579.txt"),
    include_str!("../../tests/fixtures/documents/003_4ea89972e077d80e.txt"),
    include_str!("../../tests/fixtures/documents/004_717b51cf7e2c8e2d.txt"),
];
