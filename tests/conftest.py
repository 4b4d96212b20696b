import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import os
import tempfile

# Rule sets compiled during the tests go to a cache of their own, not the user's (see auditor/rules/cache.py).
os.environ.setdefault("AUDITOR_CACHE_DIR", tempfile.mkdtemp(prefix="auditor-test-cache-"))

import pytest  # noqa: E402


@pytest.fixture
def poisoned_extraction(monkeypatch):
    """Extraction that fails, as a number too large for a float once did, on any text holding "poison"."""
    import auditor.resilient as resilient

    real = resilient.extract_text

    def failing(text):
        if "poison" in text:
            raise OverflowError("int too large to convert to float")
        return real(text)

    monkeypatch.setattr(resilient, "extract_text", failing)
