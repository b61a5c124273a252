"""The ``secretariat/feed`` plugin: an RSS 2.0 feed of the newest articles, the same every build."""
