"""Memory and CPU time of a process as Linux counts them: RSS, PSS (shared pages divided among the processes
sharing them, so the PSS of several workers adds up to what they take together) and user + system CPU
seconds. Reads /proc; Linux only."""

from __future__ import annotations

import os
from pathlib import Path


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """{"rss_mb", "pss_mb"} of process ``pid`` from /proc/PID/smaps_rollup (empty when unreadable)."""
    out: dict[str, float] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii")
    except OSError:
        return out
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            out[f"{name.lower()}_mb"] = round(int(rest.split()[0]) / 1024, 1)
    return out


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (e.g. uvicorn's workers)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("PPid:") and int(line.split()[1]) == pid:
                found.append(int(status.parent.name))
                break
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used so far (0.0 when unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
