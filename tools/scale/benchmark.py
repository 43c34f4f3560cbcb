"""Benchmarks of the suite's hot paths, each against a baseline measured in the same run;
see README.md (setup/benchmark) and docs/benchmarks.md. Not part of CI's pass/fail."""

import argparse
import json
import platform
import subprocess
import sys
import time
from datetime import date, timedelta

from common import median_of, registry, suite_env

from odoo import SUPERUSER_ID, Command, api

ROWS = []


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/benchmark", description=__doc__)
    parser.add_argument("--scratch", default="pm_scale_bench", help="database for 1, 2 and 5")
    parser.add_argument("--db", default="pm_scale_2001", help="generated portfolio for 3, 4")
    parser.add_argument("--db-x10", help="a x10 portfolio for 3 and 4 (optional)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--generate", type=int, default=20, help="associations for 5")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    return parser.parse_args(argv)


def timed(env, func, runs, rollback=True):
    """Median wall time of `func` over `runs` runs, each rolled back to a savepoint."""
    times, result = [], None
    cr = env.cr
    for _run in range(runs):
        env.flush_all()
        env.invalidate_all()
        cr.execute("SAVEPOINT bench")
        start = time.perf_counter()
        result = func()
        env.flush_all()
        times.append(time.perf_counter() - start)
        if rollback:
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            env.invalidate_all(flush=False)
            env.transaction.clear()
            cr.precommit.clear()
            cr.postcommit.clear()
    return median_of(times), result


def verdict(met):
    return "n/a" if met is None else "met" if met else "MISSED"


def record(path, seconds, runs, rows, baseline, base_seconds, target, met, ratio=None):
    ratio = ratio if ratio is not None else (seconds / base_seconds if base_seconds else None)
    ROWS.append((path, seconds, runs, rows, baseline, base_seconds, ratio, target, met))
    print(
        f"  {path}: {seconds:.3f} s, {rows}; {baseline} {base_seconds:.3f} s"
        f" -> ratio {ratio:.2f} ({target}: {verdict(met)})",
        flush=True,
    )


# ---------------------------------------------------------------------- fixtures


def women(env, count, tag):
    return env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} {n:02d}",
                "promujer_is_client": True,
                "promujer_gender": "female",
                "promujer_national_id": f"BENCH-{tag}-{n:02d}",
            }
            for n in range(count)
        ]
    )


def association_of_30(env, setup, tag, center=None):
    members = women(env, 30, tag)
    center = center or setup["centers"][0]
    association = env["promujer.association"].create(
        {
            "name": f"Benchmark association {tag}",
            "company_id": center.id,
            "officer_id": setup["officers"][center.id][0],
            "group_ids": env["promujer.association"]._groups_vals(members, 5, name="G%s"),
        }
    )
    association._set_board(*members[:3], members[3:6])
    association.action_start_training()
    association.action_activate()
    return association


def approved_cycle(env, setup, association, disbursed_on, term_months=4):
    cycle = env["promujer.loan.cycle"].create(
        {
            "association_id": association.id,
            "product_id": setup["product"].id,
            "term_months": term_months,
            "committee_date": disbursed_on - timedelta(days=7),
            "committee_member_ids": [Command.set(association.committee_member_ids.ids)],
            "disbursement_date": disbursed_on,
            "loan_ids": [
                Command.create({"partner_id": p.id, "amount": 100.0 + 10 * (n % 11)})
                for n, p in enumerate(association.member_ids.sorted("id"))
            ],
        }
    )
    cycle.with_user(SUPERUSER_ID).action_submit()  # four eyes: another user submits
    cycle.action_approve()
    return cycle


def scratch_fixtures(reg, today):
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        setup = env["promujer.portfolio.generator"]._setup_institution(root)
        tag = str(int(time.time()))
        disbursed_on = today - timedelta(days=8)
        to_disburse = approved_cycle(
            env, setup, association_of_30(env, setup, f"D{tag}"), disbursed_on
        )
        to_repay = approved_cycle(
            env, setup, association_of_30(env, setup, f"M{tag}"), disbursed_on
        )
        to_repay.action_disburse()
        meeting = env["promujer.meeting"].create(
            {
                "association_id": to_repay.association_id.id,
                "cycle_id": to_repay.id,
                "date": to_repay.first_due_date,
            }
        )
        cr.commit()
        return to_disburse.id, meeting.id


