"""llo-zoeker's edge package: settings and the `llo` command line."""

__version__ = "0.1.0"
