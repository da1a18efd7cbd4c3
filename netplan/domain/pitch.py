"""Elevator pitches: word count and how long the pitch takes to say out loud."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS_PER_MINUTE = 150  # a calm speaking pace
LIMIT_SECONDS = 30  # the elevator ride
TEMPLATE_HINT = ("Who you are · what you do · where you want to be in 12 months. "
                 "Aim for about 75 words: 30 seconds out loud.")

# A word holds at least one letter or digit, so a lone dash or emoji is not counted.
_WORD = re.compile(r"\S*[^\W_]\S*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


@dataclass(frozen=True)
class PitchStats:
    words: int
    seconds: int  # rounded to the nearest second

    @property
    def over(self) -> bool:
        return self.words * 60 > LIMIT_SECONDS * WORDS_PER_MINUTE

    @property
    def label(self) -> str:
        noun = "word" if self.words == 1 else "words"
        return f"{self.words} {noun} · about {self.seconds} s spoken"


def pitch_stats(text: str) -> PitchStats:
    words = word_count(text)
    return PitchStats(words, round(words * 60 / WORDS_PER_MINUTE))
