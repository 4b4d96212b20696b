import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import os
import tempfile

# Rule sets compiled during the tests go to a cache of their own, not the user's (see auditor/rules/cache.py).
os.environ.setdefault("AUDITOR_CACHE_DIR", tempfile.mkdtemp(prefix="auditor-test-cache-"))
