# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .promujer_fields import count_field


class PromujerAssociation(models.Model):
    """The association's internal account: its own pooled money, relent to its members.

    Kept for supervision only, outside the institution's accounts."""

    _inherit = "promujer.association"

    internal_entry_ids = fields.One2many(
        "promujer.internal.entry", "association_id", string="Internal account"
    )
    internal_loan_ids = fields.One2many(
        "promujer.internal.loan", "association_id", string="Internal loans"
    )
    internal_share_ids = fields.One2many(
        "promujer.internal.share", "association_id", string="Profit sharings"
    )
    internal_currency_id = fields.Many2one(
        "res.currency",
        string="Internal account currency",
        compute="_compute_internal_currency_id",
        store=True,
        help="The currency of the internal account's entries; before the first one, the "
        "currency of the latest disbursed loan cycle, else the Focal Center's.",
    )
    internal_balance = fields.Monetary(
        compute="_compute_internal_balance",
        store=True,
        currency_field="internal_currency_id",
        string="Internal account balance",
        help="What the association's fund holds: contributions, repayments and interest "
        "received, less what it lent, paid out and spent.",
    )
    internal_interest_rate = fields.Float(
        string="Internal interest (% per month)",
        digits=(16, 2),
        tracking=True,
        help="The interest the members decided for the loans of their internal account.",
    )
    internal_loan_count = count_field("promujer.internal.loan", "association_id")

    @api.depends(
        "internal_entry_ids.currency_id",
        "cycle_ids.state",
        "cycle_ids.currency_id",
        "cycle_ids.disbursement_date",
        "company_id.currency_id",
    )
    def _compute_internal_currency_id(self):
        for association in self:
            disbursed = association.cycle_ids.filtered(
                lambda c: c.state in ("disbursed", "closed")
            ).sorted(lambda c: (c.disbursement_date or fields.Date.today(), c.id))
            association.internal_currency_id = (
                association.internal_entry_ids[:1].currency_id
                or disbursed[-1:].currency_id
                or association.company_id.currency_id
            )

    @api.depends("internal_entry_ids.amount")
    def _compute_internal_balance(self):
        totals = dict(
            self.env["promujer.internal.entry"]._read_group(
                [("association_id", "in", self.ids)], ["association_id"], ["amount:sum"]
            )
        )
        for association in self:
            association.internal_balance = totals.get(association, 0.0)

    def _check_internal_balance(self):
        """The fund cannot give out more than it holds."""
        negative = self.filtered(
            lambda a: a.internal_currency_id.compare_amounts(a.internal_balance, 0.0) < 0
        )
        if negative:
            raise UserError(
                self.env._(
                    "The internal account cannot go below zero: %(funds)s.",
                    funds=", ".join(
                        self.env._(
                            "%(association)s would hold %(balance)s",
                            association=a.name,
                            balance=a.internal_currency_id.format(a.internal_balance),
                        )
                        for a in negative
                    ),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_internal_account(self):
        if self.internal_entry_ids:
            raise UserError(
                self.env._("An association with an internal account cannot be deleted.")
            )

    # ------------------------------------------------------------------ statement

    def _get_internal_statement(self):
        """What the treasurer's statement shows: the ledger with its running balance,
        the open internal loans and the last profit sharing."""
        self.ensure_one()
        running = 0.0
        ledger = []
        for entry in self.internal_entry_ids.sorted(lambda e: (e.date, e.id)):
            running = self.internal_currency_id.round(running + entry.amount)
            ledger.append({"entry": entry, "balance": running})
        return {
            "currency": self.internal_currency_id,
            "ledger": ledger,
            "balance": self.internal_balance,
            "open_loans": self.internal_loan_ids.filtered(lambda loan: loan.state == "open"),
            "last_share": self.internal_share_ids.filtered(lambda s: s.state == "confirmed").sorted(
                lambda s: (s.date, s.id)
            )[-1:],
        }

    # ------------------------------------------------------------------ buttons

    def _internal_action(self, xmlid, form=False, **context):
        self.ensure_one()
        domain = None if form else [("association_id", "=", self.id)]
        context = {"default_association_id": self.id, **context}
        return self._promujer_action(xmlid, domain, context, form=form)

    def action_view_internal_entries(self):
        return self._internal_action("promujer_credit.promujer_internal_entry_action")

    def action_view_internal_loans(self):
        return self._internal_action("promujer_credit.promujer_internal_loan_action")

    def action_view_internal_shares(self):
        return self._internal_action("promujer_credit.promujer_internal_share_action")

    def action_record_internal_contribution(self):
        action = self._internal_action(
            "promujer_credit.promujer_internal_entry_action", form=True, default_kind="contribution"
        )
        action["target"] = "new"
        return action

    def action_new_internal_loan(self):
        return self._internal_action("promujer_credit.promujer_internal_loan_action", form=True)

    def action_new_internal_share(self):
        return self._internal_action("promujer_credit.promujer_internal_share_action", form=True)
