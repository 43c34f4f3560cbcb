# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL, LazyTranslate

from ..tools import accrual, money
from .promujer_fields import entry_field

_lt = LazyTranslate(__name__)


class PromujerAccrualRun(models.Model):
    """The interest a branch's performing loans earned by a month end and the women have
    not yet paid, booked on the accrual basis (docs/accounting.md): one entry, interest
    receivable per woman against interest income, dated the month end, and its reversal
    dated the 1st of the next month, so that the interest the women then pay at their
    meetings (income when paid) settles what was accrued. Loans late beyond the
    institution's non-accrual days are recorded with nothing accrued."""

    _name = "promujer.accrual.run"
    _description = "Interest accrual"
    _inherit = ["promujer.branch.run"]
    _promujer_run_name = _lt("Accrued interest %(company)s %(date)s")
    _promujer_kept_text = _lt("Posted interest accruals are never deleted.")
    _promujer_protected_fields = ("state", "move_id", "reversal_move_id", "line_ids", "total")

    date = fields.Date(
        default=lambda self: self._promujer_cron_date(fields.Date.context_today(self)),
        help="The month end: the interest earned by the end of that day.",
    )
    reversal_date = fields.Date(compute="_compute_reversal_date", help="The 1st of the next month.")
    line_ids = fields.One2many("promujer.accrual.line", "run_id", readonly=True)
    total = fields.Monetary("Accrued interest", readonly=True)
    loan_count = fields.Integer("Loans accruing", compute="_compute_counts")
    non_accrual_count = fields.Integer("Non-accrual loans", compute="_compute_counts")
    reversal_move_id = entry_field("Reversal")

    def _promujer_run_problems(self):
        return self._basis_problems()

    @api.depends("date")
    def _compute_reversal_date(self):
        for run in self:
            run.reversal_date = run.date and run.date.replace(day=1) + relativedelta(months=1)

    @api.depends("line_ids.non_accrual", "line_ids.amount")
    def _compute_counts(self):
        for run in self:
            run.loan_count = len(run.line_ids.filtered(lambda line: line.amount))
            run.non_accrual_count = len(run.line_ids.filtered("non_accrual"))

    def _basis_problems(self):
        self.ensure_one()
        if self.company_id._promujer_settings().promujer_interest_basis != "accrual":
            return [
                self.env._(
                    "the institution books interest on the cash basis (income when paid); "
                    "choose the accrual basis in Microfinance > Configuration > Settings "
                    "to accrue interest"
                )
            ]
        return []

    def _installment_rows(self):
        """(loan, partner, currency, product, days late, period start, due date,
        interest due, interest paid by the date, interest carried) of each installment
        of the branch's loans outstanding at the date, in order, read in one query."""
        self.ensure_one()
        figures = self.env["promujer.portfolio.figures"]
        figures._flush_figures()
        self.env.cr.execute(
            SQL(
                """
                WITH loans AS (%(rows)s),
                paid AS (%(paid)s),
                periods AS (
                    SELECT i.loan_id, i.sequence, i.due_date, i.interest_due,
                           COALESCE(i.interest_carried, 0) AS carried,
                           COALESCE(i.rescheduled, FALSE) AS closed,
                           COALESCE(LAG(i.due_date) OVER (
                               PARTITION BY i.loan_id ORDER BY i.due_date, i.sequence
                           ), l.disbursement_date) AS start,
                           COALESCE(p.interest, 0) AS paid
                      FROM promujer_loan_installment i
                      JOIN promujer_loan l ON l.id = i.loan_id
                      JOIN loans ON loans.id = i.loan_id
                 LEFT JOIN paid p ON p.installment_id = i.id
                )
                SELECT loans.id, loans.partner_id, loans.currency_id, loans.product_id,
                       loans.days_late, periods.start, periods.due_date,
                       periods.interest_due, periods.paid, periods.carried
                  FROM loans
                  JOIN periods ON periods.loan_id = loans.id
                 WHERE NOT periods.closed
              ORDER BY loans.id, periods.due_date, periods.sequence
                """,
                rows=figures._loan_rows_sql(self.date, [self.company_id.id]),
                paid=figures._paid_sql(self.date),
            )
        )
        return self.env.cr.fetchall()

    def _income_accounts(self, product_ids):
        """{product id: its interest income account, else the suite's}."""
        root = self.company_id._promujer_settings()
        default = (
            root.env["account.chart.template"]
            .with_company(root)
            .ref("promujer_account_interest_income", raise_if_not_found=False)
        )
        products = self.env["promujer.loan.product"].sudo().browse(product_ids)
        return {p.id: p.interest_income_account_id or default for p in products}

    def _loan_periods(self):
        """{loan id: ((partner, currency, product, days late), [Period, ...])}."""
        loans = {}
        for row in self._installment_rows():
            loan, partner, currency, product, days, start, due = row[:7]
            interest, paid, carried = (money.to_decimal(value or 0) for value in row[7:])
            _head, periods = loans.setdefault(loan, ((partner, currency, product, days or 0), []))
            periods.append(accrual.Period(start or due, due, interest, paid, carried))
        return loans

    def _compute_lines(self):
        """The run's lines and total from the loans as they stood at the date: a line per
        loan that accrues, and a zero line per non-accrual loan."""
        self.ensure_one()
        company = self.company_id
        threshold = max(company._promujer_settings().promujer_non_accrual_days, 0)
        loans = self._loan_periods()
        accounts = self._income_accounts({head[2] for head, _periods in loans.values()})
        lines = []
        for loan, ((partner, currency_id, product, days), periods) in loans.items():
            currency = self.env["res.currency"].sudo().browse(currency_id)
            non_accrual = accrual.is_non_accrual(days, threshold)
            amount = (
                Decimal(0)
                if non_accrual
                else accrual.accrue(periods, self.date, currency.decimal_places).total
            )
            if not amount and not non_accrual:
                continue
            lines.append(
                {
                    "loan_id": loan,
                    "partner_id": partner,
                    "currency_id": currency_id,
                    "income_account_id": accounts[product].id,
                    "days_late": days,
                    "non_accrual": non_accrual,
                    "amount": float(amount),
                    "amount_company": currency._convert(
                        float(amount), company.currency_id, company, self.date
                    ),
                }
            )
        return {
            "line_ids": [Command.clear()] + [Command.create(vals) for vals in lines],
            "total": company.currency_id.round(sum(vals["amount_company"] for vals in lines)),
        }

    def _rate_problems(self):
        """A currency of the branch's loans without a rate on the date."""
        return self._promujer_rate_problems({row[2] for row in self._installment_rows()})

    # ------------------------------------------------------------------ post

    def _receivable_account(self):
        return self.company_id._promujer_account(
            "promujer_accrued_interest_account_id", "promujer_account_accrued_interest"
        )

    def _get_post_problems(self):
        self.ensure_one()
        problems = self._basis_problems()
        if problems:
            return problems
        if self.date > fields.Date.context_today(self):
            problems.append(
                self.env._(
                    "%(date)s has not come: interest is accrued once earned",
                    date=self._promujer_date(self.date),
                )
            )
        journal = self.company_id._promujer_general_journal()
        if not journal:
            problems.append(self.env._("the branch has no general journal"))
        else:
            for day in (self.date, self.reversal_date):
                problems += self.company_id._promujer_entry_problems(day, journal)
        if not self._receivable_account():
            problems.append(
                self.env._(
                    "the accrued interest receivable account is not set; set it in "
                    "Microfinance > Configuration > Settings"
                )
            )
        month = self._promujer_posted_count(
            self.company_id,
            [("date", ">=", self.date.replace(day=1)), ("date", "<", self.reversal_date)],
        )
        if month:
            problems.append(
                self.env._("the interest of the branch is already accrued for this month")
            )
        return problems + self._rate_problems()

    def _book(self):
        """Book the accrued interest as one entry, reversed on the first day of the next month."""
        self.ensure_one()
        accrued = any(line.amount for line in self.line_ids)
        move = self._promujer_book_entries([self._prepare_move_vals() if accrued else None])
        if move:
            # The reversal points back to its run too: booked by the suite, as superuser.
            reversal = move.sudo()._reverse_moves(
                [
                    {
                        "date": self.reversal_date,
                        "ref": self.env._("Reversal of %(ref)s", ref=move.ref),
                        **self.env["account.move"]._promujer_origin_vals(self),
                    }
                ],
                cancel=True,
            )
            self._promujer_write({"reversal_move_id": reversal.id})
        self._promujer_post(
            self.env._(
                "Accrued interest of %(count)s loans: %(total)s, reversed on %(date)s; "
                "%(non_accrual)s loans late beyond the non-accrual days accrue nothing.",
                count=self.loan_count,
                total=self.currency_id.format(self.total),
                date=self._promujer_date(self.reversal_date),
                non_accrual=self.non_accrual_count,
            )
        )

    def _prepare_move_vals(self):
        """Interest receivable per woman, in the loan's currency, converted at the date;
        interest income per account and currency, taking the sum of both currencies, so
        that the entry balances in each."""
        self.ensure_one()
        company = self.company_id
        label = self.env._("Accrued interest %(date)s", date=self.date)
        receivable = self._receivable_account()
        lines, income = [], defaultdict(lambda: [0.0, 0.0])
        for line in self.line_ids.filtered("amount"):
            lines.append(
                {
                    "name": f"{label}: {line.loan_id.sudo().name}",
                    "account_id": receivable.id,
                    "partner_id": line.partner_id.id,
                    "currency_id": line.currency_id.id,
                    "amount_currency": line.amount,
                    "balance": line.amount_company,
                }
            )
            total = income[(line.income_account_id, line.currency_id)]
            total[0] += line.amount
            total[1] += line.amount_company
        for (account, currency), (amount, balance) in sorted(
            income.items(), key=lambda item: (item[0][0].id, item[0][1].id)
        ):
            lines.append(
                {
                    "name": label,
                    "account_id": account.id,
                    "currency_id": currency.id,
                    "amount_currency": -currency.round(amount),
                    "balance": -company.currency_id.round(balance),
                }
            )
        return self._promujer_run_move_vals(company._promujer_general_journal(), label, lines)

    # ------------------------------------------------------------------ cancel

    def _get_cancel_problems(self):
        self.ensure_one()
        if not self.move_id:
            return []
        problems = [p for p in (self._entry_pair_problem(),) if p]
        journal = self.move_id.sudo().journal_id
        for day in (self.date, self.reversal_date):
            locked = self.company_id._promujer_lock_date_problem(day, journal)
            if locked:
                problems.append(locked)
        return problems

    def _entry_pair_problem(self):
        """Why the run's entry and its reversal cannot be undone: either was not booked
        by this run, is no longer posted, or was reversed otherwise. False if they can."""
        self.ensure_one()
        return self._promujer_entry_problem(
            self.move_id, reversal=self.reversal_move_id
        ) or self._promujer_entry_problem(self.reversal_move_id)

    def _do_cancel(self):
        for run in self.filtered("move_id"):
            # The reversal first: reversing it undoes its match with the entry.
            run._promujer_reverse_entries(run.reversal_move_id, run.reversal_date)
            run._promujer_reverse_entries(run.move_id, run.date)
        self._promujer_write({"state": "cancelled"})
        self._promujer_post(
            self.env._("Cancelled: its journal entry and its reversal are reversed.")
        )

    # ------------------------------------------------------------------ scheduled

    @api.model
    def _accruing_companies(self):
        """The branches with loans outstanding, of institutions on the accrual basis."""
        groups = (
            self.env["promujer.loan"]
            .sudo()
            ._read_group([("state", "in", ("active", "rescheduled"))], ["company_id"])
        )
        branches = self.env["res.company"].sudo().union(*(company for (company,) in groups))
        return branches.filtered(
            lambda c: c._promujer_settings().promujer_interest_basis == "accrual"
        )

    @api.model
    def _cron_monthly_accrual(self, date=None):
        """Accrue each branch's interest as of the last day of the previous month (`date`
        for another month end), once per branch and month, a branch at a time. A branch
        that cannot be accrued (a closed period, a missing rate) is logged and left for an
        accountant; the others are accrued. Institutions on the cash basis: nothing."""
        return self._promujer_cron_runs(self._accruing_companies(), date)

    @api.model
    def _promujer_cron_done_domain(self, date):
        """A branch accrued in the date's month."""
        first = date.replace(day=1)
        return [("date", ">=", first), ("date", "<", first + relativedelta(months=1))]
