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
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_CONTROLS_MULTI_LINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object, *, multiline: bool = False) -> str:
    """Strip escape sequences and control characters; keep newlines and tabs if multiline.

    Bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) go too:
    they would reorder what follows them on the line (the Unicode bidi algorithm
    lays out right-to-left scripts without them).
    """
    if text is None:
        return ""
    s = str(text)
    if not s.isprintable() or "\x1b" in s:  # bidi controls are not printable
        # Lone surrogates (from undecodable bytes) cannot be stored as UTF-8 JSON.
        s = s.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(s) else s
        s = _ESCAPES.sub("", s)
        s = _BIDI.sub("", s)
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


def snippet(text: object, width: int = 40) -> str:
    """A short, safe quote of outside text for an error message (never over 60 cells)."""
    return one_line(text, min(width, 60))


# json.dumps escapes C0 itself; with ensure_ascii=False it leaves DEL, C1 (U+009B is a
# CSI), bidi controls and the Unicode line/paragraph separators raw.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_json_controls(json_text: str) -> str:
    """JSON text (from json.dumps) with every remaining control written as `\\uXXXX`.

    Such characters only occur inside JSON strings, so the data read back is unchanged.
    """
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
