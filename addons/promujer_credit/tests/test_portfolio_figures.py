# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SQL of the portfolio's figures (`promujer.portfolio.figures`, what every report and
the cron run) against the pure functions of tools/arrears.py, on random portfolios."""

import random
from datetime import date, timedelta
from decimal import Decimal

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools import arrears
from .common import PromujerCreditCommon

PORTFOLIOS = 300
AS_OF = date(2025, 6, 30)


def random_portfolio(rng):
    """[(loan_id, rescheduled, [(due_date, principal_due, interest_due, penalty_due,
    principal_paid, interest_paid, penalty_paid)])]: loans of weekly installments, each
    paid in full, in part or not, some with a penalty, the unpaid ones not always the
    latest."""
    loans = []
    for loan_id in range(1, rng.randint(1, 12) + 1):
        start = AS_OF - timedelta(days=rng.randint(-30, 400))
        installments = []
        for week in range(rng.randint(1, 24)):
            principal = Decimal(rng.randint(100, 5000)) / 100
            interest = Decimal(rng.randint(0, 900)) / 100
            penalty = Decimal(rng.randint(1, 300)) / 100 if rng.random() < 0.2 else Decimal(0)
            paid_penalty = penalty if rng.random() < 0.5 else Decimal(0)
            kind = rng.random()
            if kind < 0.6:
                paid_principal, paid_interest = principal, interest
            elif kind < 0.8:
                paid_interest = interest
                paid_principal = (principal * Decimal(rng.randint(0, 99)) / 100).quantize(
                    Decimal("0.01")
                )
            else:
                paid_principal = paid_interest = Decimal(0)
            installments.append(
                (
                    start + timedelta(weeks=week),
                    principal,
                    interest,
                    penalty,
                    paid_principal,
                    paid_interest,
                    paid_penalty,
                )
            )
        loans.append((loan_id, rng.random() < 0.1, installments))
    return loans


def random_buckets(rng):
    """A valid set of provision buckets: from 0 to infinity without gap or overlap."""
    bounds = sorted(rng.sample(range(1, 400), rng.randint(1, 6)))
    lows = [0] + [bound + 1 for bound in bounds]
    highs = bounds + [None]
    percents = sorted(rng.randint(0, 100) for _ in lows)
    return tuple(zip(lows, highs, percents, strict=True))


def expected(loan, as_of):
    """(outstanding, days late) of a loan by the pure functions."""
    _loan_id, _rescheduled, installments = loan
    unpaid = [
        due
        for due, principal, interest, penalty, *paid in installments
        if principal + interest + penalty - sum(paid) > 0
    ]
    outstanding = sum(row[1] - row[4] for row in installments)
    return outstanding, arrears.days_late(min(unpaid) if unpaid else None, as_of)


@tagged("post_install", "-at_install")
class TestPortfolioFiguresDifferential(TransactionCase):
    """Hundreds of random portfolios: the SQL and the pure functions agree on every loan."""

    def _values(self, loans):
        installments = SQL(", ").join(
            SQL("(%s, %s::date" + ", %s::numeric" * 6 + ")", loan_id, *row)
            for loan_id, _rescheduled, rows in loans
            for row in rows
        )
        flags = SQL(", ").join(
            SQL("(%s, %s)", loan_id, rescheduled) for loan_id, rescheduled, _rows in loans
        )
        return installments, flags

    def _run(self, loans, buckets, minimum):
        figures = self.env["promujer.portfolio.figures"]
        installments, flags = self._values(loans)
        source = SQL(
            "SELECT * FROM (VALUES %s) AS v(loan_id, due_date, principal_due, interest_due, "
            "penalty_due, principal_paid, interest_paid, penalty_paid)",
            installments,
        )
        par = SQL(", ").join(
            SQL("SUM(r.outstanding) FILTER (WHERE %s)", figures._at_risk_sql("r", days))
            for days in arrears.PAR_THRESHOLDS
        )
        self.env.cr.execute(
            SQL(
                """
                WITH r AS (
                    SELECT a.loan_id, a.outstanding, a.days_late, f.rescheduled
                      FROM (%(arrears)s) a
                      JOIN (VALUES %(flags)s) AS f(loan_id, rescheduled) USING (loan_id)
                ),
                p AS (SELECT SUM(r.outstanding) AS total, %(par)s FROM r)
                SELECT r.loan_id, r.outstanding, r.days_late, %(aging)s, b.min_days, b.rate,
                       p.*
                  FROM r CROSS JOIN LATERAL (SELECT %(provision)s) b CROSS JOIN p
                """,
                arrears=figures._arrears_sql(source, AS_OF),
                flags=flags,
                aging=figures._aging_sql(SQL("r.days_late")),
                provision=figures._provision_sql(
                    SQL("r.days_late"), SQL("r.rescheduled"), buckets, minimum
                ),
                par=par,
            )
        )
        return self.env.cr.fetchall()

    def test_sql_agrees_with_the_pure_functions(self):
        rng = random.Random(20261202)
        keys = self.env["promujer.portfolio.figures"]._aging_keys()
        labels = [arrears.aging_bucket(low) for low, _high in arrears.aging_bounds()]
        checked = 0
        for _portfolio in range(PORTFOLIOS):
            loans = random_portfolio(rng)
            buckets = (
                arrears.DEFAULT_PROVISION_BUCKETS if rng.random() < 0.5 else random_buckets(rng)
            )
            minimum = rng.choice((0, 25, 50))
            by_id = {loan[0]: loan for loan in loans}
            rows = self._run(loans, buckets, minimum)
            self.assertEqual(len(rows), len(loans))
            pars = None
            for loan_id, outstanding, days, aging, low, rate, total, *par in rows:
                loan = by_id[loan_id]
                want_outstanding, want_days = expected(loan, AS_OF)
                # Odoo reads numeric columns as floats: compared at the cent.
                self.assertEqual(Decimal(str(outstanding)), want_outstanding, loan)
                self.assertEqual(days, want_days, loan)
                self.assertEqual(labels[keys.index(aging)], arrears.aging_bucket(want_days))
                self.assertEqual(low, arrears.bucket_of(want_days, buckets)[0])
                want_rate = arrears.provision_rate(want_days, buckets, loan[1], minimum)
                self.assertEqual(Decimal(str(rate)), want_rate, (want_days, buckets, minimum))
                pars = (total, par)
                checked += 1
            total, par = pars
            triples = [(*expected(loan, AS_OF), loan[1]) for loan in loans]
            for threshold, amount in zip(arrears.PAR_THRESHOLDS, par, strict=True):
                ratio = (amount or 0) / total if total else Decimal(0)
                self.assertAlmostEqual(
                    float(ratio), float(arrears.par_ratio(triples, threshold)), places=12
                )
        self.assertGreater(checked, PORTFOLIOS)


@tagged("post_install", "-at_install")
class TestPortfolioFiguresSources(PromujerCreditCommon):
    """As of today the figures read the loans (their principal outstanding and oldest open
    due date, kept from their installments); as of a past date, the installments and the
    meetings posted by then. Both tell the same on the same loans."""

    def test_installments_and_meetings_agree(self):
        association = self._create_association()
        cycle = self._disbursed_cycle(association)
        self._meeting(cycle, date(2024, 1, 22), {0: {"amount_paid": 0.0}}).action_post()
        self._meeting(cycle, date(2024, 1, 29), {1: {"amount_paid": 5.0}}).action_post()
        figures = self.env["promujer.portfolio.figures"]
        figures._flush_figures()
        today = date.today()
        company = association.company_id.ids

        def rows(**kwargs):
            self.env.cr.execute(figures._loan_rows_sql(today, company, **kwargs))
            return sorted(self.env.cr.fetchall())

        stored = rows()
        self.assertEqual(len(stored), len(cycle.loan_ids))
        self.assertEqual(stored, rows(from_meetings=True))
        by_loan = {row[0]: row for row in stored}
        for loan in cycle.loan_ids:
            self.assertAlmostEqual(by_loan[loan.id][8], loan.principal_outstanding, 2)
