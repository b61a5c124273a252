"""``python -m importer crawl``: fetch a whole source site politely and import every article.

Scrapy does the fetching (robots.txt, per-host delays, AutoThrottle, retries, redirects, the HTTP
cache); the importer does everything after the bytes arrive, exactly as for ``import``. One module
per job: ``config`` (what the user asked for), ``settings`` (the polite Scrapy settings and the
size cap), ``scope`` (which URLs may be requested at all), ``politeness`` (Crawl-delay,
Retry-After and robots.txt before every first request, which Scrapy does not get right by itself),
``spider`` (which links to follow, and the listing limits), ``generic`` (link rules for a site
without a profile), ``pipeline`` (hand each page to the importer), ``progress`` (the bar and the
summary) and ``command`` (the CLI subcommand that ties them together).
"""
