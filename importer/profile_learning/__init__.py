"""Learn a site profile from a few article pages of one template.

The stages, one module each: :mod:`.sources` reads the pages (files, or URLs fetched politely),
:mod:`.compare` lines the pages up element by element and tells the template (what every page
shares) from the article (what differs), :mod:`.choose` decides which element is which field and
which blocks inside the body are template, :mod:`.selectors` makes each a stable CSS selector,
:mod:`.listings` learns the crawler's link rules from listing pages, and :mod:`.write` renders a
commented YAML profile (the records of :mod:`.learned`) and checks that the profile loader accepts
it. :mod:`.command` is the thin CLI on top.
"""

from importer.profile_learning.choose import learn_profile
from importer.profile_learning.learned import LearnedProfile, NoSharedTemplate

__all__ = ["LearnedProfile", "NoSharedTemplate", "learn_profile"]
