"""A load test of concurrent clerks: N clerks, each in a different Focal Center, post
repayment meetings (and a few disbursements and savings withdrawals) through the web
client's JSON-RPC as low-rights users for S seconds, while a director reads the
Operational Data report; then the checks: every meeting posted exactly once, no entry
without its record, the General Ledger ties. Run through setup/loadtest; see
docs/benchmarks.md. Localhost only, bounded in clerks and seconds."""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import date

import psutil
import psycopg2
import requests
from common import ROOT, registry
from loadtest_checks import checks
from loadtest_fixtures import fixtures
from replica_check import free_port, serve_command, stop_server
from webclient import FifoGate, RpcError, WebClient, wait_for_server

MAX_CLERKS = 48
MEETING = "promujer.meeting"
SAVINGS = "promujer.savings.transaction"
# What the collection sheet shows when the clerk opens it (the web client's web_read).
SHEET = {
    "amount_due": {},
    "line_ids": {"fields": {"partner_id": {}, "amount_due": {}, "amount_paid": {}}},
}
MAX_SECONDS = 900


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/loadtest", description=__doc__)
    parser.add_argument("--db", default="pm_loadtest")
    parser.add_argument("--clerks", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2, help="Odoo HTTP workers")
    parser.add_argument(
        "--meetings", type=int, help="meetings ready per clerk (default: --seconds / 8)"
    )
    parser.add_argument(
        "--disbursing", type=int, default=4, help="one clerk in N also disburses a cycle"
    )
    parser.add_argument("--replica-port", type=int, help="serve read-only requests from it")
    parser.add_argument("--director-pause", type=float, default=2.0, help="s between reports")
    parser.add_argument(
        "--in-flight",
        type=int,
        help="requests in flight at most, the others wait their turn as behind a reverse "
        "proxy (default 8 x workers: Odoo's listen backlog, beyond which connections are "
        "dropped and retried by TCP seconds later)",
    )
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    if not 1 <= args.clerks <= MAX_CLERKS:
        parser.error(f"--clerks between 1 and {MAX_CLERKS}")
    if not 5 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds between 5 and {MAX_SECONDS}")
    if args.workers < 1:
        parser.error("--workers at least 1 (prefork)")
    return args


# ---------------------------------------------------------------------- fixtures


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.errors = Counter()
        self.samples = {}
        self.meetings_ok = []  # posted, as the clerk saw it
        self.meetings_failed = []  # created, the post answered an error
        self.meetings_done_at = []
        self.cycles_ok = []
        self.withdrawals_ok = []
        self.out_of_work = 0

    def timed(self, op, func, *args, **kwargs):
        """func(*args, **kwargs), its latency recorded under `op` (or its error)."""
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except RpcError as exc:
            self.error(op, exc.kind, exc.message)
            raise
        except requests.RequestException as exc:
            self.error(op, type(exc).__name__, str(exc))
            raise
        with self.lock:
            self.latency[op].append(time.perf_counter() - start)
        return result

    def error(self, op, kind, message):
        with self.lock:
            key = f"{op}: {kind}"
            self.errors[key] += 1
            self.samples.setdefault(key, message[:300])


def login(url, db, user, gate, stats, deadline):
    while True:
        try:
            return stats.timed("login", WebClient(url, db, gate=gate).login, user, user)
        except (RpcError, requests.RequestException):
            if time.monotonic() > deadline:
                raise


