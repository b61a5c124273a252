"""``secretariat/strict``: a ``--strict`` build fails on warnings even when ``-q`` is given."""
