"""Peak memory of a whole process tree (a build, its workers, Pagefind), as PSS, sampled from /proc.

PSS (proportional set size) shares each shared page among the processes that map it, so forked
workers that share the main process's memory copy-on-write are not counted twice, and the sum over
the tree is what the build costs the machine. GNU time's maximum RSS covers one process only.
"""

from __future__ import annotations

import threading
from pathlib import Path

#: How often the tree is sampled; a short peak between two samples is missed.
SAMPLE_SECONDS = 0.2


class TreeMemory:
    """Samples the PSS of ``pid`` and all its descendants until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.peak_kib = max(self.peak_kib, self.sample())

    def sample(self) -> int:
        """The KiB one sample counts: here the whole tree's PSS (a subclass may count less)."""
        return tree_pss_kib(self.pid)


def tree_pss_kib(root: int) -> int:
    """The summed PSS of ``root`` and its descendants, in KiB (0 once they are gone)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += pss_kib(pid)
        pending.extend(children.get(pid, []))
    return total


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def pss_kib(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0
