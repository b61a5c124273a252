"""Page views fetched from an analytics service's stats API, written as the CSV the Popular lists read.

One module per provider (``plausible``, ``umami``, ``goatcounter``, ``matomo``) turns that service's
documented request and response shapes into :class:`~importer.pageviews.records.PageCount` rows;
``client`` is the shared HTTP layer (authentication errors, polite retries on rate limits, paging
helpers, redaction of the token from every message); ``csv_file`` keeps the rows that name pages of
the site and writes the file atomically; ``command`` is the thin command line.
"""
