"""Config options shared by the site plugins: numbers with a lower bound.

MkDocs' own ``Type(int)`` accepts ``-1`` and ``true``; ``-1`` articles per page is a typo that
should stop the build with the option's name, not produce an empty site.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError


class WholeNumber(c.Type[int]):
    """A whole number of at least ``minimum``."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValidationError(f"Expected a whole number, got {value!r}.")
        number = super().run_validation(value)
        if number < self.minimum:
            raise ValidationError(f"Must be {self.minimum} or more, got {number}.")
        return number


class PositiveNumber(BaseConfigOption[float]):
    """A number (whole or not) greater than zero, such as a half-life in days."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"Expected a number, got {value!r}.")
        if value <= 0:
            raise ValidationError(f"Must be greater than 0, got {value}.")
        return float(value)
