# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .promujer_portfolio_figures import FIGURES_DEPENDS


class PromujerBranchDashboard(models.Model):
    """One row per Focal Center: what a branch manager or a director looks at first.
    Portfolio, borrowers and PAR > 30 today, the collection of the last seven days, the
    meetings due today and the cycles waiting for approval or disbursement. Amounts are
    in the company's currency (dollar loans at today's rate): totals never add two
    currencies. Read-only SQL view; rows are the branches the user is allowed in."""

    _name = "promujer.branch.dashboard"
    _description = "Branch dashboard"
    _auto = False
    _order = "region_id, company_id"

    company_id = fields.Many2one("res.company", string="Focal Center", readonly=True)
    region_id = fields.Many2one("res.company", string="Regional office", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company currency", readonly=True)
    portfolio = fields.Monetary("Gross portfolio", readonly=True)
    borrowers = fields.Integer("Current borrowers", readonly=True)
    par30 = fields.Monetary(
        "PAR > 30", readonly=True, help="Outstanding of loans over 30 days late or rescheduled."
    )
    expected_week = fields.Monetary("Due in the last 7 days", readonly=True)
    collected_week = fields.Monetary("Collected in the last 7 days", readonly=True)
    meetings_today = fields.Integer("Meetings due today", readonly=True)
    cycles_to_approve = fields.Integer("Cycles to approve", readonly=True)
    cycles_to_disburse = fields.Integer("Cycles to disburse", readonly=True)

    _depends = {
        **FIGURES_DEPENDS,
        "promujer.meeting": ["state", "date", "company_id"],
        "promujer.meeting.line": ["amount_due", "amount_paid"],
        "promujer.loan.cycle": ["state", "company_id"],
        "promujer.association": ["meeting_weekday", "company_id", "state"],
    }

    @property
    def _table_query(self):
        return SQL(
            """
            WITH rate AS (%(rate)s), loans AS (%(loans)s), week AS (%(week)s),
                 today AS (%(today)s), cycles AS (%(cycles)s)
            SELECT c.id, c.id AS company_id, c.promujer_region_id AS region_id,
                   root.currency_id,
                   COALESCE(loans.portfolio, 0) AS portfolio,
                   COALESCE(loans.borrowers, 0) AS borrowers,
                   COALESCE(loans.par30, 0) AS par30,
                   COALESCE(week.expected, 0) AS expected_week,
                   COALESCE(week.collected, 0) AS collected_week,
                   COALESCE(today.meetings, 0) AS meetings_today,
                   COALESCE(cycles.to_approve, 0) AS cycles_to_approve,
                   COALESCE(cycles.to_disburse, 0) AS cycles_to_disburse
              FROM res_company c
              JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
         LEFT JOIN loans ON loans.company_id = c.id
         LEFT JOIN week ON week.company_id = c.id
         LEFT JOIN today ON today.company_id = c.id
         LEFT JOIN cycles ON cycles.company_id = c.id
             WHERE c.promujer_center_kind IN ('focal', 'neighborhood')
            """,
            rate=self._rate_sql(),
            loans=self._loans_sql(),
            week=self._week_sql(),
            today=self._today_sql(),
            cycles=self._cycles_sql(),
        )

    def _rate_sql(self):
        """Today's rate of each currency against each institution's currency."""
        return SQL(
            """
            SELECT cur.id AS currency_id, root.id AS root_id, %(rate)s AS rate
              FROM res_currency cur CROSS JOIN res_company root
             WHERE root.parent_id IS NULL
            """,
            rate=self.env["promujer.portfolio.figures"]._rate_sql(
                SQL("cur.id"), SQL("root.id"), fields.Date.context_today(self)
            ),
        )

    def _loans_sql(self):
        """Portfolio, borrowers and PAR > 30 today per branch (the suite's figures)."""
        figures = self.env["promujer.portfolio.figures"]
        return SQL(
            """
            SELECT r.company_id,
                   SUM(r.outstanding / rate.rate) AS portfolio,
                   COUNT(DISTINCT r.partner_id) AS borrowers,
                   SUM(CASE WHEN %(at_risk)s THEN r.outstanding / rate.rate ELSE 0 END) AS par30
              FROM (%(rows)s) r
              JOIN res_company c ON c.id = r.company_id
              JOIN rate ON rate.currency_id = r.currency_id
                       AND rate.root_id = split_part(c.parent_path, '/', 1)::int
          GROUP BY r.company_id
            """,
            at_risk=figures._at_risk_sql("r", 30),
            rows=figures._loan_rows_sql(figures._as_of()),
        )

    def _week_sql(self):
        """Due and collected at the meetings of the last seven days per branch."""
        return SQL(
            """
            SELECT m.company_id,
                   SUM(COALESCE(ml.amount_due, 0) / rate.rate) AS expected,
                   SUM(LEAST(COALESCE(ml.amount_paid, 0), COALESCE(ml.amount_due, 0))
                       / rate.rate) AS collected
              FROM promujer_meeting_line ml
              JOIN promujer_meeting m ON m.id = ml.meeting_id
              JOIN res_company c ON c.id = m.company_id
              JOIN rate ON rate.currency_id = m.currency_id
                       AND rate.root_id = split_part(c.parent_path, '/', 1)::int
             WHERE m.state = 'posted' AND m.date > %(today)s::date - 7
          GROUP BY m.company_id
            """,
            today=fields.Date.context_today(self),
        )

    def _today_sql(self):
        """Associations with a disbursed cycle meeting today and not yet posted."""
        return SQL(
            """
            SELECT a.company_id, COUNT(*) AS meetings
              FROM promujer_association a
             WHERE a.meeting_weekday = (EXTRACT(ISODOW FROM %(today)s::date)::int - 1)::text
               AND a.state IN ('active', 'consolidated')
               AND EXISTS (SELECT 1 FROM promujer_loan_cycle cy
                            WHERE cy.association_id = a.id AND cy.state = 'disbursed')
               AND NOT EXISTS (SELECT 1 FROM promujer_meeting m
                                WHERE m.association_id = a.id AND m.date = %(today)s::date
                                  AND m.state = 'posted')
          GROUP BY a.company_id
            """,
            today=fields.Date.context_today(self),
        )

    def _cycles_sql(self):
        return SQL(
            """
            SELECT company_id,
                   COUNT(*) FILTER (WHERE state = 'submitted') AS to_approve,
                   COUNT(*) FILTER (WHERE state = 'approved') AS to_disburse
              FROM promujer_loan_cycle
          GROUP BY company_id
            """
        )

    @api.readonly
    def action_open_loans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_loan_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("active", "rescheduled")),
        ]
        return action

    @api.readonly
    def action_open_cycles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_loan_cycle_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("submitted", "approved")),
        ]
        return action

    @api.readonly
    def action_open_meetings_today(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_association_action_today"
        )
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action
