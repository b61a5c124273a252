"""The ``secretariat/search`` plugin: a Pagefind index behind mkdocs-material's search box."""
