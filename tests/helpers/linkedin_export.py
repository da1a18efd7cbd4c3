"""LinkedIn's data export as it arrives, built by the tests: the zip with Connections,
messages, Invitations, Notes and Profile, Connections.csv in each language LinkedIn
writes it, Excel re-saves (`;`, Windows-1252, UTF-16) and other tools' contacts CSVs."""

from __future__ import annotations

import io
import zipfile

from .transfer_files import LINKEDIN_PREAMBLE

ME = "https://www.linkedin.com/in/me-myself"
ADA = "https://www.linkedin.com/in/ada-lovelace"
GRACE = "https://www.linkedin.com/in/grace-hopper"
LIN = "https://www.linkedin.com/in/lin-clark"

CONNECTIONS = (LINKEDIN_PREAMBLE
               + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
               f"Ada,Lovelace,{ADA},ada@example.org,Engines,Engineer,07 Dec 2025\r\n"
               f"Grace,Hopper,{GRACE},,US Navy,Admiral,15 Jan 2024\r\n"
               f"Lin,Clark,{LIN},,Fastly,Engineer,01 Mar 2026\r\n")

MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
                   "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\r\n")


def message(conv: str, sender: tuple[str, str], to: tuple[str, str], stamp: str,
            content: str) -> str:
    return (f'{conv},,{sender[0]},{sender[1]},{to[0]},{to[1]},{stamp},,"{content}",INBOX\r\n')


MY = ("Me Myself", ME)
AD = ("Ada Lovelace", ADA)
GR = ("Grace Hopper", GRACE)
LC = ("Lin Clark", LIN)
STRANGER = ("Sam Stranger", "https://www.linkedin.com/in/sam-stranger")

# Three conversations I started (Ada replied, Grace did not, a stranger not a contact),
# one Lin started; every date in the week 2026-W48 (Mon 23 – Sun 29 Nov 2026).
MESSAGES = (MESSAGES_HEADER
            + message("c-ada", MY, AD, "2026-11-23 09:00:00 UTC", "Hi Ada, coffee?")
            + message("c-ada", AD, MY, "2026-11-24 10:30:00 UTC", "Gladly, Thursday")
            + message("c-grace", MY, GR, "2026-11-24 11:00:00 UTC", "Hello Grace")
            + message("c-lin", LC, MY, "2026-11-25 08:00:00 UTC", "Saw your talk")
            + message("c-lin", MY, LC, "2026-11-25 09:00:00 UTC", "Thanks Lin!")
            + message("c-sam", MY, STRANGER, "2026-11-26 09:00:00 UTC", "Hi Sam"))

INVITATIONS = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
               f'Me Myself,Grace Hopper,"11/27/26, 10:22 AM","Loved your talk on COBOL",'
               f"OUTGOING,{ME},{GRACE}\r\n"
               f'Lin Clark,Me Myself,"11/20/26, 8:00 AM",,INCOMING,{LIN},{ME}\r\n')

NOTES = ("Date,Note,Profile URL\r\n"
         f'2026-11-01,"Met at PyCon, wants to mentor",{ADA}\r\n')

PROFILE = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
           "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
           "Me,Myself,,,,Career changer,Learning Python,Software,,Berlin,,,\r\n")


def export_zip(**files: str) -> bytes:
    """A zip as LinkedIn sends it (files in the archive's top folder)."""
    files = files or {"Connections.csv": CONNECTIONS, "messages.csv": MESSAGES,
                      "Invitations.csv": INVITATIONS, "Notes.csv": NOTES,
                      "Profile.csv": PROFILE}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, b"\xef\xbb\xbf" + text.encode("utf-8"))
        z.writestr("Rich_Media.csv", "Date/Time,Media Link\r\n")
    return buf.getvalue()


# Connections.csv's header and one row in each language LinkedIn exports, with a date
# as that language writes it.
LANGUAGES = {
    "en": ("First Name,Last Name,URL,Email Address,Company,Position,Connected On",
           "08 Feb 2026"),
    "de": ("Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am",
           "12 Mär 2024"),
    "fr": ("Prénom,Nom,URL,Adresse e-mail,Entreprise,Poste,Date de connexion", "08 févr. 2026"),
    "es": ("Nombre,Apellidos,URL,Dirección de correo electrónico,Empresa,Cargo,Conectado el",
           "03 ene 2025"),
    "pt": ("Nome,Sobrenome,URL,Endereço de e-mail,Empresa,Cargo,Conectado em", "15 set 2023"),
    "it": ("Nome,Cognome,URL,Indirizzo email,Azienda,Posizione,Collegato il", "21 giu 2022"),
    "nl": ("Voornaam,Achternaam,URL,E-mailadres,Bedrijf,Functie,Verbonden op", "05 mrt 2021"),
}
LANGUAGE_DATES = {"en": "2026-02-08", "de": "2024-03-12", "fr": "2026-02-08",
                  "es": "2025-01-03", "pt": "2023-09-15", "it": "2022-06-21", "nl": "2021-03-05"}


def connections_in(language: str, *, sep: str = ",", date: str | None = None) -> str:
    header, written = LANGUAGES[language]
    row = ["Zoë", "Müller", "https://www.linkedin.com/in/zoe-muller", "zoe@example.org",
           "Café Co", "Entwicklerin", date or written]
    row = [f'"{cell}"' if sep in cell else cell for cell in row]
    return "Notes:\r\n\r\n" + header.replace(",", sep) + "\r\n" + sep.join(row) + "\r\n"


GOOGLE_CSV = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,"
    "Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,"
    "Phone 2 - Value,Website 1 - Label,Website 1 - Value\r\n"
    "Priya,,Raman,,,,Stripe,Staff Engineer,,Met at PyCon,* myContacts ::: mentors,* Home,"
    "priya@example.org,Work,priya@stripe.test,Mobile,+44 7700 900123,Work,+44 20 7946 0000,"
    "Profile,https://www.linkedin.com/in/priya-raman\r\n"
    "Ada,,Lovelace,,,,Engines,,,,* myContacts,,ada@example.org,,,,,,,,\r\n")

OUTLOOK_CSV = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,E-mail 2 Address,"
    "Home Phone,Business Phone,Mobile Phone,Job Title,Department,Company,Web Page,Notes,"
    "Categories\r\n"
    "Tom,,Okafor,Mr.,,,tom@example.org,,,+1 555 0100,+1 555 0199,CTO,,Initech,,"
    "Old friend,Mentors;Founders\r\n")
