"""Importers for official reference formats. Each writes normalized files into a data directory
(``settings.data_dir / "reference"``) in the layout :func:`skills.reference.load_reference` reads as its
overlay; none writes into the repository or the read-only reference directory."""
