"""Annotated dependency aliases, named for what they give, so route signatures read like prose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.state import AppState
from index.search import SearchEngine


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.llo
    return state


def get_engine(request: Request) -> SearchEngine:
    return get_state(request).require_engine()


StateDep = Annotated[AppState, Depends(get_state)]
EngineDep = Annotated[SearchEngine, Depends(get_engine)]
