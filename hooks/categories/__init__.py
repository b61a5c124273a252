"""The ``secretariat/categories`` plugin: generated category pages, the home page, the nav tabs."""
