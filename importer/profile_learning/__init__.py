"""Learn a site profile from a few article pages of one template.

The stages, one module each: :mod:`.sources` reads the pages (files, or URLs fetched politely),
:mod:`.compare` lines the pages up element by element and tells the template (what every page
shares) from the article (what differs), :mod:`.choose` picks a stable CSS selector for each field
and for the template blocks inside the body, and :mod:`.write` renders a commented YAML profile and
checks that the profile loader accepts it. :mod:`.command` is the thin CLI on top.
"""

from importer.profile_learning.choose import LearnedProfile, NoSharedTemplate, learn_profile

__all__ = ["LearnedProfile", "NoSharedTemplate", "learn_profile"]
