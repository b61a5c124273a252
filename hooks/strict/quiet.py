"""Keeping warnings countable under ``-q``, in plain functions over the standard ``logging`` module.

The trap: ``mkdocs build -q --strict`` passes although warnings were logged. ``-q`` sets the level
of the engine's top logger (``mkdocs``, or ``properdocs`` under ProperDocs) to ERROR, so every
warning below it -- MkDocs' own broken-link checks and our plugins' ``mkdocs.plugins.*`` warnings
alike -- is dropped by the emitting logger before any handler sees it, and the handler that
``--strict`` counts never hears of it. Lowering that logger back to WARNING for a strict build
lets the counter see them again; INFO lines stay hidden, so ``-q`` still means "only problems".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import mkdocs

#: Engines and version prefixes whose ``-q`` option and strict-mode counter this was checked
#: against, by tests/ops/test_strict_quiet.py (it builds with each of them).
VERIFIED_ENGINES = {"mkdocs": "1.6.", "properdocs": "1.6."}


@dataclass(frozen=True)
class Engine:
    """The build engine running this process: its top logger's name and its version."""

    name: str
    version: str

    @property
    def verified(self) -> bool:
        prefix = VERIFIED_ENGINES.get(self.name)
        return prefix is not None and self.version.startswith(prefix)


@dataclass(frozen=True)
class LoweredLevel:
    """A logger whose level was lowered, and the level to put back."""

    logger: logging.Logger
    previous: int

    def restore(self) -> None:
        self.logger.setLevel(self.previous)


def running_engine() -> Engine:
    """MkDocs, or ProperDocs: it aliases the ``mkdocs`` package to itself, so the name tells."""
    return Engine(mkdocs.__name__, str(getattr(mkdocs, "__version__", "unknown")))


def quiet_hides_warnings(engine: Engine) -> bool:
    """Whether warnings would be dropped before strict mode's counter could see them."""
    return logging.getLogger(engine.name).getEffectiveLevel() > logging.WARNING


def let_warnings_through(engine: Engine) -> LoweredLevel:
    """Lower the engine's top logger to WARNING; call ``restore()`` on the result afterwards.

    Hack: relies on two MkDocs 1.6 internals -- ``-q`` raising the level of the top logger
    (mkdocs/__main__.py, ``quiet_option``) and strict mode counting with a handler on that same
    logger (mkdocs/commands/build.py, ``CountHandler``). Guarded by :data:`VERIFIED_ENGINES`;
    tests/ops/test_strict_quiet.py fails if MkDocs changes either.
    """
    logger = logging.getLogger(engine.name)
    lowered = LoweredLevel(logger, logger.level)
    logger.setLevel(logging.WARNING)
    return lowered
