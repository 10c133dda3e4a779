"""Site styles of the sample web; each module renders one way Dutch school sites show an offering."""

from __future__ import annotations

STYLE_NAMES = ("jsonld_cms", "kort", "prose", "tables", "listing", "catalogue")
