"""The suite's network guard: the coach opens no network connection of any kind."""

from __future__ import annotations

from typing import Any


class NetworkUsed(AssertionError):
    pass


SOCKETS_OPENED: list[str] = []


def no_sockets(event: str, args: tuple[Any, ...]) -> None:
    """The coach opens no network connection of any kind: any socket fails the suite.

    An audit hook sees every socket Python creates, whoever creates it, and cannot be
    switched off by the code under test.
    """
    if event in ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"):
        SOCKETS_OPENED.append(f"{event}{args!r}")
        raise NetworkUsed(f"a socket was used ({event}); the coach must stay offline")
