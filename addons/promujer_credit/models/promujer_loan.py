# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..tools import schedule
from .promujer_fields import entry_field, member_field, parent_field, state_field

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
# The loans she still owes on.
OUTSTANDING_STATES = ("active", "rescheduled")

_lt = LazyTranslate(__name__)


class PromujerLoan(models.Model):
    """One member's loan inside an association's loan cycle."""

    _name = "promujer.loan"
    _description = "Member loan"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "cycle_id desc, group_id, partner_id"
    _check_company_auto = True
    # The credit committee's proposal: frozen once the cycle was submitted.
    _promujer_frozen_fields = ("partner_id", "amount", "cycle_id")
    _promujer_kept_text = _lt("Loans of a submitted cycle cannot be deleted: %(records)s.")
    _promujer_frozen_text = _lt(
        "The loans %(records)s belong to a cycle that was submitted: their member and "
        "amount can no longer change."
    )
    _promujer_protected_fields = (
        "state",
        "member_cycle_number",
        "installment_ids",
        "installment_count",
        "principal_outstanding",
        "interest_outstanding",
        "interest_total",
        "principal_paid",
        "maturity_date",
        "oldest_open_due_date",
        "days_late",
        "max_days_late",
        "reschedule_count",
        "rescheduled_date",
        "write_off_date",
        "write_off_amount",
        "write_off_move_id",
        "recovery_ids",
        "recovered_amount",
    )

    name = fields.Char(compute="_compute_name", store=True)
    cycle_id = parent_field("promujer.loan.cycle", check_company=True)
    association_id = fields.Many2one(
        related="cycle_id.association_id", store=True, index=True, string="Association"
    )
    company_id = fields.Many2one(
        related="cycle_id.company_id", store=True, index=True, string="Focal Center"
    )
    officer_id = fields.Many2one(related="cycle_id.officer_id", store=True, string="Loan officer")
    product_id = fields.Many2one(related="cycle_id.product_id", store=True)
    currency_id = fields.Many2one(related="cycle_id.currency_id", store=True)
    partner_id = member_field()
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
    member_cycle = fields.Integer(
        "Her cycle",
        compute="_compute_ladder",
        help="Her Nth loan: the number she will have when the cycle is submitted.",
    )
    max_amount = fields.Monetary(
        "Most for her cycle",
        compute="_compute_ladder",
        help="The most the product's ladder lends in her cycle.",
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
    oldest_open_due_date = fields.Date(
        compute="_compute_oldest_open_due_date",
        store=True,
        help="The due date of the oldest installment not fully paid: the loan is late from "
        "the day after it. The portfolio figures of today read it.",
    )
    days_late = fields.Integer(
        readonly=True,
        copy=False,
        help="Days since the oldest installment due and not fully paid (updated daily).",
    )
    max_days_late = fields.Integer(
        readonly=True, copy=False, help="The most days late this loan has ever been."
    )
    state = state_field(LOAN_STATES)
    reschedule_count = fields.Integer(readonly=True, copy=False, tracking=True)
    rescheduled_date = fields.Date(readonly=True, copy=False, tracking=True)
    write_off_date = fields.Date(readonly=True, copy=False, tracking=True)
    write_off_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    write_off_move_id = entry_field("Write-off entry")
    recovery_ids = fields.One2many("promujer.loan.recovery", "loan_id", readonly=True)
    recovered_amount = fields.Monetary(compute="_compute_recovered_amount", store=True)

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

    @api.depends("installment_ids.state", "installment_ids.due_date")
    def _compute_oldest_open_due_date(self):
        for loan in self:
            dates = loan.installment_ids.filtered(lambda i: i.state != "paid").mapped("due_date")
            loan.oldest_open_due_date = min(dates) if dates else False

    @api.depends("partner_id", "cycle_id.product_id", "member_cycle_number")
    def _compute_ladder(self):
        numbers = self.filtered(lambda loan: not loan.member_cycle_number)._member_cycle_numbers()
        for loan in self:
            number = loan.member_cycle_number or numbers.get(loan, 1)
            loan.member_cycle = number
            product = loan.cycle_id.product_id
            loan.max_amount = product._max_amount_for_cycle(number) if product else 0.0

    @api.depends("recovery_ids.amount", "recovery_ids.state")
    def _compute_recovered_amount(self):
        for loan in self:
            loan.recovered_amount = sum(
                loan.recovery_ids.filtered(lambda r: r.state == "posted").mapped("amount")
            )

    def _is_repaid(self):
        """Nothing left to pay: principal, interest and penalties."""
        self.ensure_one()
        residual = sum(self.installment_ids.mapped("amount_residual"))
        return self.state != "draft" and self.currency_id.is_zero(residual)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        loans = super().create(vals_list)
        if not self.env.su:
            loans.cycle_id.filtered(lambda c: c.state != "draft")._promujer_refuse_naming(
                self.env._(
                    "Member loans are added to draft cycles only: %(cycles)s left the draft state."
                ),
                "cycles",
                "name",
            )
        return loans

    def _promujer_frozen(self, vals):
        return self._promujer_kept()

    def _promujer_kept(self):
        """A member loan goes with its cycle's proposal: kept, and frozen, once the cycle
        left draft."""
        return self.filtered(lambda loan: loan.cycle_id.state != "draft")

    # ------------------------------------------------------------------ logic

    def _member_cycle_numbers(self):
        """{loan: the woman's Nth loan}, counting her loans disbursed before it. Reads
        only: checks use it, `_write_member_cycle_numbers` stores it."""
        previous = dict(
            self.env["promujer.loan"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", DISBURSED_STATES),
                    ("id", "not in", self._origin.ids),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        return {loan: previous.get(loan.partner_id.sudo(), 0) + 1 for loan in self}

    def _write_member_cycle_numbers(self):
        numbers = self._member_cycle_numbers()
        for number in set(numbers.values()):
            self.filtered(lambda loan, n=number: numbers[loan] == n)._promujer_write(
                {"member_cycle_number": number}
            )

    @api.model
    def _default_amounts(self, partners, product):
        """What the officer's grid proposes for each woman: her last loan, else the
        ladder's first step (the most of a first loan). One search for the batch."""
        first = product._max_amount_for_cycle(1) if product else 0.0
        last = {}
        for loan in self.sudo().search(
            [("partner_id", "in", partners.ids), ("state", "in", DISBURSED_STATES)],
            order="id desc",
        ):
            last.setdefault(loan.partner_id.id, loan.amount)
        return {partner: last.get(partner.id) or first for partner in partners}

    def _get_sequential_problems(self):
        """Loans are sequential: a woman with an active loan in another cycle (of any
        branch) does not borrow again until it is repaid."""
        busy = (
            self.env["promujer.loan"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "in", OUTSTANDING_STATES),
                    ("cycle_id", "not in", self.cycle_id._origin.ids),
                ]
            )
        )
        if not busy:
            return []
        return [
            self.env._(
                "loans are sequential, and these members still have an active loan: %(names)s",
                names=", ".join(busy.partner_id.mapped("name")),
            )
        ]

    def _get_amount_problems(self, term_months, numbers=None):
        """Why these loans break their product's range or ladder (one text per loan);
        `numbers` gives each loan's member cycle (the stored one by default)."""
        problems = []
        for loan in self:
            number = (numbers or {}).get(loan) or loan.member_cycle_number or 1
            product = loan.cycle_id.product_id
            ceiling = product._max_amount_for_cycle(number)
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
                        number=number,
                    )
                )
        return problems

    def _prepare_installment_vals(self):
        """The schedule of each loan, from the plain-Python schedule math, on the meeting
        calendar of its association and branch."""
        vals_list = []
        meeting_calendar = self._promujer_meeting_calendar()
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
            lines = loan._promujer_on_calendar(lines, cycle.frequency, meeting_calendar)
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
        return self._promujer_list_action(
            "promujer_credit.promujer_loan_installment_action", "loan_id", default=False
        )
