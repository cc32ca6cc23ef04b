"""Writing the network for other tools: vCard for phones, CSV for spreadsheets, ICS for calendars.

Exports are for sharing (recommendation 9): what is private stays out unless `private` is
asked for, and then each format adds what it can hold: the notes in a vCard; nature, score,
tier, last met, gave, received, balance and notes in the CSV.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reseau.files.model import Contact


@dataclass(frozen=True, slots=True)
class Selection:
    circle: str | None = None
    tag: str | None = None
    status: str | None = None

    def keeps(self, contact: Contact) -> bool:
        return (
            (self.circle is None or self.circle in contact.circles)
            and (self.tag is None or self.tag in contact.tags)
            and (self.status is None or contact.status == self.status)
        )


def select(contacts: dict[str, Contact], selection: Selection) -> Iterable[tuple[str, Contact]]:
    return ((slug, c) for slug, c in contacts.items() if selection.keeps(c))
