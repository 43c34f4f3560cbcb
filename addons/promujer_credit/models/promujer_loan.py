# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import schedule

LOAN_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("paid", "Paid"),
    ("written_off", "Written off"),
    ("rescheduled", "Rescheduled"),
    ("cancelled", "Cancelled"),
]

# A woman's previous loans: those that were disbursed to her.
DISBURSED_STATES = ("active", "paid", "written_off", "rescheduled")

# What the loan officer may not change once the cycle left the draft state.
FROZEN_FIELDS = {"partner_id", "amount", "cycle_id"}


class PromujerLoan(models.Model):
    """One member's loan inside an association's loan cycle."""

    _name = "promujer.loan"
    _description = "Member loan"
    _inherit = ["mail.thread"]
    _order = "cycle_id desc, partner_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    cycle_id = fields.Many2one(
        "promujer.loan.cycle", required=True, index=True, ondelete="cascade", check_company=True
    )
    association_id = fields.Many2one(
        related="cycle_id.association_id", store=True, index=True, string="Association"
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, string="Focal Center"
    )
    officer_id = fields.Many2one(related="cycle_id.officer_id", store=True, string="Loan officer")
    product_id = fields.Many2one(related="cycle_id.product_id", store=True)
    currency_id = fields.Many2one(related="cycle_id.currency_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        tracking=True,
        domain="[('id', 'in', allowed_partner_ids)]",
    )
    allowed_partner_ids = fields.Many2many(related="cycle_id.association_id.member_ids")
    group_id = fields.Many2one(
        "promujer.solidarity.group",
        string="Solidarity group",
        compute="_compute_group_id",
        store=True,
        index=True,
    )
    amount = fields.Monetary(tracking=True)
    member_cycle_number = fields.Integer(
        "Member cycle", readonly=True, copy=False, help="This is the woman's Nth loan."
    )
    disbursement_date = fields.Date(related="cycle_id.disbursement_date", store=True)
    installment_ids = fields.One2many(
        "promujer.loan.installment", "loan_id", string="Installments", copy=False
    )
    installment_count = fields.Integer(compute="_compute_balances", store=True)
    principal_outstanding = fields.Monetary(compute="_compute_balances", store=True)
    interest_outstanding = fields.Monetary(compute="_compute_balances", store=True)
    interest_total = fields.Monetary(compute="_compute_balances", store=True)
    principal_paid = fields.Monetary(compute="_compute_balances", store=True)
    maturity_date = fields.Date(compute="_compute_balances", store=True)
    days_late = fields.Integer(
        readonly=True,
        copy=False,
        help="Days since the oldest installment due and not fully paid (updated daily).",
    )
    state = fields.Selection(
        LOAN_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )

    _sql_constraints = [
        (
            "partner_cycle_unique",
            "unique(cycle_id, partner_id)",
            "A woman has one loan per cycle.",
        ),
        ("amount_not_negative", "CHECK(amount >= 0)", "A loan amount cannot be negative."),
    ]

    @api.depends("cycle_id.name", "partner_id.name")
    def _compute_name(self):
        for loan in self:
            loan.name = f"{loan.cycle_id.name or ''} - {loan.partner_id.name or ''}"

    @api.depends("partner_id", "cycle_id.association_id.group_ids.member_ids")
    def _compute_group_id(self):
        for loan in self:
            groups = loan.cycle_id.association_id.group_ids.filtered(
                lambda g, p=loan.partner_id: g.active and p in g.member_ids
            )
            loan.group_id = groups[:1]

    @api.depends(
        "installment_ids.principal_due",
        "installment_ids.principal_paid",
        "installment_ids.interest_due",
        "installment_ids.interest_paid",
        "installment_ids.due_date",
    )
    def _compute_balances(self):
        for loan in self:
            lines = loan.installment_ids
            loan.installment_count = len(lines)
            loan.principal_paid = sum(lines.mapped("principal_paid"))
            loan.principal_outstanding = sum(lines.mapped("principal_due")) - loan.principal_paid
            loan.interest_total = sum(lines.mapped("interest_due"))
            loan.interest_outstanding = loan.interest_total - sum(lines.mapped("interest_paid"))
            loan.maturity_date = max(lines.mapped("due_date")) if lines else False

    # ------------------------------------------------------------------ CRUD

    def write(self, vals):
        frozen = FROZEN_FIELDS & set(vals)
        if frozen:
            locked = self.filtered(lambda loan: loan.cycle_id.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "The loans %(loans)s belong to a cycle that was submitted: their "
                        "member and amount can no longer change.",
                        loans=", ".join(locked.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        locked = self.filtered(lambda loan: loan.cycle_id.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "Loans of a submitted cycle cannot be deleted: %(loans)s.",
                    loans=", ".join(locked.mapped("name")),
                )
            )

    # ------------------------------------------------------------------ logic

    def _compute_member_cycle_numbers(self):
        """Number each loan by the woman's loans disbursed before it."""
        previous = dict(
            self.env["promujer.loan"]._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", DISBURSED_STATES),
                    ("id", "not in", self.ids),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for loan in self:
            loan.member_cycle_number = previous.get(loan.partner_id, 0) + 1

    def _get_amount_problems(self, term_months):
        """Why these loans break their product's range or ladder (one text per loan)."""
        problems = []
        for loan in self:
            product = loan.cycle_id.product_id
            ceiling = product._max_amount_for_cycle(loan.member_cycle_number or 1)
            currency = loan.currency_id
            if currency.compare_amounts(loan.amount, product.min_amount) < 0:
                problems.append(
                    self.env._(
                        "%(woman)s: %(amount)s is below the product's minimum %(min)s",
                        woman=loan.partner_id.name,
                        amount=currency.format(loan.amount),
                        min=currency.format(product.min_amount),
                    )
                )
            elif currency.compare_amounts(loan.amount, ceiling) > 0:
                problems.append(
                    self.env._(
                        "%(woman)s: %(amount)s is above %(max)s, the most for her loan "
                        "number %(number)s",
                        woman=loan.partner_id.name,
                        amount=currency.format(loan.amount),
                        max=currency.format(ceiling),
                        number=loan.member_cycle_number or 1,
                    )
                )
        return problems

    def _prepare_installment_vals(self):
        """The schedule of each loan, from the plain-Python schedule math."""
        vals_list = []
        for loan in self:
            cycle = loan.cycle_id
            lines = schedule.build_schedule(
                amount=loan.amount,
                term_months=cycle.term_months,
                frequency=cycle.frequency,
                method=cycle.product_id.interest_method,
                monthly_rate=cycle.product_id.interest_rate,
                first_due_date=cycle.first_due_date,
                digits=loan.currency_id.decimal_places,
            )
            vals_list += [
                {
                    "loan_id": loan.id,
                    "sequence": line.sequence,
                    "due_date": line.due_date,
                    "principal_due": float(line.principal),
                    "interest_due": float(line.interest),
                }
                for line in lines
            ]
        return vals_list

    def action_view_installments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "promujer_credit.promujer_loan_installment_action"
        )
        action["domain"] = [("loan_id", "=", self.id)]
        return action
