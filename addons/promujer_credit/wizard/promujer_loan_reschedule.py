# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class PromujerLoanReschedule(models.TransientModel):
    """The branch manager proposes to reschedule what a woman still owes into a new
    schedule; a credit administrator approves the proposal."""

    _name = "promujer.loan.reschedule"
    _description = "Reschedule a member loan"

    loan_id = fields.Many2one("promujer.loan", required=True)
    currency_id = fields.Many2one(related="loan_id.currency_id")
    principal_outstanding = fields.Monetary(related="loan_id.principal_outstanding")
    term_months = fields.Integer("New term (months)", required=True, default=4)
    grace_periods = fields.Integer(
        "Grace installments", default=0, help="Installments of interest only, at the start."
    )
    date = fields.Date("Rescheduled on", required=True, default=fields.Date.context_today)
    first_due_date = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self) + timedelta(days=7)
    )
    reason = fields.Text(required=True)

    @api.constrains("term_months", "grace_periods")
    def _check_terms(self):
        for wizard in self:
            if wizard.term_months < 1 or wizard.grace_periods < 0:
                raise UserError(
                    self.env._("The new term is at least a month; grace cannot be negative.")
                )

    def action_reschedule(self):
        self.ensure_one()
        proposal = self.loan_id._propose_reschedule(
            self.term_months, self.grace_periods, self.first_due_date, self.reason, self.date
        )
        return proposal._promujer_open_action()
