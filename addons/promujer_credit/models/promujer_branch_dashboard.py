# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .promujer_portfolio_figures import FIGURES_DEPENDS


class PromujerBranchDashboard(models.Model):
    """One row per Focal Center: what a branch manager or a director looks at first.
    Portfolio, borrowers and the share of women, PAR 1/30/90 today, the collection of the
    last seven days and of the month against what was due, the month's disbursements, the
    meetings due today and the cycles waiting for approval or disbursement. Amounts are in
    the company's currency (dollar loans at today's rate): totals never add two
    currencies. The percentages of a region or of the institution are computed from their
    sums (`promujer.ratio.mixin`). Read-only SQL view; rows are the branches the user is
    allowed in."""

    _name = "promujer.branch.dashboard"
    _inherit = "promujer.ratio.mixin"
    _description = "Branch dashboard"
    _auto = False
    _order = "region_id, company_id"

    company_id = fields.Many2one("res.company", string="Focal Center", readonly=True)
    region_id = fields.Many2one("res.company", string="Regional office", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company currency", readonly=True)
    portfolio = fields.Monetary("Gross portfolio", readonly=True)
    borrowers = fields.Integer("Current borrowers", readonly=True)
    women_borrowers = fields.Integer("Women borrowers", readonly=True)
    women_share = fields.Float(
        "Women (%)", readonly=True, aggregator="avg", help="Women among the current borrowers."
    )
    par1 = fields.Monetary(
        "PAR > 1", readonly=True, help="Outstanding of loans over 1 day late or rescheduled."
    )
    par30 = fields.Monetary(
        "PAR > 30", readonly=True, help="Outstanding of loans over 30 days late or rescheduled."
    )
    par90 = fields.Monetary(
        "PAR > 90", readonly=True, help="Outstanding of loans over 90 days late or rescheduled."
    )
    par30_rate = fields.Float("PAR > 30 (%)", readonly=True, aggregator="avg")
    expected_week = fields.Monetary("Due in the last 7 days", readonly=True)
    collected_week = fields.Monetary("Collected in the last 7 days", readonly=True)
    collection_rate_week = fields.Float(
        "Collected, last 7 days (%)", readonly=True, aggregator="avg"
    )
    expected_month = fields.Monetary("Due this month", readonly=True)
    collected_month = fields.Monetary("Collected this month", readonly=True)
    collection_rate_month = fields.Float(
        "Collected this month (%)", readonly=True, aggregator="avg"
    )
    disbursed_month = fields.Monetary("Disbursed this month", readonly=True)
    loans_disbursed_month = fields.Integer("Loans disbursed this month", readonly=True)
    meetings_today = fields.Integer("Meetings due today", readonly=True)
    cycles_to_approve = fields.Integer("Cycles to approve", readonly=True)
    cycles_to_disburse = fields.Integer("Cycles to disburse", readonly=True)

    _promujer_ratios = {
        "women_share": ("women_borrowers", "borrowers"),
        "par30_rate": ("par30", "portfolio"),
        "collection_rate_week": ("collected_week", "expected_week"),
        "collection_rate_month": ("collected_month", "expected_month"),
    }

    # {column: the column of the query's parts it is read from}; a branch with no row
    # there has 0. The percentages are computed from their `_promujer_ratios`.
    _promujer_sources = {
        "portfolio": "loans.portfolio",
        "borrowers": "loans.borrowers",
        "women_borrowers": "loans.women",
        "par1": "loans.par1",
        "par30": "loans.par30",
        "par90": "loans.par90",
        "expected_week": "week.expected",
        "collected_week": "week.collected",
        "expected_month": "month.expected",
        "collected_month": "month.collected",
        "disbursed_month": "disbursed.amount",
        "loans_disbursed_month": "disbursed.loans",
        "meetings_today": "today.meetings",
        "cycles_to_approve": "cycles.to_approve",
        "cycles_to_disburse": "cycles.to_disburse",
    }

    _depends = {
        **FIGURES_DEPENDS,
        "promujer.meeting": ["state", "date", "company_id"],
        "promujer.meeting.line": ["amount_due", "amount_paid"],
        "promujer.loan.cycle": ["state", "company_id"],
        "promujer.loan": ["amount", "disbursement_date", "state", "company_id", "currency_id"],
        "res.partner": ["promujer_gender"],
        "promujer.association": ["meeting_weekday", "company_id", "state"],
    }

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        return SQL(
            """
            WITH rate AS (%(rate)s), loans AS (%(loans)s), week AS (%(week)s),
                 month AS (%(month)s), disbursed AS (%(disbursed)s),
                 today AS (%(today)s), cycles AS (%(cycles)s)
            SELECT c.id, c.id AS company_id, c.promujer_region_id AS region_id,
                   root.currency_id, %(figures)s
              FROM res_company c
              JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
         LEFT JOIN loans ON loans.company_id = c.id
         LEFT JOIN week ON week.company_id = c.id
         LEFT JOIN month ON month.company_id = c.id
         LEFT JOIN disbursed ON disbursed.company_id = c.id
         LEFT JOIN today ON today.company_id = c.id
         LEFT JOIN cycles ON cycles.company_id = c.id
             WHERE c.promujer_center_kind IN ('focal', 'neighborhood')
            """,
            rate=self._rate_sql(),
            loans=self._loans_sql(),
            week=self._collected_sql(today - datetime.timedelta(days=6)),
            month=self._collected_sql(today.replace(day=1)),
            disbursed=self._disbursed_sql(today.replace(day=1)),
            figures=self._figures_sql(),
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
        """Portfolio, borrowers, women and PAR today per branch (the suite's figures)."""
        figures = self.env["promujer.portfolio.figures"]
        return SQL(
            """
            SELECT r.company_id,
                   SUM(r.outstanding / rate.rate) AS portfolio,
                   COUNT(DISTINCT r.partner_id) AS borrowers,
                   COUNT(DISTINCT r.partner_id) FILTER (WHERE p.promujer_gender = 'female')
                       AS women,
                   SUM(CASE WHEN %(par1)s THEN r.outstanding / rate.rate ELSE 0 END) AS par1,
                   SUM(CASE WHEN %(par30)s THEN r.outstanding / rate.rate ELSE 0 END) AS par30,
                   SUM(CASE WHEN %(par90)s THEN r.outstanding / rate.rate ELSE 0 END) AS par90
              FROM (%(rows)s) r
              JOIN res_partner p ON p.id = r.partner_id
              JOIN res_company c ON c.id = r.company_id
              JOIN rate ON rate.currency_id = r.currency_id
                       AND rate.root_id = split_part(c.parent_path, '/', 1)::int
          GROUP BY r.company_id
            """,
            par1=figures._at_risk_sql("r", 1),
            par30=figures._at_risk_sql("r", 30),
            par90=figures._at_risk_sql("r", 90),
            rows=figures._loan_rows_sql(figures._as_of()),
        )

    def _figures_sql(self):
        """The figures of `_promujer_sources` (0 where the branch has no row), then the
        percentages of `_promujer_ratios` of one row (0 when the whole is 0)."""
        source = {
            name: SQL("COALESCE(%s, 0)", SQL.identifier(*column.split(".")))
            for name, column in self._promujer_sources.items()
        }
        percent = {
            name: SQL(
                "COALESCE(ROUND((100.0 * %s / NULLIF(%s, 0))::numeric, 2), 0)",
                source[part],
                source[whole],
            )
            for name, (part, whole) in self._promujer_ratios.items()
        }
        return SQL(", ").join(
            SQL("%s AS %s", value, SQL.identifier(name))
            for name, value in {**source, **percent}.items()
        )

    def _collected_sql(self, since):
        """Due and collected at the meetings posted from `since` to today per branch."""
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
             WHERE m.state = 'posted' AND m.date BETWEEN %(since)s AND %(today)s
          GROUP BY m.company_id
            """,
            since=since,
            today=fields.Date.context_today(self),
        )

    def _disbursed_sql(self, since):
        """Loans disbursed from `since` to today per branch, and their amount."""
        return SQL(
            """
            SELECT l.company_id, COUNT(*) AS loans, SUM(l.amount / rate.rate) AS amount
              FROM promujer_loan l
              JOIN res_company c ON c.id = l.company_id
              JOIN rate ON rate.currency_id = l.currency_id
                       AND rate.root_id = split_part(c.parent_path, '/', 1)::int
             WHERE l.state NOT IN ('draft', 'cancelled')
               AND l.disbursement_date BETWEEN %(since)s AND %(today)s
          GROUP BY l.company_id
            """,
            since=since,
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
        name = self.env._("Gross portfolio: %s", self.company_id.name)
        return self._promujer_action(
            "promujer_credit.promujer_loan_action",
            [("company_id", "=", self.company_id.id), ("state", "in", ("active", "rescheduled"))],
            name=name,
            display_name=name,
        )

    @api.readonly
    def action_open_loans_at_risk(self):
        """The loans of PAR > 30: over 30 days late (as of the last arrears update) or
        rescheduled."""
        action = self.action_open_loans()
        action["domain"] += ["|", ("days_late", ">", 30), ("reschedule_count", ">", 0)]
        name = self.env._("Portfolio at risk > 30 days: %s", self.company_id.name)
        action.update(name=name, display_name=name)
        return action

    @api.readonly
    def action_open_cycles(self):
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.promujer_loan_cycle_action",
            [("company_id", "=", self.company_id.id), ("state", "in", ("submitted", "approved"))],
        )

    @api.readonly
    def action_open_meetings_today(self):
        self.ensure_one()
        return self._promujer_action(
            "promujer_credit.promujer_association_action_today",
            [("company_id", "=", self.company_id.id)],
        )
