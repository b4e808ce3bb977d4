"""Python checks, one module per rule family, registered by name in ``healthlint.registry``."""
