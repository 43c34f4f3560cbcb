"""The load test's checks after the run: every meeting posted exactly once, no entry
without its record and no record without its entry, the General Ledger ties. See
loadtest.py."""

from collections import defaultdict

from common import suite_env


def posting_checks(cr, stats, run_associations, first_move, first_meeting):
    """The meetings of the run: (posted as the clerk saw it, lost, posted not exactly once,
    posted twice the same day, posted although the clerk saw an error)."""
    cr.execute(
        """SELECT id, state, move_id FROM promujer_meeting
            WHERE association_id = ANY(%s) AND id > %s""",
        [run_associations, first_meeting],
    )
    meetings = {mid: (state, move) for mid, state, move in cr.fetchall()}
    cr.execute(
        """SELECT promujer_origin_id, count(*) FROM account_move
            WHERE promujer_origin_model = 'promujer.meeting' AND state = 'posted'
              AND id > %s GROUP BY 1""",
        [first_move],
    )
    entries = dict(cr.fetchall())
    ok = set(stats.meetings_ok)
    lost = [m for m in ok if meetings.get(m, ("?", None))[0] != "posted"]
    posted = [m for m, (state, _move) in meetings.items() if state == "posted"]
    twice = [m for m in posted if entries.get(m, 0) != 1]
    cr.execute(
        """SELECT association_id, date, count(*) FROM promujer_meeting
            WHERE state = 'posted' AND association_id = ANY(%s)
         GROUP BY 1, 2 HAVING count(*) > 1""",
        [run_associations],
    )
    same_day = cr.fetchall()
    posted_despite_error = [m for m in stats.meetings_failed if m in posted]
    return ok, lost, twice, same_day, posted_despite_error


def entries_without_record(env, cr, first_move):
    """The entries of the run without their record (or without any origin)."""
    cr.execute(
        """SELECT promujer_origin_model, promujer_origin_id, id FROM account_move
            WHERE id > %s""",
        [first_move],
    )
    orphans, by_model = [], defaultdict(set)
    for model, origin_id, move_id in cr.fetchall():
        if not model or not origin_id:
            orphans.append(move_id)
        else:
            by_model[model].add(origin_id)
    for model, ids in by_model.items():
        table = env[model]._table
        cr.execute(f"SELECT id FROM {table} WHERE id = ANY(%s)", [list(ids)])  # noqa: S608
        orphans += sorted(ids - {row[0] for row in cr.fetchall()})
    return orphans


def records_without_entry(cr):
    """Posted meetings, disbursed cycles and savings deposits or withdrawals without their
    journal entry."""
    cr.execute("SELECT count(*) FROM promujer_meeting WHERE state = 'posted' AND move_id IS NULL")
    no_entry = cr.fetchone()[0]
    cr.execute(
        """SELECT count(*) FROM promujer_loan_cycle
            WHERE state IN ('disbursed', 'closed') AND disbursement_move_id IS NULL"""
    )
    no_entry += cr.fetchone()[0]
    cr.execute(
        """SELECT count(*) FROM promujer_savings_transaction
            WHERE state = 'posted' AND move_id IS NULL AND meeting_id IS NULL
              AND cycle_id IS NULL AND kind IN ('deposit', 'withdrawal')"""
    )
    no_entry += cr.fetchone()[0]
    return no_entry


def checks(reg, stats, plan, first, seconds):
    first_move, first_line, first_meeting = first
    run_associations = [a["association_id"] for t in plan for a in t["associations"]]
    with reg.cursor() as cr:
        env, root = suite_env(cr)
        ok, lost, twice, same_day, posted_despite_error = posting_checks(
            cr, stats, run_associations, first_move, first_meeting
        )
        # Entries of the run without their record, records without their entry.
        orphans = entries_without_record(env, cr, first_move)
        no_entry = records_without_entry(cr)
        cr.execute("SELECT count(*) FROM account_move_line WHERE id > %s", [first_line])
        lines = cr.fetchone()[0]
        _totals, differences = env["promujer.ledger.check"]._tie_out(root)
    return {
        "meetings_posted": len(ok),
        "journal_lines": lines,
        "lost_postings": len(lost),
        "duplicated_postings": len(twice) + len(same_day),
        "posted_although_the_clerk_saw_an_error": len(posted_despite_error),
        "entries_without_record": len(orphans),
        "records_without_entry": no_entry,
        "ledger_differences": len(differences),
        "cycles_disbursed": len(stats.cycles_ok),
        "withdrawals_posted": len(stats.withdrawals_ok),
    }
