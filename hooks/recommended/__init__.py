"""The ``secretariat/recommended`` plugin: related articles at the end of every article."""
