"""``python -m importer``: see :mod:`importer.cli`."""

import sys

from importer.cli import main

sys.exit(main())
