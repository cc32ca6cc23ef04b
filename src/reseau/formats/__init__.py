"""Other programs' files: importers (bytes in, records out), exporters (records in, bytes out)."""
