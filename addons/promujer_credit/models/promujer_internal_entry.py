# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import LazyTranslate

ENTRY_KINDS = [
    ("contribution", "Contribution"),
    ("loan", "Loan to a member"),
    ("repayment", "Principal repaid"),
    ("interest", "Interest received"),
    ("profit_share", "Profit share paid"),
    ("expense", "Expense"),
    ("adjustment", "Adjustment"),
]

# The sign of an original entry of each kind: +1 into the fund, -1 out of it, 0 either;
# a reversing entry has the opposite sign.
KIND_SIGNS = {
    "contribution": 1,
    "loan": -1,
    "repayment": 1,
    "interest": 1,
    "profit_share": -1,
    "expense": -1,
    "adjustment": 0,
}

# Kinds recorded by the internal loans and the profit sharing, never by hand.
SYSTEM_KINDS = ("loan", "repayment", "interest", "profit_share")

_lt = LazyTranslate(__name__)


class PromujerInternalEntry(models.Model):
    """A line of an association's internal account (cuenta interna): the ledger of the
    association's own pooled money, which it relends to its members.

    This money belongs to the association, not to the institution: it is never posted to
    the institution's accounts. Entries are immutable; a mistake is corrected by a
    reversing entry."""

    _name = "promujer.internal.entry"
    _inherit = ["promujer.workflow.mixin", "promujer.internal.mixin"]
    _description = "Internal account entry"
    _order = "date desc, id desc"
    _promujer_protected_fields = ("internal_loan_id", "share_id", "reversed_entry_id")
    _promujer_kept_text = _lt(
        "Entries of the internal account are never deleted; record a reversing entry instead."
    )
    # Credit staff of the association's branch correct its fund (the accountants read it).
    _promujer_action_texts = {"reverse": (None, _lt("These entries cannot be reversed:"))}

    association_id = fields.Many2one(ondelete="restrict")
    currency_id = fields.Many2one(readonly=False)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        index=True,
        ondelete="restrict",
        domain="[('id', 'in', allowed_partner_ids)]",
    )
    kind = fields.Selection(ENTRY_KINDS, required=True, default="contribution", index=True)
    amount = fields.Monetary(
        required=True, help="Positive for money into the fund, negative for money out of it."
    )
    internal_loan_id = fields.Many2one(
        "promujer.internal.loan", string="Internal loan", index=True, ondelete="restrict"
    )
    share_id = fields.Many2one(
        "promujer.internal.share",
        string="Profit sharing",
        index=True,
        ondelete="restrict",
        help="The profit sharing that paid out this entry, or that shared this interest.",
    )
    description = fields.Char()
    reversed_entry_id = fields.Many2one(
        "promujer.internal.entry",
        string="Reverses",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    reversal_entry_ids = fields.One2many(
        "promujer.internal.entry", "reversed_entry_id", string="Reversed by"
    )
    is_reversed = fields.Boolean(compute="_compute_is_reversed", store=True, string="Reversed")

    @api.depends("reversal_entry_ids")
    def _compute_is_reversed(self):
        for entry in self:
            entry.is_reversed = bool(entry.reversal_entry_ids)

    @api.depends_context("lang")
    @api.depends("kind", "date", "partner_id.name", "description")
    def _compute_display_name(self):
        kinds = self._promujer_labels("kind")
        for entry in self:
            parts = [str(entry.date or ""), kinds.get(entry.kind, "")]
            parts.append(entry.partner_id.name or entry.description or "")
            entry.display_name = " ".join(part for part in parts if part)

    # ------------------------------------------------------------------ constraints

    @api.constrains("kind", "amount", "reversed_entry_id", "internal_loan_id", "share_id")
    def _check_entry(self):
        self._promujer_raise_problems(
            self.env._("These entries of the internal account are not valid:"),
            "entry",
            error=ValidationError,
        )

    def _get_entry_problems(self):
        """What is wrong with the entry's amount, its sign and its links."""
        problems = []
        sign = KIND_SIGNS[self.kind] * (-1 if self.reversed_entry_id else 1)
        if self.currency_id.is_zero(self.amount):
            problems.append(self.env._("its amount cannot be zero"))
        elif sign and (self.amount > 0) != (sign > 0):
            problems.append(
                self.env._(
                    "%(amount)s: an entry of this kind is %(way)s",
                    amount=self.currency_id.format(self.amount),
                    way=self.env._("positive (into the fund)")
                    if sign > 0
                    else self.env._("negative (out of the fund)"),
                )
            )
        loan = self.internal_loan_id
        if self.kind in ("loan", "repayment", "interest") and not loan:
            problems.append(self.env._("a loan, repayment or interest needs its loan"))
        if loan and loan.association_id != self.association_id:
            problems.append(
                self.env._("loan %(loan)s belongs to another association", loan=loan.display_name)
            )
        if self.kind == "profit_share" and not self.share_id:
            problems.append(self.env._("a profit share needs its profit sharing"))
        return problems

    @api.constrains("association_id", "currency_id")
    def _check_one_currency(self):
        """An association keeps its internal account in one currency: the currencies of
        all its entries (those the user may not read too), read in one query for the whole
        batch."""
        currencies = dict(
            self.sudo()._read_group(
                [("association_id", "in", self.association_id.ids)],
                ["association_id"],
                ["currency_id:recordset"],
            )
        )
        for entry in self:
            other = currencies.get(entry.association_id, entry.currency_id) - entry.currency_id
            if other:
                raise ValidationError(
                    self.env._(
                        "The internal account of %(association)s is kept in %(currency)s, "
                        "not in %(other)s.",
                        association=entry.association_id.name,
                        currency=other[:1].name,
                        other=entry.currency_id.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("kind") in SYSTEM_KINDS for vals in vals_list):
            raise UserError(
                self.env._(
                    "Loans, repayments, interest and profit shares are recorded by the "
                    "internal loans and the profit sharing, not by hand."
                )
            )
        entries = super().create(vals_list)
        entries.association_id._check_internal_balance()
        return entries

    def write(self, vals):
        changed = set(vals) - {"share_id"}
        if changed:
            raise UserError(
                self.env._(
                    "Entries of the internal account cannot be changed (%(fields)s); "
                    "record a reversing entry instead.",
                    fields=", ".join(sorted(changed)),
                )
            )
        if "share_id" in vals:
            self._check_can_mark_shared(
                self.env["promujer.internal.share"].browse(vals["share_id"])
            )
        return super().write(vals)

    def _check_can_mark_shared(self, share):
        """Only interest not shared yet is marked, once, by a profit sharing of its
        association."""
        wrong = self.filtered(
            lambda e: (
                e.kind != "interest"
                or e.share_id
                or not share
                or e.association_id != share.association_id
            )
        )
        wrong._promujer_refuse_naming(
            self.env._(
                "Only interest not shared yet can be marked as shared by a profit sharing "
                "of its association; not %(entries)s."
            ),
            "entries",
            "display_name",
        )

    def _promujer_kept(self):
        return self

    # ------------------------------------------------------------------ reversal

    def action_reverse(self):
        """Correct entries by recording their opposite; the entries themselves stay."""
        self._promujer_check("reverse")
        reversals = self._reverse()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reversing entries"),
            "res_model": "promujer.internal.entry",
            "view_mode": "list,form",
            "domain": [("id", "in", reversals.ids)],
        }

    def _get_reverse_problems(self):
        self.ensure_one()
        problems = []
        if self.reversed_entry_id:
            problems.append(self.env._("it is itself a reversal"))
        if self.is_reversed:
            problems.append(self.env._("it was already reversed"))
        if self.kind == "loan":
            problems.append(
                self.env._(
                    "it lent %(loan)s: cancel that internal loan instead",
                    loan=self.internal_loan_id.display_name,
                )
            )
        elif self.kind == "profit_share":
            problems.append(
                self.env._("it was paid out by %(share)s", share=self.share_id.display_name)
            )
        elif self.share_id:
            problems.append(
                self.env._(
                    "this interest was already shared by %(share)s",
                    share=self.share_id.display_name,
                )
            )
        return problems

    def _reverse(self):
        """Record the opposite of these entries (checked by the caller); returns them."""
        reversals = self._promujer_create(
            [
                {
                    "association_id": entry.association_id.id,
                    "currency_id": entry.currency_id.id,
                    "date": fields.Date.context_today(self),
                    "partner_id": entry.partner_id.id,
                    "kind": entry.kind,
                    "amount": -entry.amount,
                    "internal_loan_id": entry.internal_loan_id.id,
                    "reversed_entry_id": entry.id,
                    "description": self.env._(
                        "Reversal of %(entry)s", entry=entry.description or entry.display_name
                    ),
                }
                for entry in self
            ]
        )
        reversals.internal_loan_id._sync_state()
        return reversals
