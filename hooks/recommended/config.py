"""Options of the ``secretariat/recommended`` plugin, written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from hooks.config_options import WholeNumber


class Boost(BaseConfigOption[float]):
    """A score bonus of 0 or more; a cosine similarity lies between 0 and 1, so 0.1 is a nudge."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"Expected a number such as 0.1, got {value!r}.")
        if value < 0:
            raise ValidationError(f"Must be 0 or more, got {value}.")
        return float(value)


class RecommendedConfig(Config):  # type: ignore[no-untyped-call]
    """Typed options; MkDocs validates them and names the bad one before the build starts."""

    enabled = c.Type(bool, default=True)
    #: Articles in each Recommended list (pins may add more).
    limit = WholeNumber(minimum=1, default=5)
    #: Added to the similarity of two articles in the same subcategory.
    subcategory_boost = Boost(default=0.1)
    #: Added, times the cosine of the two tag sets, to the similarity of articles sharing tags.
    tag_boost = Boost(default=0.1)
    #: Where term counts are cached between builds, relative to mkdocs.yml; git-ignored.
    cache_dir = c.Type(str, default=".cache/secretariat")
