"""The article library: the one definition of every article fact.

Both the importer (which writes articles) and the site plugins (which read them) import their facts
from here: the front-matter schema, the folder a category lives in, slugs, reading time, which pages
are articles. Nothing in this package knows about MkDocs, so the site engine is a thin adapter.
"""
