#!/usr/bin/env python3
"""Payments demo service: approves charges for orders over a small JSON HTTP API.

Standard library only. Binds to 127.0.0.1; the port comes from --port, else the PORT
environment variable, else 8083. It knows nothing of the mesh: its sidecar does that work.

    POST /payments        {"orderId": "ord-1", "amount": 12.5} -> 201 the approved payment
    GET  /payments/{id}   the stored payment, or 404
    GET  /health          {"status": "UP"}

Every error is JSON: {"error": "<code>", "message": "<sentence>"}.
"""

import argparse
import collections
import json
import math
import os
import re
import signal
import sys
import threading
import time
import traceback
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
DEFAULT_PORT = 8083
MAX_BODY_BYTES = 64 * 1024
# Keeps memory flat under a load test: the oldest payments are forgotten first.
MAX_STORED_PAYMENTS = 10_000
PAYMENT_PATH = re.compile(r"^/payments/([^/]+)$")


def allowed_methods(path):
    """Returns the methods a path answers to, or None for a path this service does not have."""
    if path == "/payments":
        return ("POST",)
    if path == "/health" or PAYMENT_PATH.match(path):
        return ("GET", "HEAD")
    return None


class BadRequest(Exception):
    """A request this service refuses, with the status and JSON error it gets."""

    def __init__(self, status, error, message, headers=None):
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}


class PaymentStore:
    """Keeps approved payments in memory, safe to use from many request threads."""

    def __init__(self, capacity=MAX_STORED_PAYMENTS):
        self._capacity = capacity
        self._payments = collections.OrderedDict()
        self._lock = threading.Lock()

    def add(self, payment):
        with self._lock:
            self._payments[payment["paymentId"]] = payment
            while len(self._payments) > self._capacity:
                self._payments.popitem(last=False)

    def get(self, payment_id):
        with self._lock:
            return self._payments.get(payment_id)


