"""Local servers for the tests, all on 127.0.0.1 and never the internet: an HTTP server with a table of
routes, an HTTP forward proxy that records what passed through it, and a SOCKS5 server that records the address
it was asked for and relays to the HTTP server; a webhook receiver that can fail on purpose; and an SMTP server that
requires STARTTLS."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Handler = Callable[[dict[str, str]], tuple[int, dict[str, str], bytes]]


@dataclass
class Site:
    """Routes (path with query -> handler or fixed response) and a log of the requests they got."""

    base: str = ""
    routes: dict[str, Handler | tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class H(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            state.requests.append((self.path, headers))
            route = state.routes.get(self.path)
            if route is None:
                status, extra, body = 404, dict[str, str](), b"not here"
            elif callable(route):
                status, extra, body = route(headers)
            else:
                status, extra, body = route
            self.send_response(status)
            for k, v in extra.items():
                self.send_header(k, v)
            if "Content-Length" not in extra:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@dataclass
class Relay:
    """A proxy or SOCKS server: where it listens and what it was asked for."""

    url: str = ""
    seen: list[Any] = field(default_factory=list)


def _pipe(a: socket.socket, b: socket.socket) -> None:
    def one_way(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    t = threading.Thread(target=one_way, args=(b, a), daemon=True)
    t.start()
    one_way(a, b)
    t.join(timeout=5)


@pytest.fixture
def socks5(site: Site) -> Iterator[Relay]:
    """A SOCKS5 server (no auth) that records each CONNECT's address type and host, and connects every request
    to the local HTTP server whatever host it names (so `.onion` names "resolve")."""
    relay = Relay()
    port = int(site.base.rsplit(":", 1)[1])

    class H(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            _ver, n = conn.recv(2)
            conn.recv(n)
            conn.sendall(b"\x05\x00")
            _ver, _cmd, _, atyp = conn.recv(4)
            if atyp == 3:
                length = conn.recv(1)[0]
                host = conn.recv(length).decode()
            elif atyp == 1:
                host = socket.inet_ntoa(conn.recv(4))
            else:
                host = socket.inet_ntop(socket.AF_INET6, conn.recv(16))
            (dport,) = struct.unpack("!H", conn.recv(2))
            relay.seen.append((atyp, host, dport))
            upstream = socket.create_connection(("127.0.0.1", port))
            conn.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", port))
            _pipe(conn, upstream)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), H)
    server.daemon_threads = True
    relay.url = f"socks5h://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield relay
    server.shutdown()
    server.server_close()


@pytest.fixture
def http_proxy(site: Site) -> Iterator[Relay]:
    """A plain-HTTP forward proxy: records the absolute URL of each request and fetches it from the site."""
    relay = Relay()
    port = int(site.base.rsplit(":", 1)[1])

    class H(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            relay.seen.append(self.path)
            path = "/" + self.path.split("/", 3)[3] if self.path.startswith("http") else self.path
            with socket.create_connection(("127.0.0.1", port)) as up:
                up.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                data = b""
                while chunk := up.recv(65536):
                    data += chunk
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    relay.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield relay
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp_server(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[bool, list[str], str]]]:
    """A local SMTP server that requires STARTTLS, with a certificate made for the test, and darkwire's SMTP
    settings pointed at it. Yields what it receives: (over TLS, recipients, message) per message."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.controller import Controller

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make the test server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    received: list[tuple[bool, list[str], str]] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append((session.ssl is not None, envelope.rcpt_tos, envelope.content.decode()))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    smtp = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    smtp.start()
    monkeypatch.setenv("DARKWIRE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DARKWIRE_SMTP_PORT", str(port))
    monkeypatch.setenv("DARKWIRE_SMTP_CA_FILE", str(cert))
    monkeypatch.setenv("DARKWIRE_SMTP_FROM", "alerts@darkwire.example")
    try:
        yield received
    finally:
        smtp.stop()


class Receiver:
    """A webhook receiver on 127.0.0.1 that answers HTTP 500 to its first `failures` requests: `requests` holds
    every request (headers, body), `accepted` those it answered with 200."""

    def __init__(self, failures: int = 0) -> None:
        from http.server import HTTPServer

        self.failures = failures
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.accepted: list[tuple[dict[str, str], bytes]] = []
        me = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                me.requests.append((dict(self.headers), body))
                ok = len(me.requests) > me.failures
                if ok:
                    me.accepted.append((dict(self.headers), body))
                self.send_response(200 if ok else 500)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver that accepts every request (set `failures` to make it fail the first ones)."""
    r = Receiver()
    yield r
    r.close()
