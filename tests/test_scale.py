"""The recipe of docs/scale.md: the seeds as a corpus partitioned over a local Dask cluster give the same findings,
scores and quality as one call on one machine."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
import jixiao.batch

dd = pytest.importorskip("dask.dataframe")
import dask  # noqa: E402

DOCS = Path(__file__).parent / "fixtures" / "documents"
# Dask's own internals warn about pandas changes it has not caught up with; they are not jixiao's to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


@pytest.fixture(scope="module")
def paths():
    frame = jixiao.batch.paths_frame(DOCS)
    assert len(frame) == 5
    return dd.from_pandas(frame, npartitions=3)


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_findings_over_partitions_match_one_call(paths, scheduler):
    found = paths.map_partitions(jixiao.batch.check_paths, meta=jixiao.batch.check_paths(None))
    with dask.config.set(scheduler=scheduler):
        by_code = found.groupby("code").size().compute()
    direct = jixiao.check(jixiao.read(DOCS))
    assert by_code.sort_index().to_dict() == direct.groupby("code").size().sort_index().to_dict()


def test_scores_and_quality_over_partitions(paths):
    tables = paths.map_partitions(jixiao.batch.score_paths, meta=jixiao.batch.score_paths(None)).compute(
        scheduler="threads"
    )
    assert len(tables) == 19 and tables["n_inflated"].sum() == 5
    q = paths.map_partitions(jixiao.batch.quality_paths, meta=jixiao.batch.quality_paths(None)).compute(
        scheduler="threads"
    )
    assert len(q) == 39 and q["index"].between(0, 100).all()
    rows = paths.map_partitions(jixiao.batch.read_paths, meta=jixiao.batch.read_paths(None))
    assert len(rows) == 686


def test_a_bad_file_does_not_stop_the_corpus(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    frame = jixiao.batch.paths_frame(DOCS / "003_4ea89972e077d80e.txt", bad)
    assert len(jixiao.batch.check_paths(frame)) == 2