def user_env(cr):
    """The administrator as herself (record rules apply), in every branch."""
    env, root = suite_env(cr)
    return api.Environment(cr, env.uid, env.context), root


# ---------------------------------------------------------------------- 1, 2, 5


def bare_vals(move_vals):
    """The values of the suite's entry as Odoo's bare entry: without its microfinance
    origin, which only the suite sets."""
    return {key: value for key, value in move_vals.items() if not key.startswith("promujer_origin")}


def bench_meeting(reg, meeting_id, runs):
    print("1. posting one meeting of a 30-member association", flush=True)
    with reg.cursor() as cr:
        env, root = user_env(cr)
        meeting = env["promujer.meeting"].browse(meeting_id)
        plan = meeting._plan_payments()
        move_vals = bare_vals(meeting._prepare_move_vals(plan))
        entry_lines = len(move_vals["line_ids"])
        suite, _r = timed(env, lambda: meeting.action_post(), runs)
        bare, _r = timed(env, lambda: env["account.move"].create(move_vals).action_post(), runs)
        journal = meeting.journal_id
        payment_vals = [
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": line.partner_id.id,
                "amount": line.amount_paid,
                "currency_id": meeting.currency_id.id,
                "journal_id": journal.id,
                # Clients belong to their branch: so do the payments.
                "company_id": meeting.company_id.id,
                "date": meeting.date,
                "memo": f"Repayment {meeting.name}",
            }
            for line in meeting.line_ids
            if line.amount_paid
        ]
        payments, _r = timed(
            env, lambda: env["account.payment"].create(payment_vals).action_post(), runs
        )
        rows = (
            f"{entry_lines} journal lines, {len(plan.allocations)} allocations, "
            f"{len(plan.savings)} savings deposits"
        )
        record(
            "1a meeting post vs bare entry",
            suite,
            runs,
            rows,
            "bare entry",
            bare,
            "overhead <= 50% (ratio <= 1.5)",
            suite <= 1.5 * bare,
        )
        record(
            "1b meeting post vs 30 payments",
            suite,
            runs,
            rows,
            f"{len(payment_vals)} account.payment",
            payments,
            "3x faster (ratio <= 0.33)",
            suite * 3 <= payments,
        )
        cr.rollback()
        return entry_lines / bare


def bench_disburse(reg, cycle_id, runs):
    print("2. disbursing one 30-member cycle with schedules", flush=True)
    with reg.cursor() as cr:
        env, _root = user_env(cr)
        cycle = env["promujer.loan.cycle"].browse(cycle_id)
        move_vals = bare_vals(cycle._prepare_disbursement_move_vals())
        suite, _r = timed(env, lambda: cycle.action_disburse(), runs)
        bare, _r = timed(env, lambda: env["account.move"].create(move_vals).action_post(), runs)
        installments = len(cycle.loan_ids._prepare_installment_vals())
        rows = f"{len(move_vals['line_ids'])} journal lines, {installments} installments"
        record(
            "2 disburse a cycle",
            suite,
            runs,
            rows,
            "bare entry",
            bare,
            "< 1 s and ratio <= 2",
            suite < 1.0 and suite <= 2 * bare,
        )
        cr.rollback()


def bench_generator(reg, count, today, odoo_rate, db):
    print("5. the generator", flush=True)
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        generator = env["promujer.portfolio.generator"]
        setup = generator._setup_institution(root)
        plans = generator._plan(
            setup["centers"],
            today,
            seed=int(time.time()) % 100000,
            associations=count,
            clients=round(count * 28606 / 1547),
            portfolio_usd=3505310 * count / 1547,
        )
        for plan in plans:
            plan["index"] += 10_000_000 + int(time.time()) % 1000 * 1000
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move_line")
        first = cr.fetchone()[0]
        start = time.perf_counter()
        for offset in range(0, count, 10):
            generator._generate_batch(setup, plans[offset : offset + 10], today)
        env.flush_all()
        seconds = time.perf_counter() - start
        cr.execute("SELECT COUNT(*) FROM account_move_line WHERE id > %s", [first])
        lines = cr.fetchone()[0]
        cr.rollback()
    rate = lines / seconds
    record(
        "5a generator rate",
        seconds,
        1,
        f"{count} associations, {lines} journal lines",
        f"Odoo {odoo_rate:.0f} lines/s",
        lines / odoo_rate,
        "lines/s vs Odoo's (ratio = Odoo/generator rate)",
        None,
        ratio=odoo_rate / rate,
    )
    bench_full_generation(db, odoo_rate)


