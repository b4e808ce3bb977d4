"""healthlint: a linter for health content."""

__version__ = "0.1.0"

# Where the generated rule reference lives; SARIF help links point at its anchors.
DOCS_URL = "https://github.com/healthlint/healthlint/blob/main/docs/rules.md"
