"""Fill a database with the Pro Mujer portfolio of July 2001 (or N times it) through the
suite's own actions; see README.md (setup/generate) and docs/benchmarks.md."""

import argparse
import json
import multiprocessing
import os
import sys
import time
from datetime import date

from common import Progress, fmt_duration, registry, suite_env
from psycopg2 import errors

SEED_FIGURES = {"branches": 24, "associations": 1547, "clients": 28606, "portfolio": 3505310.0}


def positive(text):
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"at least 1, not {number}")
    return number


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/generate", description=__doc__)
    parser.add_argument("--db", default="pm_scale_2001")
    parser.add_argument("--scale", type=float, default=1.0, help="N times the 2001 portfolio")
    parser.add_argument("--seed", type=int, default=2001)
    parser.add_argument("--associations", type=int, help="override: number of associations")
    parser.add_argument("--batch", type=int, default=25, help="associations per transaction")
    parser.add_argument("--recent-days", type=int, default=7, help="meetings posted one by one")
    parser.add_argument("--prior-share", type=float, default=0.3)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument(
        "--processes",
        type=positive,
        default=min(os.cpu_count() or 1, 2),
        help="processes generating side by side, each its own Focal Centers and cash "
        "journal (default: the machine's cores, at most 2)",
    )
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    reg = registry(args.db)
    associations = args.associations or round(SEED_FIGURES["associations"] * args.scale)
    ratio = associations / SEED_FIGURES["associations"]
    clients = round(SEED_FIGURES["clients"] * ratio)
    portfolio = SEED_FIGURES["portfolio"] * ratio
    plans, lanes, first_line = plan_portfolio(reg, args, associations, clients, portfolio)
    print(
        f"generating {associations} associations, {clients} clients, a portfolio of "
        f"US$ {portfolio:,.0f} into {args.db} (seed {args.seed}, as of {args.today})",
        file=sys.stderr,
    )
    start = time.monotonic()
    if args.processes > 1:
        lines = generate_lanes(args, lanes, first_line, start)
    else:
        lines = generate_batches(reg, args, plans, first_line, associations, start)
    elapsed = finish(reg, args.today, start, lines, associations, args.processes)
    print(
        f"generated in {fmt_duration(elapsed)} by {args.processes} process(es): {lines} "
        f"journal lines, {lines / elapsed:.0f} lines/s",
    )
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        return report_check(env, root, args.today, ratio)


def plan_portfolio(reg, args, associations, clients, portfolio):
    """The institution set up and the associations planned (committed); (plans, the
    plans of each process, the last journal line id before the generation)."""
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        Generator = env["promujer.portfolio.generator"]
        if env["promujer.loan.product"].search_count([("code", "=", "GEN-USD")]) and env[
            "promujer.loan"
        ].search_count([("product_id.code", "=", "GEN-USD")], limit=1):
            sys.exit(f"{args.db} already holds a generated portfolio: use --fresh")
        setup = Generator._setup_institution(root, lanes=args.processes)
        plans = Generator._plan(
            setup["centers"],
            args.today,
            seed=args.seed,
            associations=associations,
            clients=clients,
            portfolio_usd=portfolio,
            recent_days=args.recent_days,
            prior_share=args.prior_share,
        )
        lanes = Generator._plan_lanes(plans, args.processes)
        cr.commit()
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move_line")
        first_line = cr.fetchone()[0]
    return plans, lanes, first_line


