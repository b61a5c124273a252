"""The two site configurations the build benchmark compares, written beside a synthetic corpus.

``plain``: mkdocs-material as it comes, with ``navigation.prune`` and no plugins, every article in
the automatic navigation, which is the baseline issue 4 measures against.

``engine``: the project's theme and Markdown settings with only the plugins that are parallel-safe
today (``secretariat/build`` and ``secretariat/search``): the build engine's own figures, whatever
other plugins still keep MkDocs' own page loop.

``ours``: the real site. Rather than copying its plugin list (which would drift), the benchmark
config ``INHERIT``s the project's own ``mkdocs.yml`` and only moves ``docs_dir`` and ``site_dir``.
MkDocs resolves relative paths in an inherited config against the *child* file, so the folders that
``mkdocs.yml`` names by relative path (``overrides/``, ``data/``) are linked into the benchmark root
and every relative path keeps working. Only those: the benchmark root lives under
``benchmarks/out/``, and linking the whole project there would make a loop of links that any tool
walking the tree with links followed (setuptools, for one) never leaves. The cache is not linked:
each benchmark run starts with a cold cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml

#: The project whose ``mkdocs.yml`` the ``ours`` variant follows.
PROJECT = Path(__file__).resolve().parent.parent

Variant = Literal["plain", "engine", "ours"]

#: The plugins of the ``engine`` variant.
ENGINE_PLUGINS = ["secretariat/build", "secretariat/search"]

#: The project folders that ``mkdocs.yml`` names by relative path (``custom_dir``, ``data_file``).
_REFERENCED_BY_CONFIG = ("overrides", "data")


def write_site_config(
    root: Path, docs_dir: Path, variant: Variant, *, strict: bool = False, project: Path = PROJECT
) -> Path:
    """Write ``root/mkdocs.yml``: ``variant`` building ``docs_dir`` into ``root/site``."""
    root.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any]
    if variant == "plain":
        config = {
            "site_name": "Plain mkdocs-material",
            "theme": {"name": "material", "font": False, "features": ["navigation.prune"]},
            "plugins": [],
        }
    elif variant == "ours":
        _link_project(root, project)
        config = {"INHERIT": str(project / "mkdocs.yml")}
    elif variant == "engine":
        _link_project(root, project)
        config = _engine_config(project)
    else:
        raise ValueError(f"unknown site variant {variant!r}; use 'plain', 'engine' or 'ours'")
    config.update(
        {"docs_dir": str(docs_dir.resolve()), "site_dir": str(root / "site"), "strict": strict}
    )
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _engine_config(project: Path) -> dict[str, Any]:
    """The project's site settings with only the parallel-safe plugins."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    full = yaml.load(text, Loader=_EnvLoader)
    keep = ("site_name", "theme", "markdown_extensions", "validation", "exclude_docs")
    config = {key: full[key] for key in keep if key in full}
    # Articles stay out of the navigation, as the categories plugin keeps them on the real site:
    # a page in the navigation is read in the main process (every page shows its title). An
    # empty nav would mean "every page", so the nav holds one link.
    return {**config, "nav": [{"Library": "/"}], "plugins": list(ENGINE_PLUGINS)}


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV [NAME, default]`` read as its default."""


_EnvLoader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[-1],  # type: ignore[arg-type]
)


def _link_project(root: Path, project: Path) -> None:
    """Link the folders the inherited config names into ``root`` so its relative paths resolve."""
    for name in _REFERENCED_BY_CONFIG:
        link = root / name
        if not link.exists() and not link.is_symlink():
            link.symlink_to(project / name, target_is_directory=True)
