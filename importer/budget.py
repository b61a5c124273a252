"""A time budget for converting one page, so that no page can stall a batch.

Every stage is meant to be linear in the page's size, but a page is hostile input and the stages
run other people's parsers (lxml, trafilatura, markdownify). When a page's conversion runs past its
budget it is interrupted and becomes an :class:`~importer.records.ImportProblem`: the page is
skipped with the reason, and the batch goes on with the next one.

The interrupt is a ``SIGALRM`` timer, which only the main thread receives (the CLI and the crawler's
reactor both convert there). Elsewhere, and where the platform has no ``setitimer``, a page that ran
past its budget is still skipped, but only once its conversion has ended by itself.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any

from importer.records import ImportProblem


class _OverBudget(BaseException):
    """Raised by the timer inside the conversion.

    A ``BaseException``, like ``KeyboardInterrupt``: library code that catches ``Exception`` to go on
    with a fallback must not swallow it.
    """


class TimeBudget:
    """``with TimeBudget(30):`` raises :class:`ImportProblem` when the block runs longer than 30 s."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._armed = False
        self._started = 0.0
        self._previous_handler: Any = signal.SIG_DFL

    def __enter__(self) -> TimeBudget:
        self._started = time.monotonic()
        if self.seconds > 0 and _can_interrupt():
            self._previous_handler = signal.signal(signal.SIGALRM, self._expired)
            self._armed = True
            # Fires again every second until the block is left, in case a parser ignores one alarm.
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        was_armed, self._armed = self._armed, False
        if was_armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous_handler or signal.SIG_DFL)
        over = self.seconds > 0 and time.monotonic() - self._started >= self.seconds
        if isinstance(error, _OverBudget) or (over and (error is None or _is_problem(error))):
            # A problem found after the budget ran out may be the parser's reaction to the alarm.
            raise ImportProblem(
                f"converting the page took longer than its time budget of {self.seconds:g} s, so "
                "it was skipped (its markup may be built to stall parsers)"
            ) from None

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        # Not while this module's own code runs: that is the exit, with the result already in hand.
        if self._armed and (frame is None or frame.f_globals.get("__name__") != __name__):
            raise _OverBudget


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _is_problem(error: BaseException) -> bool:
    return isinstance(error, ImportProblem)
