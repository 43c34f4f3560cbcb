# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

# The PAR thresholds the reports show (DOMAIN.md).
PAR_DAYS = (1, 7, 30, 90)


class PromujerPortfolioFigures(models.AbstractModel):
    """Set-based figures of the portfolio per branch, as of any date.

    As of today they come from the loans' stored balances and days late (one row per
    loan); as of a past date from the history: disbursements, the allocations of the
    meetings posted up to that date, write-offs and reschedulings dated up to it."""

    _name = "promujer.portfolio.figures"
    _description = "Portfolio figures per branch"

    @api.model
    def _loan_rows_sql(self, as_of, company_ids):
        """One row per loan outstanding at `as_of`: company, currency, partner, officer,
        association, product, member cycle, outstanding principal, days late and whether
        it counts as rescheduled."""
        today = fields.Date.context_today(self)
        if as_of >= today:
            return SQL(
                """
                SELECT l.id, l.company_id, l.currency_id, l.partner_id, l.officer_id,
                       l.association_id, l.product_id, l.member_cycle_number,
                       l.principal_outstanding AS outstanding,
                       COALESCE(l.days_late, 0) AS days_late,
                       COALESCE(l.reschedule_count, 0) > 0 AS rescheduled
                  FROM promujer_loan l
                 WHERE l.state IN ('active', 'rescheduled')
                   AND l.company_id = ANY(%(companies)s)
                   AND l.principal_outstanding > 0
                """,
                companies=list(company_ids),
            )
        return SQL(
            """
            WITH loans AS (
                SELECT l.id, l.company_id, l.currency_id, l.partner_id, l.officer_id,
                       l.association_id, l.product_id, l.member_cycle_number, l.amount,
                       (COALESCE(l.reschedule_count, 0) > 0
                        AND l.rescheduled_date <= %(as_of)s) AS rescheduled
                  FROM promujer_loan l
                 WHERE l.disbursement_date <= %(as_of)s
                   AND l.state NOT IN ('draft', 'cancelled')
                   AND (l.write_off_date IS NULL OR l.write_off_date > %(as_of)s)
                   AND l.company_id = ANY(%(companies)s)
            ),
            paid AS (
                SELECT a.installment_id,
                       SUM(a.principal) AS principal,
                       SUM(a.principal + a.interest) AS principal_interest
                  FROM promujer_meeting_allocation a
                  JOIN promujer_meeting m ON m.id = a.meeting_id
                 WHERE m.state = 'posted' AND m.date <= %(as_of)s
              GROUP BY a.installment_id
            ),
            per_loan AS (
                SELECT i.loan_id,
                       SUM(COALESCE(p.principal, 0)) AS principal_paid,
                       MIN(i.due_date) FILTER (
                           WHERE i.due_date < %(as_of)s
                             AND i.principal_due + i.interest_due
                                 - COALESCE(p.principal_interest, 0) > 0.000001
                       ) AS oldest_late
                  FROM promujer_loan_installment i
                  JOIN loans ON loans.id = i.loan_id
             LEFT JOIN paid p ON p.installment_id = i.id
              GROUP BY i.loan_id
            )
            SELECT loans.id, loans.company_id, loans.currency_id, loans.partner_id,
                   loans.officer_id, loans.association_id, loans.product_id,
                   loans.member_cycle_number,
                   loans.amount - COALESCE(per_loan.principal_paid, 0) AS outstanding,
                   COALESCE(%(as_of)s - per_loan.oldest_late, 0) AS days_late,
                   loans.rescheduled
              FROM loans
         LEFT JOIN per_loan ON per_loan.loan_id = loans.id
             WHERE loans.amount - COALESCE(per_loan.principal_paid, 0) > 0
            """,
            as_of=as_of,
            companies=list(company_ids),
        )

    @api.model
    def _portfolio_by_branch(self, as_of, company_ids):
        """{company_id: {currency_id: {outstanding, borrowers, loans, par1..par90}}}"""
        for model in ("promujer.loan", "promujer.loan.installment", "promujer.meeting"):
            self.env[model].flush_model()
        self.env["promujer.meeting.allocation"].flush_model()
        par = SQL(", ").join(
            SQL(
                "SUM(r.outstanding) FILTER (WHERE r.days_late > %(d)s OR r.rescheduled)",
                d=days,
            )
            for days in PAR_DAYS
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT r.company_id, r.currency_id, SUM(r.outstanding),
                       COUNT(DISTINCT r.partner_id), COUNT(*), %(par)s
                  FROM (%(rows)s) r
              GROUP BY r.company_id, r.currency_id
                """,
                par=par,
                rows=self._loan_rows_sql(as_of, company_ids),
            )
        )
        result = defaultdict(dict)
        for company_id, currency_id, outstanding, borrowers, loans, *pars in self.env.cr.fetchall():
            result[company_id][currency_id] = {
                "outstanding": outstanding or 0.0,
                "borrowers": borrowers,
                "loans": loans,
                **{f"par{d}": amount or 0.0 for d, amount in zip(PAR_DAYS, pars, strict=True)},
            }
        return result

    @api.model
    def _clients_by_branch(self, as_of, company_ids):
        """{company_id: (associations, clients, women)} for associations formed by `as_of`
        and not closed then."""
        self.env["promujer.association"].flush_model()
        self.env["promujer.solidarity.group"].flush_model()
        self.env["res.partner"].flush_model(["promujer_gender"])
        self.env.cr.execute(
            """
            SELECT a.company_id,
                   COUNT(DISTINCT a.id),
                   COUNT(DISTINCT r.partner_id),
                   COUNT(DISTINCT r.partner_id) FILTER (WHERE p.promujer_gender = 'female')
              FROM promujer_association a
         LEFT JOIN promujer_solidarity_group g ON g.association_id = a.id AND g.active
         LEFT JOIN promujer_solidarity_group_member_rel r ON r.group_id = g.id
         LEFT JOIN res_partner p ON p.id = r.partner_id
             WHERE a.active
               AND a.company_id = ANY(%(companies)s)
               AND COALESCE(a.formation_date, a.create_date::date) <= %(as_of)s
               AND (a.closed_date IS NULL OR a.closed_date > %(as_of)s)
               AND (a.state != 'closed' OR a.closed_date IS NOT NULL)
          GROUP BY a.company_id
            """,
            {"as_of": as_of, "companies": list(company_ids)},
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}
