"""Dates as exports from the wild write them: LinkedIn's `07 Dec 2025`, an Excel re-save's
`8-Feb-26`, `03/15/2024`, `Mar 15, 2024`, `15.03.2024`, and month names in German,
French, Spanish, Portuguese, Italian and Dutch (`12 Mär 2024`, `08 févr. 2026`).

Month names are read from a small table, never through the locale; numeric forms go to
python-dateutil (month first, as LinkedIn's US exports write them, unless the first
number cannot be a month)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil import parser as dateutil_parser

# The start of a month's name (accents dropped, lower case) -> its number. Longer starts
# are tried first, so "juin"/"juil" and "mar"/"mars" never collide.
MONTH_STARTS = {
    1: ("january", "januar", "janvier", "janv", "jan", "jän", "jaen", "enero", "ene", "janeiro",
        "gennaio", "gen", "januari"),
    2: ("february", "februar", "fevrier", "fevr", "fev", "feb", "febrero", "fevereiro",
        "febbraio", "februari"),
    3: ("march", "marz", "maerz", "mars", "marzo", "marco", "maart", "mrt", "mar"),
    4: ("april", "avril", "avr", "abril", "abr", "aprile", "apr"),
    5: ("may", "mai", "mayo", "maio", "maggio", "mag", "mei"),
    6: ("june", "juni", "juin", "junio", "junho", "giugno", "giu", "jun"),
    7: ("july", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "jul"),
    8: ("august", "aout", "agosto", "ago", "augustus", "aug"),
    9: ("september", "septembre", "septiembre", "setembro", "settembre", "sept", "sep", "set"),
    10: ("october", "oktober", "octobre", "octubre", "outubro", "ottobre", "okt", "oct", "out",
         "ott"),
    11: ("november", "novembre", "noviembre", "novembro", "nov"),
    12: ("december", "dezember", "decembre", "diciembre", "dezembro", "dicembre", "dez", "dec",
         "dic"),
}
_STARTS = sorted(((s, m) for m, names in MONTH_STARTS.items() for s in names),
                 key=lambda pair: -len(pair[0]))
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_TOKENS = re.compile(r"[^\W\d_]+|\d+")


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def month_of(word: str) -> int | None:
    """The month a name or abbreviation stands for, in any of the languages above."""
    w = _plain(word).rstrip(".")
    if len(w) < 3:
        return None
    for start, month in _STARTS:
        if w.startswith(start):
            return month
    return None


def _year(n: int, digits: int) -> int:
    if digits == 4:
        return n
    return 2000 + n if n < 70 else 1900 + n


def parse_date(text: str) -> str | None:
    """The ISO date `text` stands for, or None when it cannot be read for sure."""
    s = " ".join(str(text or "").split())
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    try:
        m = _DOTTED.match(s)
        if m:  # 15.03.2024: day first, as everywhere dots are used
            return dt.date(_year(int(m.group(3)), len(m.group(3))), int(m.group(2)),
                           int(m.group(1))).isoformat()
        tokens = _TOKENS.findall(s)
        # Words that name no month (AM, UTC, "de") are left aside.
        found = [m for t in tokens if not t.isdigit() and (m := month_of(t))]
        if len(found) > 1:
            return None
        if found:
            numbers = [t for t in tokens if t.isdigit()][:2]
            if len(numbers) != 2:
                return None
            four = [n for n in numbers if len(n) == 4]
            year_text = four[0] if four else numbers[-1]
            day_text = next(n for n in numbers if n is not year_text)
            return dt.date(_year(int(year_text), len(year_text)), found[0],
                           int(day_text)).isoformat()
        if not re.fullmatch(r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}([ ,T].*)?", s):
            return None
        return dateutil_parser.parse(s, dayfirst=False).date().isoformat()
    except (ValueError, OverflowError, StopIteration):
        return None
