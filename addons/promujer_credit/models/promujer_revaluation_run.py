# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.tools import SQL, LazyTranslate

from ..tools import money, revaluation

# The balance-sheet accounts whose foreign-currency balances are money owed or held (the
# portfolio, the savings, cash and banks, the other receivables and payables): they are
# revalued at the closing rate. Fixed assets, prepayments, equity, income and expenses
# keep their historical rate.
MONETARY_ACCOUNT_TYPES = (
    "asset_receivable",
    "asset_cash",
    "asset_current",
    "asset_non_current",
    "liability_payable",
    "liability_credit_card",
    "liability_current",
    "liability_non_current",
)

_lt = LazyTranslate(__name__)


class PromujerRevaluationRun(models.Model):
    """The revaluation of a branch's foreign-currency balances at the closing rate of a
    date, by the cumulative method (docs/accounting.md): each run books, per account,
    currency and woman, the difference between the foreign balance at the rate and the
    booked company-currency balance, against the exchange gain or loss account. After
    it, every revalued balance is its foreign balance at that rate; a run at an unchanged
    rate books nothing. A posted run is cancelled by reversing its entry."""

    _name = "promujer.revaluation.run"
    _description = "Exchange revaluation"
    _inherit = ["promujer.branch.run"]
    _promujer_run_name = _lt("Exchange revaluation %(company)s %(date)s")
    _promujer_kept_text = _lt("Posted exchange revaluations are never deleted.")
    _promujer_protected_fields = (
        "state",
        "move_id",
        "line_ids",
        "gain_total",
        "loss_total",
    )

    date = fields.Date(
        default=fields.Date.context_today,
        help="The closing date: the balances on that day, at the rates of that day.",
    )
    line_ids = fields.One2many("promujer.revaluation.line", "run_id", readonly=True)
    gain_total = fields.Monetary("Exchange gain", readonly=True)
    loss_total = fields.Monetary("Exchange loss", readonly=True)
    difference = fields.Monetary(compute="_compute_difference", help="Gain minus loss.")

    def _promujer_run_problems(self):
        return self._rate_problems()

    @api.depends("gain_total", "loss_total")
    def _compute_difference(self):
        for run in self:
            run.difference = run.gain_total - run.loss_total

    def _revaluable_balances(self):
        """(account, currency, partner, amount_currency, balance) of the branch's posted
        journal items up to the date on the monetary accounts, in a foreign currency, one
        row per account, currency and partner, read in one query."""
        self.ensure_one()
        company = self.company_id
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT aml.account_id, aml.currency_id, aml.partner_id,
                          SUM(aml.amount_currency), SUM(aml.balance)
                     FROM account_move_line aml
                     JOIN account_account acc ON acc.id = aml.account_id
                    WHERE aml.company_id = %(company)s
                      AND aml.parent_state = 'posted'
                      AND aml.date <= %(date)s
                      AND aml.currency_id != %(currency)s
                      AND acc.account_type = ANY(%(types)s)
                 GROUP BY aml.account_id, aml.currency_id, aml.partner_id
                   HAVING SUM(aml.amount_currency) != 0 OR SUM(aml.balance) != 0
                 ORDER BY aml.account_id, aml.currency_id, aml.partner_id NULLS FIRST""",
                company=company.id,
                date=self.date,
                currency=company.currency_id.id,
                types=list(MONETARY_ACCOUNT_TYPES),
            )
        )
        return self.env.cr.fetchall()

    def _factors(self, currency_ids):
        """{currency id: company-currency units per foreign unit} at the run's date."""
        self.ensure_one()
        company = self.company_id
        Currency = self.env["res.currency"].sudo()
        return {
            currency.id: Currency._get_conversion_rate(
                currency, company.currency_id, company, self.date
            )
            for currency in Currency.browse(sorted(currency_ids))
        }

    def _compute_lines(self):
        """The run's lines and totals from the ledger as it stands."""
        self.ensure_one()
        rows = self._revaluable_balances()
        factors = self._factors({row[1] for row in rows})
        digits = self.company_id.currency_id.decimal_places
        differences = revaluation.revalue_balances(
            [
                ((account, currency, partner), account, currency, amount, booked)
                for account, currency, partner, amount, booked in rows
            ],
            factors,
            digits,
        )
        gain, loss = revaluation.split_gain_loss(differences)
        return {
            "line_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "account_id": d.key[0],
                        "foreign_currency_id": d.key[1],
                        "partner_id": d.key[2],
                        "rate": factors[d.key[1]],
                        "amount_currency": float(d.amount_currency),
                        "booked": float(d.booked),
                        "revalued": float(d.revalued),
                        "difference": float(d.difference),
                    }
                )
                for d in differences
            ],
            "gain_total": float(gain),
            "loss_total": float(loss),
        }

    def _rate_problems(self):
        """A foreign currency of the branch's balances without a rate on the date."""
        return self._promujer_rate_problems({row[1] for row in self._revaluable_balances()})

    # ------------------------------------------------------------------ post

    def _exchange_accounts(self):
        """(journal, gain account, loss account) of the branch: Odoo's exchange
        settings of the branch, else of its institution."""
        self.ensure_one()
        company = self.company_id.sudo()
        root = company.root_id
        journal = (
            company.currency_exchange_journal_id
            or root.currency_exchange_journal_id
            or company._promujer_general_journal()
        )
        gain = (
            company.income_currency_exchange_account_id or root.income_currency_exchange_account_id
        )
        loss = (
            company.expense_currency_exchange_account_id
            or root.expense_currency_exchange_account_id
        )
        return journal, gain, loss

    def _get_post_problems(self):
        self.ensure_one()
        journal, gain, loss = self._exchange_accounts()
        problems = []
        if not journal:
            problems.append(self.env._("the branch has no journal for exchange differences"))
        else:
            problems += self.company_id._promujer_entry_problems(self.date, journal)
        if not gain or not loss:
            problems.append(
                self.env._(
                    "the exchange gain and loss accounts are not set; set them in "
                    "Accounting > Configuration > Settings > Default Accounts"
                )
            )
        later = self._promujer_posted_count(self.company_id, [("date", ">", self.date)])
        if later:
            problems.append(
                self.env._("a later exchange revaluation of the branch is already posted")
            )
        return problems + self._rate_problems()

    def _book(self):
        """Book the revalued balances as one entry."""
        self.ensure_one()
        # The entry points back to its run; none when no balance was revalued.
        self._promujer_book_entries([self._prepare_move_vals() if self.line_ids else None])
        self._promujer_post(
            self.env._(
                "%(count)s balances revalued: exchange gain %(gain)s, loss %(loss)s.",
                count=len(self.line_ids),
                gain=self.currency_id.format(self.gain_total),
                loss=self.currency_id.format(self.loss_total),
            )
        )

    def _prepare_move_vals(self):
        """Each revalued balance by its difference, in company currency only (its foreign
        amount is unchanged: amount_currency 0 in its currency); the gains of each currency
        to the exchange gain account, the losses to the exchange loss account."""
        self.ensure_one()
        journal, gain_account, loss_account = self._exchange_accounts()
        company_currency = self.company_id.currency_id
        label = self.env._("Exchange revaluation %(date)s", date=self.date)
        lines, totals = [], {}
        for line in self.line_ids:
            lines.append(
                {
                    "name": f"{label} ({line.foreign_currency_id.name} {line.rate:.6f})",
                    "account_id": line.account_id.id,
                    "partner_id": line.partner_id.id,
                    "currency_id": line.foreign_currency_id.id,
                    "amount_currency": 0.0,
                    "balance": line.difference,
                }
            )
            gain, loss = revaluation.split_gain_loss([money.to_decimal(line.difference)])
            total = totals.setdefault(line.foreign_currency_id, [0.0, 0.0])
            total[0] += float(gain)
            total[1] += float(loss)
        for currency, (gain, loss) in sorted(totals.items(), key=lambda item: item[0].name):
            for account, amount, kind in (
                (gain_account, -gain, self.env._("gain")),
                (loss_account, loss, self.env._("loss")),
            ):
                amount = company_currency.round(amount)
                if not company_currency.is_zero(amount):
                    lines.append(
                        {
                            "name": f"{label}: {currency.name} {kind}",
                            "account_id": account.id,
                            "currency_id": company_currency.id,
                            "amount_currency": amount,
                            "balance": amount,
                        }
                    )
        return self._promujer_run_move_vals(journal, label, lines)

    # ------------------------------------------------------------------ cancel

    def _get_cancel_problems(self):
        self.ensure_one()
        problems = []
        if self.move_id:
            tampered = self._promujer_entry_problem(self.move_id)
            if tampered:
                problems.append(tampered)
            locked = self.company_id._promujer_lock_date_problem(
                self.date, self.move_id.sudo().journal_id
            )
            if locked:
                problems.append(locked)
        later = self._promujer_posted_count(
            self.company_id, [("date", ">=", self.date), ("id", "!=", self.id)]
        )
        if later:
            problems.append(
                self.env._("a later exchange revaluation of the branch is posted: cancel it first")
            )
        return problems

    def _do_cancel(self):
        for run in self:
            if run.move_id:
                run._promujer_reverse_entries(run.move_id, run.date)
        self._promujer_write({"state": "cancelled"})
        self._promujer_post(self.env._("Cancelled: its journal entry is reversed."))

    # ------------------------------------------------------------------ scheduled

    @api.model
    def _revaluable_companies(self):
        """The companies with posted foreign-currency items on monetary accounts."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT aml.company_id
                     FROM account_move_line aml
                     JOIN account_account acc ON acc.id = aml.account_id
                     JOIN res_company c ON c.id = aml.company_id
                    WHERE aml.parent_state = 'posted'
                      AND aml.currency_id != c.currency_id
                      AND acc.account_type = ANY(%s)""",
                list(MONETARY_ACCOUNT_TYPES),
            )
        )
        return self.env["res.company"].browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _cron_monthly_revaluation(self, date=None):
        """Revalue each branch's foreign-currency balances as of the last day of the
        previous month (`date` for another closing date), once per branch and date. A
        branch that cannot be revalued (a closed period, a missing rate) is logged and
        left for an accountant; the others are revalued."""
        return self._promujer_cron_runs(self._revaluable_companies(), date)
