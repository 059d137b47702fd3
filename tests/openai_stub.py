"""A scripted, OpenAI-compatible HTTP server for tests.

The stub is a real HTTP server on 127.0.0.1 (standard library only), so the tests exercise the real
``openai`` client and LangChain's ``ChatOpenAI`` end to end: request building, retries, timeouts,
JSON/SSE parsing. Nothing of ours is mocked.

    from tests.openai_stub import OpenAIStub, reply, tool_calls

    with OpenAIStub() as stub:
        stub.script(tool_calls(("get_weather", {"city": "上海"})), reply("Sunny."))
        client = openai.OpenAI(base_url=stub.base_url, api_key="test", max_retries=0)
        ...
        assert stub.chat_requests[0]["model"] == "stub-model"

Endpoints (each also answered without the ``/v1`` prefix):

* ``POST /v1/chat/completions``: answered from the script, one step per request, plain JSON or,
  with ``"stream": true``, Server-Sent Events in the OpenAI chunk format ending with ``data: [DONE]``
  (plus a usage chunk when ``stream_options.include_usage`` is set).
* ``POST /v1/embeddings``: deterministic unit vectors (see :func:`embedding_for`), as float lists or
  as base64 float32 when ``encoding_format`` is ``"base64"`` (what the openai client asks for by default).
* ``GET /v1/models`` and ``GET /v1/models/{id}``.

Scripted steps, built with the helpers below: :func:`reply`, :func:`tool_calls`, :func:`raw_tool_call`,
:func:`error`, :func:`delay`, :func:`empty`. A plain ``str`` is shorthand for ``reply(str)``, and a
callable ``step(request) -> step`` decides the answer from the :class:`RecordedRequest`. When the
script runs out, the chat endpoint answers HTTP 500 with a message saying so (and
``x-should-retry: false`` so the client does not retry it).

Every request is recorded, in arrival order, in :attr:`OpenAIStub.requests`.

Things worth knowing about the clients:

* Every HTTP request consumes one step, client retries included. The openai client retries 408, 409,
  429, 5xx and timeouts ``max_retries`` times (default 2, with 0.5 s+ back-off), so either build clients
  with ``max_retries=0`` or give :func:`error` ``should_retry=False`` (sent as ``x-should-retry``,
  which the client obeys).
* Tool-call arguments are sent exactly as scripted; the openai client never validates them,
  LangChain puts unparsable ones in ``AIMessage.invalid_tool_calls``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import random
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, TypeAlias
from urllib.parse import unquote, urlsplit

from tests.loopback import LoopbackServer, QuietServer

__all__ = [
    "Delay",
    "Error",
    "OpenAIStub",
    "RecordedRequest",
    "Reply",
    "Step",
    "ToolCall",
    "ToolCalls",
    "delay",
    "embedding_for",
    "empty",
    "error",
    "raw_tool_call",
    "reply",
    "tool_calls",
]

CHAT = "chat/completions"
EMBEDDINGS = "embeddings"
MODELS = "models"
STREAM_PIECE = 8  # characters per streamed content/arguments delta, so clients must accumulate

# --------------------------------------------------------------------------------------------------
# Scripted steps
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A final assistant message (``finish_reason="stop"``); ``text`` may be empty."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """One function call; ``arguments`` is the exact string put on the wire."""

    name: str
    arguments: str
    id: str


@dataclass(frozen=True)
class ToolCalls:
    """One assistant message carrying one or several (parallel) tool calls (``finish_reason="tool_calls"``)."""

    calls: tuple[ToolCall, ...]
    text: str | None = None


@dataclass(frozen=True)
class Error:
    """An HTTP error with an OpenAI-style body ``{"error": {"message", "type", "param", "code"}}``."""

    status: int
    message: str
    type: str
    code: str | None = None
    should_retry: bool | None = None  # sent as the ``x-should-retry`` header when not None


@dataclass(frozen=True)
class Delay:
    """Sleep ``seconds`` before answering with ``then`` (the sleep ends early when the stub closes)."""

    seconds: float
    then: Step


Step: TypeAlias = "Reply | ToolCalls | Error | Delay | str | Callable[[RecordedRequest], Step]"

_call_ids = itertools.count(1)


def _new_call_id() -> str:
    return f"call_stub{next(_call_ids):06d}"


def reply(text: str) -> Reply:
    """A final assistant message with ``text`` as content."""
    return Reply(text)


def empty() -> Reply:
    """An assistant message with empty content and no tool calls."""
    return Reply("")


def tool_calls(
    *calls: tuple[str, Mapping[str, Any]] | tuple[str, Mapping[str, Any], str], text: str | None = None
) -> ToolCalls:
    """One assistant message with parallel tool calls: ``tool_calls(("search", {"q": "x"}), ...)``.

    Arguments are JSON-encoded compactly, non-ASCII kept as is, like OpenAI does. Call ids are generated
    (unique per process) unless given as a third tuple item. ``text`` is optional content sent alongside.
    """
    if not calls:
        raise ValueError("tool_calls() needs at least one (name, arguments) pair")
    built = []
    for call in calls:
        name, arguments, *rest = call
        arguments_json = json.dumps(dict(arguments), ensure_ascii=False, separators=(",", ":"))
        built.append(ToolCall(name, arguments_json, rest[0] if rest else _new_call_id()))
    return ToolCalls(tuple(built), text)


def raw_tool_call(name: str, arguments: str, *, id: str | None = None) -> ToolCalls:
    """A single tool call whose ``arguments`` string is sent verbatim (e.g. JSON that does not parse)."""
    return ToolCalls((ToolCall(name, arguments, id or _new_call_id()),))


def error(
    status: int,
    message: str,
    *,
    type: str | None = None,
    code: str | None = None,
    should_retry: bool | None = None,
) -> Error:
    """An HTTP ``status`` answer with an OpenAI-style error body.

    ``should_retry`` sets the ``x-should-retry`` header, which overrides the openai client's own retry
    decision (it otherwise retries 408, 409, 429 and 5xx).
    """
    if not 400 <= status <= 599:
        raise ValueError(f"error status must be 4xx or 5xx, got {status}")
    default_type = "server_error" if status >= 500 else "invalid_request_error"
    return Error(status, message, type or default_type, code, should_retry)


def delay(seconds: float, then: Step | None = None) -> Delay:
    """Wait ``seconds`` before answering with ``then`` (default: ``reply("delayed")``), for timeouts.

    A client that gives up earlier has consumed this step; the next request gets the next step.
    """
    return Delay(seconds, reply("delayed") if then is None else then)


# --------------------------------------------------------------------------------------------------
# Embeddings
# --------------------------------------------------------------------------------------------------


def embedding_for(text: str | Sequence[int], dim: int = 8) -> list[float]:
    """The stub's vector for ``text``: a unit vector seeded by the SHA-256 of the text.

    Values are rounded to float32 so the float and base64 encodings carry identical numbers. A token
    array (what some clients send instead of text) is hashed as its JSON, so it gets its own vector.
    """
    key = text if isinstance(text, str) else "tokens:" + json.dumps(list(text))
    seed = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    rng = random.Random(seed)
    values = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return list(struct.unpack(f"<{dim}f", struct.pack(f"<{dim}f", *(v / norm for v in values))))


# --------------------------------------------------------------------------------------------------
# Recorded requests
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received. ``request["messages"]`` is short for ``request.body["messages"]``."""

    method: str
    path: str  # as sent, without the query string, e.g. "/v1/chat/completions"
    endpoint: str  # normalised, e.g. "chat/completions", "embeddings", "models"
    headers: dict[str, str]  # names lower-cased, e.g. headers["authorization"] == "Bearer test"
    body: Any = None  # parsed JSON body; None for GET, the raw text if it was not JSON
    received_at: float = field(default_factory=time.monotonic)

    def __getitem__(self, key: str) -> Any:
        return self.body[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default) if isinstance(self.body, dict) else default


