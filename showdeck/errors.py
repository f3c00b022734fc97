"""The base of every error whose message is the whole story for a user: the CLI prints it, no traceback."""


class ShowdeckError(Exception):
    """An expected failure; its message names the cause and the fix."""
