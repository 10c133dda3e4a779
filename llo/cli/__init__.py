"""The `llo` command line: one entry function, one module per command group."""
