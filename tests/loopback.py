"""The lifecycle the test servers share: a ThreadingHTTPServer on 127.0.0.1 at a free port, served from a
background thread, usable as a context manager."""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from typing import Any, Self


class QuietServer(ThreadingHTTPServer):
    """A thread per request; a client that gave up (a cancelled long poll, a timeout) is not an error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class LoopbackServer:
    thread_name = "loopback-server"

    def __init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.listen_port = 0  # for _make_server: any free port, or the same one again after an outage

    def _make_server(self) -> ThreadingHTTPServer:
        raise NotImplementedError

    def _before_close(self) -> None:
        """Wake anything waiting inside a request (long polls, scripted delays) so shutdown is quick."""

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        self._server = self._make_server()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=self.thread_name,
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving. Safe to call twice."""
        self._before_close()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def go_away(self) -> None:
        """An outage: the port stops listening, so every request is refused. State is kept for come_back()."""
        self.listen_port = self.port
        self.close()

    def come_back(self) -> None:
        """End an outage: serve again on the same port, with everything as it was."""
        self.start()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The server root, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"
