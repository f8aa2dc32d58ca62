"""Tests of the payments service over real HTTP, against a server on a free loopback port."""

import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import unittest

import payments

HERE = os.path.dirname(os.path.abspath(__file__))


class ServerTestCase(unittest.TestCase):
    """Starts one payments server on port 0 in a thread for the whole class."""

    @classmethod
    def setUpClass(cls):
        cls.log = io.StringIO()
        cls.server = payments.PaymentsServer(0, out=cls.log)
        cls.thread = threading.Thread(target=cls.server.serve_forever, kwargs={"poll_interval": 0.05},
                                      daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.thread.join(timeout=10)

    def setUp(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)

    def tearDown(self):
        self.connection.close()

    def request(self, method, path, body=None, headers=None):
        """Sends one request on this test's connection; returns (response, parsed JSON body)."""
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        self.assertEqual(response.getheader("Content-Type"), "application/json")
        self.assertEqual(int(response.getheader("Content-Length")), len(raw))
        return response, (json.loads(raw) if raw else None)

    def assertError(self, response, body, status, error, message=None):
        self.assertEqual(response.status, status, body)
        self.assertEqual(body["error"], error)
        self.assertIsInstance(body["message"], str)
        if message is not None:
            self.assertEqual(body["message"], message)


class CreatePaymentTests(ServerTestCase):

    def test_approves_a_charge_with_a_new_payment_id(self):
        response, body = self.request("POST", "/payments", {"orderId": "ord-1", "amount": 12.5})
        self.assertEqual(response.status, 201)
        self.assertRegex(body["paymentId"], r"^pay-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
        self.assertEqual(body["orderId"], "ord-1")
        self.assertEqual(body["amount"], 12.5)
        self.assertEqual(body["status"], "APPROVED")
        self.assertEqual(response.getheader("Location"), "/payments/" + body["paymentId"])

    def test_gives_every_charge_its_own_payment_id(self):
        _, first = self.request("POST", "/payments", {"orderId": "ord-1", "amount": 1})
        _, second = self.request("POST", "/payments", {"orderId": "ord-1", "amount": 1})
        self.assertNotEqual(first["paymentId"], second["paymentId"])

    def test_reads_back_a_stored_payment(self):
        _, created = self.request("POST", "/payments", {"orderId": "ord-2", "amount": 25})
        response, body = self.request("GET", "/payments/" + created["paymentId"])
        self.assertEqual(response.status, 200)
        self.assertEqual(body, created)

    def test_accepts_a_json_content_type_with_charset(self):
        response, _ = self.request("POST", "/payments", json.dumps({"orderId": "ord-3", "amount": 3}),
                                   {"Content-Type": "application/json; charset=utf-8"})
        self.assertEqual(response.status, 201)

    def test_accepts_a_chunked_body(self):
        self.connection.putrequest("POST", "/payments")
        self.connection.putheader("Content-Type", "application/json")
        self.connection.putheader("Transfer-Encoding", "chunked")
        self.connection.endheaders()
        for chunk in (b'{"orderId": "ord-4", ', b'"amount": 4.25}'):
            self.connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.connection.send(b"0\r\n\r\n")
        response = self.connection.getresponse()
        body = json.loads(response.read())
        self.assertEqual(response.status, 201)
        self.assertEqual(body["amount"], 4.25)


class BadChargeTests(ServerTestCase):

    def post(self, body, content_type="application/json"):
        return self.request("POST", "/payments", body, {"Content-Type": content_type})

    def test_zero_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": 0}'), 400, "invalid_payment",
                         "amount must be greater than 0")

    def test_negative_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": -5}'), 400, "invalid_payment",
                         "amount must be greater than 0")

    def test_missing_fields_answer_400_naming_each(self):
        self.assertError(*self.post("{}"), 400, "invalid_payment", "orderId is required, amount is required")

    def test_missing_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1"}'), 400, "invalid_payment", "amount is required")

    def test_text_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": "12.50"}'), 400, "invalid_payment",
                         "amount must be a number")

    def test_boolean_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": true}'), 400, "invalid_payment",
                         "amount must be a number")

    def test_not_a_number_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": NaN}'), 400, "malformed_json")

    def test_infinite_amount_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1", "amount": 1e400}'), 400, "invalid_payment",
                         "amount is out of range")

    def test_empty_order_id_answers_400(self):
        self.assertError(*self.post('{"orderId": " ", "amount": 1}'), 400, "invalid_payment",
                         "orderId must be a non-empty string")

    def test_numeric_order_id_answers_400(self):
        self.assertError(*self.post('{"orderId": 7, "amount": 1}'), 400, "invalid_payment",
                         "orderId must be a non-empty string")

    def test_malformed_json_answers_400(self):
        self.assertError(*self.post('{"orderId": "ord-1",'), 400, "malformed_json",
                         "request body is not valid JSON")

    def test_empty_body_answers_400(self):
        self.assertError(*self.post(""), 400, "malformed_json")

    def test_json_that_is_not_an_object_answers_400(self):
        self.assertError(*self.post("[1, 2]"), 400, "invalid_payment", "request body must be a JSON object")

    def test_body_that_is_not_utf8_answers_400(self):
        self.assertError(*self.post(b'{"orderId": "\xff", "amount": 1}'), 400, "malformed_json")

    def test_form_content_answers_415(self):
        self.assertError(*self.post("orderId=ord-1&amount=1", "application/x-www-form-urlencoded"), 415,
                         "unsupported_media_type")

    def test_oversized_body_answers_413_and_closes(self):
        response, body = self.post('{"orderId": "%s", "amount": 1}' % ("x" * payments.MAX_BODY_BYTES))
        self.assertError(response, body, 413, "body_too_large")
        self.assertEqual(response.getheader("Connection"), "close")


