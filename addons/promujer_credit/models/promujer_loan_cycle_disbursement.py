# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models

from ..tools import calendar, money, schedule
from .res_company import entry_line


class PromujerLoanCycle(models.Model):
    """The disbursement of a loan cycle: an accountant pays it out in one entry (the
    portfolio per woman, the savings and fees withheld, the cash), the schedules are
    built and the compulsory savings withheld are credited to each woman."""

    _inherit = "promujer.loan.cycle"

    # ------------------------------------------------------------------ disburse

    def action_disburse(self):
        """An accountant pays the cycle out: one posted entry for the whole cycle."""
        return self._promujer_run("disburse")

    def _get_disburse_problems(self):
        """Every reason why this cycle cannot be disbursed; extended by other addons."""
        self.ensure_one()
        if self.disbursement_move_id or self.state in ("disbursed", "closed"):
            return [self.env._("it was already disbursed")]
        if self.state != "approved" or not self.approved_by_id:
            return [self.env._("it has not been approved by the branch manager")]
        problems = []
        problems += self.association_id._get_borrowing_problems()
        missing = self.product_id._get_missing_configuration()
        if missing:
            problems.append(
                self.env._(
                    "product %(product)s has no %(missing)s",
                    product=self.product_id.name,
                    missing=", ".join(missing),
                )
            )
        journal = self.product_id.journal_id
        if journal.currency_id and journal.currency_id != self.currency_id:
            problems.append(
                self.env._(
                    "journal %(journal)s pays in %(journal_currency)s, the loans are in "
                    "%(currency)s",
                    journal=journal.name,
                    journal_currency=journal.currency_id.name,
                    currency=self.currency_id.name,
                )
            )
        date = self._disbursement_date()
        problems += self.company_id._promujer_entry_problems(date, journal, self.currency_id)
        if self.first_due_date and self.first_due_date <= date:
            problems.append(self.env._("the first due date must come after the disbursement"))
        problems += self.loan_ids._get_sequential_problems()
        return problems

    def _disbursement_date(self):
        return self.disbursement_date or fields.Date.context_today(self)

    def _do_disburse(self):
        for cycle in self:
            date = cycle._disbursement_date()
            values = {"disbursement_date": date}
            first_due = cycle.first_due_date or date + timedelta(
                days=schedule.FREQUENCY_DAYS[cycle.frequency]
            )
            values["first_due_date"] = cycle._promujer_first_meeting_day(first_due)
            cycle.write(values)
        # The entries point back to their cycle.
        moves = self._promujer_create_entries(
            [cycle._prepare_disbursement_move_vals() for cycle in self]
        )
        self.env["promujer.loan.installment"]._promujer_insert_schedules(
            self.loan_ids._prepare_installment_vals()
        )
        self._create_withheld_savings(moves)
        self.loan_ids._promujer_write({"state": "active"})
        for cycle, move in zip(self, moves, strict=True):
            cycle._promujer_write({"state": "disbursed", "disbursement_move_id": move.id})
            cycle._promujer_post(
                self.env._(
                    "Disbursed %(amount)s to %(count)s members in entry %(move)s.",
                    amount=cycle.currency_id.format(cycle.amount_total),
                    count=cycle.loan_count,
                    move=move.name,
                )
            )
        self._activity_update()

    def _promujer_first_meeting_day(self, first_due):
        """The first due date on the association's meeting day, off the branch's holidays
        (as is without a meeting day, or with ``promujer_natural_due_dates``)."""
        self.ensure_one()
        weekday = self.association_id.meeting_weekday
        if not weekday or self.env.context.get("promujer_natural_due_dates"):
            return first_due
        holidays = self.company_id._promujer_non_working_days()[self.company_id]
        return calendar.next_meeting_day(first_due, weekday, self.frequency, holidays)

    def _create_withheld_savings(self, moves):
        """Compulsory savings withheld at disbursement go to each woman's savings."""
        keys, values = [], []
        for cycle, move in zip(self, moves, strict=True):
            product = cycle.product_id
            if not (product.savings_withheld and product.compulsory_savings_rate):
                continue
            savings_lines = move.line_ids.filtered(
                lambda line, a=product.savings_account_id: line.account_id == a
            )
            for line in savings_lines:
                key = (line.partner_id, cycle.association_id, "compulsory", cycle.currency_id)
                keys.append(key)
                values.append((key, cycle, move, -line.amount_currency))
        accounts = self.env["promujer.savings.account"]._get_accounts(keys)
        self.env["promujer.savings.transaction"].with_context(
            mail_create_nolog=True, tracking_disable=True
        )._promujer_create(
            [
                {
                    "account_id": accounts[key].id,
                    "date": move.date,
                    "kind": "withheld",
                    "amount": amount,
                    "cycle_id": cycle.id,
                    "move_id": move.id,
                    "state": "posted",
                }
                for key, cycle, move, amount in values
            ]
        )

    def _prepare_disbursement_move_vals(self):
        """The disbursement entry: debit the portfolio per member, credit the savings and
        fees withheld, and the cash or bank account with the net paid out."""
        self.ensure_one()
        product = self.product_id
        currency = self.currency_id
        digits = currency.decimal_places
        date = self.disbursement_date
        lines = []
        for loan in self.loan_ids.sorted(lambda loan: loan.partner_id.name or ""):
            amount, savings, fee = self._withholdings(loan, digits)
            partner = loan.partner_id
            lent = self.env._("Loan %(loan)s", loan=loan.name)
            lines.append(entry_line(product.portfolio_account_id, partner, amount, lent))
            withheld = [
                (
                    product.savings_account_id,
                    savings,
                    self.env._("Compulsory savings withheld: %(loan)s", loan=loan.name),
                ),
                (
                    product.fee_income_account_id,
                    fee,
                    self.env._("Disbursement fee: %(loan)s", loan=loan.name),
                ),
            ]
            lines += [
                entry_line(account, partner, -value, label)
                for account, value, label in withheld
                if value
            ]
        return self.company_id._promujer_entry_vals(
            product.journal_id,
            date,
            self.env._(
                "Disbursement %(cycle)s (%(association)s)",
                cycle=self.name,
                association=self.association_id.name,
            ),
            currency,
            lines,
            {
                "account_id": product.journal_id.default_account_id.id,
                "name": self.env._("Disbursement of %(cycle)s", cycle=self.name),
            },
            origin=self,
        )

    def _withholdings(self, loan, digits):
        """(amount lent, compulsory savings withheld, fee) of a member loan, rounded to
        the currency: what the disbursement entry books and the disbursement sheet shows."""
        product = self.product_id
        amount = money.quantize(loan.amount, digits)
        savings = money.quantize(0, digits)
        if product.savings_withheld and product.compulsory_savings_rate:
            savings = money.quantize(
                amount * money.quantize(product.compulsory_savings_rate, 4) / 100, digits
            )
        fee = money.quantize(0, digits)
        if product.fee_rate:
            fee = money.quantize(amount * money.quantize(product.fee_rate, 4) / 100, digits)
        return amount, savings, fee

    def _disbursement_figures(self):
        """The disbursement sheet: per woman (by name) what she borrows, what is withheld
        and what she receives; and the totals."""
        self.ensure_one()
        digits = self.currency_id.decimal_places
        rows = []
        for loan in self.loan_ids.sorted(lambda loan: loan.partner_id.name or ""):
            amount, savings, fee = self._withholdings(loan, digits)
            rows.append(
                {
                    "loan": loan,
                    "amount": float(amount),
                    "savings": float(savings),
                    "fee": float(fee),
                    "net": float(amount - savings - fee),
                }
            )
        totals = {key: sum(row[key] for row in rows) for key in ("amount", "savings", "fee", "net")}
        return {"rows": rows, **totals}
