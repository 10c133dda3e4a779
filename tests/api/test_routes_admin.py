"""Admin operations: off without a token, refused with a wrong one, and a reindex that never interrupts
search (the old index serves until the new one is swapped in)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from api.state import AppState
from tests.api.conftest import Built, make_client, make_state


def _admin_state(built: Built, tmp_path: Path, static_model_dir: Path, token: str | None) -> AppState:
    data = tmp_path / "data"
    state = make_state(built, built.index_dir, admin_token=token)
    state.settings.data_dir = data
    state.settings.database_url = f"sqlite:///{built.root / 'llo.sqlite3'}"
    shutil.copytree(static_model_dir, state.settings.model_dir)
    return state


def test_admin_is_off_without_a_token(built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    with make_client(_admin_state(built, tmp_path, static_model_dir, None)) as c:
        r = c.post("/api/admin/reindex", headers={"Authorization": "Bearer anything"})
        assert r.status_code == 404
        assert "LLO_ADMIN_TOKEN" in r.json()["error"]


def test_wrong_token_is_refused(built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    with make_client(_admin_state(built, tmp_path, static_model_dir, "s3cret")) as c:
        assert c.post("/api/admin/reindex").status_code == 401
        assert c.post("/api/admin/crawl", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/api/admin/jobs", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_reindex_swaps_in_a_new_index_while_search_keeps_answering(
        built: Built, tmp_path: Path, static_model_dir: Path) -> None:
    state = _admin_state(built, tmp_path, static_model_dir, "s3cret")
    auth = {"Authorization": "Bearer s3cret"}
    old_engine = state.engine
    with make_client(state) as c:
        r = c.post("/api/admin/reindex", headers=auth)
        assert r.status_code == 202, r.text
        assert c.post("/api/admin/reindex", headers=auth).status_code in {202, 409}
        statuses = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            statuses.append(c.get("/api/search", params={"q": "zorg"}).status_code)
            job = c.get("/api/admin/jobs", headers=auth).json()["reindex"]
            if job["status"] != "running":
                break
            time.sleep(0.05)
        assert job["status"] == "finished", job
        assert statuses and set(statuses) == {200}
        assert state.engine is not old_engine
        assert (tmp_path / "data" / "index").is_symlink()
        assert c.get("/api/search", params={"q": "zorg"}).json()["total"] > 0
