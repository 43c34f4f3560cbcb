# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field, reference_field


class PromujerAccrualLine(models.Model):
    """One loan of an interest accrual: the woman, how late her loan was on the date,
    and the interest it earned and she had not paid (0 for a non-accrual loan), in the
    loan's currency and in the company's."""

    _name = "promujer.accrual.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Accrued interest of a loan"
    _promujer_action_only = True
    _order = "run_id, id"

    run_id = parent_field("promujer.accrual.run")
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    company_currency_id = fields.Many2one(related="run_id.currency_id", string="Company currency")
    loan_id = reference_field("promujer.loan")
    partner_id = fields.Many2one("res.partner", string="Member", ondelete="restrict")
    currency_id = fields.Many2one("res.currency", string="Loan currency", required=True)
    income_account_id = fields.Many2one(
        "account.account", string="Interest income account", ondelete="restrict"
    )
    days_late = fields.Integer(help="Days late of the loan on the accrual's date.")
    non_accrual = fields.Boolean(
        help="Late beyond the institution's non-accrual days: the loan earns no accrued "
        "interest until it is current again."
    )
    amount = fields.Monetary(
        "Accrued interest", help="Interest earned by the date and not yet paid."
    )
    amount_company = fields.Monetary(
        "Accrued interest (company currency)",
        currency_field="company_currency_id",
        help="At the rate of the accrual's date.",
    )
