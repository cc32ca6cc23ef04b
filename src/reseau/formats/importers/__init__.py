"""Import parsers: bytes of an exported address book in, records out.

Pure functions, one module per format: `read_vcard`, `read_linkedin` and `read_google` take
the file's bytes (and the user's `--encoding`, if any) and return a `ParseResult`, where
every card or row is either an `ImportedPerson` or a `Skipped` with its line. They write
nothing and know nothing of the network folder: merging is the caller's business.
"""

from reseau.formats.importers.google import read_google
from reseau.formats.importers.linkedin import read_linkedin
from reseau.formats.importers.records import (
    ImportedPerson,
    ImportFileError,
    ParseResult,
    Skipped,
    clean_text,
)
from reseau.formats.importers.vcard import read_vcard

__all__ = [
    "ImportFileError",
    "ImportedPerson",
    "ParseResult",
    "Skipped",
    "clean_text",
    "read_google",
    "read_linkedin",
    "read_vcard",
]
