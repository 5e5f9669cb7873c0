"""The game's web server: Python's own threaded HTTP server, pages from `pages/`, JSON the
pages poll. Nothing leaves the local network: the pages load no outside file.

Routes: `/` (who goes where), `/team/<k>`, `/teacher?key=...`, `/pages/<file>`, and the
JSON API: GET `/api/state` (`?after=<version>` waits for a newer one), `/api/brands`,
`/api/network`; POST `/api/team/<k>/plan`, `/api/team/<k>/name`,
`/api/teacher/<start|pause|resume>?key=...`.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from experiments.classroom.game.session import GameSession
from experiments.errors import UsageError

PAGES = Path(__file__).parent / "pages"
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8"}
MAX_BODY = 10_000
WAIT_SECONDS = 20.0     # a page's question "anything newer?" is answered within this


class GameServer(ThreadingHTTPServer):
    """Serves one game session; `teacher_key` guards the teacher's buttons."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], session: GameSession):
        super().__init__(address, GameRequest)
        self.session, self.teacher_key = session, secrets.token_urlsafe(8)
        self.stop_months = threading.Event()
        self.months = threading.Thread(target=session.run_months, args=(self.stop_months,),
                                       daemon=True, name="game-months")

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self.months.start()
        try:
            super().serve_forever(poll_interval)
        finally:
            self.stop_months.set()


class GameRequest(BaseHTTPRequestHandler):
    server: GameServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:   # thirty pages polling would flood the terminal
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        session, path = self.server.session, url.path
        if path == "/api/state":
            after = parse_qs(url.query).get("after", [""])[0]
            state = (session.newer_than(int(after), WAIT_SECONDS) if after.lstrip("-").isdigit()
                     else session.state_bytes)
            return self._send(state, "application/json")
        if path == "/api/brands":
            return self._send(session.brand_bytes, "application/json")
        if path == "/api/network":
            return self._send(session.network, "application/json")
        page = {"/": "index.html", "/teacher": "teacher.html"}.get(path)
        if re.fullmatch(r"/team/\d+", path):
            page = "team.html"
        elif path.startswith("/pages/"):
            page = path.removeprefix("/pages/")
        file = PAGES / page if page and "/" not in page and ".." not in page else None
        if file is None or not file.is_file():
            return self._send(b"Not found", "text/plain", HTTPStatus.NOT_FOUND)
        self._send(file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"))

    def do_POST(self) -> None:
        url = urlparse(self.path)
        try:
            self._act(url.path, parse_qs(url.query).get("key", [""])[0], self._body())
        except UsageError as error:
            return self._json({"error": str(error)}, HTTPStatus.BAD_REQUEST)
        except PermissionError as error:
            return self._json({"error": str(error)}, HTTPStatus.FORBIDDEN)
        self._json({"ok": True, "version": self.server.session.version})

    def _act(self, path: str, key: str, body: dict) -> None:
        session = self.server.session
        team = re.fullmatch(r"/api/team/(\d+)/(plan|name)", path)
        if team:
            k = int(team.group(1)) - 1
            if team.group(2) == "plan":
                return session.plan(k, body.get("split", {}))
            return session.rename(k, body.get("name", ""))
        teacher = re.fullmatch(r"/api/teacher/(\w+)", path)
        if not teacher:
            raise UsageError(f"no such action: {path}")
        if not secrets.compare_digest(key, self.server.teacher_key):
            raise PermissionError("only the teacher's page (its address has the key) may do that")
        session.teacher(teacher.group(1))

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise UsageError(f"request of {length} bytes is over {MAX_BODY}")
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError as error:
            raise UsageError(f"request is not JSON: {error.msg}") from None
        if not isinstance(body, dict):
            raise UsageError("request is not a JSON object")
        return body

    def _json(self, data: dict, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(json.dumps(data).encode(), "application/json", status)

    def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
