"""Spreadsheet files as tools in the wild write them: UTF-8 with or without a BOM,
UTF-16 (Excel's "Unicode text"), Windows-1252 (an Excel re-save on Windows), with `,`,
`;` (Excel in much of Europe) or tabs between values. The encoding is used only when it
is clear (a BOM, or bytes that are valid in it); otherwise the message names what the
bytes look like. A zip archive or a vCard handed to a CSV reader is named as such."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .files import TransferError

RowsRead = Callable[[int, int], None]  # (rows done, rows in all)
SEPARATORS = (",", ";", "\t")
REPORT_EVERY = 500
SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass(frozen=True)
class Table:
    """A file's rows, each with the line it starts on, and how it was read."""

    rows: list[tuple[int, list[str]]]
    encoding: str  # "UTF-8", "UTF-16", "Windows-1252"
    separator: str


def looks_like(data: bytes) -> str | None:
    """What a file that is not a CSV looks like, or None."""
    head = data[:64].lstrip()
    if data[:4] == b"PK\x03\x04":
        return "a zip archive"
    if head[:11].upper() == b"BEGIN:VCARD":
        return "a vCard file (use `netplan import vcard`)"
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return "an iCalendar file"
    if head[:1] in (b"{", b"[") :
        return "a JSON file (a netplan export? use `netplan import yaml`)"
    if data[:5] == b"%PDF-":
        return "a PDF document"
    if data[:4] == b"\xd0\xcf\x11\xe0" :
        return "an old Excel workbook (.xls): save it as CSV first"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) when the encoding is clear; else a TransferError that says
    what the bytes look like."""
    if data[:3] == b"\xef\xbb\xbf":
        return _strict(data[3:], "utf-8", "UTF-8", path), "UTF-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _strict(data, "utf-16", "UTF-16", path), "UTF-16"
    sample = data[:400]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # Every other byte zero: UTF-16 without its mark; which half says the order.
        order = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _strict(data, order, "UTF-16", path), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    first_bad = next((i for i, b in enumerate(data) if b in _CP1252_UNDEFINED), None)
    if first_bad is None:
        return data.decode("cp1252"), "Windows-1252"
    line = data[:first_bad].count(b"\n") + 1
    raise TransferError(
        f"is neither UTF-8 nor Windows-1252 text (byte 0x{data[first_bad]:02x} fits neither); "
        "save it as CSV UTF-8 and import it again", path=path, line=line)


def _strict(data: bytes, codec: str, name: str, path: str) -> str:
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TransferError(f"starts as {name} text but byte {exc.start} is not {name}; "
                            "save it again as CSV UTF-8", path=path, line=line) from None


def sniff_separator(text: str) -> str:
    """The separator of the widest line among the first ones (preambles have few)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    best, best_count = ",", 0
    for sep in SEPARATORS:
        count = max((ln.count(sep) for ln in lines), default=0)
        if count > best_count:
            best, best_count = sep, count
    return best


def read_table(data: bytes, path: str) -> Table:
    """Every row of a CSV-like file, or a TransferError naming what is wrong with it."""
    other = looks_like(data)
    if other:
        raise TransferError(f"this is {other}, not a CSV file", path=path)
    text, encoding = decode(data, path)
    sep = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = ("a quoted value is never closed" if "end of data" in str(exc)
                   else f"not valid CSV ({exc})")
        raise TransferError(f"{problem} in the row that starts here",
                            path=path, line=start) from None
    return Table(rows, encoding, sep)


def header_key(cell: str) -> str:
    """A header cell as compared: lower case, spaces collapsed, no BOM or quotes."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def counted(rows: list[tuple[int, list[str]]], on_rows: RowsRead | None,
            ) -> Iterator[tuple[int, list[str]]]:
    """The rows, telling `on_rows` every few hundred how many have gone by."""
    total = len(rows)
    for n, row in enumerate(rows, 1):
        yield row
        if on_rows is not None and (n % REPORT_EVERY == 0 or n == total):
            on_rows(n, total)

