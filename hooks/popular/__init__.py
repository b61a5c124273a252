"""The ``secretariat/popular`` plugin: the most-read articles, from analytics page views."""
