"""The PSEUDONYM_KEY tests run with (conftest.py puts it in the environment for subprocesses)."""

PSEUDONYM_KEY = "test-pseudonym-key-0123456789abcdef"
