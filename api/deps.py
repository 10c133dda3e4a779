"""Annotated dependency aliases, named for what they give, so route signatures read like prose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.state import AppState
from index.search import SearchEngine


# async: FastAPI runs a plain ``def`` dependency in its threadpool, a thread hop per request for an
# attribute lookup.
async def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.llo
    return state


async def get_engine(request: Request) -> SearchEngine:
    state: AppState = request.app.state.llo
    return state.require_engine()


StateDep = Annotated[AppState, Depends(get_state)]
EngineDep = Annotated[SearchEngine, Depends(get_engine)]
