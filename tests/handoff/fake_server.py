"""A local HTTP server that records what it receives and answers as told (a stand-in for a
team's webhook receiver or Chatwoot), on a free port of 127.0.0.1."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, Optional, Tuple

from bot.servers import HOST

Answer = Tuple[int, dict]


class Received:
    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def json(self):
        return json.loads(self.body)


class FakeServer:
    """`answer(received) -> (status, json)` decides each reply; `up = False` refuses with 503."""

    def __init__(self, answer: Optional[Callable[[Received], Answer]] = None):
        self.received: List[Received] = []
        self.answer = answer or (lambda _r: (200, {"ok": True}))
        self.up = True
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                request = Received(self.command, self.path, dict(self.headers.items()), body)
                if fake.up:
                    fake.received.append(request)
                    status, data = fake.answer(request)
                else:
                    status, data = 503, {"error": "down"}
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_POST = do_GET = _handle

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}"

    def __enter__(self) -> "FakeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
