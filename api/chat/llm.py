"""A small client for an OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp server, OpenAI).

POST ``{base_url}/chat/completions`` with ``model``, ``messages``, ``temperature: 0`` and either ``tools``
(function calling: :meth:`LlmClient.chat`) or, where the server accepts it, ``response_format:
{"type": "json_object"}`` (:meth:`LlmClient.complete`). Every failure (timeout, connection, HTTP error,
a body that is not a chat completion) is raised as :class:`LlmError`, so the caller can fall back.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx

log = logging.getLogger(__name__)

MAX_TOKENS = 600


class LlmError(Exception):
    """The LLM could not give a usable completion (the message says why: timeout, HTTP 500, ...)."""


class LlmClient:
    """One client per process (keeps the connection pool); thread-safe as httpx.Client is."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, timeout: float = 8.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout = timeout
        self.json_mode = True  # switched off for good after a server rejects response_format
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), headers=headers, transport=transport,
                                  trust_env=False)

    def close(self) -> None:
        self._http.close()

    def chat(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]], *,
             timeout: float | None = None) -> dict[str, Any]:
        """One assistant turn with ``tools`` offered (OpenAI function calling): the message, with ``content``
        and/or ``tool_calls``. Raises LlmError on any failure."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "tools": tools, "tool_choice": "auto",
                                "temperature": 0, "max_tokens": MAX_TOKENS, "stream": False}
        response = self._post(body, timeout)
        if response.status_code != 200:
            raise LlmError(f"LLM server answered HTTP {response.status_code}: {response.text[:200]!r}")
        try:
            message = response.json()["choices"][0]["message"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LlmError(f"LLM server sent no chat completion ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(message, dict) or not (message.get("content") or message.get("tool_calls")):
            raise LlmError("LLM completion is empty")
        return message

    def complete(self, messages: list[dict[str, str]], *, json_mode: bool = True,
                 timeout: float | None = None) -> str:
        """The assistant message content of one completion. Raises LlmError on any failure."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0,
                                "max_tokens": MAX_TOKENS, "stream": False}
        use_json = json_mode and self.json_mode
        if use_json:
            body["response_format"] = {"type": "json_object"}
        started = time.perf_counter()
        response = self._post(body, timeout)
        if use_json and response.status_code in (400, 422) and "response_format" in response.text:
            log.info("LLM server rejects response_format; retrying without it")
            self.json_mode = False
            body.pop("response_format")
            response = self._post(body, timeout)
        if response.status_code != 200:
            raise LlmError(f"LLM server answered HTTP {response.status_code}: {response.text[:200]!r}")
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LlmError(f"LLM server sent no chat completion ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(content, str) or not content.strip():
            raise LlmError("LLM completion is empty")
        log.debug("LLM completion in %.0f ms", 1000 * (time.perf_counter() - started))
        return content

    def _post(self, body: dict[str, Any], timeout: float | None) -> httpx.Response:
        try:
            return self._http.post(f"{self.base_url}/chat/completions", json=body,
                                   timeout=httpx.Timeout(timeout) if timeout is not None else httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException as exc:
            raise LlmError(f"LLM server timed out after {timeout or self.timeout:.1f}s ({exc.__class__.__name__})") from None
        except httpx.HTTPError as exc:
            raise LlmError(f"LLM server unreachable: {exc.__class__.__name__}: {exc}") from None
