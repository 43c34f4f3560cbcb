# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from .promujer_fields import CASH_OR_BANK, journal_field, reference_field
from .res_company import entry_line

# What a member does at the branch counter; the other kinds are made by the actions.
BRANCH_KINDS = ("deposit", "withdrawal")
TRANSACTION_KINDS = [
    ("deposit", "Deposit"),
    ("withdrawal", "Withdrawal"),
    ("withheld", "Withheld at disbursement"),
    ("cover", "Covered a group member"),
    ("profit_share", "Profit share"),
    ("opening", "Opening balance (portfolio import)"),
]

_lt = LazyTranslate(__name__)


class PromujerSavingsTransaction(models.Model):
    """A movement of a savings account. Deposits and withdrawals made at the branch are
    posted here one by one; those made at a repayment meeting or withheld at a
    disbursement are posted by that meeting's or cycle's entry."""

    _name = "promujer.savings.transaction"
    _description = "Savings transaction"
    _inherit = ["mail.thread", "promujer.posted.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _promujer_protected_fields = ("state", "move_id", "meeting_id", "cycle_id")
    _promujer_frozen_fields = ("account_id", "amount", "date", "kind", "journal_id")
    _promujer_kept_text = _lt("Posted savings transactions are cancelled, never deleted.")
    # A draft is cancelled too (nothing to reverse), by whoever may write it.
    _promujer_action_states = {"post": ("draft",), "cancel": ("draft", "posted")}
    _promujer_action_texts = {
        "post": (
            _lt("Only credit staff and accountants post savings."),
            _lt("These savings transactions cannot be posted:"),
        )
    }

    account_id = reference_field("promujer.savings.account")
    partner_id = fields.Many2one(related="account_id.partner_id", store=True, string="Member")
    association_id = fields.Many2one(related="account_id.association_id", store=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="account_id.currency_id", store=True)
    savings_kind = fields.Selection(related="account_id.kind", store=True, string="Savings")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    kind = fields.Selection(TRANSACTION_KINDS, required=True, default="deposit")
    amount = fields.Monetary(
        required=True, tracking=True, help="Positive for money saved, negative for money taken out."
    )
    journal_id = journal_field(
        "Cash or bank journal",
        *CASH_OR_BANK,
        help="For deposits and withdrawals made at the branch.",
    )
    meeting_id = fields.Many2one("promujer.meeting", index=True, ondelete="restrict")
    cycle_id = fields.Many2one("promujer.loan.cycle", index=True, ondelete="restrict")
    note = fields.Char()

    @api.onchange("kind", "amount")
    def _onchange_sign(self):
        if self.kind == "withdrawal" and self.amount > 0:
            self.amount = -self.amount
        elif self.kind == "deposit" and self.amount < 0:
            self.amount = -self.amount

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("kind", "deposit") not in BRANCH_KINDS for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "At the branch, savings are deposited or withdrawn; the other movements "
                    "are made by meetings, disbursements and profit sharing."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and vals.get("kind", "deposit") not in BRANCH_KINDS:
            raise UserError(self.env._("At the branch, savings are deposited or withdrawn."))
        return super().write(vals)

    # ------------------------------------------------------------------ posting

    def action_post(self):
        """Post deposits and withdrawals made at the branch, one entry each."""
        return self._promujer_run("post")

    def _check_can_post(self):
        self._promujer_check_action("post")
        withdrawals = {}
        for transaction in self.filtered(lambda t: t.amount < 0):
            withdrawals[transaction.account_id] = (
                withdrawals.get(transaction.account_id, 0.0) - transaction.amount
            )
        self.account_id._check_withdrawals(withdrawals)

    def _get_post_problems(self):
        self.ensure_one()
        problems = []
        if self.kind not in BRANCH_KINDS or self.meeting_id or self.cycle_id:
            problems.append(self.env._("only deposits and withdrawals are posted at the branch"))
        currency = self.currency_id
        if currency.is_zero(self.amount):
            problems.append(self.env._("the amount is zero"))
        elif (self.kind == "deposit") != (self.amount > 0):
            problems.append(self.env._("a deposit is positive and a withdrawal negative"))
        elif self.kind == "deposit":
            ceiling = self.company_id._promujer_voluntary_ceiling(currency, self.date)
            if currency.compare_amounts(self.amount, ceiling) > 0:
                problems.append(
                    self.env._(
                        "%(amount)s is more than the %(ceiling)s deposited at once; check the "
                        "amount",
                        amount=currency.format(self.amount),
                        ceiling=currency.format(ceiling),
                    )
                )
        journal = self.sudo()._journal()
        if not journal:
            problems.append(self.env._("choose the cash or bank journal"))
        else:
            problems += self.company_id._promujer_entry_problems(self.date, journal, currency)
        if not self.sudo()._savings_account():
            problems.append(self.env._("no savings liability account is configured"))
        return problems

    def _do_post(self):
        # Loan officers take deposits without being accountants.
        self._promujer_book_entries()

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
            kind=self._promujer_labels("kind")[self.kind],
            member=self.partner_id.name,
        )
        return company._promujer_entry_vals(
            journal,
            self.date,
            label,
            self.currency_id,
            [entry_line(self._savings_account(), self.partner_id, -self.amount, label)],
            {"account_id": journal.default_account_id.id, "name": label},
            origin=self,
        )

    def action_cancel(self):
        """Cancel deposits and withdrawals made at the branch; a posted one by reversing
        its entry (a branch manager or an accountant)."""
        return self._promujer_run("cancel")

    def _promujer_action_possible(self, verb):
        # A meeting's or a disbursement's movements are cancelled with their meeting or cycle.
        return verb != "cancel" or not (self.meeting_id or self.cycle_id)

    def _check_can_cancel(self):
        self.check_access("write")
        posted = self.filtered(lambda t: t.state == "posted")
        if posted:
            self._promujer_check_group(
                self._promujer_action_groups["cancel"],
                self.env._("Only a branch manager or an accountant cancels a posted deposit."),
            )
        self._promujer_raise_problems(
            self.env._("These savings transactions cannot be cancelled:"), "cancel"
        )
        deposits = {t.account_id: 0.0 for t in posted if t.amount > 0}
        for transaction in posted.filtered(lambda t: t.amount > 0):
            deposits[transaction.account_id] += transaction.amount
        # Cancelling a deposit takes the money out again: the same rules apply.
        self.account_id._check_withdrawals(deposits)

    def _get_cancel_problems(self):
        self.ensure_one()
        if self.meeting_id or self.cycle_id:
            return [self.env._("transactions of a meeting or a disbursement are cancelled with it")]
        if self.state == "draft":
            return []
        problems = []
        locked = self.company_id._promujer_lock_date_problem(self.date, self.sudo()._journal())
        if locked:
            problems.append(locked)
        tampered = self._promujer_entry_problem(self.move_id)
        if tampered or not self.move_id:
            problems.append(tampered or self.env._("it has no journal entry"))
        return problems

    def _do_cancel(self):
        for transaction in self.filtered(lambda t: t.state == "posted"):
            transaction._promujer_reverse_entries(transaction.move_id)
        self._promujer_write({"state": "cancelled"})
        self._promujer_post(self.env._("Cancelled."))

    @api.depends_context("lang")
    @api.depends("partner_id", "kind", "amount", "date")
    def _compute_display_name(self):
        kinds = self._promujer_labels("kind")
        for transaction in self:
            transaction.display_name = (
                f"{kinds.get(transaction.kind, '')} {transaction.partner_id.name or ''} "
                f"{transaction.date or ''}"
            )
