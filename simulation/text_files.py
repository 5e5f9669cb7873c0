"""Reading the user's text files (parameters, scenarios, edge lists) with one-line errors.

A folder, a binary file or a UTF-16 export given where UTF-8 text is expected is named as
such instead of escaping as a decoding traceback.
"""

from __future__ import annotations

import errno
from os import PathLike
from pathlib import Path

from simulation.errors import ParameterError

_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class MissingFile(FileNotFoundError):
    """A named file that does not exist; reads as 'path: what not found'."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def read_text(path: str | PathLike, what: str = "text") -> str:
    """The UTF-8 text of `path`; FileNotFoundError if missing, ParameterError if unusable."""
    path = Path(path)
    if path.is_dir():
        raise ParameterError(f"{path}: is a folder, not the {what} file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingFile(errno.ENOENT, f"{what} file not found", str(path)) from None
    except OSError as err:
        raise ParameterError(f"{path}: cannot read the {what} file ({err.strerror or err})") from None
    return decode_text(data, path, what)


def decode_text(data: bytes, path: str | PathLike, what: str = "text") -> str:
    """`data` as UTF-8 text, or a ParameterError saying what the bytes look like instead."""
    if data.startswith(_UTF16_MARKS) or _looks_utf16(data[:64]):
        raise ParameterError(f"{path}: the {what} file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise ParameterError(f"{path}: the {what} file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ParameterError(f"{path}: the {what} file is not UTF-8 text (byte {err.start} "
                             "cannot be decoded); save it as UTF-8") from None


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of plain text is zero."""
    high, low = head[0::2], head[1::2]
    return len(head) >= 4 and (not any(high) or not any(low))
