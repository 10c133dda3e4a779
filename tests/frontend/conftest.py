"""The real app served by uvicorn on a free loopback port, and Debian's Chromium driven by Playwright.

The index is the API tests' small real index (sample web → extraction → mapping → build_index), reused
from :mod:`tests.api.conftest` so both suites test the same data. Chromium is Debian's package, installed
here with apt-get when /usr/bin/chromium is missing (Playwright's own browser download needs the internet).
A failing test leaves a full-page screenshot in ``tests/artifacts/``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Error,
    Page,
    Playwright,
    Route,
    ViewportSize,
    sync_playwright,
)

from api.chat import ChatService
from api.main import create_app
from api.state import AppState
from tests.api.conftest import TODAY, Built, built, make_state  # noqa: F401  (`built` is a fixture)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 800}


def ensure_chromium() -> Path:
    """Debian's chromium binary, installed with apt-get when missing (the test machine runs as root)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if shutil.which("apt-get") is None:
        pytest.fail(f"{CHROMIUM} is missing and apt-get is not available to install Debian's chromium")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                              env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
        if done.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if not CHROMIUM.exists():
        pytest.fail(f"installed the chromium package but {CHROMIUM} is still missing")
    return CHROMIUM


@dataclass
class LiveServer:
    """The app running in a background thread; ``url`` ends with a slash."""

    url: str
    state: AppState
    built: Any


def _serve(state: AppState) -> tuple[uvicorn.Server, threading.Thread, int]:
    app = create_app(state.settings, state)
    # A fixed "today" keeps the chat's timing phrases stable, as in the API tests.
    app.state.llo_chat = ChatService(state.ref.gazetteer, None, today=lambda: TODAY,
                                     qualifications=state.ref.qualifications)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn-frontend", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start serving the app within 30 s")
        time.sleep(0.05)
    return server, thread, port


@pytest.fixture(scope="session")
def live_server(built: Built) -> Iterator[LiveServer]:  # noqa: F811 - the imported fixture is used here
    state = make_state(built, built.index_dir)
    server, thread, port = _serve(state)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}/", state=state, built=built)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = ensure_chromium()
    browser = playwright_instance.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Console:
    """Console errors, page errors and requests that left the machine, collected for one page."""

    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.errors, f"browser console errors: {self.errors}"
        assert not self.external_requests, f"requests to other hosts: {self.external_requests}"
        assert not self.dialogs, f"unexpected dialogs: {self.dialogs}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


def open_page(browser: Browser, request: pytest.FixtureRequest, viewport: ViewportSize) -> Iterator[Page]:
    """A fresh browser context (Dutch locale) whose page records console problems and blocks the internet."""
    context = browser.new_context(viewport=viewport, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()
    console = Console()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            console.errors.append(msg.text)

    def on_page_error(exc: Error) -> None:
        console.errors.append(f"page error: {exc}")

    def on_dialog(dialog: Dialog) -> None:
        console.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_route(route: Route) -> None:
        host = route.request.url.split("/")[2] if "://" in route.request.url else ""
        if host.startswith("127.0.0.1") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            console.external_requests.append(route.request.url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("dialog", on_dialog)
    context.route("**/*", on_route)
    page.console = console  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
            except Exception as exc:  # noqa: BLE001 - a broken page must not hide the test's own failure
                print(f"could not save a screenshot: {exc}")  # noqa: T201
        context.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(browser, request, DESKTOP)


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from open_page(browser, request, PHONE)
