"""Exceptions of the library. The CLI turns them into one-line messages at its boundary."""

from __future__ import annotations

__all__ = ["CorroborateError", "ReadError", "StoreError"]


class CorroborateError(Exception):
    """Base class of every error this package raises on purpose."""


class ReadError(CorroborateError):
    """An input could not be read; the message is the reason, fit for one line."""


class StoreError(CorroborateError):
    """The store could not be opened or written."""
