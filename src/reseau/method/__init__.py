"""The method's recommendations as pure functions of (network, settings, today)."""
