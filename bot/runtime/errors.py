"""The one error a bad setting raises (its own module, so settings' helpers can raise it too)."""


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one sentence naming the key and the fix."""
