"""reseau: cultivate a durable professional network from plain YAML files."""

__version__ = "0.1.0"
