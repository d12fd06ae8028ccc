"""The CJK font jixiao.plot draws Chinese with: found once per process, registered with matplotlib when matplotlib's
font cache does not know it (a font installed after the cache was built, or a ``.ttc`` collection that an older
matplotlib did not scan). matplotlib is imported on the first call, not on import.

jixiao.plot 绘制中文所用的 CJK 字体：每个进程查找一次，必要时向 matplotlib 注册。
"""

from __future__ import annotations

import functools
import os
import re

# In order of preference: Simplified Chinese sans designs, then serif, then the other regions of the same designs
# (their ideographs cover Chinese, with regional glyph shapes; matplotlib < 3.10 sees only a .ttc's first face, which
# is the JP one of Noto's collections).
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
    "SimHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC", "Noto Sans CJK TC",
    "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR", "Source Han Sans TC", "Source Han Sans JP",
    "Source Han Sans", "Noto Serif CJK TC", "Noto Serif CJK JP", "Noto Serif CJK KR", "Source Han Serif",
    "Arial Unicode MS",
)  # fmt: skip
# Font files that may hold one of those families, by file name.
_CJK_FILE = re.compile(
    r"noto(sans|serif)(mono)?cjk|noto(sans|serif)sc|sourcehan|source-han|wqy|wenquanyi|simhei|msyh|pingfang|"
    r"hiragino sans gb|stheiti|arial unicode",
    re.IGNORECASE,
)
# Characters a Latin font lacks: CJK radicals, punctuation, kana, ideographs, Hangul, compatibility ideographs,
# full-width forms and the supplementary ideograph planes.
HAS_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")


@functools.cache
def cjk_family() -> str | None:
    """The family name of an installed CJK font, registered with matplotlib's font manager; ``None`` when the
    system has none. Cached: the search runs once per process."""
    from matplotlib import font_manager

    found = _known_family()
    if found is None:
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for path in sorted(set(font_manager.findSystemFonts())):
            if path not in known and _CJK_FILE.search(os.path.basename(path)):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable or unsupported file
                    continue
        found = _known_family()
    return found


def _known_family() -> str | None:
    """The first of ``CJK_FAMILIES`` that matplotlib's font manager knows and that has Chinese glyphs."""
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            try:
                path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
                if font_manager.get_font(path).get_char_index(ord("中")):
                    return family
            except (OSError, RuntimeError, ValueError):
                continue
    return None
