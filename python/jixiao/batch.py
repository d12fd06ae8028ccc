"""Batch helpers for corpora larger than one machine: functions of a partition of file paths, for an engine that
maps them over partitions (Dask's ``map_partitions``; Spark's ``mapInPandas`` works the same way).

大规模批处理：按文件路径分区，在 Dask 等引擎上逐分区读取、校验、评分。The recipe is in ``docs/scale.md``::

    import dask.dataframe as dd
    import jixiao.batch

    paths = dd.from_pandas(jixiao.batch.paths_frame("corpus/"), npartitions=64)
    findings = paths.map_partitions(jixiao.batch.check_paths, meta=jixiao.batch.check_paths(None))
    per_table = paths.map_partitions(jixiao.batch.score_paths, meta=jixiao.batch.score_paths(None))
    findings.groupby("code").size().compute()

Each function takes a pandas frame with a ``path`` column (or None, which gives the empty frame with the output
columns, the ``meta`` Dask asks for) and returns one pandas frame; unreadable files are skipped, so one bad file
does not stop a corpus. A partition's files are read in batches and dropped once their rows are taken, so a
partition's size is bounded by its result, not by its documents.
"""

from __future__ import annotations

import os

import pandas as pd

from jixiao.checks import check
from jixiao.documents import indicators
from jixiao.scores import quality, score


def paths_frame(*paths: str | os.PathLike[str]) -> pd.DataFrame:
    """A frame with one ``path`` row per document under the given files, folders or glob patterns."""
    from jixiao.documents import _expand

    return pd.DataFrame({"path": _expand(list(paths))})


def _paths(part: pd.DataFrame | None) -> list[str]:
    return [] if part is None or len(part) == 0 else list(part["path"])


def read_paths(part: pd.DataFrame | None) -> pd.DataFrame:
    """The indicator frame (:func:`jixiao.indicators`) of a partition's files."""
    return indicators(_paths(part), errors="skip")


def check_paths(part: pd.DataFrame | None, profile: str | None = None) -> pd.DataFrame:
    """The findings (:func:`jixiao.check`) of a partition's files."""
    return check(_paths(part), profile, errors="skip")


def score_paths(part: pd.DataFrame | None, profile: str | None = None) -> pd.DataFrame:
    """The re-scored tables (:func:`jixiao.score` ``.tables``) of a partition's files."""
    return score(_paths(part), profile, errors="skip").tables


def quality_paths(part: pd.DataFrame | None, profile: str | None = None) -> pd.DataFrame:
    """The quality of each table (:func:`jixiao.quality` ``.tables``) of a partition's files."""
    return quality(_paths(part), profile, errors="skip").tables
