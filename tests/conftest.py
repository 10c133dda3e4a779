"""Shared fixtures: reference data, real PostgreSQL and Redis servers, isolated settings.

Service fixtures skip on a developer machine without the service but *fail* under CI=true, so the
PostgreSQL and Redis tests always run in CI (.ci/run starts both servers).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from llo.settings import Settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PG_ADMIN_URL = os.environ.get("LLO_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_TEST_URL = os.environ.get("LLO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _unavailable(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is not reachable; CI must run these tests (see .ci/run)")
    pytest.skip(f"{what} not reachable")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    path = Settings().reference_dir
    if not (path / "qualifications" / "qualifications.csv").exists():
        pytest.fail(f"reference data not found at {path}; set LLO_REFERENCE_DIR")
    return path


@pytest.fixture(scope="session")
def shared_dir(reference_dir: Path) -> Path:
    """The workplace's shared/ folder (data/, pages/, eval/)."""
    return reference_dir.parent


@pytest.fixture
def settings(tmp_path: Path, reference_dir: Path) -> Settings:
    """Settings isolated in a temporary data directory, on the embedded SQLite store."""
    return Settings(data_dir=tmp_path / "data", reference_dir=reference_dir, database_url=None)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the real server, dropped afterwards."""
    if not _port_open("127.0.0.1", 5432):
        _unavailable("PostgreSQL on 127.0.0.1:5432")
    import sqlalchemy as sa

    name = f"llo_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The real Redis server, database 15, flushed before and after."""
    if not _port_open("127.0.0.1", 6379):
        _unavailable("Redis on 127.0.0.1:6379")
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.flushdb()
    try:
        yield REDIS_TEST_URL
    finally:
        client.flushdb()
        client.close()


@pytest.fixture(scope="session")
def static_model_dir(tmp_path_factory: pytest.TempPathFactory, reference_dir: Path) -> Path:
    """The project's real static encoder, trained once per session from the reference data in the quick
    configuration (small vocabulary, one epoch), so search tests run on the product's own encoder."""
    from index.training import TrainingConfig, load_corpus, train_static_model

    model_dir = tmp_path_factory.mktemp("static-model") / "static-nl"
    train_static_model(load_corpus(reference_dir), model_dir, TrainingConfig.quick())
    return model_dir
