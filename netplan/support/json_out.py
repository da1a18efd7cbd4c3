"""JSON for people and scripts to read (`--json`, the JSON export): indented, UTF-8, every
control character (C1 and bidi controls too) written as a `\\uXXXX` escape. orjson writes
it (about 4× faster than the standard library at 10,000 contacts); what orjson cannot hold
(an integer past 64 bits in a damaged store) goes through the standard library."""

from __future__ import annotations

import json
from typing import Any

import orjson

from .sanitize import escape_json_controls


def pretty_json(data: Any) -> str:
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return escape_json_controls(text)
