"""The ``secretariat/articles`` plugin: article front matter checked, article headers filled."""
