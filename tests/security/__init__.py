"""Hostile input against the importer, the sanitizer and the theme: nothing from a page may run."""
