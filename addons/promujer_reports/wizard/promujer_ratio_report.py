# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.account_account import DEFAULT_ACCOUNTS, RATIO_CATEGORIES


class PromujerRatioReport(models.TransientModel):
    """The institution's SEEP ratios for a period, from its journal items and portfolio."""

    _name = "promujer.ratio.report"
    _description = "Institutional ratios"
    _inherit = ["promujer.institution.mixin"]

    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(month=1, day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("promujer.ratio.report.line", "report_id", readonly=True)

    def _accounts_by_category(self):
        """Configured accounts per category, else the defaults."""
        self.ensure_one()
        # Configuration of the institution, which a branch manager may not read.
        Account = self.env["account.account"].sudo().with_company(self.company_id)
        domain = Account._check_company_domain(self.company_id)
        configured = Account.search([*domain, ("promujer_ratio_category", "!=", False)])
        result = {key: Account.browse() for key, _label in RATIO_CATEGORIES}
        if configured:
            for account in configured:
                result[account.promujer_ratio_category] |= account
            return result
        chart = self.env["account.chart.template"].sudo().with_company(self.company_id)
        for xmlid, category in DEFAULT_ACCOUNTS.items():
            result[category] |= chart.ref(xmlid, raise_if_not_found=False) or Account.browse()
        result["operating_expense"] = (
            Account.search([*domain, ("account_type", "in", ("expense", "expense_depreciation"))])
            - result["provision_expense"]
        )
        return result

    def _scope(self):
        """A branch manager gets the ratios of her branches, the institution's accountants
        those of the whole."""
        return self._promujer_allowed_branches()

    def _sum_balance(self, accounts, date_from=None, date_to=None):
        domain = [
            ("account_id", "in", accounts.ids),
            ("company_id", "in", self._scope().ids),
            ("parent_state", "=", "posted"),
        ]
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        result = self.env["account.move.line"].sudo()._read_group(domain, [], ["balance:sum"])
        return result[0][0] or 0.0

    def _portfolio(self, as_of):
        """(gross portfolio, PAR > 30, borrowers) of the scope, in the company currency."""
        figures = self.env["promujer.portfolio.figures"]._portfolio_by_branch(
            as_of, self._scope().ids
        )
        glp = par30 = 0.0
        borrowers = 0
        for by_currency in figures.values():
            for currency_id, values in by_currency.items():
                # Rates are the institution's, read for a user of one branch too.
                currency = self.env["res.currency"].sudo().browse(currency_id)
                glp += currency._convert(
                    values["outstanding"], self.currency_id, self.company_id, as_of, round=False
                )
                par30 += currency._convert(
                    values["par30"], self.currency_id, self.company_id, as_of, round=False
                )
                borrowers += values["borrowers"]
        return glp, par30, borrowers

    def _officer_count(self, as_of):
        self.env["promujer.loan"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(DISTINCT officer_id)
                  FROM promujer_loan
                 WHERE company_id = ANY(%(scope)s)
                   AND disbursement_date <= %(as_of)s
                   AND state NOT IN ('draft', 'cancelled')
                   AND (write_off_date IS NULL OR write_off_date > %(as_of)s)
                """,
                scope=self._scope().ids,
                as_of=as_of,
            )
        )
        return self.env.cr.fetchone()[0]

    def _written_off(self):
        """Principal written off in the period, converted at each write-off date."""
        groups = (
            self.env["promujer.loan"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "in", self._scope().ids),
                    ("write_off_date", ">=", self.date_from),
                    ("write_off_date", "<=", self.date_to),
                ],
                ["currency_id", "write_off_date:day"],
                ["write_off_amount:sum"],
            )
        )
        return sum(
            currency.sudo()._convert(amount, self.currency_id, self.company_id, day, round=False)
            for currency, day, amount in groups
        )

    def action_compute(self):
        """Compute, then show the ratios in the dialog."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        self._compute_lines()
        if not any(self.line_ids.mapped("numerator")) and not any(
            self.line_ids.mapped("denominator")
        ):
            raise UserError(
                self.env._(
                    "Nothing to compute from %(start)s to %(end)s: the books of your "
                    "branches have no entry and no loan in that period. Choose another period.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Institutional ratios (SEEP)"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _compute_lines(self):
        self.ensure_one()
        accounts = self._accounts_by_category()
        revenue = -self._sum_balance(accounts["financial_revenue"], self.date_from, self.date_to)
        fin_expense = self._sum_balance(accounts["financial_expense"], self.date_from, self.date_to)
        provision = self._sum_balance(accounts["provision_expense"], self.date_from, self.date_to)
        opex = self._sum_balance(accounts["operating_expense"], self.date_from, self.date_to)
        start = self.date_from - timedelta(days=1)
        glp_start, _par_start, borrowers_start = self._portfolio(start)
        glp_end, par30_end, borrowers_end = self._portfolio(self.date_to)
        average_glp = (glp_start + glp_end) / 2
        average_borrowers = (borrowers_start + borrowers_end) / 2
        allowance_account = self.company_id._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        allowance = -self._sum_balance(allowance_account, date_to=self.date_to)
        officers = self._officer_count(self.date_to)
        ratios = [
            ("oss", self.env._("Operational self-sufficiency"), revenue,
             fin_expense + provision + opex,
             self.env._("financial revenue / (financial expense + provision expense + "
                        "operating expense)")),
            ("yield", self.env._("Portfolio yield"), revenue, average_glp,
             self.env._("interest, fees and penalties received / average gross portfolio")),
            ("write_off", self.env._("Write-off ratio"), self._written_off(), average_glp,
             self.env._("written-off principal of the period / average gross portfolio")),
            ("risk_coverage", self.env._("Risk coverage"), allowance, par30_end,
             self.env._("loan-loss allowance / portfolio at risk over 30 days")),
            ("opex_ratio", self.env._("Operating expense ratio"), opex, average_glp,
             self.env._("operating expense / average gross portfolio")),
            ("cost_per_borrower", self.env._("Cost per borrower"), opex, average_borrowers,
             self.env._("operating expense / average active borrowers")),
            ("borrowers_per_officer", self.env._("Borrowers per loan officer"), borrowers_end,
             officers, self.env._("active borrowers / loan officers with loans")),
            ("par30", self.env._("Portfolio at risk > 30 days"), par30_end, glp_end,
             self.env._("outstanding of loans over 30 days late or rescheduled / gross portfolio")),
        ]  # fmt: skip
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "sequence": sequence,
                    "code": code,
                    "name": name,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": numerator / denominator if denominator else 0.0,
                    "formula": formula,
                }
            )
            for sequence, (code, name, numerator, denominator, formula) in enumerate(ratios)
        ]

    def action_print_pdf(self):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self.env.ref("promujer_reports.action_report_ratios").report_action(self)

    @api.model
    def _ratio(self, code):
        return self.line_ids.filtered(lambda line: line.code == code).value


class PromujerRatioReportLine(models.TransientModel):
    _name = "promujer.ratio.report.line"
    _description = "Institutional ratio"
    _order = "sequence"

    report_id = fields.Many2one("promujer.ratio.report", required=True, ondelete="cascade")
    sequence = fields.Integer()
    code = fields.Char()
    name = fields.Char("Ratio")
    value = fields.Float(digits=(16, 4))
    numerator = fields.Float(digits=(16, 2))
    denominator = fields.Float(digits=(16, 2))
    formula = fields.Char()
