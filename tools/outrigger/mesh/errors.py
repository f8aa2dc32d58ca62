"""The failure ./mesh expects and reports as one line plus a hint."""


class MeshError(Exception):
    """An expected failure: printed as one line plus a hint, never as a traceback."""

    def __init__(self, message, hint=None, details=None):
        super().__init__(message)
        self.hint = hint
        self.details = details
