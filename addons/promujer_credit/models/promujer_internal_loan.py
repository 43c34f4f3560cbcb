# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

from ..tools import allocation, money
from .promujer_fields import member_field, state_field

_lt = LazyTranslate(__name__)


class PromujerInternalLoan(models.Model):
    """A loan of an association's internal account to one of its members, at the interest
    the members decided (flat, % per month). Not the institution's money: its movements
    are entries of the internal account, never journal entries."""

    _name = "promujer.internal.loan"
    _description = "Internal loan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "promujer.workflow.mixin",
        "promujer.internal.mixin",
    ]
    _promujer_protected_fields = (
        "state",
        "entry_ids",
        "principal_repaid",
        "interest_repaid",
        "principal_residual",
        "interest_residual",
        "residual",
        "interest_amount",
        "due_date",
    )
    _order = "date desc, id desc"
    _promujer_numbered = True
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt(
        "Internal loans already lent are cancelled, never deleted: %(records)s."
    )
    _promujer_action_states = {"open": ("draft",), "cancel": ("draft", "open")}
    _promujer_action_texts = {"cancel": (None, _lt("These internal loans cannot be cancelled:"))}
    # What the members decided cannot change once the money is lent.
    _promujer_frozen_fields = (
        "association_id",
        "partner_id",
        "date",
        "amount",
        "interest_rate",
        "term_months",
        "currency_id",
    )

    name = fields.Char(readonly=True, copy=False, default="/")
    association_id = fields.Many2one(tracking=True)
    partner_id = member_field(ondelete="restrict")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    interest_rate = fields.Float(
        string="Interest (% per month)",
        digits=(16, 2),
        compute="_compute_interest_rate",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Flat, on the amount lent, as the members decided.",
    )
    term_months = fields.Integer("Term (months)", required=True, default=1, tracking=True)
    due_date = fields.Date(compute="_compute_due_date", store=True)
    interest_amount = fields.Monetary(compute="_compute_interest_amount", store=True)
    entry_ids = fields.One2many("promujer.internal.entry", "internal_loan_id", string="Entries")
    principal_repaid = fields.Monetary(compute="_compute_repaid", store=True)
    interest_repaid = fields.Monetary(compute="_compute_repaid", store=True)
    principal_residual = fields.Monetary(compute="_compute_repaid", store=True)
    interest_residual = fields.Monetary(compute="_compute_repaid", store=True)
    residual = fields.Monetary(compute="_compute_repaid", store=True, string="Still owed")
    state = state_field(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("repaid", "Repaid"),
            ("cancelled", "Cancelled"),
        ]
    )
    note = fields.Text()

    # ------------------------------------------------------------------ computes

    @api.depends("association_id")
    def _compute_interest_rate(self):
        # Only the association is watched, and it cannot change once the loan is lent.
        for loan in self:
            loan.interest_rate = loan.association_id.internal_interest_rate

    @api.depends("date", "term_months")
    def _compute_due_date(self):
        for loan in self:
            loan.due_date = loan.date and loan.date + relativedelta(months=loan.term_months)

    @api.depends("amount", "interest_rate", "term_months", "currency_id")
    def _compute_interest_amount(self):
        for loan in self:
            interest = (
                money.to_decimal(loan.amount)
                * money.to_decimal(loan.interest_rate)
                / 100
                * max(loan.term_months, 0)
            )
            loan.interest_amount = float(
                money.quantize(interest, loan.currency_id.decimal_places or 2)
            )

    @api.depends("entry_ids.amount", "entry_ids.kind", "amount", "interest_amount")
    def _compute_repaid(self):
        for loan in self:
            entries = loan.entry_ids
            principal = sum(entries.filtered(lambda e: e.kind == "repayment").mapped("amount"))
            interest = sum(entries.filtered(lambda e: e.kind == "interest").mapped("amount"))
            currency = loan.currency_id
            loan.principal_repaid = currency.round(principal)
            loan.interest_repaid = currency.round(interest)
            loan.principal_residual = currency.round(loan.amount - principal)
            loan.interest_residual = currency.round(loan.interest_amount - interest)
            loan.residual = loan.principal_residual + loan.interest_residual

    # ------------------------------------------------------------------ constraints

    @api.constrains("partner_id", "association_id")
    def _check_partner_is_member(self):
        for loan in self:
            if loan.partner_id not in loan.association_id.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(woman)s is not a member of %(association)s: its internal account "
                        "lends to its own members only.",
                        woman=loan.partner_id.name,
                        association=loan.association_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    def _promujer_kept(self):
        return super()._promujer_kept() | self.filtered(lambda loan: loan.entry_ids)

    # ------------------------------------------------------------------ open

    def action_open(self):
        """Lend the money: one entry takes it out of the association's fund."""
        return self._promujer_run("open")

    def _check_can_open(self):
        # Credit staff of the association's branch lend its fund (the accountants read it).
        self.check_access("write")
        # What the loans of one association ask together, against her fund.
        asked = defaultdict(float)
        for loan in self.filtered(lambda loan: loan.state == "draft"):
            asked[loan.association_id] += loan.amount
        self._promujer_raise_problems(
            self.env._("These internal loans cannot be lent:"), "open", dict(asked)
        )

    def _get_open_problems(self, asked=None):
        """What stops lending this loan; `asked`: {association: amount} lent together."""
        self.ensure_one()
        problems = []
        if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
            problems.append(self.env._("the amount must be positive"))
        if self.term_months < 1:
            problems.append(self.env._("the term must be at least one month"))
        if self.interest_rate < 0:
            problems.append(self.env._("the interest cannot be negative"))
        if self.partner_id not in self.association_id.member_ids:
            problems.append(self.env._("%(woman)s is not a member", woman=self.partner_id.name))
        if self.association_id.state == "closed":
            problems.append(self.env._("the association is closed"))
        if self.currency_id != self.association_id.internal_currency_id:
            problems.append(
                self.env._(
                    "the internal account is kept in %(currency)s",
                    currency=self.association_id.internal_currency_id.name,
                )
            )
        association = self.association_id
        amount = (asked or {}).get(association, self.amount)
        currency = association.internal_currency_id
        if currency.compare_amounts(association.internal_balance, amount) < 0:
            problems.append(
                self.env._(
                    "the internal account of %(association)s holds %(balance)s, less than "
                    "the %(amount)s to lend",
                    association=association.name,
                    balance=currency.format(association.internal_balance),
                    amount=currency.format(amount),
                )
            )
        return problems

    def _do_open(self):
        self.env["promujer.internal.entry"]._promujer_create(
            [
                {
                    "association_id": loan.association_id.id,
                    "currency_id": loan.currency_id.id,
                    "date": loan.date,
                    "partner_id": loan.partner_id.id,
                    "kind": "loan",
                    "amount": -loan.amount,
                    "internal_loan_id": loan.id,
                    "description": loan.name,
                }
                for loan in self
            ]
        )
        self._promujer_write({"state": "open"})

    # ------------------------------------------------------------------ repayment

    def action_register_repayment(self):
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("%(loan)s is not open: nothing to repay.", loan=self.name))
        return self._promujer_wizard_action(
            "promujer.internal.repayment", self.env._("Register a repayment"), loan_id=self.id
        )

    def _register_repayment(self, amount, date):
        """The member repays: interest first, then principal. Returns the entries."""
        self.ensure_one()
        self.check_access("write")
        problems = self._get_repayment_problems(amount, date)
        if problems:
            raise UserError(
                self.env._(
                    "This repayment of %(loan)s cannot be registered: %(problems)s.",
                    loan=self.name,
                    problems="; ".join(problems),
                )
            )
        due = allocation.Due(
            key=self.id,
            due_date=self.due_date,
            penalty=0,
            interest=self.interest_residual,
            principal=self.principal_residual,
        )
        parts, _rest = allocation.allocate_payment(
            amount,
            [due],
            order=("interest", "principal", "penalty"),
            digits=self.currency_id.decimal_places,
        )
        vals_list = []
        for part in parts:
            for kind, value in (("interest", part.interest), ("repayment", part.principal)):
                if value:
                    vals_list.append(
                        {
                            "association_id": self.association_id.id,
                            "currency_id": self.currency_id.id,
                            "date": date,
                            "partner_id": self.partner_id.id,
                            "kind": kind,
                            "amount": float(value),
                            "internal_loan_id": self.id,
                            "description": self.name,
                        }
                    )
        entries = self.env["promujer.internal.entry"]._promujer_create(vals_list)
        self._sync_state()
        return entries

    def _get_repayment_problems(self, amount, date):
        self.ensure_one()
        currency = self.currency_id
        problems = []
        if self.state != "open":
            problems.append(self.env._("the loan is not open"))
        if currency.compare_amounts(amount, 0.0) <= 0:
            problems.append(self.env._("the amount must be positive"))
        elif currency.compare_amounts(amount, self.residual) > 0:
            problems.append(
                self.env._(
                    "%(amount)s is more than the %(residual)s still owed",
                    amount=currency.format(amount),
                    residual=currency.format(self.residual),
                )
            )
        if not date or date < self.date:
            problems.append(
                self.env._(
                    "the date cannot be before the loan's, %(date)s",
                    date=self._promujer_date(self.date),
                )
            )
        return problems

    def _sync_state(self):
        """Repaid when nothing is owed any more; open again if a repayment is reversed."""
        for loan in self.filtered(lambda loan: loan.state in ("open", "repaid")):
            state = "repaid" if loan.currency_id.is_zero(loan.residual) else "open"
            if loan.state != state:
                loan._promujer_write({"state": state})

    # ------------------------------------------------------------------ cancel

    def action_cancel(self):
        """Cancel a draft, or an open loan nothing was repaid on (its loan entry is
        reversed: the money is back in the fund)."""
        return self._promujer_run("cancel")

    def _get_cancel_problems(self):
        self.ensure_one()
        currency = self.currency_id
        if currency.is_zero(self.principal_repaid) and currency.is_zero(self.interest_repaid):
            return []
        return [self.env._("it has repayments: reverse them first")]

    def _do_cancel(self):
        lent = self.entry_ids.filtered(lambda e: e.kind == "loan" and not e.is_reversed)
        lent.filtered(lambda e: not e.reversed_entry_id)._reverse()
        self._promujer_write({"state": "cancelled"})
