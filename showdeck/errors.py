"""The base of every error whose message is the whole story for a user: the CLI prints it, no traceback."""


class ShowdeckError(Exception):
    """An expected failure; its message names the cause and the fix."""


class BuildError(ShowdeckError):
    """The deck could not be built; the message names the cause and the fix."""


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived: raised where the program is, so that every cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
