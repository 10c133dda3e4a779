"""The Dutch web page: static files served by the API at `/`, no build step."""

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
