"""``python -m analysis build | clean | coverage``: see analysis/pipeline.py."""
import sys

from .pipeline import main

sys.exit(main())
