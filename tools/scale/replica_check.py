"""The suite's report screens answered by a streaming replica, its writes by the primary.

Starts the suite in production mode (setup/serve, prefork workers) with
db_replica_host/db_replica_port pointing at the replica (setup/replica start), then,
over HTTP as the branch manager of the demo (login = password `manager`) and its
accountant (`accountant`):

1. the report screens answer: portfolio at risk (list and pivot), expected versus
   collected, the branch dashboard and its buttons (`@api.readonly`);
2. with the replica's replay paused, the manager renames an association (a write:
   the primary) and the read-only paths still show the old name: they were answered by
   the replica, while the primary (XML-RPC, which always uses it) has the new one;
3. once the replica has replayed it, the read-only paths show the new name;
4. the Operational Data report (a wizard: its computation writes its lines, so it runs
   on the primary) is computed, its lines read back and it is printed (/report/html).

Run by setup/test against its database (demo data); standalone:
    python3 tools/scale/replica_check.py --db DB [--port 8169] [--replica-port 5433]
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import xmlrpc.client

import psycopg2
from webclient import WebClient, wait_for_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAILED = []


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=0, help="HTTP port (default: a free one)")
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--login", default="manager", help="the reader (a branch manager)")
    parser.add_argument("--printer", default="accountant", help="who prints the report")
    parser.add_argument("--logfile", default=None)
    return parser.parse_args(argv)


def check(label, condition, detail=""):
    print(f"  {'ok  ' if condition else 'FAIL'} {label}{f': {detail}' if detail else ''}")
    if not condition:
        FAILED.append(label)
    return condition


def pg(port, db="postgres"):
    conn = psycopg2.connect(
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=port,
        user=os.environ.get("PGUSER"),
        dbname=db,
    )
    conn.autocommit = True
    return conn


def scalar(conn, query, params=()):
    with conn.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchone()[0]


def caught_up(primary, replica, seconds=30):
    """Waits until the replica has replayed everything the primary wrote; the lag (s)."""
    lsn = scalar(primary, "SELECT pg_current_wal_lsn()::text")
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if scalar(replica, "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", [lsn]):
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"the replica did not replay {lsn} within {seconds} s")


def pause_replay(replica):
    with replica.cursor() as cr:
        cr.execute("SELECT pg_wal_replay_pause()")
    for _i in range(200):
        if scalar(replica, "SELECT pg_get_wal_replay_pause_state()") == "paused":
            return
        time.sleep(0.05)
    raise SystemExit("the replica's replay did not pause")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(db, workers, port, log, replica_port=None):
    """setup/serve for `db` in prefork mode without cron workers, on `port`."""
    command = [
        os.path.join(ROOT, "setup", "serve"),
        "--db",
        db,
        "--workers",
        str(workers),
        "--max-cron-threads",
        "0",
        "--port",
        str(port),
        "--gevent-port",
        str(free_port()),
        "--logfile",
        log,
    ]
    if replica_port:
        command += ["--replica-port", str(replica_port)]
    return command


def start_server(args):
    log = args.logfile or os.path.join(ROOT, "setup", ".state", "logs", f"replica_{args.db}.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    if os.path.exists(log):
        os.remove(log)
    command = serve_command(args.db, args.workers, args.port, log, args.replica_port)
    process = subprocess.Popen(command, start_new_session=True)
    return process, log


def stop_server(process, seconds=30):
    """The server started in its own session stopped, killed after `seconds`."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def names_on_read_paths(client, association_id, meeting_id):
    """The association's name as each read-only path shows it."""
    seen = {}
    record = client.call("promujer.association", "web_read", [association_id], {"display_name": {}})
    seen["web_read (form)"] = record[0]["display_name"]
    rows = client.call(
        "promujer.portfolio.report",
        "web_search_read",
        [("association_id", "=", association_id)],
        {"association_id": {"fields": {"display_name": {}}}},
        limit=1,
    )["records"]
    seen["portfolio at risk (list)"] = rows[0]["association_id"]["display_name"]
    groups = client.call(
        "promujer.collection.report",
        "web_read_group",
        [("association_id", "=", association_id)],
        ["expected:sum", "collected:sum"],
        ["association_id"],
    )["groups"]
    seen["expected vs collected (pivot)"] = groups[0]["association_id"][1]
    sheet = client.report("html", "promujer_credit.report_collection_sheet", [meeting_id])
    seen["collection sheet (/report/html)"] = (
        sheet.text if sheet.ok else f"HTTP {sheet.status_code}"
    )
    return seen


def branch_pivot(client, model, *measures):
    """A report's pivot by branch, as the web client reads it: the sums of `measures`."""
    return client.call(model, "web_read_group", [], [f"{m}:sum" for m in measures], ["company_id"])


def check_report_screens(client):
    """1. The report screens answer; (the portfolio at risk rows, the dashboard's)."""
    rows = client.call(
        "promujer.portfolio.report",
        "web_search_read",
        [],
        {
            "association_id": {"fields": {"display_name": {}}},
            "company_id": {"fields": {"display_name": {}}},
            "outstanding": {},
        },
        limit=80,
    )
    check("portfolio at risk: list", rows["length"] > 0, f"{rows['length']} loans")
    pivot = branch_pivot(client, "promujer.portfolio.report", "outstanding", "par30")
    check("portfolio at risk: pivot", pivot["length"] > 0, f"{pivot['length']} branches")
    collected = branch_pivot(client, "promujer.collection.report", "expected", "collected")
    check("expected vs collected: pivot", collected["length"] > 0)
    board = client.call(
        "promujer.branch.dashboard",
        "web_search_read",
        [],
        {"company_id": {"fields": {"display_name": {}}}, "portfolio": {}},
    )["records"]
    check("branch dashboard", bool(board), f"{len(board)} Focal Centers")
    action = client.call(
        "promujer.branch.dashboard", "action_open_loans", [board[0]["id"]], button=True
    )
    check("dashboard button (@api.readonly)", action.get("res_model") == "promujer.loan")
    return rows, board


