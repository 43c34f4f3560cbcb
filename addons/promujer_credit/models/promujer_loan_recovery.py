# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import LazyTranslate

from .promujer_fields import (
    CASH_OR_BANK,
    can_field,
    entry_field,
    journal_field,
    reference_field,
    state_field,
)
from .promujer_posted_mixin import POSTED_STATES
from .res_company import entry_line

_lt = LazyTranslate(__name__)


class PromujerLoanRecovery(models.Model):
    """Money recovered on a written-off loan: income, since the loan left the portfolio."""

    _name = "promujer.loan.recovery"
    _description = "Recovery of a written-off loan"
    _inherit = ["mail.thread", "promujer.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _promujer_protected_fields = ("state", "move_id")
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt("Posted recoveries are never deleted.")
    _promujer_frozen_fields = ("loan_id", "date", "amount", "journal_id")

    loan_id = reference_field("promujer.loan", domain="[('state', '=', 'written_off')]")
    partner_id = fields.Many2one(related="loan_id.partner_id", store=True)
    company_id = fields.Many2one(related="loan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="loan_id.currency_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)
    journal_id = journal_field(
        "Cash or bank journal",
        *CASH_OR_BANK,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
    )
    move_id = entry_field()
    # The button: who may post, from which state (the check reads it too).
    _promujer_action_states = {"post": ("draft",)}
    _promujer_action_groups = {
        "post": ("promujer_credit.group_branch_manager", "account.group_account_invoice")
    }
    _promujer_action_texts = {
        "post": (
            _lt("Only a branch manager or an accountant posts recoveries."),
            _lt("These recoveries cannot be posted:"),
        )
    }
    can_post = can_field()
    state = state_field(POSTED_STATES)

    @api.depends("loan_id")
    def _compute_journal_id(self):
        for recovery in self:
            recovery.journal_id = recovery.journal_id or recovery.loan_id.product_id.journal_id

    def action_post(self):
        return self._promujer_run("post")

    def _get_post_problems(self):
        self.ensure_one()
        loan = self.loan_id
        problems = []
        if loan.state != "written_off":
            problems.append(
                self.env._(
                    "%(loan)s was not written off: repayments go through meetings", loan=loan.name
                )
            )
        currency = self.currency_id
        if currency.compare_amounts(self.amount, 0.0) <= 0:
            problems.append(self.env._("the amount must be positive"))
        left = loan.write_off_amount - loan.recovered_amount
        if loan.state == "written_off" and currency.compare_amounts(self.amount, left) > 0:
            problems.append(
                self.env._(
                    "%(amount)s is more than the %(left)s written off and not yet recovered",
                    amount=currency.format(self.amount),
                    left=currency.format(left),
                )
            )
        problems += self.company_id._promujer_entry_problems(self.date, self.journal_id, currency)
        return problems

    def _do_post(self):
        # Branch managers record recoveries without being accountants.
        self._promujer_book_entries()
        for recovery in self:
            recovery.loan_id._promujer_post(
                self.env._(
                    "Recovered %(amount)s on the written-off loan.",
                    amount=recovery.currency_id.format(recovery.amount),
                )
            )

    def _prepare_move_vals(self):
        self.ensure_one()
        company = self.company_id
        income = company._promujer_account(
            "promujer_recovery_account_id", "promujer_account_recovery_income"
        )
        label = self.env._("Recovery on %(loan)s", loan=self.loan_id.name)
        return company._promujer_entry_vals(
            self.journal_id,
            self.date,
            label,
            self.currency_id,
            [entry_line(income, self.partner_id, -self.amount, label)],
            {
                "account_id": self.journal_id.default_account_id.id,
                "partner_id": self.partner_id.id,
                "name": label,
            },
            origin=self,
        )
