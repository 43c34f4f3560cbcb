# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import money
from .promujer_fields import reference_field


class PromujerSavingsAccount(models.Model):
    """A member's savings in her association: compulsory (the guarantee of her loans,
    held until the cycle closes) or voluntary. A liability of the institution to her."""

    _name = "promujer.savings.account"
    _description = "Savings account"
    _inherit = ["mail.thread", "promujer.workflow.mixin", "promujer.association.mixin"]
    _order = "association_id, partner_id, kind"
    _check_company_auto = True
    _promujer_protected_fields = ("balance", "transaction_ids")
    _promujer_frozen_fields = ("partner_id", "association_id", "kind", "currency_id")

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = reference_field("res.partner", string="Member")
    association_id = fields.Many2one(ondelete="restrict")
    kind = fields.Selection(
        [("compulsory", "Compulsory"), ("voluntary", "Voluntary")], required=True, index=True
    )
    currency_id = fields.Many2one("res.currency", required=True)
    transaction_ids = fields.One2many(
        "promujer.savings.transaction", "account_id", string="Transactions"
    )
    balance = fields.Monetary(compute="_compute_balance", store=True)
    required_minimum = fields.Monetary(
        compute="_compute_required_minimum",
        help="Compulsory savings the member's active loans require: they cannot be "
        "withdrawn while those loans are active.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "account_unique",
            "unique(partner_id, association_id, kind, currency_id)",
            "A member has one savings account of each kind and currency in her association.",
        ),
    ]

    @api.constrains("currency_id")
    def _check_currency_active(self):
        inactive = self.filtered(lambda a: not a.currency_id.sudo().active)
        if inactive:
            raise ValidationError(
                self.env._(
                    "Savings are kept in active currencies only; %(currencies)s is not active.",
                    currencies=", ".join(inactive.currency_id.mapped("name")),
                )
            )

    def _promujer_frozen(self, vals):
        """A savings account with transactions keeps its member, association, kind and
        currency."""
        return self.filtered("transaction_ids")

    @api.depends("partner_id.name", "kind", "currency_id")
    def _compute_name(self):
        kinds = self._promujer_labels("kind")
        for account in self:
            account.name = (
                f"{account.partner_id.name} - {kinds.get(account.kind, '')} "
                f"({account.currency_id.name})"
            )

    @api.depends("transaction_ids.amount", "transaction_ids.state")
    def _compute_balance(self):
        totals = {
            account.id: amount
            for account, amount in self.env["promujer.savings.transaction"]._read_group(
                [("account_id", "in", self.ids), ("state", "=", "posted")],
                ["account_id"],
                ["amount:sum"],
            )
        }
        for account in self:
            account.balance = totals.get(account.id, 0.0)

    def _compute_required_minimum(self):
        loans = self.env["promujer.loan"].search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("state", "in", ("active", "rescheduled")),
            ]
        )
        for account in self:
            if account.kind != "compulsory":
                account.required_minimum = 0.0
                continue
            mine = loans.filtered(
                lambda loan, a=account: (
                    loan.partner_id == a.partner_id
                    and loan.association_id == a.association_id
                    and loan.currency_id == a.currency_id
                )
            )
            account.required_minimum = sum(
                float(money.quantize(loan.amount * loan.product_id.compulsory_savings_rate / 100))
                for loan in mine
            )

    @api.model
    def _get_accounts(self, keys):
        """The accounts for (partner, association, kind, currency) keys, created if missing.
        Returns a dict key -> account; one search and one create for the whole batch."""
        keys = set(keys)
        if not keys:
            return {}
        existing = self.with_context(active_test=False).search(
            [
                ("partner_id", "in", list({k[0].id for k in keys})),
                ("association_id", "in", list({k[1].id for k in keys})),
            ]
        )
        found = {(a.partner_id, a.association_id, a.kind, a.currency_id): a for a in existing}
        missing = [key for key in keys if key not in found]
        if missing:
            created = self.with_context(mail_create_nolog=True, tracking_disable=True).create(
                [
                    {
                        "partner_id": partner.id,
                        "association_id": association.id,
                        "kind": kind,
                        "currency_id": currency.id,
                    }
                    for partner, association, kind, currency in missing
                ]
            )
            found.update(zip(missing, created, strict=True))
        return {key: found[key] for key in keys}

    def _check_withdrawals(self, amounts, keep_minimum=True):
        """Refuse withdrawals (account -> positive amount taken out) that would make a
        balance negative or take compulsory savings below what active loans require.

        Covering a group member is what compulsory savings guarantee: such covers pass
        `keep_minimum=False` and may use them down to zero."""
        problems = []
        for account, amount in amounts.items():
            currency = account.currency_id
            after = account.balance - amount
            if currency.compare_amounts(after, 0.0) < 0:
                problems.append(
                    self.env._(
                        "%(account)s holds %(balance)s, less than %(amount)s",
                        account=account.name,
                        balance=currency.format(account.balance),
                        amount=currency.format(amount),
                    )
                )
            elif (
                keep_minimum
                and account.kind == "compulsory"
                and currency.compare_amounts(after, account.required_minimum) < 0
            ):
                problems.append(
                    self.env._(
                        "%(account)s must keep %(minimum)s while her loan is active "
                        "(it would keep %(after)s)",
                        account=account.name,
                        minimum=currency.format(account.required_minimum),
                        after=currency.format(after),
                    )
                )
        if problems:
            raise UserError(
                self.env._(
                    "These withdrawals are not possible:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )

    def action_view_transactions(self):
        return self._promujer_list_action(
            "promujer_credit.promujer_savings_transaction_action", "account_id"
        )
