# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.promujer_loan_proposal import OWED_TREATMENTS

PLAN_FIELDS = (
    "loan_id",
    "term_months",
    "grace_periods",
    "first_due_date",
    "date",
    "owed_treatment",
)


class PromujerLoanReschedule(models.TransientModel):
    """The branch manager proposes to reschedule what a woman still owes into a new
    schedule; a credit administrator approves the proposal. The interest and penalties
    she owes are carried into the new schedule or written off explicitly, and the
    wizard shows which, and the new schedule, before she proposes."""

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
    owed_treatment = fields.Selection(
        OWED_TREATMENTS,
        string="Interest and penalties owed",
        required=True,
        default="carry",
    )
    write_off_reason = fields.Text("Why the interest and penalties are written off")
    interest_owed = fields.Monetary(compute="_compute_preview")
    penalty_owed = fields.Monetary("Penalties owed", compute="_compute_preview")
    interest_carried = fields.Monetary(compute="_compute_preview")
    penalty_carried = fields.Monetary("Penalties carried", compute="_compute_preview")
    interest_written_off = fields.Monetary(compute="_compute_preview")
    penalty_written_off = fields.Monetary("Penalties written off", compute="_compute_preview")
    schedule_preview = fields.Html("New schedule", compute="_compute_preview", sanitize=False)

    @api.constrains("loan_id")
    def _check_loan_id(self):
        # Its related fields read the loan as superuser: only a loan she may read.
        self.loan_id.check_access("read")

    @api.constrains("term_months", "grace_periods")
    def _check_terms(self):
        for wizard in self:
            if wizard.term_months < 1 or wizard.grace_periods < 0:
                raise UserError(
                    self.env._("The new term is at least a month; grace cannot be negative.")
                )

    @api.depends(*PLAN_FIELDS)
    def _compute_preview(self):
        for wizard in self:
            plan = wizard._plan()
            if not plan:
                wizard.update(
                    dict.fromkeys(
                        (
                            "interest_owed",
                            "penalty_owed",
                            "interest_carried",
                            "penalty_carried",
                            "interest_written_off",
                            "penalty_written_off",
                        ),
                        0.0,
                    )
                )
                wizard.schedule_preview = False
                continue
            wizard.update(
                {
                    "interest_owed": float(plan["owed"].interest),
                    "penalty_owed": float(plan["owed"].penalty),
                    "interest_carried": float(plan["carried"].interest),
                    "penalty_carried": float(plan["carried"].penalty),
                    "interest_written_off": float(plan["written_off"].interest),
                    "penalty_written_off": float(plan["written_off"].penalty),
                    "schedule_preview": wizard._schedule_table(plan["lines"]),
                }
            )

    def _plan(self):
        """The rescheduling as it would be booked, or None while the form is incomplete."""
        loan = self.loan_id
        if not (
            loan
            and self.date
            and self.first_due_date
            and self.term_months >= 1
            and self.grace_periods >= 0
            and loan.currency_id.compare_amounts(loan.principal_outstanding, 0) > 0
        ):
            return None
        return loan._reschedule_plan(
            self.term_months,
            self.grace_periods,
            self.first_due_date,
            self.date,
            self.owed_treatment,
        )

    def _schedule_table(self, lines):
        currency = self.currency_id
        headers = (
            self.env._("Due"),
            self.env._("Principal"),
            self.env._("Interest"),
            self.env._("of which carried"),
            self.env._("Penalties carried"),
            self.env._("Total"),
        )
        rows = [
            (
                fields.Date.to_string(line.installment.due_date),
                line.installment.principal,
                line.interest,
                line.interest_carried,
                line.penalty_carried,
                line.installment.principal + line.interest + line.penalty_carried,
            )
            for line in lines
        ]
        head = Markup("").join(Markup("<th>%s</th>") % header for header in headers)
        body = Markup("").join(
            Markup("<tr><td>%s</td>") % row[0]
            + Markup("").join(
                Markup('<td class="text-end">%s</td>') % currency.format(float(amount))
                for amount in row[1:]
            )
            + Markup("</tr>")
            for row in rows
        )
        return Markup(
            '<table class="table table-sm"><thead><tr>%s</tr></thead><tbody>%s</tbody></table>'
        ) % (
            head,
            body,
        )

    def action_reschedule(self):
        self.ensure_one()
        proposal = self.loan_id._propose_reschedule(
            self.term_months,
            self.grace_periods,
            self.first_due_date,
            self.reason,
            self.date,
            self.owed_treatment,
            self.write_off_reason,
        )
        return proposal._promujer_form_action()
