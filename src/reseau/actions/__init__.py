"""What changes files: each command's write, the only users of `files.writer`."""
