# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .promujer_fields import (
    CASH_OR_BANK,
    INCOME,
    PORTFOLIO_ASSET,
    SAVINGS_LIABILITY,
    account_field,
    journal_field,
)


def product_account(string, *account_types):
    """An account of the product's company, among `account_types`."""
    return account_field(string, *account_types, check_company=True)


class PromujerLoanProduct(models.Model):
    """Credit terms of the association loans: amounts, terms, interest, savings, accounts."""

    _name = "promujer.loan.product"
    _description = "Loan product"
    _inherit = ["mail.thread", "promujer.catalog.mixin"]

    name = fields.Char(tracking=True)
    active = fields.Boolean(tracking=True)
    company_id = fields.Many2one(
        help="The institution (or branch) whose loans use this product; its branches use it too."
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        tracking=True,
        default=lambda self: (
            self.env.ref("base.USD", raise_if_not_found=False) or self.env.company.currency_id
        ),
    )
    min_amount = fields.Monetary("Minimum amount", default=100.0, tracking=True)
    max_amount = fields.Monetary("Maximum amount", default=1000.0, tracking=True)
    min_term_months = fields.Integer("Minimum term (months)", default=3, tracking=True)
    max_term_months = fields.Integer("Maximum term (months)", default=8, tracking=True)
    interest_method = fields.Selection(
        [("flat", "Flat on the loan amount"), ("declining", "On the declining balance")],
        default="flat",
        required=True,
        tracking=True,
    )
    interest_rate = fields.Float(
        "Interest rate (% per month)", digits=(16, 4), default=3.0, tracking=True
    )
    compulsory_savings_rate = fields.Float(
        "Compulsory savings (% of the loan)",
        digits=(16, 2),
        default=10.0,
        tracking=True,
        help="Savings each member must keep as a guarantee while her loan is active.",
    )
    savings_withheld = fields.Boolean(
        "Withhold savings at disbursement",
        help="Deduct the compulsory savings from the amount paid out at disbursement.",
    )
    fee_rate = fields.Float(
        "Disbursement fee (% of the loan)",
        digits=(16, 2),
        tracking=True,
        help="Fee withheld from the amount paid out at disbursement.",
    )
    cycle_limit_ids = fields.One2many(
        "promujer.loan.cycle.limit", "product_id", string="Cycle ladder", copy=True
    )

    journal_id = journal_field(
        "Cash or bank journal",
        *CASH_OR_BANK,
        check_company=True,
        help="Disbursements are paid from, and repayments received into, this journal.",
    )
    portfolio_account_id = product_account("Loan portfolio account", *PORTFOLIO_ASSET)
    interest_income_account_id = product_account("Interest income account", *INCOME)
    fee_income_account_id = product_account("Fee income account", *INCOME)
    penalty_income_account_id = product_account("Penalty income account", *INCOME)
    savings_account_id = product_account("Savings liability account", *SAVINGS_LIABILITY)
    description = fields.Html()

    _sql_constraints = [
        (
            "amount_range",
            "CHECK(min_amount > 0 AND max_amount >= min_amount)",
            "The amount range must be positive, the maximum not below the minimum.",
        ),
        (
            "term_range",
            "CHECK(min_term_months >= 1 AND max_term_months >= min_term_months)",
            "The term range must be at least one month, the maximum not below the minimum.",
        ),
        ("interest_rate_positive", "CHECK(interest_rate >= 0)", "The rate cannot be negative."),
        (
            "rates_percent",
            "CHECK(compulsory_savings_rate >= 0 AND compulsory_savings_rate < 100 "
            "AND fee_rate >= 0 AND fee_rate < 100)",
            "Savings and fee rates are percentages between 0 and 100.",
        ),
    ]

    @api.model
    def default_get(self, fields_list):
        """Propose the suite's accounts and the company's cash journal."""
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        chart = self.env["account.chart.template"].with_company(company)
        for fname, xmlid in self._default_account_xmlids().items():
            if fname in fields_list and not values.get(fname):
                account = chart.ref(xmlid, raise_if_not_found=False)
                values[fname] = account.id if account else False
        if "journal_id" in fields_list and not values.get("journal_id"):
            values["journal_id"] = (
                self.env["account.journal"]
                .search(
                    [
                        *self.env["account.journal"]._check_company_domain(company),
                        ("type", "=", "cash"),
                    ],
                    limit=1,
                )
                .id
            )
        return values

    @api.model
    def _village_banking_vals(self, company, currency, **values):
        """The values of the usual USD village-banking product (Pro Mujer's): US$100-1,000,
        3% a month flat, 10% compulsory savings, the ladder 200 / 400 / 600 / 1,000."""
        return {
            "company_id": company.id,
            "currency_id": currency.id,
            "min_amount": 100,
            "max_amount": 1000,
            "interest_method": "flat",
            "interest_rate": 3.0,
            "compulsory_savings_rate": 10.0,
            "cycle_limit_ids": [
                Command.create({"cycle_number": n, "max_amount": amount})
                for n, amount in ((1, 200), (2, 400), (3, 600), (4, 1000))
            ],
            **values,
        }

    @api.model
    def _default_account_xmlids(self):
        return {
            "portfolio_account_id": "promujer_account_portfolio",
            "interest_income_account_id": "promujer_account_interest_income",
            "fee_income_account_id": "promujer_account_fee_income",
            "penalty_income_account_id": "promujer_account_penalty_income",
            "savings_account_id": "promujer_account_savings",
        }

    @api.constrains("cycle_limit_ids", "min_amount", "max_amount")
    def _check_cycle_limits(self):
        self._promujer_raise_problems(
            self.env._("These loan products are not valid:"), "cycle_limits", error=ValidationError
        )

    def _get_cycle_limits_problems(self):
        """The steps of the ladder outside the product's amount range."""
        return [
            self.env._(
                "the ladder limit of cycle %(cycle)s (%(limit)s) must lie within the product's "
                "amount range (%(min)s to %(max)s)",
                cycle=limit.cycle_number,
                limit=limit.max_amount,
                min=self.min_amount,
                max=self.max_amount,
            )
            for limit in self.cycle_limit_ids
            if not self.min_amount <= limit.max_amount <= self.max_amount
        ]

    def _max_amount_for_cycle(self, member_cycle_number):
        """The most a woman may borrow in her Nth loan: the ladder's step for the highest
        cycle number not above N, else the product's maximum."""
        self.ensure_one()
        steps = self.cycle_limit_ids.filtered(lambda s: s.cycle_number <= member_cycle_number)
        if not steps:
            return self.max_amount
        return min(steps.sorted("cycle_number")[-1].max_amount, self.max_amount)

    def _get_missing_configuration(self):
        """Names of what the product lacks for posting entries."""
        self.ensure_one()
        labels = {
            "journal_id": self.env._("cash or bank journal"),
            "portfolio_account_id": self.env._("loan portfolio account"),
            "interest_income_account_id": self.env._("interest income account"),
            "penalty_income_account_id": self.env._("penalty income account"),
            "savings_account_id": self.env._("savings liability account"),
        }
        if self.fee_rate:
            labels["fee_income_account_id"] = self.env._("fee income account")
        return [label for fname, label in labels.items() if not self[fname]]