# --------------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------------


class OpenAIStub(LoopbackServer):
    """An OpenAI-compatible server on 127.0.0.1 with a free port, run in a background thread.

    Use as a context manager (or call :meth:`start` and :meth:`close`). All methods are thread-safe,
    and steps can be scripted at any time, including between calls of a running test.
    """

    def __init__(self, *, embedding_dim: int = 8, models: Sequence[str] = ("stub-model",)) -> None:
        self.embedding_dim = embedding_dim
        self.models = tuple(models)
        self._lock = threading.Lock()
        self._steps: deque[Step] = deque()
        self._requests: list[RecordedRequest] = []
        self._chat_count = 0
        self._response_ids = itertools.count(1)
        self._closing = threading.Event()
        super().__init__()

    # -- lifecycle ---------------------------------------------------------------------------------

    thread_name = "openai-stub"

    def _make_server(self) -> _Server:
        server = _Server(("127.0.0.1", self.listen_port), _Handler)
        server.stub = self
        return server

    def _before_close(self) -> None:
        self._closing.set()  # pending scripted delays end at once

    @property
    def base_url(self) -> str:
        """What to give clients as ``base_url``: ``http://127.0.0.1:PORT/v1``."""
        return f"{self.url}/v1"

    # -- script and records ------------------------------------------------------------------------

    def script(self, *steps: Step) -> None:
        """Queue steps; each chat request consumes the next one."""
        with self._lock:
            self._steps.extend(steps)

    @property
    def remaining(self) -> int:
        """How many scripted steps are not consumed yet."""
        with self._lock:
            return len(self._steps)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The chat-completion requests among :attr:`requests`."""
        return [r for r in self.requests if r.endpoint == CHAT]

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "stopped"
        return f"<OpenAIStub {where} steps={self.remaining} requests={len(self.requests)}>"

    # -- internals used by the handler ------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _next_step(self) -> tuple[int, Step | None]:
        with self._lock:
            self._chat_count += 1
            return self._chat_count, (self._steps.popleft() if self._steps else None)

    def _new_response_id(self) -> str:
        with self._lock:
            return f"chatcmpl-stub{next(self._response_ids):06d}"


class _Server(QuietServer):
    stub: OpenAIStub


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "OpenAIStub/1"
    timeout = 30  # seconds a silent connection may hold its thread

    # -- entry points ------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def _dispatch(self) -> None:
        stub = self.server.stub
        path = urlsplit(self.path).path
        endpoint = path.strip("/")
        endpoint = endpoint[3:] if endpoint.startswith("v1/") else endpoint
        body: Any = None
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            raw = self.rfile.read(length).decode("utf-8", "replace")
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = RecordedRequest(self.command, path, endpoint, headers, body)
        stub._record(request)
        try:
            if self.command == "POST" and endpoint == CHAT:
                self._chat(request)
            elif self.command == "POST" and endpoint == EMBEDDINGS:
                self._embeddings(request)
            elif self.command == "GET" and endpoint == MODELS:
                self._send_json(200, {"object": "list", "data": [_model(m) for m in stub.models]})
            elif self.command == "GET" and endpoint.startswith(MODELS + "/"):
                model_id = unquote(endpoint[len(MODELS) + 1 :])
                if model_id in stub.models:
                    self._send_json(200, _model(model_id))
                else:
                    self._send_error(
                        Error(
                            404,
                            f"The model '{model_id}' does not exist",
                            "invalid_request_error",
                            "model_not_found",
                        )
                    )
            else:
                self._send_error(
                    Error(
                        404,
                        f"OpenAIStub: no route for {self.command} {path}",
                        "invalid_request_error",
                        should_retry=False,
                    )
                )
        except (ConnectionError, TimeoutError):
            raise
        except Exception as exc:  # a bug in the stub or in a callable step: tell the test, don't hang up
            self._send_error(
                Error(500, f"OpenAIStub internal error: {exc!r}", "stub_error", should_retry=False)
            )

    # -- chat completions --------------------------------------------------------------------------

    def _chat(self, request: RecordedRequest) -> None:
        body = request.body
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            self._send_error(
                Error(
                    400,
                    "OpenAIStub: expected a JSON body with a 'messages' list",
                    "invalid_request_error",
                    should_retry=False,
                )
            )
            return
        number, step = self.server.stub._next_step()
        if step is None:
            message = (
                f"OpenAIStub: script exhausted at chat request #{number}; "
                "queue more steps with stub.script(...) before this call"
            )
            self._send_error(Error(500, message, "stub_script_exhausted", should_retry=False))
            return
        while not isinstance(step, Reply | ToolCalls | Error):
            if isinstance(step, str):
                step = Reply(step)
            elif isinstance(step, Delay):
                if self.server.stub._closing.wait(step.seconds):
                    return  # the stub is closing: drop the connection without an answer
                step = step.then
            elif callable(step):
                step = step(request)
            else:
                raise TypeError(f"not a step: {step!r}")
        if isinstance(step, Error):
            self._send_error(step)
        elif body.get("stream"):
            self._stream(step, body)
        else:
            self._send_json(200, self._completion(step, body))

    def _completion(self, step: Reply | ToolCalls, body: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None, "annotations": []}
        if isinstance(step, Reply):
            message["content"] = step.text
            finish_reason = "stop"
        else:
            message["content"] = step.text
            message["tool_calls"] = [
                {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
                for c in step.calls
            ]
            finish_reason = "tool_calls"
        return {
            **self._envelope("chat.completion", body),
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
            "usage": _usage(step, body),
        }

    def _stream(self, step: Reply | ToolCalls, body: dict[str, Any]) -> None:
        envelope = self._envelope("chat.completion.chunk", body)
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
            data = {
                **envelope,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
            }
            return {**data, "usage": None} if include_usage else data

        def chunks() -> Iterator[dict[str, Any]]:
            text = step.text or ""
            if isinstance(step, Reply):
                yield chunk({"role": "assistant", "content": "", "refusal": None})
                yield from (chunk({"content": piece}) for piece in _pieces(text))
                yield chunk({}, "stop")
            else:
                yield chunk(
                    {"role": "assistant", "content": None if step.text is None else "", "refusal": None}
                )
                yield from (chunk({"content": piece}) for piece in _pieces(text))
                for index, call in enumerate(step.calls):
                    head = {
                        "index": index,
                        "id": call.id,
                        "type": "function",
                        "function": {"name": call.name, "arguments": ""},
                    }
                    yield chunk({"tool_calls": [head]})
                    for piece in _pieces(call.arguments):
                        yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
                yield chunk({}, "tool_calls")
            if include_usage:
                yield {**envelope, "choices": [], "usage": _usage(step, body)}

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("x-request-id", _request_id())
        self.end_headers()
        for data in chunks():
            self.wfile.write(b"data: " + _dumps(data) + b"\n\n")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _envelope(self, object_name: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.server.stub._new_response_id(),
            "object": object_name,
            "created": int(time.time()),
            "model": body.get("model") or "stub-model",
            "system_fingerprint": "fp_openai_stub",
            "service_tier": "default",
        }

    # -- embeddings --------------------------------------------------------------------------------

    def _embeddings(self, request: RecordedRequest) -> None:
        body = request.body
        inputs = _embedding_inputs(body.get("input") if isinstance(body, dict) else None)
        if inputs is None:
            self._send_error(
                Error(
                    400,
                    "OpenAIStub: 'input' must be a non-empty string, list of strings or token arrays",
                    "invalid_request_error",
                    should_retry=False,
                )
            )
            return
        dim = body.get("dimensions") or self.server.stub.embedding_dim
        as_base64 = body.get("encoding_format") == "base64"
        data = []
        for index, item in enumerate(inputs):
            vector: Any = embedding_for(item, dim)
            if as_base64:
                vector = base64.b64encode(struct.pack(f"<{dim}f", *vector)).decode("ascii")
            data.append({"object": "embedding", "index": index, "embedding": vector})
        tokens = sum(_token_count(item if isinstance(item, str) else " " * 4 * len(item)) for item in inputs)
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": body.get("model") or "stub-embedding",
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    # -- plumbing ----------------------------------------------------------------------------------

    def _send_json(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
        data = _dumps(payload)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", _request_id())
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, err: Error) -> None:
        headers = (
            {} if err.should_retry is None else {"x-should-retry": "true" if err.should_retry else "false"}
        )
        payload = {"error": {"message": err.message, "type": err.type, "param": None, "code": err.code}}
        self._send_json(err.status, payload, headers)


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _dumps(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _request_id() -> str:
    return f"req_stub{random.getrandbits(48):012x}"


def _pieces(text: str) -> Iterable[str]:
    return (text[i : i + STREAM_PIECE] for i in range(0, len(text), STREAM_PIECE))


def _token_count(text: str) -> int:
    """A rough, deterministic token count (about four characters a token)."""
    return max(1, math.ceil(len(text) / 4))


def _usage(step: Reply | ToolCalls, body: dict[str, Any]) -> dict[str, int]:
    prompt = _token_count(json.dumps(body.get("messages"), ensure_ascii=False))
    produced = (step.text or "") + "".join(c.name + c.arguments for c in getattr(step, "calls", ()))
    completion = _token_count(produced)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _model(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": 1_700_000_000, "owned_by": "openai-stub"}


def _embedding_inputs(value: Any) -> list[str | list[int]] | None:
    """Normalise ``input``: a string, a list of strings, one token array or a list of token arrays."""
    if isinstance(value, str):
        return [value] if value else None
    if not isinstance(value, list) or not value:
        return None
    if all(isinstance(v, int) for v in value):
        return [value]
    if all(isinstance(v, str) and v for v in value) or all(
        isinstance(v, list) and v and all(isinstance(t, int) for t in v) for v in value
    ):
        return value
    return None
