"""Words people type for a kind or a tone, and the value each one means.

The file format keeps its English values whatever the language (a French user writes
`kind: meal`), but on the command line `--kind repas` or `--kind lunch` says plainly what
is meant: the command line takes these words for their value, and a file that holds one
gets that value suggested (`'lunch' is not one of: ...; did you mean 'meal'?`).
"""

from __future__ import annotations

KIND_WORDS: dict[str, str] = {
    # meal
    "lunch": "meal", "dinner": "meal", "breakfast": "meal", "coffee": "meal",
    "repas": "meal", "déjeuner": "meal", "dejeuner": "meal", "dîner": "meal",
    "diner": "meal", "petit-déjeuner": "meal", "café": "meal", "cafe": "meal",
    # meeting
    "réunion": "meeting", "reunion": "meeting", "rendez-vous": "meeting", "rdv": "meeting",
    "rencontre": "meeting", "visite": "meeting",
    # event
    "événement": "event", "evenement": "event", "salon": "event", "conférence": "event",
    "conference": "event",
    # call, video, message, email
    "appel": "call", "téléphone": "call", "telephone": "call", "phone": "call",
    "visio": "video", "visioconférence": "video", "zoom": "video",
    "sms": "message", "texto": "message", "whatsapp": "message",
    "mail": "email", "e-mail": "email", "courriel": "email",
    # intro, invite
    "présentation": "intro", "introduction": "intro", "invitation": "invite",
}  # fmt: skip

TONE_WORDS: dict[str, str] = {
    "positif": "positive", "positive": "positive", "good": "positive", "bon": "positive",
    "neutre": "neutral", "neutral": "neutral",
    "négatif": "negative", "negatif": "negative", "bad": "negative", "mauvais": "negative",
}  # fmt: skip

_WORDS = {**KIND_WORDS, **TONE_WORDS}


def meant_value(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The value among `choices` that `word` means: itself, or the value of a known word."""
    if word in choices:
        return word
    value = _WORDS.get(word.strip().casefold())
    return value if value in choices else None
