"""Import files in the real formats, built byte by byte for the transfer tests."""

from __future__ import annotations

from pathlib import Path

LINKEDIN_PREAMBLE = (
    'Notes:\r\n'
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed their '
    'connections to see or download their email address using this setting '
    'https://www.linkedin.com/psettings/privacy/email. You can learn more here '
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    '\r\n'
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
LINKEDIN_ROWS = (
    'Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.org,'
    '"Analytical Engines, Ltd",Engineer,07 Dec 2025\r\n'
    ',,,,,,\r\n'  # a deleted account
    'Grace,Hopper,https://www.linkedin.com/in/grace-hopper/,,US Navy,"Rear Admiral, retired",'
    '15 Jan 2024\r\n'
    'Émile,Zoë 🚀,https://www.linkedin.com/in/emile-zoe,,Café ☕ Co,Barista → Dev,01 Mar 2026\r\n'
    'Evil,\x1b[31mRed\x1b[0m,https://www.linkedin.com/in/evil,,"=HYPERLINK(""x"")",'
    '\x07Boss,02 Feb 2026\r\n'
)


def linkedin_csv(rows: str = LINKEDIN_ROWS, *, bom: bool = True) -> bytes:
    text = LINKEDIN_PREAMBLE + LINKEDIN_HEADER + rows
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# An older export: no URL column, columns in another order, LF line ends, no preamble.
LINKEDIN_OLD = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Linus,Torvalds,linus@example.org,Linux Foundation,Fellow,12 Aug 2019\n"
    "Margaret,Hamilton,,NASA,Director,3 Oct 2018\n"
)


def generated_linkedin(n: int) -> bytes:
    rows = []
    for i in range(n):
        company = f'"Company {i % 97}, Inc"' if i % 3 else f"Startup {i % 53}"
        rows.append(f"First{i},Last{i},https://www.linkedin.com/in/person-{i},"
                    f"{f'p{i}@example.org' if i % 4 == 0 else ''},{company},"
                    f"Engineer {i % 7},{(i % 28) + 1:02d} Dec 2025\r\n")
        if i % 250 == 0:
            rows.append(",,,,,,\r\n")
    return linkedin_csv("".join(rows))


VCARD_V3 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "UID:urn:uuid:5f0c9a43-1b2c-4d5e-8f90-123456789abc\r\n"
    "FN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;Augusta;Countess;\r\n"
    "ORG:Analytical Engines\\, Ltd;Research\r\n"
    "TITLE:Engineer\r\n"
    "EMAIL;TYPE=INTERNET,WORK:ada@example.org\r\n"
    "EMAIL;TYPE=INTERNET,HOME:ada@home.example\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0000\r\n"
    "URL:https://www.linkedin.com/in/ada-lovelace\r\n"
    "URL:https://github.com/ada\r\n"
    "ADR;TYPE=WORK:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n"
    "CATEGORIES:mentor,python\\, data,math\r\n"
    "NOTE:Met at PyCon\\; talked about the engine.\\nAsk about Babbage. This note is long \r\n"
    " enough to be folded over more than one line by a careful vCard writer.\r\n"
    "X-SOCIALPROFILE;TYPE=mastodon:https://hachyderm.io/@ada\r\n"
    "X-NETPLAN-TEST:kept as it was\r\n"
    "BDAY:1815-12-10\r\n"
    "END:VCARD\r\n"
)
VCARD_V4 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "UID:grace-hopper-0001\n"
    "FN:Grace Hopper\n"
    "EMAIL;PREF=1:grace@navy.example\n"
    "EMAIL:grace@yale.example\n"
    "ORG:US Navy\n"
    "TITLE:Rear Admiral\n"
    "KIND:individual\n"
    "END:VCARD\n"
)
VCARD_21_QP = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dupr=C3=A9;Andr=C3=A9;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Andr=C3=A9 Dupr=C3=A9\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0Aand a soft =\r\n"
    "break continues here\r\n"
    "TEL;CELL:+33 1 23 45 67 89\r\n"
    "END:VCARD\r\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
