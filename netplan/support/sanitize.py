"""Making outside text safe: no control characters, no terminal escape sequences."""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC
# sequences, and the C1 forms of CSI/OSC.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
_CONTROLS_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_MULTI_LINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object, *, multiline: bool = False) -> str:
    """Strip escape sequences and control characters; keep newlines and tabs if multiline."""
    if text is None:
        return ""
    s = str(text)
    if not s.isprintable() or "\x1b" in s:
        # Lone surrogates (from undecodable bytes) cannot be stored as UTF-8 JSON.
        s = s.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(s) else s
        s = _ESCAPES.sub("", s)
        s = s.replace("\r\n", "\n")
        s = (_CONTROLS_MULTI_LINE if multiline else _CONTROLS_ONE_LINE).sub(
            "" if multiline else " ", s
        )
        if not multiline:
            s = " ".join(s.split()) if "  " in s else s
    return s


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def one_line(text: object, width: int | None = None) -> str:
    """A single display line, ellipsised to `width` characters."""
    s = clean(text)
    s = s.replace("\n", " ")
    if width is not None and len(s) > width:
        return s[: max(width - 1, 0)] + "…"
    return s
