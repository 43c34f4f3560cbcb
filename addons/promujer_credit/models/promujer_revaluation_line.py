# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .promujer_fields import parent_field


class PromujerRevaluationLine(models.Model):
    """One balance of an exchange revaluation: an account, a foreign currency and a
    partner (the woman, on the portfolio and savings accounts), its foreign balance, what
    was booked for it and what it is worth at the rate."""

    _name = "promujer.revaluation.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Exchange revaluation balance"
    _promujer_action_only = True
    # Created in the order of the accounts, currencies and partners (an order by
    # account_id would join the accounts, which a branch accountant may not read).
    _order = "run_id, id"

    run_id = parent_field("promujer.revaluation.run")
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    currency_id = fields.Many2one(related="run_id.currency_id", string="Company currency")
    account_id = fields.Many2one("account.account", required=True, ondelete="restrict")
    foreign_currency_id = fields.Many2one("res.currency", string="Currency", required=True)
    partner_id = fields.Many2one("res.partner", ondelete="restrict")
    rate = fields.Float(
        digits=(12, 6), help="Company-currency units per unit of the currency, on the date."
    )
    amount_currency = fields.Monetary("Foreign balance", currency_field="foreign_currency_id")
    booked = fields.Monetary("Booked before", help="Balance in company currency before.")
    revalued = fields.Monetary(help="Foreign balance at the rate, in company currency.")
    difference = fields.Monetary(help="Positive: a gain; negative: a loss.")
