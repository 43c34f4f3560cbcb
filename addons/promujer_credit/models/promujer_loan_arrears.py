# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from .promujer_loan import OUTSTANDING_STATES


class PromujerLoan(models.Model):
    """A loan's arrears: the daily cron that stores days late and charges penalties."""

    _inherit = "promujer.loan"

    # ------------------------------------------------------------------ arrears

    @api.model
    def _cron_update_arrears(self):
        """Days late and penalties as of today in each institution's timezone
        (res.company._promujer_today), not OdooBot's."""
        lending = self._read_group([("state", "in", OUTSTANDING_STATES)], ["company_id"])
        branches = self.env["res.company"].union(*(company for [company] in lending))
        for today, group in branches._promujer_by_today().items():
            self._update_arrears(today, group)

    @api.model
    def _update_arrears(self, as_of, companies=None):
        """Days late of every active loan (of `companies` when given) and the late
        penalties, set-based in SQL.

        Days late are those of `promujer.portfolio.figures` (the one definition: days
        since the oldest installment whose principal and interest are not fully paid). A
        penalty (a setting of the institution) is charged once on an installment late
        beyond the grace days, on what it asks of the new schedule (not on the interest
        and penalties a rescheduling carried into it)."""
        self.env.flush_all()
        only = SQL("AND l.company_id IN %s", tuple(companies.ids)) if companies else SQL()
        self._charge_late_penalties(as_of, only)
        self._store_days_late(as_of, only)
        self.env["promujer.loan.installment"].invalidate_model()
        self.invalidate_model(["days_late", "max_days_late"])
        return True

    @api.model
    def _charge_late_penalties(self, as_of, only):
        self.env.cr.execute(
            SQL(
                """
                WITH penalty AS (
                    SELECT i.id,
                           ROUND(((i.principal_due + i.interest_due
                                   - COALESCE(i.interest_carried, 0))
                                  * root.promujer_penalty_rate
                                  / 100)::numeric, cur.decimal_places) AS amount
                      FROM promujer_loan_installment i
                      JOIN promujer_loan l ON l.id = i.loan_id
                      JOIN res_company c ON c.id = l.company_id
                      JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
                      JOIN res_currency cur ON cur.id = l.currency_id
                     WHERE l.state IN ('active', 'rescheduled') %(only)s
                       AND root.promujer_penalty_rate > 0
                       AND i.state != 'paid'
                       AND COALESCE(i.penalty_due, 0) = COALESCE(i.penalty_carried, 0)
                       AND i.due_date < %(as_of)s::date
                                        - COALESCE(root.promujer_penalty_grace_days, 0)
                )
                UPDATE promujer_loan_installment i
                   SET penalty_due = COALESCE(i.penalty_carried, 0) + penalty.amount,
                       amount_due = i.principal_due + i.interest_due
                                    + COALESCE(i.penalty_carried, 0) + penalty.amount,
                       amount_residual = i.principal_due + i.interest_due
                                         + COALESCE(i.penalty_carried, 0) + penalty.amount
                                         - COALESCE(i.principal_paid, 0)
                                         - COALESCE(i.interest_paid, 0)
                                         - COALESCE(i.penalty_paid, 0),
                       state = CASE WHEN COALESCE(i.principal_paid, 0)
                                         + COALESCE(i.interest_paid, 0)
                                         + COALESCE(i.penalty_paid, 0) = 0
                                    THEN 'open' ELSE 'partial' END
                  FROM penalty
                 WHERE penalty.id = i.id AND penalty.amount > 0
                """,
                as_of=as_of,
                only=only,
            )
        )

    @api.model
    def _store_days_late(self, as_of, only):
        cr = self.env.cr
        figures = self.env["promujer.portfolio.figures"]
        figures._flush_figures()
        cr.execute(
            SQL(
                """
                WITH late AS (
                    SELECT l.id, COALESCE(r.days_late, 0) AS days
                      FROM promujer_loan l
                 LEFT JOIN (%(rows)s) r ON r.id = l.id
                     WHERE l.state IN ('active', 'rescheduled') %(only)s
                )
                UPDATE promujer_loan l
                   SET days_late = late.days,
                       max_days_late = GREATEST(COALESCE(l.max_days_late, 0), late.days)
                  FROM late
                 WHERE l.id = late.id
                   AND (l.days_late IS DISTINCT FROM late.days
                        OR COALESCE(l.max_days_late, 0) < late.days)
                """,
                rows=figures._loan_rows_sql(as_of),
                only=only,
            )
        )
