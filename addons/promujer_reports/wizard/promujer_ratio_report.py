# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, LazyTranslate

from ..models.account_account import DEFAULT_ACCOUNTS, RATIO_CATEGORIES

_lt = LazyTranslate(__name__)

# The SEEP ratios: (code, name, numerator, denominator, annualised, formula), numerator
# and denominator being keys of the period's figures (_period_figures). An annualised
# ratio is a flow of the period over a stock, times 365 / the period's days.
RATIOS = [
    ("oss", _lt("Operational self-sufficiency"), "revenue", "expenses", False,
     _lt("financial revenue / (financial expense + provision expense + operating expense)")),
    ("fss", _lt("Financial self-sufficiency"), "revenue", "adjusted_expenses", False,
     _lt("financial revenue / (expenses + inflation on the average equity + subsidized "
         "funding adjustment)")),
    ("roa", _lt("Return on assets"), "net_income", "average_assets", True,
     _lt("(financial revenue - expenses) / average assets, a year")),
    ("roe", _lt("Return on equity"), "net_income", "average_equity", True,
     _lt("(financial revenue - expenses) / average equity, a year")),
    ("yield", _lt("Portfolio yield (nominal)"), "revenue", "average_portfolio", True,
     _lt("interest, fees and penalties received / average gross portfolio, a year")),
    ("real_yield", _lt("Portfolio yield (real)"), "real_yield", "one", False,
     _lt("(nominal yield - inflation) / (1 + inflation)")),
    ("opex_ratio", _lt("Operating expense ratio"), "opex", "average_portfolio", True,
     _lt("operating expense / average gross portfolio, a year")),
    ("cost_per_borrower", _lt("Cost per borrower"), "opex", "average_borrowers", True,
     _lt("operating expense / average active borrowers, a year")),
    ("cost_per_loan", _lt("Cost per loan"), "opex", "average_loans", True,
     _lt("operating expense / average loans outstanding, a year")),
    ("borrowers_per_officer", _lt("Borrowers per loan officer"), "borrowers_end", "officers",
     False, _lt("active borrowers / loan officers with loans")),
    ("portfolio_per_officer", _lt("Portfolio per loan officer"), "portfolio_end", "officers",
     False, _lt("gross portfolio / loan officers with loans")),
    ("debt_to_equity", _lt("Debt to equity"), "liabilities_end", "equity_end", False,
     _lt("liabilities / equity")),
    ("portfolio_to_assets", _lt("Portfolio to assets"), "portfolio_end", "assets_end", False,
     _lt("gross portfolio / assets")),
    ("write_off", _lt("Write-off ratio"), "written_off", "average_portfolio", True,
     _lt("written-off principal / average gross portfolio, a year")),
    ("risk_coverage", _lt("Risk coverage"), "allowance", "par30_end", False,
     _lt("loan-loss allowance / portfolio at risk over 30 days")),
    ("par30", _lt("Portfolio at risk > 30 days"), "par30_end", "outstanding_end", False,
     _lt("outstanding of loans over 30 days late or rescheduled / gross portfolio")),
    ("par90", _lt("Portfolio at risk > 90 days"), "par90_end", "outstanding_end", False,
     _lt("outstanding of loans over 90 days late or rescheduled / gross portfolio")),
    ("portfolio_ledger", _lt("Gross portfolio: ledger to loans"), "portfolio_end",
     "outstanding_end", False,
     _lt("gross portfolio of the General Ledger / outstanding of the loans at the day's "
         "rate (1 when they agree; a difference is exchange not yet booked)")),
]  # fmt: skip


