"""Log records a library raises while a file is read, told once with the file's name.

pypdf logs what it repairs in a damaged file ("Invalid parent xref., rebuild xref",
"Object 172 0 not defined.") on its own loggers, without saying which file. With no
logging configured, those records reached the terminal of `corpus ingest` as bare lines
above the run's table, where the file's row already says what went wrong. While a loader
reads a file (`told_with`), the records of the named libraries are collected instead and
logged once under this module's logger at INFO, led by the file's name; outside a read
they reach the root logger's handlers as before. The collection is per thread and per
task (a context variable), so files read side by side keep their own records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

log = logging.getLogger(__name__)

_collected: ContextVar[list[str] | None] = ContextVar("library_messages", default=None)


class _Collector(logging.Handler):
    """Keeps a record for the file being read; passes it on to the root logger otherwise."""

    def emit(self, record: logging.LogRecord) -> None:
        messages = _collected.get()
        if messages is None:
            logging.getLogger().handle(record)
        else:
            messages.append(record.getMessage())


def _install(library: str) -> None:
    """Our handler on the library's logger, in place of propagation.

    Checked at every read, not once: a logging configuration applied since (Prefect's, a
    test harness's) may have reset the logger's handlers and propagation.
    """
    logger = logging.getLogger(library)
    if not any(isinstance(handler, _Collector) for handler in logger.handlers):
        logger.addHandler(_Collector())
    logger.propagate = False


@contextmanager
def told_with(source: str, library: str) -> Iterator[list[str]]:
    """Collect `library`'s log records while reading `source`; log them once, named, at the end.

    Yields the list the messages are collected in (each message once, in order, at exit).
    """
    _install(library)
    messages: list[str] = []
    token = _collected.set(messages)
    try:
        yield messages
    finally:
        _collected.reset(token)
        messages[:] = list(dict.fromkeys(messages))
        if messages:
            log.info("%s: %s: %s", source, library, "; ".join(messages))
