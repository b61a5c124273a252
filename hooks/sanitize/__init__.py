"""The ``secretariat/sanitize`` plugin: every article's HTML through an allow-list sanitizer."""
