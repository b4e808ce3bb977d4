"""Claim detection for the claims rule family: lexicons (YAML data) and a sentence-level detector.

Kept apart from ``healthlint.checks.claims`` so the detector can be used (and tested, and
benchmarked) on plain strings, without a Document.
"""

from healthlint.claims.detect import Claim, analyse_text, detect
from healthlint.claims.lexicon import Lexicon, load_lexicon

__all__ = ["Claim", "Lexicon", "analyse_text", "detect", "load_lexicon"]
