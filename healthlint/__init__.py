"""healthlint: a linter for health content."""

__version__ = "0.1.0"
