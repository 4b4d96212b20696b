"""auditor: a numeric-claim plausibility auditor for news articles and reader comments."""

__version__ = "0.1.0"