class RoutingTests(ServerTestCase):

    def test_health_is_up(self):
        response, body = self.request("GET", "/health")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, {"status": "UP"})

    def test_unknown_path_answers_404(self):
        self.assertError(*self.request("GET", "/refunds"), 404, "not_found", "no such path: GET /refunds")

    def test_unknown_payment_answers_404(self):
        self.assertError(*self.request("GET", "/payments/pay-nope"), 404, "payment_not_found",
                         "no payment with id pay-nope")

    def test_wrong_method_answers_405_with_allow(self):
        response, body = self.request("GET", "/payments")
        self.assertError(response, body, 405, "method_not_allowed")
        self.assertEqual(response.getheader("Allow"), "POST")

    def test_wrong_method_on_a_payment_answers_405(self):
        response, body = self.request("DELETE", "/payments/pay-1")
        self.assertError(response, body, 405, "method_not_allowed")
        self.assertEqual(response.getheader("Allow"), "GET, HEAD")

    def test_method_http_server_does_not_know_answers_405(self):
        response, body = self.request("TRACE", "/health")
        self.assertError(response, body, 405, "method_not_allowed")

    def test_head_answers_without_a_body(self):
        self.connection.request("HEAD", "/health")
        response = self.connection.getresponse()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.read(), b"")
        self.assertGreater(int(response.getheader("Content-Length")), 0)

    def test_query_string_is_ignored_for_routing(self):
        response, _ = self.request("GET", "/health?probe=1")
        self.assertEqual(response.status, 200)


class ConnectionTests(ServerTestCase):

    def test_keeps_the_connection_alive_across_requests(self):
        self.request("GET", "/health")
        first_socket = self.connection.sock
        self.request("POST", "/payments", {"orderId": "ord-1", "amount": 1})
        self.request("GET", "/nowhere")
        self.assertIs(self.connection.sock, first_socket)

    def test_answers_a_garbled_request_line_with_json(self):
        self.connection.connect()
        self.connection.sock.sendall(b"GARBAGE\r\n\r\n")
        response = http.client.HTTPResponse(self.connection.sock)
        response.begin()
        body = json.loads(response.read())
        self.assertEqual(response.status, 400)
        self.assertEqual(body["error"], "bad_request")

    def test_logs_one_line_per_request(self):
        missing = f"/nowhere-{time.monotonic_ns()}"
        self.request("GET", "/health", headers={"x-request-id": "req-42"})
        self.request("GET", missing)

        # each request's line is written by its own handler thread after the answer went out,
        # so the two may land in either order, and a line of an earlier test may land among them
        def ours():
            return sorted((line for line in self.log.getvalue().splitlines()
                           if "request-id=req-42" in line or missing in line),
                          key=lambda line: missing in line)
        deadline = time.monotonic() + 2
        while len(ours()) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        lines = ours()
        self.assertEqual(len(lines), 2, lines)
        self.assertRegex(lines[0], r"GET /health 200 \d+ [\d.]+ms request-id=req-42$")
        self.assertRegex(lines[1], rf"GET {missing} 404 \d+ [\d.]+ms request-id=-$")


class ConfigurationTests(unittest.TestCase):

    def test_port_flag_wins_over_environment(self):
        self.assertEqual(payments.parse_port(["--port", "9001"], {"PORT": "9002"}), 9001)

    def test_port_comes_from_environment(self):
        self.assertEqual(payments.parse_port([], {"PORT": "9002"}), 9002)

    def test_port_defaults_to_8083(self):
        self.assertEqual(payments.parse_port([], {}), 8083)

    def test_non_numeric_port_is_refused(self):
        with self.assertRaises(SystemExit), open(os.devnull, "w") as devnull:
            stderr, sys.stderr = sys.stderr, devnull
            try:
                payments.parse_port([], {"PORT": "eighty"})
            finally:
                sys.stderr = stderr


class ProcessTests(unittest.TestCase):

    def test_stops_cleanly_on_sigterm(self):
        process = subprocess.Popen([sys.executable, os.path.join(HERE, "payments.py"), "--port", "0"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            started = process.stdout.readline()
            self.assertIn("payments listening on http://127.0.0.1:", started)
            port = int(started.rsplit(":", 1)[1])
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/health")
            self.assertEqual(connection.getresponse().status, 200)
            connection.close()
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertEqual(process.returncode, 0, err)
        self.assertIn("GET /health 200", out)
        self.assertIn("received SIGTERM, stopping", out)
        self.assertTrue(out.rstrip().endswith("payments stopped"), out)


if __name__ == "__main__":
    unittest.main()
