"""The declared layers (README, "Architecture") hold in the code: every import, at module level or inside
a function, points down or sideways, never up.

    skills                      domain model, reference data, mapping: imports nothing of ours
    store, index                → skills
    llo (settings, pipeline)    → skills, store, index
    sampleweb                   the offline demo web (invented schools): → skills
    crawler                     → skills, store, llo, sampleweb (its demo spider and local server)
    api                         → skills, store, index, llo, frontend
    llo.cli                     the command-line edge: anything
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("skills", "store", "index", "llo", "sampleweb", "crawler", "api", "frontend")
ALLOWED: dict[str, set[str]] = {
    "skills": {"skills"},
    "store": {"store", "skills"},
    "index": {"index", "skills"},
    "llo": {"llo", "skills", "store", "index"},
    "sampleweb": {"sampleweb", "skills"},
    "crawler": {"crawler", "skills", "store", "llo", "sampleweb"},
    "api": {"api", "skills", "store", "index", "llo", "frontend"},
    "frontend": {"frontend"},
    "llo.cli": set(PACKAGES) | {"llo.cli"},
}


def _layer(module: str) -> str | None:
    top = module.split(".")[0]
    if top not in PACKAGES:
        return None
    return "llo.cli" if module == "llo.__main__" or module.startswith("llo.cli") else top


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_imports_follow_the_declared_layers() -> None:
    violations: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            own = _layer(module)
            assert own is not None
            for line, imported in _imports(path):
                target = _layer(imported)
                if target is not None and target not in ALLOWED[own]:
                    violations.append(f"{path.relative_to(ROOT)}:{line}: {own} imports {imported}")
    assert not violations, "\n".join(violations)


def test_the_layer_table_is_checked_for_every_package() -> None:
    assert set(ALLOWED) == set(PACKAGES) | {"llo.cli"}
    assert all((ROOT / p / "__init__.py").exists() for p in PACKAGES)
