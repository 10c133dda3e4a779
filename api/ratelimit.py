"""A small in-process rate limiter: at most ``limit`` events per ``window`` seconds per key (a client).

Used for the exports (each costs several searches) and for failed admin tokens. State is per worker
process: with ``llo serve --workers N`` a client gets up to N times the limit, which still bounds it; a
reverse proxy in front should rate-limit by the real client address (here the key is the peer address).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

MAX_KEYS = 10_000  # clients remembered at once; the least recently seen are forgotten first


class RateLimiter:
    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.get(key)
        if events is None:
            events = self._events[key] = deque()
            while len(self._events) > MAX_KEYS:
                self._events.popitem(last=False)
        self._events.move_to_end(key)
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def retry_after(self, key: str) -> float | None:
        """Seconds until ``key`` may act again, or None when it is under the limit (nothing recorded)."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            return events[0] + self.window - now if len(events) >= self.limit else None

    def hit(self, key: str) -> float | None:
        """Record an event for ``key``; returns the seconds to wait instead when it is over the limit."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            if len(events) >= self.limit:
                return events[0] + self.window - now
            events.append(now)
            return None
