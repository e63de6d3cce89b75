"""The exception classes of taizhang, one for each C++ class of its single error family.

Each is a subclass of :class:`Error` and, where one fits, of a built-in exception, so that code
which already catches ``ValueError`` or ``PermissionError`` keeps working.
"""

from __future__ import annotations

import builtins
from typing import Any


class Error(Exception):
    """The root of taizhang's exceptions.

    Parameters
    ----------
    text : str
        The full message, with the place the bad input came from in front of it.
    code : str
        The error's category: ``"parse"``, ``"validation"``, ``"unit_mismatch"``,
        ``"overflow"``, ``"not_found"``, ``"io"``, ``"storage"``, ``"permission_denied"``,
        ``"conflict"`` or ``"internal"``.
    message : str
        The message without the place.
    file, line, column, path
        Where the bad input came from: a file (or another name for the input), a 1-based line
        and column (0 when unknown), a field path such as ``"initiatives[3].targets[1].value"``.
    message_id : str
        The stable identifier of the message: its English template with ``{placeholders}``,
        the same as the C++ ``Error::message_id()``. ``message`` is it rendered in the language
        of the moment (:func:`taizhang.language`).
    arguments : dict of str to str
        The values of the placeholders, to render the error in one's own words.
    """

    code: str
    message: str
    message_id: str
    arguments: dict[str, str]
    file: str
    line: int
    column: int
    path: str

    def __init__(
        self,
        text: str = "",
        *,
        code: str = "internal",
        message: str | None = None,
        file: str = "",
        line: int = 0,
        column: int = 0,
        path: str = "",
        message_id: str | None = None,
        arguments: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(text)
        self.code = code
        self.message = text if message is None else message
        self.message_id = self.message if message_id is None else message_id
        self.arguments = {} if arguments is None else dict(arguments)
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        for key, value in extra.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.message


class ParseError(Error, ValueError):
    """Text that cannot be read: a number, a date, a period, JSON (with line and column)."""


class ValidationError(Error, ValueError):
    """Input that breaks the model's rules.

    Attributes
    ----------
    issues : list of Issue
        Every problem found, each with its ``path`` and ``message``; ``path`` of the exception
        is the first error's.
    """

    issues: list[Any]

    def __init__(self, text: str = "", *, issues: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.issues = list(issues or [])


class UnitError(Error, ValueError):
    """A conversion between units of measure that makes no sense (所 into 名), or an unknown unit."""


class OverflowError(Error, builtins.OverflowError):  # noqa: A001 - mirrors taizhang::OverflowError
    """Exact arithmetic that would leave the representable range; never wraps."""


class NotFoundError(Error, LookupError):
    """A named thing (plan, unit, target, report) that is not there."""


class IoError(Error, OSError):
    """A file that cannot be read or written."""


class PermissionDenied(Error, PermissionError):
    """The actor may not do this; nothing was written."""


class ConflictError(Error):
    """The operation contradicts what is stored (a plan imported twice, a report submitted twice)."""


class StorageError(Error, OSError):
    """The ledger file cannot be used as asked.

    Attributes
    ----------
    fault : str
        ``"cannot_open"``, ``"not_sqlite"``, ``"not_a_ledger"``, ``"too_new"``, ``"corrupt"``,
        ``"busy"``, ``"full"``, ``"read_only"`` or ``"other"``.
    """

    fault: str

    def __init__(self, text: str = "", *, fault: str = "other", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.fault = fault


__all__ = [
    "ConflictError",
    "Error",
    "IoError",
    "NotFoundError",
    "OverflowError",
    "ParseError",
    "PermissionDenied",
    "StorageError",
    "UnitError",
    "ValidationError",
]