def bench_full_generation(db, odoo_rate):
    """Rows 5b and 5c: the last full generation (setup/generate) of `db`, if any."""
    full = last_generation(db)
    if full:
        processes = full.get("processes", 1)
        record(
            "5b generate the 2001 portfolio",
            full["seconds"],
            1,
            f"{full['associations']} associations, {full['lines']} journal lines, "
            f"{processes} process(es)",
            "20 minutes",
            1200.0,
            "< 20 min",
            full["seconds"] < 1200,
        )
        # Issue 15 asked for 250 lines/s where Odoo's bare entries made 335 on one core:
        # three quarters of Odoo's own rate, which is what is checked on any machine.
        full_rate = full["lines"] / full["seconds"]
        record(
            f"5c the generator's rate, {processes} process(es)",
            full["seconds"],
            1,
            f"{full_rate:.0f} journal lines/s",
            f"Odoo's bare entries, one process, {odoo_rate:.0f} lines/s",
            full["lines"] / odoo_rate,
            "rate >= 0.75 of Odoo's (issue 15: 250 of 335 lines/s; ratio = generator/Odoo)",
            full_rate >= 0.75 * odoo_rate,
            ratio=full_rate / odoo_rate,
        )


def last_generation(db):
    try:
        reg = registry(db)
    except Exception:  # noqa: BLE001 - no such database: nothing to report
        return None
    with reg.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'promujer_scale.generation'")
        row = cr.fetchone()
        return json.loads(row[0]) if row else None


# ---------------------------------------------------------------------- 3, 4

FLOOR_ARREARS = """
    UPDATE promujer_loan l
       SET days_late = COALESCE(late.days, 0)
      FROM promujer_loan l2
 LEFT JOIN (SELECT i.loan_id, %(as_of)s::date - MIN(i.due_date) AS days
              FROM promujer_loan_installment i
             WHERE i.state != 'paid' AND i.due_date < %(as_of)s::date
          GROUP BY i.loan_id) late ON late.loan_id = l2.id
     WHERE l.id = l2.id AND l2.state IN ('active', 'rescheduled')
"""

HAND_PAR_HISTORY = """
    WITH paid AS (
        SELECT a.installment_id, SUM(a.principal) AS principal,
               SUM(a.principal + a.interest) AS total
          FROM promujer_meeting_allocation a
          JOIN promujer_meeting m ON m.id = a.meeting_id
         WHERE m.state = 'posted' AND m.date <= %(as_of)s
      GROUP BY a.installment_id
    ), per_loan AS (
        SELECT l.company_id, l.id,
               l.amount - SUM(COALESCE(p.principal, 0)) AS outstanding,
               MIN(i.due_date) FILTER (WHERE i.due_date < %(as_of)s
                   AND i.principal_due + i.interest_due - COALESCE(p.total, 0) > 0.000001)
                   AS oldest_late
          FROM promujer_loan l
          JOIN promujer_loan_installment i ON i.loan_id = l.id
     LEFT JOIN paid p ON p.installment_id = i.id
         WHERE l.disbursement_date <= %(as_of)s AND l.state NOT IN ('draft', 'cancelled')
      GROUP BY l.company_id, l.id
    )
    SELECT company_id, SUM(outstanding),
           SUM(outstanding) FILTER (WHERE %(as_of)s - oldest_late > 30)
      FROM per_loan WHERE outstanding > 0 GROUP BY company_id
"""

HAND_PAR_TODAY = """
    SELECT company_id, SUM(principal_outstanding),
           SUM(principal_outstanding) FILTER (WHERE days_late > 30 OR reschedule_count > 0)
      FROM promujer_loan
     WHERE state IN ('active', 'rescheduled') AND principal_outstanding > 0
  GROUP BY company_id
"""


def sql_timed(cr, query, params, runs):
    times = []
    for _run in range(runs):
        cr.execute("SAVEPOINT bench")
        start = time.perf_counter()
        cr.execute(query, params)
        if cr.description:
            cr.fetchall()
        times.append(time.perf_counter() - start)
        cr.execute("ROLLBACK TO SAVEPOINT bench")
    return median_of(times)


