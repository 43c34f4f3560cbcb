# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.promujer_credit.models.promujer_portfolio_figures import FIGURES_DEPENDS
from odoo.addons.promujer_credit.tools import arrears

AGING = [
    ("0_current", "Current"),
    ("1_1_30", "1-30 days"),
    ("2_31_60", "31-60 days"),
    ("3_61_90", "61-90 days"),
    ("4_91_180", "91-180 days"),
    ("5_181_365", "181-365 days"),
    ("6_over_365", "Over 365 days"),
]


class PromujerPortfolioReport(models.Model):
    """Portfolio quality today, one row per outstanding loan: PAR 1/7/30/90 and aging by
    branch, officer, association, product and member cycle. Amounts are converted to
    the institution's currency at the latest rate; rescheduled loans are at risk."""

    _name = "promujer.portfolio.report"
    _description = "Portfolio at risk"
    _auto = False
    _order = "outstanding desc"

    loan_id = fields.Many2one("promujer.loan", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    company_id = fields.Many2one("res.company", string="Focal Center", readonly=True)
    region_id = fields.Many2one("res.company", string="Regional office", readonly=True)
    officer_id = fields.Many2one("hr.employee", string="Loan officer", readonly=True)
    association_id = fields.Many2one("promujer.association", readonly=True)
    product_id = fields.Many2one("promujer.loan.product", readonly=True)
    member_cycle_number = fields.Integer("Member cycle", readonly=True, aggregator=False)
    loan_currency_id = fields.Many2one("res.currency", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company currency", readonly=True)
    days_late = fields.Integer(readonly=True, aggregator="max")
    aging = fields.Selection(AGING, readonly=True)
    rescheduled = fields.Boolean(readonly=True)
    loan_count = fields.Integer("Loans", readonly=True)
    outstanding_currency = fields.Float("Outstanding (loan currency)", readonly=True)
    outstanding = fields.Monetary("Gross portfolio", readonly=True)
    par1 = fields.Monetary("PAR > 1", readonly=True)
    par7 = fields.Monetary("PAR > 7", readonly=True)
    par30 = fields.Monetary("PAR > 30", readonly=True)
    par90 = fields.Monetary("PAR > 90", readonly=True)

    _depends = {
        **FIGURES_DEPENDS,
        "res.currency.rate": ["rate", "name", "currency_id", "company_id"],
    }

    @property
    def _table_query(self):
        figures = self.env["promujer.portfolio.figures"]
        today = figures._as_of()
        par = SQL(", ").join(
            SQL(
                "CASE WHEN %(risk)s THEN r.outstanding / rate.rate ELSE 0 END AS %(name)s",
                risk=figures._at_risk_sql("r", days),
                name=SQL.identifier(f"par{days}"),
            )
            for days in arrears.PAR_THRESHOLDS
        )
        return SQL(
            """
            SELECT r.id, r.id AS loan_id, r.partner_id, r.company_id,
                   c.promujer_region_id AS region_id, r.officer_id, r.association_id,
                   r.product_id, r.member_cycle_number, r.currency_id AS loan_currency_id,
                   root.currency_id, r.days_late, %(aging)s AS aging, r.rescheduled,
                   1 AS loan_count,
                   r.outstanding AS outstanding_currency,
                   r.outstanding / rate.rate AS outstanding,
                   %(par)s
              FROM (%(rows)s) r
              JOIN res_company c ON c.id = r.company_id
              JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
              JOIN LATERAL (SELECT %(rate)s AS rate) rate ON TRUE
            """,
            aging=figures._aging_sql(SQL("r.days_late")),
            par=par,
            rows=figures._loan_rows_sql(today),
            rate=figures._rate_sql(SQL("r.currency_id"), SQL("root.id"), today),
        )

    def _par_summary(self):
        """The printed portfolio-at-risk report of these lines: per Focal Center the
        gross portfolio and PAR 1/7/30/90 (amounts and ratios computed from the sums),
        the aging of the whole, and the total."""
        keys = ("outstanding", "par1", "par7", "par30", "par90", "loan_count")

        def totals(lines):
            values = {key: sum(lines.mapped(key)) for key in keys}
            base = values["outstanding"]
            for key in ("par1", "par7", "par30", "par90"):
                values[f"{key}_pct"] = 100.0 * values[key] / base if base else 0.0
            return values

        # The regional offices order the branches: their names are read for a manager
        # allowed in her branch only.
        branches = [
            (company, totals(self.filtered(lambda line, c=company: line.company_id == c)))
            for company in self.company_id.sudo().sorted(
                lambda c: (c.promujer_region_id.name or "", c.name)
            )
        ]
        labels = self._promujer_labels("aging")
        aging = [
            (labels[key], totals(self.filtered(lambda line, k=key: line.aging == k)))
            for key in sorted(set(self.mapped("aging")))
        ]
        return {
            "branches": branches,
            "aging": aging,
            "total": totals(self),
            "currency": self.currency_id[:1] or self.env.company.currency_id,
        }


class PromujerCollectionReport(models.Model):
    """Expected versus collected at each repayment meeting (per member line): the
    repayment rate, always shown beside portfolio at risk, never instead of it."""

    _name = "promujer.collection.report"
    _description = "Expected versus collected"
    _auto = False
    _order = "date desc"

    meeting_id = fields.Many2one("promujer.meeting", readonly=True)
    date = fields.Date(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    company_id = fields.Many2one("res.company", string="Focal Center", readonly=True)
    region_id = fields.Many2one("res.company", string="Regional office", readonly=True)
    officer_id = fields.Many2one("hr.employee", string="Loan officer", readonly=True)
    association_id = fields.Many2one("promujer.association", readonly=True)
    loan_currency_id = fields.Many2one("res.currency", string="Loan currency", readonly=True)
    currency_id = fields.Many2one(
        "res.currency",
        string="Company currency",
        readonly=True,
        help="Amounts are converted to the company's currency at the rate of the meeting's "
        "date, so that totals never add two currencies.",
    )
    attended = fields.Integer(readonly=True)
    members = fields.Integer(readonly=True)
    expected = fields.Monetary(readonly=True)
    collected = fields.Monetary(readonly=True, help="Paid by the member herself.")
    covered = fields.Monetary(readonly=True, help="Covered by her group or association.")
    shortfall = fields.Monetary(readonly=True)
    expected_loan_currency = fields.Monetary(
        "Expected (loan currency)", currency_field="loan_currency_id", readonly=True
    )
    collected_loan_currency = fields.Monetary(
        "Collected (loan currency)", currency_field="loan_currency_id", readonly=True
    )

    _depends = {
        "promujer.meeting": ["state", "date", "association_id", "company_id", "officer_id"],
        "promujer.meeting.line": [
            "amount_due",
            "amount_paid",
            "covered_by_group",
            "covered_by_association",
            "attended",
        ],
    }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT ml.id, m.id AS meeting_id, m.date, ml.partner_id, m.company_id,
                   c.promujer_region_id AS region_id, m.officer_id, m.association_id,
                   m.currency_id AS loan_currency_id, root.currency_id AS currency_id,
                   CASE WHEN ml.attended THEN 1 ELSE 0 END AS attended,
                   1 AS members,
                   amounts.expected AS expected_loan_currency,
                   amounts.collected AS collected_loan_currency,
                   amounts.expected / rate.rate AS expected,
                   amounts.collected / rate.rate AS collected,
                   amounts.covered / rate.rate AS covered,
                   amounts.shortfall / rate.rate AS shortfall
              FROM promujer_meeting_line ml
              JOIN promujer_meeting m ON m.id = ml.meeting_id
              JOIN res_company c ON c.id = m.company_id
              JOIN res_company root ON root.id = split_part(c.parent_path, '/', 1)::int
              JOIN LATERAL (
                  SELECT COALESCE(ml.amount_due, 0) AS expected,
                         LEAST(COALESCE(ml.amount_paid, 0), COALESCE(ml.amount_due, 0))
                             AS collected,
                         COALESCE(ml.covered_by_group, 0) + COALESCE(ml.covered_by_association, 0)
                             AS covered,
                         GREATEST(COALESCE(ml.amount_due, 0) - COALESCE(ml.amount_paid, 0)
                                  - COALESCE(ml.covered_by_group, 0)
                                  - COALESCE(ml.covered_by_association, 0), 0) AS shortfall
              ) amounts ON TRUE
              JOIN LATERAL (
                  SELECT CASE WHEN m.currency_id = root.currency_id THEN 1.0
                              ELSE COALESCE((
                                  SELECT r.rate FROM res_currency_rate r
                                   WHERE r.currency_id = m.currency_id
                                     AND (r.company_id = root.id OR r.company_id IS NULL)
                                     AND r.name <= m.date
                                ORDER BY r.company_id IS NULL, r.name DESC
                                   LIMIT 1), 1.0) END AS rate
              ) rate ON TRUE
             WHERE m.state = 'posted'
            """
        )
