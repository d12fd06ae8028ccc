"""Frames built from files in batches (the corpus route): the same frames as from Documents, every row read or
listed as unread, errors and progress as in ``read``, and memory that grows with the frame, not with the
documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jixiao
import jixiao._columns

DOCS = Path(__file__).parent / "fixtures" / "documents"
GOLD_ROWS = 686  # indicator rows of the five seeds


@pytest.fixture(scope="module")
def seeds() -> list[jixiao.Document]:
    return jixiao.read(DOCS)


def _score(docs, **kw):
    s = jixiao.score(docs, **kw)
    return s.indicators, s.tables


def _quality(docs, **kw):
    q = jixiao.quality(docs, **kw)
    return q.indicators, q.tables


BUILDERS = {
    "indicators": jixiao.indicators,
    "tables": jixiao.tables,
    "allocations": jixiao.allocations,
    "unread": jixiao.unread,
    "read_warnings": jixiao.read_warnings,
    "check": jixiao.check,
    "score": _score,
    "quality": _quality,
}


def _frames(result) -> tuple[pd.DataFrame, ...]:
    return result if isinstance(result, tuple) else (result,)


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("batch_size", [1, 2, None])
def test_a_folder_read_in_batches_gives_the_frames_of_its_documents(seeds, name, batch_size):
    build = BUILDERS[name]
    from_docs = _frames(build(seeds))
    from_folder = _frames(build(DOCS, batch_size=batch_size))
    for a, b in zip(from_docs, from_folder, strict=True):
        assert len(a) > 0
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_documents_and_paths_mix_in_order(seeds):
    paths = sorted(str(p) for p in DOCS.glob("*.txt"))
    mixed = [seeds[0], paths[1], [seeds[2], Path(paths[3])], paths[4]]
    pd.testing.assert_frame_equal(jixiao.indicators(mixed, batch_size=2), jixiao.indicators(seeds))


def test_frames_keep_their_documented_columns():
    folder = str(DOCS)
    assert tuple(jixiao.tables(folder).columns) == jixiao.documents.TABLE_COLUMNS
    assert tuple(jixiao.allocations(folder).columns) == jixiao.documents.ALLOCATION_COLUMNS
    assert tuple(jixiao.unread(folder).columns) == jixiao.documents.UNREAD_COLUMNS
    assert tuple(jixiao.read_warnings(folder).columns) == jixiao.documents.READ_WARNING_COLUMNS
    for frame in (jixiao.indicators([]), jixiao.tables([]), jixiao.unread([])):
        assert len(frame) == 0


def test_every_table_row_is_placed_or_unread_without_the_documents(seeds):
    unread = jixiao.unread(DOCS, batch_size=2)
    per_doc = unread.groupby("doc").size()
    for doc in seeds:
        rows = doc.rows
        assert rows["placed"] + rows["unread"] == rows["table_rows"]
        assert per_doc.get(doc.source, 0) == rows["unread"] == len(doc.unread)
    first = seeds[1].unread[0]
    row = unread[unread["doc"] == seeds[1].source].iloc[0]
    assert (row["line"], row["text"], row["reason"]) == (first["line"], first["text"], first["reason"])
    assert str(unread["line"].dtype) == "Int64"
    warned = jixiao.read_warnings(DOCS)
    assert len(warned) == sum(len(d.warnings) for d in seeds) > 0
    assert warned.iloc[0]["message_en"] == seeds[2].warnings[0]["message_en"]


def test_read_errors_follow_the_policy(tmp_path):
    shutil.copyfile(DOCS / "003_4ea89972e077d80e.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    shutil.copyfile(DOCS / "000_4d4b8abbc5176aaa.txt", tmp_path / "c.txt")
    with pytest.raises(jixiao.ReadError, match=r"b\.txt"):
        jixiao.indicators(tmp_path, batch_size=1)
    with pytest.warns(UserWarning, match=r"b\.txt"):
        warned = jixiao.score(tmp_path, errors="warn").tables
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        skipped = jixiao.indicators(tmp_path, errors="skip")
    assert set(skipped["doc"].astype(str).map(lambda s: Path(s).name)) == {"a.txt", "c.txt"}
    assert set(warned["doc"].map(lambda s: Path(s).name)) <= {"a.txt", "c.txt"}
    with pytest.raises(ValueError, match="errors must be"):
        jixiao.tables(tmp_path, errors="ignore")
    with pytest.raises(ValueError, match="batch_size"):
        jixiao.tables(tmp_path, batch_size=0)
    with pytest.raises(TypeError, match="item 0 is neither"):
        jixiao._jixiao._frames([1], ["tables"])


def test_progress_counts_documents_and_quality_reads_twice():
    calls: list[tuple[int, int]] = []
    jixiao.indicators(DOCS, batch_size=2, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 5), (4, 5), (5, 5)]
    calls.clear()
    jixiao.quality(DOCS, batch_size=4, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(4, 10), (5, 10), (9, 10), (10, 10)]


@pytest.mark.parametrize("dtype", [np.dtype(object), pd.StringDtype("python", na_value=np.nan)])
def test_text_columns_without_pyarrow(monkeypatch, seeds, dtype):
    """Where pandas keeps text as objects (pandas 2, or pandas 3 without pyarrow), text columns are built from one
    string object per distinct text, with the same values."""
    arrow = jixiao.indicators(seeds)
    monkeypatch.setattr(jixiao._columns, "TEXT_DTYPE", dtype)
    plain = jixiao.indicators(seeds)
    for col in ("name", "target", "deviation", "level1_printed"):
        assert plain[col].isna().tolist() == arrow[col].isna().tolist()
        assert plain[col].dropna().tolist() == arrow[col].dropna().tolist()
    data = np.frombuffer("是100%".encode(), dtype=np.uint8)
    column = jixiao._columns.Texts((data, np.array([0, 3, 7], dtype=np.uint64))).column(np.array([1, -1, 0, 1]))
    assert column.dtype == dtype
    assert list(pd.Series(column).fillna("-")) == ["100%", "-", "是", "100%"]
    if dtype == np.dtype(object):
        assert column[0] is column[3]


# VmHWM, not ru_maxrss: after fork and exec, ru_maxrss starts at the parent's resident set.
_PEAK = """
import sys
import jixiao, pandas
def status(key):
    return int([l for l in open("/proc/self/status") if l.startswith(key)][0].split()[1]) / 1024