def clerk(url, db, task, deadline, stats, today, gate):
    officer = login(url, db, task["officer"], gate, stats, deadline)
    accountant = login(url, db, task["accountant"], gate, stats, deadline)
    queue = []
    # Round-robin over her associations, each one's meetings in date order.
    rounds = max(len(a["dates"]) for a in task["associations"])
    for n in range(rounds):
        for assoc in task["associations"]:
            if n < len(assoc["dates"]):
                queue.append((assoc["association_id"], assoc["cycle_id"], assoc["dates"][n]))
    to_disburse = list(task["to_disburse"])
    savings = list(task["savings"])
    step = 0
    while time.monotonic() < deadline:
        step += 1
        try:
            if step % 10 == 3 and savings:
                values = {
                    "account_id": savings.pop(0),
                    "kind": "withdrawal",
                    "amount": -1.0,
                    "date": str(today),
                }
                tx = stats.timed("withdrawal create", officer.call, SAVINGS, "create", values)
                stats.timed(
                    "withdrawal post", officer.call, SAVINGS, "action_post", [tx], button=True
                )
                stats.withdrawals_ok.append(tx)
                continue
            if step == 2 and to_disburse:
                cycle_id = to_disburse.pop(0)
                stats.timed(
                    "cycle disburse",
                    accountant.call,
                    "promujer.loan.cycle",
                    "action_disburse",
                    [cycle_id],
                    button=True,
                )
                stats.cycles_ok.append(cycle_id)
                continue
            if not queue:
                stats.out_of_work += 1
                return
            association_id, cycle_id, day = queue.pop(0)
            values = {"association_id": association_id, "cycle_id": cycle_id, "date": day}
            meeting_id = stats.timed("meeting create", officer.call, MEETING, "create", values)
            stats.timed("meeting open", officer.call, MEETING, "web_read", [meeting_id], SHEET)
            try:
                stats.timed(
                    "meeting post", officer.call, MEETING, "action_post", [meeting_id], button=True
                )
            except (RpcError, requests.RequestException):
                stats.meetings_failed.append(meeting_id)
                continue
            stats.meetings_ok.append(meeting_id)
            stats.meetings_done_at.append(time.monotonic())
        except (RpcError, requests.RequestException):
            continue


def director(url, db, deadline, stats, pause, gate):
    client = login(url, db, "lt_director", gate, stats, deadline)
    while time.monotonic() < deadline:
        try:

            def report():
                report_id = client.call("promujer.operational.report", "create", {})
                client.call(
                    "promujer.operational.report", "action_compute", [report_id], button=True
                )
                return client.call(
                    "promujer.operational.report.line",
                    "web_search_read",
                    [("report_id", "=", report_id)],
                    {"name": {}, "portfolio": {}, "borrowers": {}},
                )

            stats.timed("operational report", report)
        except (RpcError, requests.RequestException):
            pass
        time.sleep(pause)


def start_server(args, port, log):
    command = serve_command(args.db, args.workers, port, log, args.replica_port)
    return subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------- checks


