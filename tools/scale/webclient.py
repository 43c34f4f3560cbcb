"""A small client of Odoo's web JSON-RPC, the routes the web client itself calls
(/web/session/authenticate, /web/dataset/call_kw, /web/dataset/call_button): read-only
methods (`@api.readonly`: web_search_read, web_read, web_read_group, ...) go to the
read replica when the server has one, the others to the primary. Used by
tools/scale/replica_check.py and tools/scale/loadtest.py; localhost only."""

import collections
import itertools
import json
import threading
import time
import urllib.parse

import requests

_IDS = itertools.count(1)


class RpcError(Exception):
    """An error the server answered with: `kind` is Odoo's exception class name."""

    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


def check_local(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"{url}: only a server on this machine (127.0.0.1) is allowed")


class FifoGate:
    """At most `size` requests in flight; the others wait in arrival order, as in a
    reverse proxy's queue (a plain semaphore lets a releasing thread take its slot again
    at once and starve the others)."""

    def __init__(self, size):
        self.lock = threading.Lock()
        self.free = size
        self.waiters = collections.deque()

    def __enter__(self):
        with self.lock:
            if self.free > 0 and not self.waiters:
                self.free -= 1
                return self
            turn = threading.Event()
            self.waiters.append(turn)
        turn.wait()
        return self

    def __exit__(self, *_exc):
        with self.lock:
            if self.waiters:
                self.waiters.popleft().set()  # the slot passes to the first in line
            else:
                self.free += 1


class WebClient:
    """One user's browser session."""

    def __init__(self, url, db, timeout=120, gate=None):
        check_local(url)
        self.gate = gate  # a semaphore shared by the clients: requests in flight
        self.url = url.rstrip("/")
        self.db = db
        self.timeout = timeout
        self.http = requests.Session()
        self.uid = None
        self.context = {}
        self.info = {}

    def json(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(_IDS)}
        if self.gate is None:
            response = self.http.post(self.url + path, json=payload, timeout=self.timeout)
        else:
            with self.gate:
                response = self.http.post(self.url + path, json=payload, timeout=self.timeout)
        response.raise_for_status()
        data = response.json()
        if "error" in data:
            error = data["error"].get("data") or {}
            kind = (error.get("name") or "error").rsplit(".", 1)[-1]
            raise RpcError(kind, error.get("message") or data["error"].get("message"))
        return data["result"]

    def login(self, login, password, company_ids=None):
        """Log in; the context selects the companies the web client would select."""
        self.info = self.json(
            "/web/session/authenticate", {"db": self.db, "login": login, "password": password}
        )
        self.uid = self.info["uid"]
        if not self.uid:
            raise RpcError("AccessDenied", f"{login} could not log in")
        companies = self.info.get("user_companies", {})
        allowed = (
            company_ids
            or companies.get("promujer_default_company_ids")
            or [int(cid) for cid in companies.get("allowed_companies", {})]
        )
        self.context = {**self.info.get("user_context", {}), "allowed_company_ids": allowed}
        return self

    def call(self, model, method, *args, button=False, context=None, **kwargs):
        """`model.method(*args, **kwargs)` as the web client calls it."""
        kwargs["context"] = {**self.context, **(context or {})}
        route = "call_button" if button else "call_kw"
        return self.json(
            f"/web/dataset/{route}/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path, **params):
        return self.http.get(self.url + path, params=params, timeout=self.timeout)

    def report(self, converter, report_name, ids):
        """A printed document, as /report/<converter>/... renders it, with the session's
        companies (the web client sends them in the context)."""
        ids = ",".join(str(i) for i in ids)
        return self.get(
            f"/report/{converter}/{report_name}/{ids}", context=json.dumps(self.context)
        )


def wait_for_server(url, seconds=90, process=None):
    """Until /web/health answers (or the server process died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server stopped (exit code {process.returncode})")
        try:
            if requests.get(url + "/web/health", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"no answer from {url} after {seconds} s")


def dumps(value):
    return json.dumps(value, default=str)