class PromujerRatioReport(models.TransientModel):
    """The institution's SEEP ratios for a period, from its journal items and portfolio."""

    _name = "promujer.ratio.report"
    _description = "Institutional ratios"
    _inherit = ["promujer.institution.mixin", "promujer.xlsx.mixin"]
    _promujer_pdf_report = "promujer_reports.action_report_ratios"

    branch_id = fields.Many2one(
        "res.company",
        string="Regional office or Focal Center",
        domain="[('id', 'child_of', company_id), ('parent_id', '!=', False)]",
        help="The ratios of one regional office (its Focal Centers together) or of one "
        "Focal Center. Empty: the whole institution.",
    )
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(month=1, day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    inflation_rate = fields.Float(
        "Inflation (% a year)",
        digits=(16, 2),
        help="The year's inflation: the financial self-sufficiency charges it on the average "
        "equity (the cost of keeping the equity's value), and the real yield deducts it.",
    )
    subsidy_adjustment = fields.Monetary(
        "Subsidized funding adjustment",
        help="What the subsidized loans and donations of the period would have cost at "
        "market rates beyond what was paid: the financial self-sufficiency adds it to the "
        "expenses.",
    )
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
        those of the whole; a regional office or a Focal Center chosen narrows it."""
        allowed = self._promujer_allowed_branches()
        if not self.branch_id:
            return allowed
        tree = self.env["res.company"].sudo().search([("id", "child_of", self.branch_id.id)])
        if not allowed & tree:
            raise UserError(
                self.env._("You are allowed in no branch of %(b)s.", b=self.branch_id.sudo().name)
            )
        return allowed & tree

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
        """{outstanding, par30, par90, borrowers, loans} of the scope's loans at `as_of`,
        amounts in the company currency at the day's rate."""
        figures = self.env["promujer.portfolio.figures"]._portfolio_by_branch(
            as_of, self._scope().ids
        )
        result = dict.fromkeys(("outstanding", "par30", "par90", "borrowers", "loans"), 0.0)
        for by_currency in figures.values():
            for currency_id, values in by_currency.items():
                # Rates are the institution's, read for a user of one branch too.
                currency = self.env["res.currency"].sudo().browse(currency_id)
                for key in ("outstanding", "par30", "par90"):
                    result[key] += currency._convert(
                        values[key], self.currency_id, self.company_id, as_of, round=False
                    )
                result["borrowers"] += values["borrowers"]
                result["loans"] += values["loans"]
        return result

    def _balances(self, as_of):
        """{assets, liabilities, equity, portfolio} of the scope's books at `as_of`, in the
        company currency; equity is what the assets leave after the liabilities (the
        period's result included); portfolio is the balance of the portfolio accounts."""
        lines = self.env["account.move.line"].sudo()
        domain = [
            ("company_id", "in", self._scope().ids),
            ("parent_state", "=", "posted"),
            ("date", "<=", as_of),
        ]
        by_type = defaultdict(float)
        for account, balance in lines._read_group(domain, ["account_id"], ["balance:sum"]):
            by_type[account.account_type.split("_")[0]] += balance
        assets, liabilities = by_type["asset"], -by_type["liability"]
        portfolio_accounts = self.env["promujer.ledger.check"]._tie_out_accounts(
            self.company_id.sudo()
        )["portfolio"]
        portfolio = self._sum_balance(
            self.env["account.account"].sudo().browse(portfolio_accounts), date_to=as_of
        )
        return {
            "assets": assets,
            "liabilities": liabilities,
            "equity": assets - liabilities,
            "portfolio": portfolio,
        }

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
                    start=self._promujer_date(self.date_from),
                    end=self._promujer_date(self.date_to),
                )
            )
        return self._promujer_form_action(
            name=self.env._("Institutional ratios (SEEP)"), target="new"
        )

    def _compute_lines(self):
        self.ensure_one()
        self.line_ids = [Command.clear()] + [Command.create(vals) for vals in self._ratio_values()]

    def _ratio_values(self):
        """One dict per ratio of RATIOS for the report's period and scope."""
        figures = self._period_figures()
        lang = self.env.lang or "en_US"
        lines = []
        for sequence, (code, name, numerator, denominator, annualised, formula) in enumerate(
            RATIOS
        ):
            top, bottom = figures[numerator], figures[denominator]
            factor = figures["annual"] if annualised else 1.0
            lines.append(
                {
                    "sequence": sequence,
                    "code": code,
                    "name": name._translate(lang),
                    "numerator": top,
                    "denominator": bottom,
                    "value": top / bottom * factor if bottom else 0.0,
                    "formula": formula._translate(lang),
                }
            )
        return lines

    def _period_figures(self):
        """Everything the ratios read (the keys of RATIOS): the period's revenue and
        expenses by category, the loans and the books at the start and the end, their
        averages, and the period's length."""
        accounts = self._accounts_by_category()

        def flow(category):
            return self._sum_balance(accounts[category], self.date_from, self.date_to)

        start = self.date_from - timedelta(days=1)
        days = (self.date_to - self.date_from).days + 1
        loans_start, loans_end = self._portfolio(start), self._portfolio(self.date_to)
        books_start, books_end = self._balances(start), self._balances(self.date_to)
        allowance_account = self.company_id._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        f = {
            "revenue": -flow("financial_revenue"),
            "fin_expense": flow("financial_expense"),
            "provision": flow("provision_expense"),
            "opex": flow("operating_expense"),
            "annual": 365.0 / days,
            "written_off": self._written_off(),
            "allowance": -self._sum_balance(allowance_account, date_to=self.date_to),
            "officers": self._officer_count(self.date_to),
            "one": 1.0,
            **{f"{key}_end": value for key, value in loans_end.items()},
            **{f"{key}_end": value for key, value in books_end.items()},
        }
        for key in ("borrowers", "loans"):
            f[f"average_{key}"] = (loans_start[key] + loans_end[key]) / 2
        for key in ("assets", "equity", "portfolio"):
            f[f"average_{key}"] = (books_start[key] + books_end[key]) / 2
        f["expenses"] = f["fin_expense"] + f["provision"] + f["opex"]
        f["net_income"] = f["revenue"] - f["expenses"]
        inflation = self.inflation_rate / 100
        f["adjusted_expenses"] = (
            f["expenses"] + inflation * f["average_equity"] * days / 365.0 + self.subsidy_adjustment
        )
        nominal = (
            f["revenue"] / f["average_portfolio"] * f["annual"] if f["average_portfolio"] else 0.0
        )
        f["real_yield"] = (nominal - inflation) / (1 + inflation)
        return f

    def _promujer_ensure_lines(self):
        """The checks of the screen's Compute first: the period, something to compute."""
        if not self.line_ids:
            self.action_compute()

    def action_trend(self):
        """The ratios of each of the twelve months up to the period's end, as a graph."""
        self.ensure_one()
        end = self.date_to
        months = [(end.replace(day=1) - relativedelta(months=back)) for back in range(11, -1, -1)]
        lines = []
        for start in months:
            month_end = min(start + relativedelta(months=1, days=-1), end)
            month = self.new({**self._trend_settings(), "date_from": start, "date_to": month_end})
            lines += [
                {"report_id": self.id, "month": start, **vals} for vals in month._ratio_values()
            ]
        Trend = self.env["promujer.ratio.trend"]
        Trend.search([("report_id", "=", self.id)]).unlink()
        Trend.create(
            [
                {
                    key: vals[key]
                    for key in ("report_id", "month", "sequence", "code", "name", "value")
                }
                for vals in lines
            ]
        )
        return self._promujer_list_action(
            "promujer_reports.promujer_ratio_trend_action", "report_id", default=False
        )

    def _trend_settings(self):
        return {
            "company_id": self.company_id.id,
            "branch_id": self.branch_id.id,
            "inflation_rate": self.inflation_rate,
            "subsidy_adjustment": self.subsidy_adjustment,
        }

    def _xlsx_title(self):
        return self.env._("Institutional ratios (SEEP)")

    def _xlsx_settings(self):
        return [
            (self.env._("Institution"), self.company_id.name),
            (self.env._("Regional office or Focal Center"), self.branch_id.name or ""),
            (self.env._("From"), self.date_from),
            (self.env._("To"), self.date_to),
            (self.env._("Inflation (% a year)"), self.inflation_rate),
            (self.env._("Subsidized funding adjustment"), self.subsidy_adjustment),
        ]

    def _xlsx_columns(self):
        return [
            (self.env._("Ratio"), "name", None),
            (self.env._("Value"), "value", "ratio"),
            (self.env._("Numerator"), "numerator", "money"),
            (self.env._("Denominator"), "denominator", "money"),
            (self.env._("Formula"), "formula", None),
        ]

    def _xlsx_lines(self):
        return self.line_ids.sorted("sequence")

    def _xlsx_filename(self):
        return f"seep_ratios_{self.date_from}_{self.date_to}.xlsx"

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


class PromujerRatioTrend(models.TransientModel):
    """The ratios month by month, for the trend graph of the SEEP report."""

    _name = "promujer.ratio.trend"
    _description = "Institutional ratio of a month"
    _order = "month, sequence"

    report_id = fields.Many2one("promujer.ratio.report", required=True, ondelete="cascade")
    month = fields.Date(required=True)
    sequence = fields.Integer()
    code = fields.Char()
    name = fields.Char("Ratio")
    value = fields.Float(digits=(16, 4), aggregator="sum")
