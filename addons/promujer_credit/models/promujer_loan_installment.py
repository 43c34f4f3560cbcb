# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .promujer_fields import parent_field

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

    loan_id = parent_field("promujer.loan")
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
    interest_carried = fields.Monetary(
        readonly=True,
        help="Part of the interest due carried from before a rescheduling (unpaid then).",
    )
    penalty_carried = fields.Monetary(
        readonly=True,
        help="Part of the penalty due carried from before a rescheduling (unpaid then).",
    )
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
            line.update(
                line._amounts(
                    line.currency_id,
                    *(line[name] for name in AMOUNT_FIELDS),
                )
            )

    @api.model
    def _amounts(self, currency, principal, interest, penalty, *paid):
        """Total due, total paid, still owed and state of an installment, from what it asks
        (principal, interest, penalty) and what was paid of each."""
        amount_due = principal + interest + penalty
        amount_paid = sum(paid)
        residual = currency.round(amount_due - amount_paid)
        if currency.is_zero(residual):
            state = "paid"
        elif currency.is_zero(amount_paid):
            state = "open"
        else:
            state = "partial"
        return {
            "amount_due": amount_due,
            "amount_paid": amount_paid,
            "amount_residual": residual,
            "state": state,
        }

    @api.model
    def _promujer_insert_schedules(self, vals_list):
        """Write new schedules set-based, as an action: one INSERT of every installment
        with its copies of the loan's fields and its totals, where `create()` would insert,
        then compute and update them record by record (a 30-member cycle has 480).
        `vals_list`: loan_id, sequence, due_date, principal_due, interest_due and
        optionally the other amount columns. Returned in the user's environment."""
        if not vals_list:
            return self.browse()
        loans = self.env["promujer.loan"].browse({vals["loan_id"] for vals in vals_list})
        copied = ("partner_id", "cycle_id", "association_id", "company_id", "currency_id")
        loans.fetch(list(copied))
        amounts = [name for name in self._fields if name in AMOUNT_FIELDS]
        extra = sorted({key for vals in vals_list for key in vals} - {"loan_id", *amounts})
        columns = ["loan_id", *copied, *extra, *amounts, "amount_due", "amount_paid"]
        columns += ["amount_residual", "state", "create_uid", "write_uid"]
        rows = []
        for vals in vals_list:
            loan = loans.browse(vals["loan_id"])
            figures = [vals.get(name, 0.0) for name in AMOUNT_FIELDS]
            totals = self._amounts(loan.currency_id, *figures)
            rows.append(
                [
                    loan.id,
                    *(loan[name].id or None for name in copied),
                    *(vals.get(name) for name in extra),
                    *figures,
                    *(totals[name] for name in ("amount_due", "amount_paid", "amount_residual")),
                    totals["state"],
                    self.env.uid,
                    self.env.uid,
                ]
            )
        now = SQL("now() AT TIME ZONE 'UTC'")
        self.env.cr.execute(
            SQL(
                "INSERT INTO promujer_loan_installment (%s, create_date, write_date) "
                "VALUES %s RETURNING id",
                SQL(", ").join(map(SQL.identifier, columns)),
                SQL(", ").join(SQL("(%s)", SQL(", ").join([*row, now, now])) for row in rows),
            )
        )
        installments = self.browse([row[0] for row in self.env.cr.fetchall()])
        # What depends on the schedules (the loans' balances) is computed again.
        loans.invalidate_recordset(["installment_ids"])
        installments.modified([name for name in columns if name in self._fields], create=True)
        # Their own totals were written with them: nothing of theirs to compute again.
        for name in ("amount_due", "amount_paid", "amount_residual", "state"):
            self.env.remove_to_compute(self._fields[name], installments)
        return installments

    @api.depends("loan_id", "sequence", "due_date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.loan_id.name} #{line.sequence} ({line.due_date})"
