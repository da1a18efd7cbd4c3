"""What a CSV file is, told by its header: which LinkedIn export file, a Google Contacts
or Outlook export, or something else; so each import refuses a file that is not its own
with a message that says what the file looks like and which command reads it."""

from __future__ import annotations

from .table_files import header_key

# LinkedIn writes Connections.csv's header in the member's language.
CONNECTION_COLUMNS = {
    "first": ("first name", "vorname", "prénom", "prenom", "nombre", "nome", "voornaam"),
    "last": ("last name", "nachname", "nom", "nom de famille", "apellidos", "apellido",
             "sobrenome", "cognome", "achternaam"),
    "url": ("url", "profile url", "profil-url", "url du profil", "url del perfil",
            "url do perfil", "url del profilo", "profiel-url"),
    "email": ("email address", "e-mail address", "email", "e-mail", "e-mail-adresse",
              "adresse e-mail", "adresse email", "dirección de correo electrónico",
              "correo electrónico", "endereço de e-mail", "endereço de email", "e-mail address",
              "indirizzo email", "indirizzo e-mail", "e-mailadres"),
    "company": ("company", "unternehmen", "firma", "entreprise", "société", "empresa",
                "azienda", "bedrijf"),
    "position": ("position", "poste", "cargo", "posizione", "ruolo", "functie", "titel",
                 "posição"),
    "connected": ("connected on", "verbunden am", "date de connexion", "connecté le",
                  "conectado el", "fecha de conexión", "conectado em", "data de conexão",
                  "collegato il", "data di collegamento", "verbonden op", "verbonden sinds"),
}
_CONNECTION_LOOKUP = {name: key for key, names in CONNECTION_COLUMNS.items() for name in names}

ADVICE = {
    "linkedin-profile": "this looks like LinkedIn's Profile.csv (your own profile), not "
                        "Connections.csv",
    "google": "this looks like a Google Contacts CSV: use `netplan import csv`",
    "outlook": "this looks like an Outlook contacts CSV: use `netplan import csv`",
    "linkedin-connections": "this looks like LinkedIn's Connections.csv: use "
                            "`netplan import linkedin`",
    "linkedin-messages": "this looks like LinkedIn's messages.csv: use `netplan import linkedin`",
    "linkedin-invitations": "this looks like LinkedIn's Invitations.csv: use "
                            "`netplan import linkedin`",
    "linkedin-notes": "this looks like LinkedIn's Notes.csv: use `netplan import linkedin`",
}


def connection_columns(cells: list[str]) -> dict[str, int] | None:
    """Column of each Connections.csv field, when `cells` is its header (any language)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _CONNECTION_LOOKUP.get(header_key(cell))
        if key and key not in found:
            found[key] = i
    return found if "first" in found and "last" in found else None


def kind_of(cells: list[str]) -> str | None:
    """The kind of file whose header `cells` is, or None when it is no header netplan knows."""
    h = {header_key(c) for c in cells}
    if {"conversation id", "content"} <= h or {"conversation id", "from", "to"} <= h:
        return "linkedin-messages"
    if "direction" in h and ({"sent at", "from", "to"} <= h or "invitermessage" in h):
        return "linkedin-invitations"
    if ({"headline", "industry"} <= h or {"headline", "summary"} <= h) and "first name" in h:
        return "linkedin-profile"
    if "e-mail 1 - value" in h or "email 1 - value" in h or "group membership" in h \
            or "given name" in h or ("labels" in h and "middle name" in h):
        return "google"
    if ("e-mail address" in h or "e-mail display name" in h) and (
            {"business phone", "mobile phone", "job title", "middle name"} & h):
        return "outlook"
    if connection_columns(cells) is not None:
        return "linkedin-connections"
    if ("note" in h or "notes" in h) and (h & {"url", "profile url", "member profile url"}):
        return "linkedin-notes"
    return None
