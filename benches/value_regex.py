"""The baseline for ``bench_parse_values.py``: a plain-Python regex parser of the same fields, written the way a user
would write one in a notebook (a few compiled patterns, one dict per cell, a DataFrame from the list of dicts).

It reads the common forms (comparators, numbers with 万/亿, units, ranges, dates, durations, a few grades) and is
timed only: it is not meant to be right on the hard cases jixiao reads (Chinese numerals, OCR repairs, rates).
"""

from __future__ import annotations

import re

import pandas as pd

OPS = {"≥": ">=", "≧": ">=", ">=": ">=", "不少于": ">=", "不低于": ">=", "大于等于": ">=", "≤": "<=", "≦": "<=",
       "<=": "<=", "不超过": "<=", "不高于": "<=", ">": ">", "大于": ">", "<": "<", "小于": "<", "约": "~",
       "=": "="}  # fmt: skip
NUMBER = re.compile(
    r"(?P<op>大于等于|不少于|不低于|不超过|不高于|大于|小于|≥|≧|>=|≤|≦|<=|>|<|=|约)?\s*"
    r"(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?:[-—~至](?P<num2>\d+(?:\.\d+)?))?\s*"
    r"(?P<mag>万|亿)?\s*(?P<unit>%|个百分点|人次|万元|元|个|人|次|家|项|天|个月|月|年|小时|km²|m²|平方米|亩|户|篇|份)?"
)
DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?:(?P<d>\d{1,2})\s*日)?\s*(?P<before>前|底|以前|之前)?"
)
TIME_UNITS = {"天": 86_400, "个月": 2_592_000, "月": 2_592_000, "年": 31_536_000, "小时": 3_600}
LEVELS = {"是": "是", "否": "否", "达标": "达标", "完成": "完成", "按时完成": "按时", "良好": "良好", "优": "优",
          "提升": "提升", "提高": "提升", "有效": "有效", "显著": "显著", "满意": "满意"}  # fmt: skip
NONE = {"", "/", "无", "不涉及", "—", "-"}


def parse(text: str) -> dict:
    """One cell into the fields of ``jixiao.VALUE_COLUMNS``."""
    row = {"text": text, "kind": "unknown", "op": None, "value": None, "low": None, "high": None, "unit": None,
           "date": None, "duration_s": None, "level": None, "qual": None, "per": None, "ref": None}  # fmt: skip
    s = text.strip()
    if s in NONE:
        row["kind"] = "none"
        return row
    if "预算" in s:
        row.update(kind="budget_ref", op="<=", ref="预算")
        return row
    m = DATE.search(s)
    if m:
        month = int(m["m"] or 12)
        day = int(m["d"]) if m["d"] else 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
        row.update(kind="date", op="<=" if m["before"] else "=", date=pd.Timestamp(int(m["y"]), month, day))
        return row
    m = NUMBER.search(s)
    if m:
        scale = {"万": 1e4, "亿": 1e8, None: 1}[m["mag"]]
        value = float(m["num"].replace(",", "")) * scale
        unit = m["unit"]
        if unit == "万元":
            value, unit = value * 1e4, "元"
        op = OPS.get(m["op"] or "=", "=")
        if m["num2"]:
            row.update(kind="range", op=None, low=value, high=float(m["num2"]) * scale, unit=unit)
        elif unit in TIME_UNITS:
            row.update(
                kind="duration", op=op, value=value * TIME_UNITS[unit], duration_s=value * TIME_UNITS[unit], unit="s"
            )
        else:
            row.update(kind="number", op=op, value=value, unit=unit)
        if s.startswith("每月"):
            row["per"] = "月"
        return row
    if any("\u4e00" <= c <= "\u9fff" for c in s):
        row.update(kind="qualitative", level=LEVELS.get(s))
    return row


def parse_values(texts: list[str]) -> pd.DataFrame:
    """Many cells into a DataFrame, as a user would: a list of dicts."""
    return pd.DataFrame([parse(t) for t in texts])