def bench_portfolio(db, label, runs, today):
    reg = registry(db)
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        cr.execute(
            "SELECT (SELECT COUNT(*) FROM promujer_loan), "
            "(SELECT COUNT(*) FROM promujer_loan WHERE state IN ('active', 'rescheduled')), "
            "(SELECT COUNT(*) FROM promujer_loan_installment), "
            "(SELECT COUNT(*) FROM promujer_meeting_allocation)"
        )
        counts = cr.fetchone()
        bench_arrears(env, cr, label, runs, today, counts)
        bench_operational_data(env, cr, root, label, runs, today, counts)
        cr.rollback()


def bench_arrears(env, cr, label, runs, today, counts):
    """Hot path 3: the daily arrears update against one UPDATE."""
    loans, active, installments, _allocations = counts
    print(f"3. daily arrears update ({label})", flush=True)
    loan_model = env["promujer.loan"]
    # The cron's run of the next day: every late loan is one day later.
    tomorrow = today + timedelta(days=1)
    suite, _r = timed(env, lambda: loan_model._update_arrears(tomorrow), runs)
    floor = sql_timed(cr, FLOOR_ARREARS, {"as_of": tomorrow}, runs)
    record(
        f"3 arrears update {label}",
        suite,
        runs,
        f"{active:,} active loans of {loans:,}, {installments:,} installments",
        "one UPDATE",
        floor,
        "ratio <= 10" + (" and < 60 s" if "10" in label else ""),
        suite <= 10 * floor and suite < 60,
    )


def bench_operational_data(env, cr, root, label, runs, today, counts):
    """Hot path 4: Operational Data and PAR by branch, today and 30 days ago."""
    _loans, active, installments, allocations = counts
    print(f"4. Operational Data and PAR by branch ({label})", flush=True)

    def report(as_of):
        wizard = env["promujer.operational.report"].create({"as_of": as_of, "company_id": root.id})
        wizard.action_compute()
        return wizard._total_line().par30_pct

    suite, _r = timed(env, lambda: report(today), runs)
    hand = sql_timed(cr, HAND_PAR_TODAY, {}, runs)
    record(
        f"4a Operational Data today {label}",
        suite,
        runs,
        f"{active:,} loans (one row per loan)",
        "one SQL query",
        hand,
        "< 1 s",
        suite < 1.0,
    )
    past = today - timedelta(days=30)
    suite, _r = timed(env, lambda: report(past), runs)
    hand = sql_timed(cr, HAND_PAR_HISTORY, {"as_of": past}, runs)
    record(
        f"4b Operational Data {past} {label}",
        suite,
        runs,
        f"{installments:,} installments, {allocations:,} allocations",
        "one SQL query over the history",
        hand,
        "ratio <= 2",
        suite <= 2 * hand,
    )


# ---------------------------------------------------------------------- main


def machine():
    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return "?"

    memory = run(["sh", "-c", "free -g | awk '/Mem:/ {print $2\" GiB\"}'"])
    return f"{run(['nproc'])} cores, {memory}, {platform.python_version()} Python"


def main(argv):
    args = parse_args(argv)
    print(f"benchmarks of {date.today()} on {machine()}", flush=True)
    reg = registry(args.scratch)
    with reg.cursor() as cr:
        cr.execute("SHOW server_version")
        print(f"PostgreSQL {cr.fetchone()[0]}", flush=True)
    cycle_id, meeting_id = scratch_fixtures(reg, args.today)
    odoo_rate = bench_meeting(reg, meeting_id, args.runs)
    bench_disburse(reg, cycle_id, args.runs)
    bench_portfolio(args.db, "x1", max(3, args.runs // 2 + 1), args.today)
    if args.db_x10:
        bench_portfolio(args.db_x10, "x10", 3, args.today)
    bench_generator(reg, args.generate, args.today, odoo_rate, args.db)
    print()
    print("| hot path | median (s) | runs | rows | baseline | baseline (s) | ratio | target | |")
    print("|---|---:|---:|---|---|---:|---:|---|---|")
    for path, seconds, runs, rows, baseline, base, ratio, target, met in ROWS:
        print(
            f"| {path} | {seconds:.3f} | {runs} | {rows} | {baseline} | {base:.3f} | "
            f"{ratio:.2f} | {target} | {verdict(met)} |"
        )
    return True


if __name__ == "__main__":
    main(sys.argv[1:])