def first_meeting(client, association_id):
    """The id of one meeting of the association."""
    meeting = client.call(
        "promujer.meeting",
        "web_search_read",
        [("association_id", "=", association_id)],
        {"display_name": {}},
        limit=1,
    )["records"]
    return meeting[0]["id"]


def check_paused_replica(args, url, client, replica, board, renamed):
    """2. Replay paused: reads come from the replica, the write went to the primary.
    renamed: (association id, one of its meetings' id, its old name, its new name)."""
    association_id, meeting_id, old, new = renamed
    pause_replay(replica)
    try:
        client.call("promujer.association", "write", [association_id], {"name": new})
        for path, shown in names_on_read_paths(client, association_id, meeting_id).items():
            check(
                f"replica answers {path}",
                old in shown and new not in shown,
                "old name" if old in shown and new not in shown else shown[:200],
            )
        proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
        on_primary = proxy.execute_kw(
            args.db,
            client.uid,
            args.login,
            "promujer.association",
            "read",
            [[association_id], ["name"]],
        )[0]["name"]
        check("the write is on the primary (XML-RPC reads it)", on_primary == new)
        action = client.call(
            "promujer.branch.dashboard", "action_open_cycles", [board[0]["id"]], button=True
        )
        check("dashboard button while the replica lags", bool(action.get("res_model")))
    finally:
        with replica.cursor() as cr:
            cr.execute("SELECT pg_wal_replay_resume()")


def check_replayed(client, primary, replica, renamed):
    """3. Replayed: the replica shows the new name."""
    association_id, meeting_id, _old, new = renamed
    lag = caught_up(primary, replica)
    seen = names_on_read_paths(client, association_id, meeting_id)
    check(
        "after replay every read-only path shows the new name",
        all(new in shown for shown in seen.values()),
        f"replayed in {lag * 1000:.0f} ms",
    )


def check_operational_data(args, url, primary, replica, branch):
    """4. A wizard: its computation writes (primary), its lines are read back; it is
    printed by the accountant (institution and Villa Adela: the printed report names the
    institution, which a one-branch manager may not read)."""
    client = WebClient(url, args.db).login(args.printer, args.printer)
    report_id = client.call("promujer.operational.report", "create", [{}])
    if isinstance(report_id, list):
        report_id = report_id[0]
    client.call("promujer.operational.report", "action_compute", [report_id], button=True)
    lag = caught_up(primary, replica)
    lines = client.call(
        "promujer.operational.report.line",
        "web_search_read",
        [("report_id", "=", report_id), ("level", "=", "institution")],
        {"associations": {}, "portfolio": {}},
    )["records"]
    check(
        "Operational Data computed on the primary, read on the replica",
        bool(lines) and lines[0]["associations"] > 0,
        f"{lines[0]['associations'] if lines else 0} associations; replica "
        f"{lag * 1000:.0f} ms behind",
    )
    page = client.report("html", "promujer_reports.report_operational_data", [report_id])
    check(
        "printed Operational Data (/report/html)",
        page.ok and branch in page.text,
        f"HTTP {page.status_code}",
    )


def check_replica_connections(args, replica):
    connections = scalar(
        replica,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND application_name LIKE 'odoo-%%'",
        [args.db],
    )
    check("Odoo holds connections to the replica", connections > 0, f"{connections}")


def run_checks(args, url, primary, replica):
    """Steps 1 to 4 against the running server (module docstring)."""
    print(f"report routes against the replica on port {args.replica_port} ({args.db}):")
    client = WebClient(url, args.db).login(args.login, args.login)
    rows, board = check_report_screens(client)
    association_id = rows["records"][0]["association_id"]["id"]
    old = rows["records"][0]["association_id"]["display_name"]
    new = f"{old} (replica check)"
    renamed = (association_id, first_meeting(client, association_id), old, new)
    check_paused_replica(args, url, client, replica, board, renamed)
    check_replayed(client, primary, replica, renamed)
    client.call("promujer.association", "write", [association_id], {"name": old})
    branch = rows["records"][0]["company_id"]["display_name"]
    check_operational_data(args, url, primary, replica, branch)
    check_replica_connections(args, replica)


def main(argv):
    args = parse_args(argv)
    args.port = args.port or free_port()
    url = f"http://127.0.0.1:{args.port}"
    primary = pg(os.environ.get("PGPORT", "5432"))
    replica = pg(args.replica_port)
    if not scalar(replica, "SELECT pg_is_in_recovery()"):
        raise SystemExit(f"port {args.replica_port} is not a replica (setup/replica start)")
    started = time.monotonic()
    process, log = start_server(args)
    try:
        wait_for_server(url, process=process)
        caught_up(primary, replica)
        run_checks(args, url, primary, replica)
    finally:
        stop_server(process)
    took = time.monotonic() - started
    if FAILED:
        print(f"replica check FAILED ({', '.join(FAILED)}) in {took:.0f} s; server log {log}")
        return 1
    print(f"replica check passed in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
