"""Quantity extraction: every amount in a text with its span, value, bounds, unit and counted noun."""

from .quantity import Extraction, Ignored, Quantity
from .scanner import extract_text

__all__ = ["Extraction", "Ignored", "Quantity", "extract_text"]