def sample_waits(db, deadline, counts):
    """Every 0.2 s until the deadline, what the database's busy backends do: running, or
    waiting (and for what: a row or transaction lock, I/O, ...)."""
    conn = psycopg2.connect(
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER"),
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cr:
        while time.monotonic() < deadline:
            cr.execute(
                """SELECT COALESCE(wait_event_type || ':' || wait_event, 'running')
                     FROM pg_stat_activity
                    WHERE datname = %s AND state = 'active' AND pid <> pg_backend_pid()""",
                [db],
            )
            for (what,) in cr.fetchall():
                counts[what] += 1
            counts["samples"] += 1
            time.sleep(0.2)
    conn.close()


def machine_cpu():
    """(busy, total) jiffies of the machine, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def cpu_seconds(process):
    """CPU seconds of the server's process tree (main, workers, websocket)."""
    try:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in tree:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def first_ids(reg):
    """The highest ids of entries, journal lines and meetings before the run."""
    with reg.cursor() as cr:
        first = []
        for table in ("account_move", "account_move_line", "promujer_meeting"):
            cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
            first.append(cr.fetchone()[0])
    return first


def machine_busy_pct(seconds=5):
    """How busy (%) the machine is over `seconds`."""
    before = machine_cpu()
    time.sleep(seconds)
    after = machine_cpu()
    return round(100.0 * (after[0] - before[0]) / max(after[1] - before[1], 1), 1)


def run_threads(args, url, plan, stats, gate, deadline, waits):
    """The clerks, the director and the sampler of waits, until they are done."""
    threads = [
        threading.Thread(
            target=clerk,
            args=(url, args.db, task, deadline, stats, args.today, gate),
            daemon=True,
        )
        for task in plan
    ]
    threads.append(
        threading.Thread(
            target=director,
            args=(url, args.db, deadline, stats, args.director_pause, gate),
            daemon=True,
        )
    )
    threads.append(
        threading.Thread(target=sample_waits, args=(args.db, deadline, waits), daemon=True)
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.seconds + 300)


def cpu_figures(before, server, busy_before):
    """The CPU used since `before` by the machine, Odoo and this load generator."""
    machine_after, server_after = machine_cpu(), cpu_seconds(server)
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    (busy0, total0), server0, client0 = before
    return {
        "cores": os.cpu_count(),
        "machine_busy_before_pct": busy_before,
        "machine_busy_pct": round(
            100.0 * (machine_after[0] - busy0) / max(machine_after[1] - total0, 1), 1
        ),
        "odoo_cpu_s": round(server_after - server0, 1),
        "load_generator_cpu_s": round(
            client_after.ru_utime + client_after.ru_stime - client0.ru_utime - client0.ru_stime,
            1,
        ),
    }


def run_load(args, url, server, plan, stats):
    """The load against the started server: (deadline, wall-clock deadline, seconds the
    run took, CPU figures, what the busy backends did)."""
    wait_for_server(url, process=server)
    # Warm every worker up (each loads the registry on its first request).
    for _n in range(args.workers * 2):
        WebClient(url, args.db).login("lt_director", "lt_director")
    gate = FifoGate(args.in_flight or 8 * args.workers)
    # What else keeps the machine busy (the server is idle now): other jobs' load
    # skews the comparison of worker counts.
    busy_before = machine_busy_pct()
    cpu_before = machine_cpu(), cpu_seconds(server), resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    deadline = started + args.seconds
    wall_deadline = time.time() + args.seconds
    waits = Counter()
    run_threads(args, url, plan, stats, gate, deadline, waits)
    elapsed = time.monotonic() - started
    cpu = cpu_figures(cpu_before, server, busy_before)
    return deadline, wall_deadline, elapsed, cpu, waits


def window_figures(reg, figures, stats, args, first, deadline, wall_deadline):
    """Throughput in the window of S seconds (the clerks then finish what they started)."""
    in_window = sum(1 for t in stats.meetings_done_at if t <= deadline)
    figures["meetings_posted_in_window"] = in_window
    figures["meetings_posted_per_minute"] = round(in_window * 60.0 / args.seconds, 1)
    with reg.cursor() as cr:
        cr.execute(
            """SELECT count(*) FROM account_move_line
                WHERE id > %s AND create_date <= to_timestamp(%s) AT TIME ZONE 'UTC'""",
            [first[1], wall_deadline],
        )
        figures["journal_lines_in_window"] = cr.fetchone()[0]
    figures["journal_lines_per_second"] = round(
        figures["journal_lines_in_window"] / args.seconds, 1
    )


def latencies(stats):
    """op -> its count, median, 95th percentile and maximum latency (s)."""
    return {
        op: {
            "count": len(values),
            "p50": round(statistics.median(values), 3),
            "p95": round(percentile(values, 0.95), 3),
            "max": round(max(values), 3),
        }
        for op, values in sorted(stats.latency.items())
    }


def print_figures(args, elapsed, figures, cpu, waits, latency):
    in_window = figures["meetings_posted_in_window"]
    print(f"\n{args.clerks} clerks, {args.workers} workers, {elapsed:.0f} s:")
    print(
        f"  meetings posted   {figures['meetings_posted']}, {in_window} within "
        f"{args.seconds} s: {figures['meetings_posted_per_minute']}/min"
    )
    print(
        f"  journal lines     {figures['journal_lines']}, "
        f"{figures['journal_lines_in_window']} within {args.seconds} s: "
        f"{figures['journal_lines_per_second']}/s"
    )
    print(
        f"  also              {figures['cycles_disbursed']} cycles disbursed, "
        f"{figures['withdrawals_posted']} withdrawals posted"
    )
    print(
        f"  CPU               machine {cpu['machine_busy_pct']} % busy ({cpu['cores']} cores; "
        f"{cpu['machine_busy_before_pct']} % before the run, other jobs), "
        f"Odoo {cpu['odoo_cpu_s']} s, the load generator {cpu['load_generator_cpu_s']} s"
    )
    samples = waits.pop("samples", 0) or 1
    print(
        "  PostgreSQL        busy backends on average: "
        + ", ".join(f"{what} {count / samples:.2f}" for what, count in waits.most_common(6))
    )
    print(f"  {'operation':20} {'count':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for op, row in latency.items():
        print(f"  {op:20} {row['count']:>6} {row['p50']:>7} {row['p95']:>7} {row['max']:>7}")


def print_errors(stats):
    print(
        "  errors by kind:    "
        + (", ".join(f"{k} x{v}" for k, v in stats.errors.items()) or "none")
    )
    for key, sample in stats.samples.items():
        print(f"    {key}: {sample}")
    if stats.out_of_work:
        print(f"  WARNING: {stats.out_of_work} clerks ran out of meetings (--meetings)")


def verdicts_of(figures):
    """[(check, passed, detail)]."""
    return [
        (
            "every meeting posted exactly once",
            figures["lost_postings"] == 0 and figures["duplicated_postings"] == 0,
            f"{figures['lost_postings']} lost, {figures['duplicated_postings']} duplicated",
        ),
        (
            "no entry without its record",
            figures["entries_without_record"] == 0 and figures["records_without_entry"] == 0,
            f"{figures['entries_without_record']} entries without record, "
            f"{figures['records_without_entry']} records without entry",
        ),
        (
            "the ledger ties per branch, woman and currency",
            figures["ledger_differences"] == 0,
            f"{figures['ledger_differences']} differences",
        ),
    ]


def main(argv):
    args = parse_args(argv)
    reg = registry(args.db)
    need = args.meetings or max(5, args.seconds // 8)
    print(
        f"load test on {args.db}: {args.clerks} clerks x {args.seconds} s, {args.workers} "
        f"Odoo workers, {need} meetings of 30 women ready per clerk",
        flush=True,
    )
    plan = fixtures(reg, args.clerks, need, args.today, args.disbursing)
    first = first_ids(reg)
    reg = None
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = os.path.join(ROOT, "setup", ".state", "logs", f"loadtest_{args.db}.log")
    if os.path.exists(log):
        os.remove(log)
    server = start_server(args, port, log)
    stats = Stats()
    try:
        deadline, wall_deadline, elapsed, cpu, waits = run_load(args, url, server, plan, stats)
    finally:
        stop_server(server, 60)
    reg = registry(args.db)
    figures = checks(reg, stats, plan, first, elapsed)
    window_figures(reg, figures, stats, args, first, deadline, wall_deadline)
    latency = latencies(stats)
    result = {
        "db": args.db,
        "clerks": args.clerks,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "replica": bool(args.replica_port),
        **figures,
        "cpu": cpu,
        "backends": dict(waits),
        "latency": latency,
        "errors": dict(stats.errors),
        "error_samples": stats.samples,
        "clerks_out_of_work": stats.out_of_work,
    }
    print_figures(args, elapsed, figures, cpu, waits, latency)
    print_errors(stats)
    verdicts = verdicts_of(figures)
    print("checks:")
    for label, good, detail in verdicts:
        print(f"  {'ok  ' if good else 'FAIL'} {label} ({detail})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, default=str)
    return 0 if all(good for _l, good, _d in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
