"""Figures an upgrade must keep, read with `odoo shell` on the database (run by
setup/upgrade-test before and after the upgrade; the same code reads both sides).

Usage: odoo shell -d DB < figures.py, with PROMUJER_FIGURES=path/to/output.json and
PROMUJER_PAST=YYYY-MM-DD (the past date of the Operational Data report)."""
# ruff: noqa: F821 - `env` is the shell's

import json
import os

cr = env.cr
env.flush_all()


def rows(query):
    cr.execute(query)
    return [list(row) for row in cr.fetchall()]


figures = {
    "counts": rows(
        """SELECT 'associations', COUNT(*) FROM promujer_association
           UNION ALL SELECT 'cycles ' || state, COUNT(*) FROM promujer_loan_cycle GROUP BY state
           UNION ALL SELECT 'meetings ' || state, COUNT(*) FROM promujer_meeting GROUP BY state
           UNION ALL SELECT 'loans ' || state, COUNT(*) FROM promujer_loan GROUP BY state
           UNION ALL SELECT 'installments', COUNT(*) FROM promujer_loan_installment
           UNION ALL SELECT 'entries', COUNT(*) FROM account_move WHERE state = 'posted'
           ORDER BY 1"""
    ),
    # Per woman: what she owes on her loans, what she saved, in each currency.
    "loans": rows(
        """SELECT partner_id, currency_id, ROUND(SUM(principal_outstanding)::numeric, 2),
                  ROUND(SUM(interest_outstanding)::numeric, 2), COUNT(*)
             FROM promujer_loan GROUP BY 1, 2 ORDER BY 1, 2"""
    ),
    "installments": rows(
        """SELECT loan_id, ROUND(SUM(principal_due)::numeric, 2),
                  ROUND(SUM(interest_due)::numeric, 2),
                  ROUND(SUM(COALESCE(principal_paid, 0) + COALESCE(interest_paid, 0)
                            + COALESCE(penalty_paid, 0))::numeric, 2)
             FROM promujer_loan_installment GROUP BY 1 ORDER BY 1"""
    ),
    "savings": rows(
        """SELECT a.partner_id, a.kind, a.currency_id, ROUND(SUM(t.amount)::numeric, 2)
             FROM promujer_savings_transaction t
             JOIN promujer_savings_account a ON a.id = t.account_id
            WHERE t.state = 'posted' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
    ),
    # The General Ledger per account, partner and currency.
    "ledger": rows(
        """SELECT account_id, partner_id, currency_id, ROUND(SUM(balance)::numeric, 2),
                  ROUND(SUM(amount_currency)::numeric, 2)
             FROM account_move_line WHERE parent_state = 'posted'
         GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3"""
    ),
    "reports": {},
}
root = env.ref("promujer_credit.company_promujer_bolivia")
tree = env["res.company"].search([("id", "child_of", root.id)])
admin = env.ref("base.user_admin")
report_env = env(user=admin, context={"allowed_company_ids": tree.ids})
for label, as_of in (("today", None), ("past", os.environ.get("PROMUJER_PAST"))):
    report = report_env["promujer.operational.report"].create(
        {"company_id": root.id, **({"as_of": as_of} if as_of else {})}
    )
    report._compute_lines()
    figures["reports"][label] = sorted(
        [line.name, line.level, line.branches, line.associations, line.clients, line.women,
         line.borrowers, round(line.portfolio, 2), round(line.par30, 2)]
        for line in report.line_ids
    )  # fmt: skip
with open(os.environ["PROMUJER_FIGURES"], "w", encoding="utf-8") as handle:
    json.dump(figures, handle, indent=1, default=str)
env.cr.rollback()
