# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# What an installment asks and what was paid of it: its balances depend on them, and so
# do the portfolio figures (FIGURES_DEPENDS).
AMOUNT_FIELDS = (
    "principal_due",
    "interest_due",
    "penalty_due",
    "principal_paid",
    "interest_paid",
    "penalty_paid",
)


class PromujerLoanInstallment(models.Model):
    """One line of a member loan's repayment schedule."""

    _name = "promujer.loan.installment"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Loan installment"
    _order = "loan_id, sequence"
    # Schedules are built by disbursement and rescheduling, paid by meetings.
    _promujer_action_only = True

    loan_id = fields.Many2one("promujer.loan", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="loan_id.partner_id", store=True, string="Member")
    cycle_id = fields.Many2one(related="loan_id.cycle_id", store=True, index=True)
    association_id = fields.Many2one(related="loan_id.association_id", store=True)
    company_id = fields.Many2one(related="loan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="loan_id.currency_id", store=True)
    sequence = fields.Integer(required=True)
    due_date = fields.Date(required=True, index=True)
    principal_due = fields.Monetary(readonly=True)
    interest_due = fields.Monetary(readonly=True)
    penalty_due = fields.Monetary(readonly=True)
    principal_paid = fields.Monetary(readonly=True)
    interest_paid = fields.Monetary(readonly=True)
    penalty_paid = fields.Monetary(readonly=True)
    amount_due = fields.Monetary(compute="_compute_amounts", store=True, string="Total due")
    amount_paid = fields.Monetary(compute="_compute_amounts", store=True, string="Total paid")
    amount_residual = fields.Monetary(compute="_compute_amounts", store=True, string="Still owed")
    # What a portfolio import brought in as paid before its opening date (no meeting of
    # the suite paid it): the figures as of a past date count it from that date on.
    opening_date = fields.Date(
        "Imported on", readonly=True, help="The opening date of the portfolio import."
    )
    opening_principal_paid = fields.Monetary("Principal paid before the import", readonly=True)
    opening_interest_paid = fields.Monetary("Interest paid before the import", readonly=True)
    rescheduled = fields.Boolean(
        readonly=True, help="Closed by a rescheduling: what was unpaid moved to new installments."
    )
    state = fields.Selection(
        [("open", "Open"), ("partial", "Partially paid"), ("paid", "Paid")],
        compute="_compute_amounts",
        store=True,
        index=True,
    )

    _sql_constraints = [
        ("sequence_unique", "unique(loan_id, sequence)", "Installment numbers are unique."),
        (
            "paid_within_due",
            "CHECK(principal_paid >= 0 AND interest_paid >= 0 AND penalty_paid >= 0 "
            "AND principal_paid <= principal_due + 0.000001 "
            "AND interest_paid <= interest_due + 0.000001 "
            "AND penalty_paid <= penalty_due + 0.000001)",
            "An installment cannot be paid more than it is due, nor less than nothing.",
        ),
    ]

    @api.depends(*AMOUNT_FIELDS)
    def _compute_amounts(self):
        for line in self:
            line.amount_due = line.principal_due + line.interest_due + line.penalty_due
            line.amount_paid = line.principal_paid + line.interest_paid + line.penalty_paid
            residual = line.currency_id.round(line.amount_due - line.amount_paid)
            line.amount_residual = residual
            if line.currency_id.is_zero(residual):
                line.state = "paid"
            elif line.currency_id.is_zero(line.amount_paid):
                line.state = "open"
            else:
                line.state = "partial"

    @api.depends("loan_id", "sequence", "due_date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.loan_id.name} #{line.sequence} ({line.due_date})"
