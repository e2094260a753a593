"""Tab states on disk without Redis: file names that leave no trace in memory, and a rare clean-up.

Reflex's disk state manager keeps each substate of each tab in a file named after a digest
of its token. Two of its habits cost a long-running worker dearly, and ``tune`` replaces
them on the app's manager:

- **File names**: it builds each file's path with ``pathlib``, which on Python 3.12 interns
  every part of a path it parses, and interned strings there are never freed. Every tab
  left about 80 file names (one per substate) in memory for good: some 7 KB a tab, and, worse,
  each one pinning a block of Python's small-object memory that could otherwise go back to the
  system. ``state_file_namer`` names the same file as plain text.
- **Clean-up**: after every pass of its write queue (about every 2 s) it lists and stats
  every file of the states folder looking for ones past the token expiration (an hour):
  at 72,000 files (a thousand tabs), 350 ms of a thread holding the interpreter lock each
  time, while events wait. Here the folder is scanned every ``PURGE_SECONDS``, with one
  ``os.scandir`` that builds no paths (``expired_files_purger``).
"""

import builtins
import hashlib
import os
import time
from collections.abc import Callable
from typing import IO, Any

from reflex.istate.manager.disk import StateManagerDisk

PURGE_SECONDS = 300
"""How often this worker looks for state files older than Reflex's token expiration (an hour) and deletes them."""


class StateFile(str):
    """A state file's path as plain text, with what Reflex's disk manager does with one."""

    __slots__ = ()

    def exists(self) -> bool:
        return os.path.exists(self)

    def open(self, mode: str = "r") -> IO[Any]:
        return builtins.open(self, mode)

    def write_bytes(self, data: bytes) -> int:
        with builtins.open(self, "wb") as file:
            return file.write(data)


def tune(manager: object) -> None:
    """On Reflex's disk state manager: plain-text file names, and the states folder cleaned up rarely."""
    if isinstance(manager, StateManagerDisk):
        manager.token_path = state_file_namer(manager)
        manager._purge_expired_states = expired_files_purger(manager)


def state_file_namer(manager: StateManagerDisk) -> Callable[[object], StateFile]:
    """``token_path`` naming the very file Reflex names (the token's MD5 in the states folder), without pathlib."""
    folder = os.fspath(manager.states_directory)  # absolute, parsed once

    def token_path(token: object) -> StateFile:
        digest = hashlib.md5(str(token).encode(), usedforsecurity=False).hexdigest()
        return StateFile(f"{folder}{os.sep}{digest}.pkl")

    return token_path


def expired_files_purger(manager: StateManagerDisk, *, every: float = PURGE_SECONDS) -> Callable[[], int]:
    """A purge that scans the states folder at most once in ``every`` seconds; each call says how many it deleted."""
    last_scan = time.monotonic()  # the manager purged once when it was made

    def purge() -> int:
        nonlocal last_scan
        if time.monotonic() - last_scan < every:
            return 0
        last_scan = time.monotonic()
        oldest = time.time() - manager.token_expiration
        deleted = 0
        with os.scandir(manager.states_directory) as entries:
            for entry in entries:
                if not entry.name.endswith(".pkl"):
                    continue
                try:
                    if entry.stat().st_mtime < oldest:
                        os.unlink(entry.path)
                        deleted += 1
                except FileNotFoundError:  # written again or deleted meanwhile by another worker
                    continue
        return deleted

    return purge