base = status("VmRSS")
folder = sys.argv[2]
frame = jixiao.indicators(folder, batch_size=16) if sys.argv[1] == "stream" else jixiao.indicators(jixiao.read(folder))
print(len(frame), status("VmHWM") - base - frame.memory_usage(deep=True).sum() / 2**20)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status")
def test_memory_beyond_the_frame_does_not_grow_with_the_documents(tmp_path):
    """The peak over the frame itself, for 100 and 400 documents: streamed, it stays nearly flat; reading the
    documents first, it grows by their size (about 50 MiB here), which shows that the measure can see it."""
    folders = {}
    for copies in (20, 80):
        folders[copies] = tmp_path / str(copies)
        folders[copies].mkdir()
        for i in range(copies):
            for seed in sorted(DOCS.glob("*.txt")):
                shutil.copyfile(seed, folders[copies] / f"{i:03d}_{seed.name}")

    def extra(mode: str, copies: int) -> float:
        out = subprocess.run(
            [sys.executable, "-c", _PEAK, mode, str(folders[copies])],
            capture_output=True, text=True, check=True, timeout=300, env=os.environ.copy(),
        ).stdout.split()  # fmt: skip
        assert int(out[0]) == GOLD_ROWS * copies
        return float(out[1])

    streamed = extra("stream", 80) - extra("stream", 20)
    held = extra("read", 80) - extra("read", 20)
    assert held > 25, f"reading 300 more documents first grew the peak by only {held:.1f} MiB"
    assert streamed < 12 and streamed < held / 3, f"streamed {streamed:.1f} MiB, held {held:.1f} MiB"
