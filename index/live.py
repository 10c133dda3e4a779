"""The live index pointer: the ``index`` symlink in the data directory, the builds beside it, and the lock
that lets one build at a time touch them.

:func:`build_live` writes a new ``<live>-<timestamp>`` directory beside the symlink and replaces the
symlink atomically (``os.replace`` of a temporary symlink); a failure leaves the old index serving. The
whole build runs under an exclusive ``flock`` on ``.<live>.lock`` (CLI builds, admin reindexes and every
API worker share it), so a directory without a manifest found while holding the lock is the leftover of
a killed build and is removed. The rollback copy kept beside the live build is always the newest
*complete* (manifest-valid) earlier build, never a partial one.

API workers call :func:`live_target` to see which build the symlink points at, and reload when it moves
(``api.state``), so all workers serve the same build shortly after a swap.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.layout import read_manifest
from skills.errors import IndexUnavailableError

log = logging.getLogger(__name__)
KEEP_OLD_BUILDS = 1  # complete earlier builds kept beside the live one (for a quick manual rollback)


@dataclass(frozen=True)
class BuildResult:
    directory: Path
    manifest: dict[str, Any]


def live_target(live: Path) -> str | None:
    """The name of the build directory ``live`` points at (None when there is no symlink)."""
    try:
        return os.readlink(live)
    except OSError:
        return None


@contextmanager
def build_lock(live: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the exclusive build lock of ``live``; yields False at once when ``wait`` is False and another
    process holds it. The lock is released when the holder exits, however it exits (even SIGKILL)."""
    live.parent.mkdir(parents=True, exist_ok=True)
    with open(live.parent / f".{live.name}.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_live(live: Path, build: Callable[[Path], dict[str, Any]]) -> BuildResult:
    """Run ``build(new_dir)`` into a fresh ``<live>-<timestamp>`` and atomically point ``live`` at it.

    ``live`` is a symlink (created on first build; a plain directory left by hand is moved aside first).
    If ``build`` raises, the new directory is removed and ``live`` is untouched. Waits for any other
    build of ``live`` to end first. After the swap, partial directories are removed and only the newest
    KEEP_OLD_BUILDS complete earlier builds are kept.
    """
    parent = live.parent
    with build_lock(live):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        new_dir = parent / f"{live.name}-{stamp}"
        try:
            manifest = build(new_dir)
        except BaseException:
            shutil.rmtree(new_dir, ignore_errors=True)
            raise
        if live.exists() and not live.is_symlink():
            live.rename(parent / f"{live.name}-moved-{stamp}")
        tmp_link = parent / f".{live.name}.tmp-{stamp}"
        tmp_link.symlink_to(new_dir.name)  # relative: the data directory can move as a whole
        os.replace(tmp_link, live)
        prune(live)
    return BuildResult(new_dir, manifest)


def _complete(directory: Path) -> bool:
    try:
        read_manifest(directory)
    except IndexUnavailableError:
        return False
    return True


def prune(live: Path) -> list[Path]:
    """Remove what a killed build left (directories without a valid manifest, temporary links) and
    complete builds older than the KEEP_OLD_BUILDS newest beside the live one. Call with the build lock
    held. Returns the removed paths."""
    current = live_target(live)
    removed: list[Path] = []
    for link in live.parent.glob(f".{live.name}.tmp-*"):
        link.unlink(missing_ok=True)
        removed.append(link)
    builds = sorted(p for p in live.parent.glob(f"{live.name}-*") if p.is_dir() and not p.is_symlink())
    complete = []
    for path in builds:
        if path.name == current:
            continue
        if _complete(path):
            complete.append(path)
        else:
            log.info("removing incomplete index build %s", path)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for path in complete[: max(0, len(complete) - KEEP_OLD_BUILDS)]:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
