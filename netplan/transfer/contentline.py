"""Content lines, the syntax vCard (RFC 6350 / 2426) and iCalendar (RFC 5545) share.

`NAME;PARAM=value;PARAM="quoted":value`, folded at 75 octets with CRLF + space,
text values escaped with backslashes. Quoted-printable (vCard 2.1 / 3.0 from old
phones) is decoded when reading.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..support.sanitize import snippet
from .files import TransferError

CRLF = "\r\n"
_LINE_END = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?$")


@dataclass
class ContentLine:
    name: str  # upper case, without group
    params: dict[str, list[str]] = field(default_factory=dict)  # upper-case keys
    value: str = ""  # raw (still escaped, still encoded)
    line: int = 0  # first physical line in the file
    raw: str = ""  # the unfolded line as read, to write back unchanged
    group: str = ""

    def param(self, key: str) -> list[str]:
        return self.params.get(key.upper(), [])

    def types(self) -> set[str]:
        """TYPE values, including vCard 2.1's bare parameters (`TEL;CELL:`)."""
        out = {t.lower() for v in self.param("TYPE") for t in v.split(",")}
        out |= {k.lower() for k, v in self.params.items() if v == [""]}
        return out

    def decoded(self) -> str:
        """The value with quoted-printable (and its charset) decoded; escapes kept."""
        encoding = " ".join(self.param("ENCODING")).upper()
        if "QUOTED-PRINTABLE" not in encoding and "QUOTED-PRINTABLE" not in self.params:
            return self.value
        charset = (self.param("CHARSET") or ["utf-8"])[0]
        data = quopri.decodestring(self.value.encode("latin-1", "replace"))
        try:
            return data.decode(charset, "replace")
        except LookupError:
            return data.decode("utf-8", "replace")


def unfold(text: str) -> Iterator[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on.

    A line starting with a space or tab continues the previous one; a quoted-printable
    value ending in `=` continues on the next line (vCard 2.1 soft line breaks).
    """
    current: str | None = None
    start = 0
    # Only CR and LF end lines (str.splitlines would also split on U+2028 in a note).
    for number, physical in enumerate(_LINE_END.split(text), 1):
        if current is not None and physical[:1] in (" ", "\t"):
            current += physical[1:]
            continue
        if current is not None and current.endswith("=") and _is_quoted_printable(current):
            current = current[:-1] + physical
            continue
        if current is not None:
            yield start, current
        current, start = physical, number
    if current is not None:
        yield start, current


def _is_quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def parse_line(text: str, number: int, source: str | None = None) -> ContentLine:
    """Split `group.NAME;P=v:value`; a line without a name and a colon is an error."""
    i, n = 0, len(text)
    while i < n and text[i] not in ";:":
        i += 1
    full_name = text[:i]
    if i >= n or not _NAME.match(full_name):
        raise TransferError(
            f"not a vCard/iCalendar line: {snippet(text)!r} (expected NAME:value)",
            path=source, line=number)
    group, _, name = full_name.rpartition(".")
    params: dict[str, list[str]] = {}
    while i < n and text[i] == ";":
        i += 1
        key_start = i
        while i < n and text[i] not in "=;:":
            i += 1
        key = text[key_start:i].upper()
        values: list[str] = []
        if i < n and text[i] == "=":
            i += 1
            while True:
                if i < n and text[i] == '"':
                    end = text.find('"', i + 1)
                    if end < 0:
                        raise TransferError("a quoted parameter is never closed",
                                            path=source, line=number)
                    values.append(text[i + 1:end])
                    i = end + 1
                else:
                    s = i
                    while i < n and text[i] not in ",;:":
                        i += 1
                    values.append(text[s:i])
                if i < n and text[i] == ",":
                    i += 1
                    continue
                break
        else:
            values = [""]  # vCard 2.1 bare parameter: `TEL;CELL:...`
        params.setdefault(key, []).extend(values)
    if i >= n or text[i] != ":":
        raise TransferError("a line has no ':' before its value", path=source, line=number)
    return ContentLine(name.upper(), params, text[i + 1:], number, text, group)


def unescape(value: str) -> str:
    out: list[str] = []
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch == "\\" and i + 1 < n:
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_unescaped(value: str, sep: str) -> list[str]:
    """Split a structured value on separators that are not backslash-escaped."""
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def escape(value: str) -> str:
    """A TEXT value: backslash, comma, semicolon and newlines escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character; CRLF ends."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + CRLF
    pieces: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return (CRLF + " ").join(pieces) + CRLF