def generate_batches(reg, args, plans, first_line, associations, start, lane=0):
    """The planned associations generated --batch at a time, one transaction each, with
    the loan product (and cash journal) of `lane`; the journal lines made."""
    # One process shows a progress bar with the journal lines made; side by side, each
    # process prints a line now and then.
    progress = Progress(associations) if args.processes == 1 else None
    lines, retries = 0, 0
    for offset in range(0, len(plans), args.batch):
        batch = plans[offset : offset + args.batch]
        for attempt in range(6):
            try:
                lines = generate_batch(reg, args, batch, first_line if progress else None, lane)
                break
            except (errors.SerializationFailure, errors.DeadlockDetected):
                # Another process changed a row this batch wrote: nothing of the batch
                # stays, it is generated again.
                if attempt == 5:
                    raise
                retries += 1
                time.sleep(0.2 * (attempt + 1))
        done = min(offset + args.batch, len(plans))
        elapsed = time.monotonic() - start
        if progress:
            progress.update(done, f"({lines / elapsed:.0f} journal lines/s)")
        elif done == len(plans) or (offset // args.batch) % 10 == 9:
            print(
                f"  process {lane + 1}: {done}/{len(plans)} associations, "
                f"{fmt_duration(elapsed)}, {retries} batch(es) generated again",
                file=sys.stderr,
                flush=True,
            )
    if progress:
        progress.close()
    return lines


def generate_batch(reg, args, batch, first_line, lane):
    """One transaction: the associations of `batch`; the journal lines made since
    `first_line` (None: not counted)."""
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        Generator = env["promujer.portfolio.generator"]
        setup = Generator._setup_institution(root, lanes=args.processes)
        setup["product"] = setup["products"][lane]
        Generator._generate_batch(setup, batch, args.today, args.recent_days)
        env.flush_all()
        lines = None
        if first_line is not None:
            cr.execute("SELECT COUNT(*) FROM account_move_line WHERE id > %s", [first_line])
            lines = cr.fetchone()[0]
        cr.commit()
    return lines


def run_lane(args, lane, plans, first_line, start):
    """One generating process (spawned): its own registry and transactions."""
    reg = registry(args.db)
    generate_batches(reg, args, plans, first_line, len(plans), start, lane)


def generate_lanes(args, lanes, first_line, start):
    """The plans of each lane generated by a process of its own, side by side; the
    journal lines."""
    context = multiprocessing.get_context("spawn")
    workers = []
    for lane, lane_plans in enumerate(lanes):
        print(f"  process {lane + 1}: {len(lane_plans)} associations", file=sys.stderr)
        worker = context.Process(target=run_lane, args=(args, lane, lane_plans, first_line, start))
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join()
    failed = [n + 1 for n, worker in enumerate(workers) if worker.exitcode]
    if failed:
        sys.exit(f"generating process(es) {failed} failed: see above")
    with registry(args.db).cursor() as cr:
        cr.execute("SELECT COUNT(*) FROM account_move_line WHERE id > %s", [first_line])
        return cr.fetchone()[0]


def finish(reg, today, start, lines, associations, processes=1):
    """The generator's final step, and its figures kept for setup/benchmark; the seconds
    the generation took."""
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        env["promujer.portfolio.generator"]._finish(today)
        elapsed = time.monotonic() - start
        # Kept for setup/benchmark (hot path 5).
        env["ir.config_parameter"].set_param(
            "promujer_scale.generation",
            json.dumps(
                {
                    "seconds": round(elapsed, 1),
                    "lines": lines,
                    "associations": associations,
                    "processes": processes,
                }
            ),
        )
        cr.commit()
    return elapsed


def report_check(env, root, today, ratio=1.0):
    """The General Ledger against the loans, and the Operational Data report's figures."""
    usd = env.ref("base.USD")
    check = env["promujer.portfolio.generator"]._ledger_check(root, usd)
    tie = abs(check["portfolio_ledger"] - check["portfolio_loans"]) < 0.005
    print(
        f"ledger: portfolio account {check['portfolio_ledger']:,.2f} USD, loans outstanding "
        f"{check['portfolio_loans']:,.2f} USD -> {'ties' if tie else 'DOES NOT TIE'}"
    )
    stie = abs(check["savings_ledger"] - check["savings_women"]) < 0.005
    print(
        f"ledger: savings account {check['savings_ledger']:,.2f} USD, women's savings "
        f"{check['savings_women']:,.2f} USD -> {'ties' if stie else 'DOES NOT TIE'}"
    )
    started = time.monotonic()
    report = env["promujer.operational.report"].create({"as_of": today, "company_id": root.id})
    report.action_compute()
    total = report._total_line()
    took = time.monotonic() - started
    expected = {k: v * (ratio if k != "branches" else 1) for k, v in SEED_FIGURES.items()}
    got = {
        "branches": total.branches,
        "associations": total.associations,
        "clients": total.clients,
        "portfolio": total.portfolio_usd,
    }
    print(f"Operational Data as of {today} ({took:.2f} s):")
    ok = tie and stie
    for key, want in expected.items():
        have = got[key]
        good = abs(have - want) <= 0.01 * want if key == "portfolio" else have == round(want)
        ok = ok and good
        print(f"  {key:13} {have:>16,.2f} expected {want:>16,.2f} {'ok' if good else 'MISSED'}")
    print(f"  {'women %':13} {total.female_pct:>16.2f}")
    print(f"  {'borrowers':13} {total.borrowers:>16,}")
    print(f"  {'loans':13} {total.loans:>16,}")
    print(f"  {'PAR>30 %':13} {total.par30_pct:>16.2f}")
    print(f"  {'PAR>1 %':13} {total.par1_pct:>16.2f}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) is not False else 1)
