"""The folder on disk: reading, editing and writing its files, the models, the problems."""
