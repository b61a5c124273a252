"""Secretariat's importer: raw article pages in, clean Markdown articles with front matter out.

The stages, one module each, in the order data flows through them:
``reading`` (files and folders to :class:`~importer.records.RawPage`), ``decode`` (bytes to text),
``extract`` (a site profile or trafilatura finds title, breadcrumb and body), ``clean`` (clutter,
unsafe markup and doubled punctuation go), ``convert`` (HTML to Markdown), ``metadata`` (front matter)
and ``writer`` (atomic writes, the manifest, editors' edits). ``pipeline`` strings them together.
"""