def parse_charge(body):
    """Returns (orderId, amount) from a JSON charge body, or raises BadRequest naming the fault."""
    try:
        charge = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "malformed_json", "request body is not valid JSON")
    if not isinstance(charge, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_payment", "request body must be a JSON object")
    problems = []
    order_id = charge.get("orderId")
    if order_id is None:
        problems.append("orderId is required")
    elif not isinstance(order_id, str) or not order_id.strip():
        problems.append("orderId must be a non-empty string")
    amount = charge.get("amount")
    if amount is None:
        problems.append("amount is required")
    elif isinstance(amount, bool) or not isinstance(amount, (int, float)):
        problems.append("amount must be a number")
    elif not math.isfinite(amount):
        problems.append("amount is out of range")
    elif amount <= 0:
        problems.append("amount must be greater than 0")
    if problems:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_payment", ", ".join(problems))
    return order_id, amount


def _reject_constant(name):
    # json accepts NaN and Infinity by default; no amount can be either.
    raise ValueError("not a JSON number: " + name)


class PaymentsHandler(BaseHTTPRequestHandler):
    """Routes one connection's requests; keeps the connection alive between them."""

    protocol_version = "HTTP/1.1"
    server_version = "payments"
    sys_version = ""
    # Seconds a connection may sit idle or mid-request before it is closed, so that a stuck
    # client cannot hold a thread for ever.
    timeout = 60
    # Headers and body go out in separate writes; with Nagle's algorithm on, the body waits
    # for the peer's delayed ACK (~40 ms on Linux) on every keep-alive response.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_OPTIONS(self):
        self._dispatch()

    def _dispatch(self):
        self._started = time.monotonic()
        try:
            body = self._read_body()
            status, payload, headers = self._route(self.path.split("?", 1)[0], body)
        except BadRequest as bad:
            status, payload, headers = bad.status, _error(bad.error, bad.message), bad.headers
        except Exception:  # the client still gets JSON; the trace goes to the log
            self.log_error("unexpected failure:\n%s", traceback.format_exc())
            status, payload, headers = HTTPStatus.INTERNAL_SERVER_ERROR, _error(
                "internal_error", "payments failed to answer; see its log"), {}
        self._send_json(status, payload, headers)

    def _route(self, path, body):
        allowed = allowed_methods(path)
        if allowed is None:
            raise BadRequest(HTTPStatus.NOT_FOUND, "not_found", "no such path: %s %s" % (self.command, path))
        if self.command not in allowed:
            message = "method %s is not allowed on %s; use %s" % (self.command, path, " or ".join(allowed))
            raise BadRequest(HTTPStatus.METHOD_NOT_ALLOWED, "method_not_allowed", message,
                             {"Allow": ", ".join(allowed)})
        if path == "/health":
            return HTTPStatus.OK, {"status": "UP"}, {}
        if path == "/payments":
            return self._create_payment(body)
        return self._get_payment(PAYMENT_PATH.match(path).group(1))

    def _create_payment(self, body):
        self._require_json()
        order_id, amount = parse_charge(body)
        payment = {"paymentId": "pay-" + str(uuid.uuid4()), "orderId": order_id,
                   "amount": amount, "status": "APPROVED"}
        self.server.payments.add(payment)
        return HTTPStatus.CREATED, payment, {"Location": "/payments/" + payment["paymentId"]}

    def _get_payment(self, payment_id):
        payment = self.server.payments.get(payment_id)
        if payment is None:
            raise BadRequest(HTTPStatus.NOT_FOUND, "payment_not_found", "no payment with id " + payment_id)
        return HTTPStatus.OK, payment, {}

    def _require_json(self):
        content_type = self.headers.get("Content-Type", "application/json")
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            raise BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                             "request body must be application/json, not " + media_type)

    def _read_body(self):
        """Reads the whole body, so that the connection stays usable for the next request."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        if not length.isdigit():
            self.close_connection = True
            raise BadRequest(HTTPStatus.BAD_REQUEST, "bad_content_length", "Content-Length must be a number")
        return self._read_exactly(int(length))

    def _read_chunked(self):
        body = bytearray()
        while True:
            size_line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                self.close_connection = True
                raise BadRequest(HTTPStatus.BAD_REQUEST, "bad_chunk", "chunked body is malformed")
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass  # trailers: read and ignore
                return bytes(body)
            body += self._read_exactly(size, already=len(body))
            self.rfile.readline(1024)

    def _read_exactly(self, size, already=0):
        if already + size > MAX_BODY_BYTES:
            # The rest of the body is never read, so the connection cannot be reused.
            self.close_connection = True
            raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                             "request body must be at most %d bytes" % MAX_BODY_BYTES)
        data = self.rfile.read(size)
        if len(data) < size:
            self.close_connection = True
            raise BadRequest(HTTPStatus.BAD_REQUEST, "truncated_body", "request body ended early")
        return data

    def _send_json(self, status, payload, headers=None):
        body = (json.dumps(payload, separators=(",", ":")) + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._log_request_line(status, len(body))

    def send_error(self, code, message=None, explain=None):
        """Answers the errors http.server raises itself (bad request line, unknown method) as JSON."""
        if code == HTTPStatus.NOT_IMPLEMENTED and self.command:
            # A method with no do_ method, e.g. TRACE: routed like any other, so 404 or 405.
            self._dispatch()
            return
        status = HTTPStatus(code)
        if self.request_version == "HTTP/0.9":
            # The request line was unreadable; answer with a status line all the same.
            self.request_version = "HTTP/1.0"
        self.close_connection = True
        self._started = time.monotonic()
        self.command = self.command or "-"
        self._send_json(status, _error(status.name.lower(), message or status.phrase))

    def log_request(self, code="-", size="-"):
        pass  # _log_request_line writes the one line per request, with its duration

    def _log_request_line(self, status, size):
        millis = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        headers = getattr(self, "headers", None)
        request_id = headers.get("x-request-id", "-") if headers else "-"
        self.server.log("%s %s %s %d %d %.1fms request-id=%s" % (
            self.address_string(), self.command, getattr(self, "path", "-"), int(status), size, millis,
            request_id))

    def log_message(self, format, *args):
        self.server.log(format % args)


class PaymentsServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 holding the payment store; one thread per connection."""

    daemon_threads = True

    def __init__(self, port, out=None):
        self.payments = PaymentStore()
        self._out = out if out is not None else sys.stdout
        self._log_lock = threading.Lock()
        super().__init__((HOST, port), PaymentsHandler)

    @property
    def port(self):
        return self.server_address[1]

    def log(self, line):
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        with self._log_lock:
            self._out.write("%sZ %s\n" % (stamp, line))
            self._out.flush()


def _error(code, message):
    return {"error": code, "message": message}


def parse_port(argv, environ):
    parser = argparse.ArgumentParser(description="Payments demo service (binds to %s)." % HOST)
    parser.add_argument("--port", type=int, default=None,
                        help="port to listen on; default $PORT, else %d; 0 picks a free one" % DEFAULT_PORT)
    args = parser.parse_args(argv)
    if args.port is not None:
        return args.port
    try:
        return int(environ.get("PORT", DEFAULT_PORT))
    except ValueError:
        parser.error("PORT must be a number, got %r" % environ["PORT"])


def main(argv=None):
    port = parse_port(sys.argv[1:] if argv is None else argv, os.environ)
    server = PaymentsServer(port)

    def stop(signum, frame):
        server.log("received %s, stopping" % signal.Signals(signum).name)
        # shutdown() waits for serve_forever() to return, so it cannot run on this thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.log("payments listening on http://%s:%d" % (HOST, server.port))
    try:
        server.serve_forever()
    finally:
        server.server_close()
    server.log("payments stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
