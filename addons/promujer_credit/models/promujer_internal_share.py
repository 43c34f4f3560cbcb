# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, fields, models
from odoo.tools import LazyTranslate

from ..tools import money
from .promujer_fields import state_field

_lt = LazyTranslate(__name__)


class PromujerInternalShare(models.Model):
    """The sharing of an internal account's earnings (the interest its loans earned) among
    the association's members, in proportion to their savings, usually at cycle end."""

    _name = "promujer.internal.share"
    _description = "Internal account profit sharing"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "promujer.workflow.mixin",
        "promujer.internal.mixin",
    ]
    _order = "date desc, id desc"
    _promujer_numbered = True
    _promujer_protected_fields = ("state", "earnings", "split_method", "line_ids", "entry_ids")
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt("A confirmed profit sharing is never deleted.")
    _promujer_frozen_fields = ("association_id", "date", "earnings", "line_ids", "currency_id")
    _promujer_action_states = {"compute": ("draft",), "confirm": ("draft",)}
    _promujer_action_texts = {
        "compute": (None, _lt("Nothing to share:")),
        "confirm": (None, _lt("These profit sharings cannot be confirmed:")),
    }

    name = fields.Char(readonly=True, copy=False, default="/")
    association_id = fields.Many2one(tracking=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Interest received up to this date is shared, in proportion to the savings "
        "the members held on this date.",
    )
    cycle_id = fields.Many2one(
        "promujer.loan.cycle",
        string="Loan cycle",
        check_company=True,
        domain="[('association_id', '=', association_id)]",
        help="The cycle at whose end the earnings are shared.",
    )
    earnings = fields.Monetary(readonly=True, copy=False, tracking=True)
    split_method = fields.Selection(
        [("savings", "In proportion to savings"), ("even", "Evenly")],
        readonly=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "promujer.internal.share.line", "share_id", string="Shares", readonly=True, copy=False
    )
    entry_ids = fields.One2many(
        "promujer.internal.entry",
        "share_id",
        string="Entries",
        help="The profit shares paid out and the interest they shared.",
    )
    state = state_field([("draft", "Draft"), ("confirmed", "Confirmed")])
    note = fields.Text()

    # ------------------------------------------------------------------ compute

    def _unshared_interest(self):
        """The interest received up to the date and not shared yet."""
        self.ensure_one()
        return self.env["promujer.internal.entry"].search(
            [
                ("association_id", "=", self.association_id.id),
                ("currency_id", "=", self.currency_id.id),
                ("kind", "=", "interest"),
                ("share_id", "=", False),
                ("date", "<=", self.date),
            ]
        )

    def _savings_basis(self, members):
        """Each member's savings in the association on the date (posted, both kinds)."""
        self.ensure_one()
        totals = dict(
            self.env["promujer.savings.transaction"]._read_group(
                [
                    ("association_id", "=", self.association_id.id),
                    ("partner_id", "in", members.ids),
                    ("currency_id", "=", self.currency_id.id),
                    ("state", "=", "posted"),
                    ("date", "<=", self.date),
                ],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        return [max(totals.get(member, 0.0), 0.0) for member in members]

    def action_compute(self):
        """Work out the earnings to share and each member's part."""
        return self._promujer_run("compute")

    def _unshared_earnings(self):
        """The earnings to share: the interest received and not shared yet, rounded."""
        return self.currency_id.round(sum(self._unshared_interest().mapped("amount")))

    def _get_compute_problems(self):
        self.ensure_one()
        association = self.association_id
        problems = []
        if not association.member_ids:
            problems.append(self.env._("%(a)s has no members", a=association.name))
        if self.currency_id.compare_amounts(self._unshared_earnings(), 0.0) <= 0:
            problems.append(
                self.env._(
                    "%(association)s has no earnings to share up to %(date)s: no interest "
                    "was received since the last profit sharing",
                    association=association.name,
                    date=self._promujer_date(self.date),
                )
            )
        return problems

    def _do_compute(self):
        for share in self:
            share._split_earnings()

    def _split_earnings(self):
        self.ensure_one()
        digits = self.currency_id.decimal_places
        earnings = self._unshared_earnings()
        members = self.association_id.member_ids.sorted("name")
        basis = self._savings_basis(members)
        if any(self.currency_id.compare_amounts(value, 0.0) > 0 for value in basis):
            method = "savings"
            parts = money.split_proportionally(earnings, basis, digits)
        else:
            method = "even"
            parts = money.split_evenly(earnings, len(members), digits)
        self._promujer_write(
            {
                "earnings": earnings,
                "split_method": method,
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {"partner_id": member.id, "savings_basis": value, "amount": float(part)}
                    )
                    for member, value, part in zip(members, basis, parts, strict=True)
                ],
            }
        )
        if method == "even":
            self._promujer_post(
                self.env._(
                    "Nobody in %(association)s held savings on %(date)s, so the earnings of "
                    "%(earnings)s are split evenly among its %(count)s members.",
                    association=self.association_id.name,
                    date=self._promujer_date(self.date),
                    earnings=self.currency_id.format(earnings),
                    count=len(members),
                )
            )

    # ------------------------------------------------------------------ confirm

    def action_confirm(self):
        """Pay each member her part: one profit share entry each, out of the fund."""
        return self._promujer_run("confirm")

    def _get_confirm_problems(self):
        self.ensure_one()
        if not self.line_ids:
            return [self.env._("compute the members' shares first")]
        currency = self.currency_id
        problems = []
        earnings = self._unshared_earnings()
        if currency.compare_amounts(earnings, self.earnings) != 0:
            problems.append(
                self.env._(
                    "the earnings are now %(now)s, not %(then)s: compute the shares again",
                    now=currency.format(earnings),
                    then=currency.format(self.earnings),
                )
            )
        shared = sum(self.line_ids.mapped("amount"))
        if currency.compare_amounts(shared, self.earnings) != 0:
            problems.append(
                self.env._(
                    "the shares add up to %(shared)s, not to the earnings",
                    shared=currency.format(shared),
                )
            )
        balance = self.association_id.internal_balance
        if currency.compare_amounts(balance, self.earnings) < 0:
            problems.append(
                self.env._(
                    "the internal account holds %(balance)s, less than the earnings; wait "
                    "for the internal loans to be repaid",
                    balance=currency.format(balance),
                )
            )
        return problems

    def _do_confirm(self):
        for share in self:
            share._pay_out()

    def _pay_out(self):
        self.ensure_one()
        interest = self._unshared_interest()
        paid = self.line_ids.filtered(lambda line: not self.currency_id.is_zero(line.amount))
        self.env["promujer.internal.entry"]._promujer_create(
            [
                {
                    "association_id": self.association_id.id,
                    "currency_id": self.currency_id.id,
                    "date": self.date,
                    "partner_id": line.partner_id.id,
                    "kind": "profit_share",
                    "amount": -line.amount,
                    "share_id": self.id,
                    "description": self.name,
                }
                for line in paid
            ]
        )
        interest._promujer_write({"share_id": self.id})
        self._promujer_write({"state": "confirmed"})
        rows = Markup("").join(
            Markup("<li>%s: %s</li>") % (line.partner_id.name, self.currency_id.format(line.amount))
            for line in paid
        )
        self._promujer_post(
            Markup("%s<ul>%s</ul>")
            % (
                self.env._(
                    "Earnings of %(earnings)s paid out to %(count)s members:",
                    earnings=self.currency_id.format(self.earnings),
                    count=len(paid),
                ),
                rows,
            )
        )
