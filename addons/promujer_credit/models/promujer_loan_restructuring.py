# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools import schedule


class PromujerLoan(models.Model):
    """Write-off and rescheduling of a loan: proposed by a branch manager, approved by a
    credit administrator (four eyes, `promujer.loan.proposal`)."""

    _inherit = "promujer.loan"

    # ------------------------------------------------------------------ write-off

    def action_write_off(self):
        """Open the wizard where a branch manager proposes to write the loans off; a
        credit administrator approves the proposal (four eyes)."""
        self._check_can_write_off(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose a write-off"),
            "res_model": "promujer.loan.write.off",
            "view_mode": "form",
            "target": "new",
            "context": {"default_loan_ids": self.ids},
        }

    def _check_can_write_off(self, date):
        self._promujer_check_branch_manager(self.env._("write off"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be written off:"), "write_off", date
        )

    def _get_write_off_problems(self, date):
        self.ensure_one()
        threshold = self.company_id._promujer_settings().promujer_writeoff_min_days
        if self.state not in ("active", "rescheduled"):
            return [self.env._("it is not active")]
        problems = []
        if self.days_late < threshold:
            problems.append(
                self.env._(
                    "it is %(days)s days late; loans are written off after %(threshold)s days",
                    days=self.days_late,
                    threshold=threshold,
                )
            )
        journal = self.company_id._promujer_general_journal()
        problems += self.company_id._promujer_entry_problems(date, journal, self.currency_id)
        return problems

    def _propose_write_off(self, date, reason):
        self._check_can_write_off(date)
        return self.env["promujer.loan.proposal"]._propose(
            {"kind": "write_off", "loan_ids": self.ids, "date": date, "reason": reason}
        )

    def _do_write_off(self, date, reason):
        """Book the write-off against the loan-loss allowance (called by the approval of
        a proposal, after its checks)."""
        moves = (
            self.env["account.move"]
            .sudo()
            .create([loan.sudo()._prepare_write_off_vals(date) for loan in self])
        )
        moves.action_post()
        for loan, move in zip(self, moves, strict=True):
            amount = loan.principal_outstanding
            loan._promujer_write(
                {
                    "state": "written_off",
                    "write_off_date": date,
                    "write_off_amount": amount,
                    "write_off_move_id": move.id,
                }
            )
            loan._promujer_post(
                self.env._(
                    "Written off %(amount)s against the loan-loss allowance: %(reason)s",
                    amount=loan.currency_id.format(amount),
                    reason=reason,
                )
            )

    def _prepare_write_off_vals(self, date):
        self.ensure_one()
        company = self.company_id
        allowance = company._promujer_account(
            "promujer_allowance_account_id", "promujer_account_allowance"
        )
        label = self.env._("Write-off of %(loan)s", loan=self.name)
        return company._promujer_entry_vals(
            company._promujer_general_journal(),
            date,
            label,
            self.currency_id,
            [
                {
                    "account_id": self.product_id.portfolio_account_id.id,
                    "partner_id": self.partner_id.id,
                    "name": label,
                    "amount_currency": -self.principal_outstanding,
                }
            ],
            {"account_id": allowance.id, "name": label},
            origin=self,
        )

    # ------------------------------------------------------------------ rescheduling

    def action_reschedule(self):
        self.ensure_one()
        self._promujer_check_branch_manager(self.env._("reschedule"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose a rescheduling"),
            "res_model": "promujer.loan.reschedule",
            "view_mode": "form",
            "target": "new",
            "context": {"default_loan_id": self.id},
        }

    def _check_can_reschedule(self, date, first_due_date):
        self._promujer_check_branch_manager(self.env._("reschedule"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be rescheduled:"), "reschedule", date, first_due_date
        )

    def _get_reschedule_problems(self, date, first_due_date):
        self.ensure_one()
        if self.state not in ("active", "rescheduled"):
            return [self.env._("only active loans are rescheduled")]
        problems = []
        if self.currency_id.is_zero(self.principal_outstanding):
            problems.append(self.env._("nothing is left to reschedule"))
        if not date or not first_due_date or first_due_date <= date:
            problems.append(
                self.env._("the first new installment must be due after the rescheduling date")
            )
        return problems

    def _propose_reschedule(self, term_months, grace_periods, first_due_date, reason, date=None):
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        self._check_can_reschedule(date, first_due_date)
        return self.env["promujer.loan.proposal"]._propose(
            {
                "kind": "reschedule",
                "loan_ids": self.ids,
                "date": date,
                "reason": reason,
                "term_months": term_months,
                "grace_periods": grace_periods,
                "first_due_date": first_due_date,
            }
        )

    def _do_reschedule(self, term_months, grace_periods, first_due_date, reason, date):
        """Close the unpaid installments at what was paid on them and spread the principal
        still owed over a new schedule; the loan counts as rescheduled for PAR (called by
        the approval of a proposal, after its checks)."""
        self.ensure_one()
        outstanding = self.principal_outstanding
        unpaid = self.installment_ids.filtered(lambda i: i.state != "paid")
        for line in unpaid:
            line._promujer_write(
                {
                    "principal_due": line.principal_paid,
                    "interest_due": line.interest_paid,
                    "penalty_due": line.penalty_paid,
                    "rescheduled": True,
                }
            )
        product = self.product_id
        lines = schedule.build_schedule(
            amount=outstanding,
            term_months=term_months,
            frequency=self.cycle_id.frequency,
            method=product.interest_method,
            monthly_rate=product.interest_rate,
            first_due_date=first_due_date,
            digits=self.currency_id.decimal_places,
            grace_periods=grace_periods,
        )
        offset = max(self.installment_ids.mapped("sequence"), default=0)
        self.env["promujer.loan.installment"]._promujer_create(
            [
                {
                    "loan_id": self.id,
                    "sequence": offset + line.sequence,
                    "due_date": line.due_date,
                    "principal_due": float(line.principal),
                    "interest_due": float(line.interest),
                }
                for line in lines
            ]
        )
        self._promujer_write(
            {
                "state": "rescheduled",
                "reschedule_count": self.reschedule_count + 1,
                "rescheduled_date": date,
            }
        )
        self._promujer_post(
            self.env._(
                "Rescheduled %(amount)s over %(count)s installments from %(date)s: %(reason)s",
                amount=self.currency_id.format(outstanding),
                count=len(lines),
                date=first_due_date,
                reason=reason,
            )
        )
