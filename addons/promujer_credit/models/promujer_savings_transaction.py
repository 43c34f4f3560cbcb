# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

TRANSACTION_KINDS = [
    ("deposit", "Deposit"),
    ("withdrawal", "Withdrawal"),
    ("withheld", "Withheld at disbursement"),
    ("cover", "Covered a group member"),
    ("profit_share", "Profit share"),
]


class PromujerSavingsTransaction(models.Model):
    """A movement of a savings account. Deposits and withdrawals made at the branch are
    posted here one by one; those made at a repayment meeting or withheld at a
    disbursement are posted by that meeting's or cycle's entry."""

    _name = "promujer.savings.transaction"
    _description = "Savings transaction"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    account_id = fields.Many2one(
        "promujer.savings.account", required=True, index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(related="account_id.partner_id", store=True, string="Member")
    association_id = fields.Many2one(related="account_id.association_id", store=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="account_id.currency_id", store=True)
    savings_kind = fields.Selection(related="account_id.kind", store=True, string="Savings")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    kind = fields.Selection(TRANSACTION_KINDS, required=True, default="deposit")
    amount = fields.Monetary(
        required=True, help="Positive for money saved, negative for money taken out."
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Cash or bank journal",
        domain="[('type', 'in', ('cash', 'bank'))]",
        help="For deposits and withdrawals made at the branch.",
    )
    meeting_id = fields.Many2one("promujer.meeting", index=True, ondelete="restrict")
    cycle_id = fields.Many2one("promujer.loan.cycle", index=True, ondelete="restrict")
    move_id = fields.Many2one("account.move", string="Journal entry", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    note = fields.Char()

    @api.onchange("kind", "amount")
    def _onchange_sign(self):
        if self.kind == "withdrawal" and self.amount > 0:
            self.amount = -self.amount
        elif self.kind == "deposit" and self.amount < 0:
            self.amount = -self.amount

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered(lambda t: t.state != "draft"):
            raise UserError(self.env._("Posted savings transactions are cancelled, never deleted."))

    def write(self, vals):
        frozen = {"account_id", "amount", "date", "kind"} & set(vals)
        if frozen and self.filtered(lambda t: t.state != "draft"):
            raise UserError(self.env._("A posted savings transaction cannot be changed."))
        return super().write(vals)

    # ------------------------------------------------------------------ posting

    def action_post(self):
        """Post deposits and withdrawals made at the branch, one entry each."""
        self._check_can_post()
        withdrawals = {}
        for transaction in self.filtered(lambda t: t.amount < 0):
            withdrawals[transaction.account_id] = (
                withdrawals.get(transaction.account_id, 0.0) - transaction.amount
            )
        self.account_id._check_withdrawals(withdrawals)
        # Loan officers take deposits without being accountants: the entry is created
        # as superuser, deliberately, after the checks above.
        moves = (
            self.env["account.move"].sudo().create([t.sudo()._prepare_move_vals() for t in self])
        )
        moves.action_post()
        for transaction, move in zip(self, moves, strict=True):
            transaction.write({"state": "posted", "move_id": move.id})
        return True

    def _check_can_post(self):
        problems = []
        for transaction in self:
            if transaction.state != "draft":
                problems.append(self.env._("%(t)s is not a draft", t=transaction.display_name))
                continue
            if transaction.kind not in ("deposit", "withdrawal"):
                problems.append(
                    self.env._("only deposits and withdrawals are posted at the branch")
                )
            if transaction.currency_id.is_zero(transaction.amount):
                problems.append(self.env._("the amount is zero"))
            elif (transaction.kind == "deposit") != (transaction.amount > 0):
                problems.append(self.env._("a deposit is positive and a withdrawal negative"))
            journal = transaction.sudo()._journal()
            if not journal:
                problems.append(self.env._("choose the cash or bank journal"))
            else:
                locked = transaction.company_id._promujer_lock_date_problem(
                    transaction.date, journal
                )
                if locked:
                    problems.append(locked)
            if not transaction.sudo()._savings_account():
                problems.append(self.env._("no savings liability account is configured"))
        if problems:
            raise UserError(
                self.env._(
                    "These savings transactions cannot be posted: %(problems)s.",
                    problems="; ".join(problems),
                )
            )

    def _journal(self):
        self.ensure_one()
        return self.journal_id or self._default_product().journal_id

    def _default_product(self):
        self.ensure_one()
        cycle = self.association_id.cycle_ids.filtered(
            lambda c: c.currency_id == self.currency_id and c.state in ("disbursed", "closed")
        )[:1]
        Product = self.env["promujer.loan.product"]
        return cycle.product_id or Product.search(
            [
                ("currency_id", "=", self.currency_id.id),
                *Product._check_company_domain(self.company_id),
            ],
            limit=1,
        )

    def _savings_account(self):
        self.ensure_one()
        return self._default_product().savings_account_id or self.env[
            "account.chart.template"
        ].with_company(self.company_id).ref("promujer_account_savings", raise_if_not_found=False)

    def _prepare_move_vals(self):
        self.ensure_one()
        company = self.company_id
        journal = self._journal()
        label = self.env._(
            "%(kind)s of %(member)s",
            kind=dict(TRANSACTION_KINDS)[self.kind],
            member=self.partner_id.name,
        )
        return company._promujer_entry_vals(
            journal,
            self.date,
            label,
            self.currency_id,
            [
                {
                    "account_id": self._savings_account().id,
                    "partner_id": self.partner_id.id,
                    "name": label,
                    "amount_currency": -self.amount,
                }
            ],
            {"account_id": journal.default_account_id.id, "name": label},
        )

    def action_cancel(self):
        """Cancel deposits and withdrawals made at the branch by reversing their entry."""
        from_elsewhere = self.filtered(lambda t: t.meeting_id or t.cycle_id)
        if from_elsewhere:
            raise UserError(
                self.env._("Transactions of a meeting or a disbursement are cancelled with it.")
            )
        posted = self.filtered(lambda t: t.state == "posted")
        deposits = {t.account_id: 0.0 for t in posted if t.amount > 0}
        for transaction in posted.filtered(lambda t: t.amount > 0):
            deposits[transaction.account_id] += transaction.amount
        # Cancelling a deposit takes the money out again: the same rules apply.
        self.account_id._check_withdrawals(deposits)
        posted.move_id.sudo()._reverse_moves(
            [{"ref": self.env._("Cancellation of %(ref)s", ref=m.ref)} for m in posted.move_id],
            cancel=True,
        )
        self.write({"state": "cancelled"})
        return True

    @api.depends("partner_id", "kind", "amount", "date")
    def _compute_display_name(self):
        kinds = dict(TRANSACTION_KINDS)
        for transaction in self:
            transaction.display_name = (
                f"{kinds.get(transaction.kind, '')} {transaction.partner_id.name or ''} "
                f"{transaction.date or ''}"
            )
