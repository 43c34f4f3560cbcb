# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import fields, models

from ..tools import reschedule, schedule
from .promujer_loan import OUTSTANDING_STATES
from .res_company import entry_line

# The memorandum accounts of forgiven interest and penalties: (setting, chart xmlid).
FORGIVEN_ACCOUNTS = {
    "interest": ("promujer_forgiven_interest_account_id", "promujer_account_forgiven_interest"),
    "penalty": ("promujer_forgiven_penalty_account_id", "promujer_account_forgiven_penalty"),
    "contra": ("promujer_forgiven_contra_account_id", "promujer_account_forgiven_contra"),
}


class PromujerLoan(models.Model):
    """Write-off and rescheduling of a loan: proposed by a branch manager, approved by a
    credit administrator (four eyes, `promujer.loan.proposal`)."""

    _inherit = "promujer.loan"
    _promujer_action_states = {"write_off": OUTSTANDING_STATES, "reschedule": OUTSTANDING_STATES}

    # ------------------------------------------------------------------ write-off

    def action_write_off(self):
        """Open the wizard where a branch manager proposes to write the loans off; a
        credit administrator approves the proposal (four eyes)."""
        self._check_can_write_off(fields.Date.context_today(self))
        return self._promujer_wizard_action(
            "promujer.loan.write.off", self.env._("Propose a write-off"), loan_ids=self.ids
        )

    def _check_can_write_off(self, date):
        self._promujer_check_branch_manager(self.env._("write off"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be written off:"), "write_off", date
        )

    def _get_write_off_problems(self, date):
        self.ensure_one()
        threshold = self.company_id._promujer_settings().promujer_writeoff_min_days
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
        moves = self._promujer_create_entries(
            [loan.sudo()._prepare_write_off_vals(date) for loan in self]
        )
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
                entry_line(
                    self.product_id.portfolio_account_id,
                    self.partner_id,
                    -self.principal_outstanding,
                    label,
                )
            ],
            {"account_id": allowance.id, "name": label},
            origin=self,
        )

    # ------------------------------------------------------------------ rescheduling

    def action_reschedule(self):
        self.ensure_one()
        self._promujer_check_branch_manager(self.env._("reschedule"))
        return self._promujer_wizard_action(
            "promujer.loan.reschedule", self.env._("Propose a rescheduling"), loan_id=self.id
        )

    def _check_can_reschedule(
        self, date, first_due_date, owed_treatment="carry", write_off_reason=False
    ):
        self._promujer_check_branch_manager(self.env._("reschedule"))
        self.check_access("read")
        self._promujer_raise_problems(
            self.env._("These loans cannot be rescheduled:"),
            "reschedule",
            date,
            first_due_date,
            owed_treatment,
            write_off_reason,
        )

    def _get_reschedule_problems(self, date, first_due_date, owed_treatment, write_off_reason):
        self.ensure_one()
        problems = []
        if self.currency_id.is_zero(self.principal_outstanding):
            problems.append(self.env._("nothing is left to reschedule"))
        if not date or not first_due_date or first_due_date <= date:
            problems.append(
                self.env._("the first new installment must be due after the rescheduling date")
            )
            return problems
        if owed_treatment not in reschedule.TREATMENTS:
            problems.append(
                self.env._(
                    "choose whether the interest and penalties owed are carried or written off"
                )
            )
        elif owed_treatment == "write_off":
            if not (write_off_reason or "").strip():
                problems.append(
                    self.env._("writing off the interest and penalties owed needs a reason")
                )
            if self._reschedule_owed(date).total:
                company = self.company_id
                problems += company._promujer_entry_problems(
                    date, company._promujer_general_journal(), self.currency_id
                )
                problems += self._forgiven_account_problems()
        return problems

    def _forgiven_account_problems(self):
        company = self.company_id
        accounts = [company._promujer_account(*pair) for pair in FORGIVEN_ACCOUNTS.values()]
        if all(account and account.account_type == "off_balance" for account in accounts):
            return []
        return [
            self.env._(
                "the memorandum (off-balance) accounts of forgiven interest and penalties are "
                "not configured; set them in the settings of the institution"
            )
        ]

    def _reschedule_owed(self, date):
        """The interest and penalties the woman owes on `date` (tools/reschedule.py)."""
        self.ensure_one()
        return reschedule.owed(
            [
                (i.due_date, i.interest_due, i.interest_paid, i.penalty_due, i.penalty_paid)
                for i in self.installment_ids
                if not i.rescheduled
            ],
            date,
            self.currency_id.decimal_places,
        )

    def _reschedule_plan(self, term_months, grace_periods, first_due_date, date, owed_treatment):
        """What a rescheduling would do, without writing: the owed interest and penalties,
        and the new installments (with what they carry when `owed_treatment` is carry)."""
        self.ensure_one()
        owed = self._reschedule_owed(date)
        product = self.product_id
        lines = schedule.build_schedule(
            amount=self.principal_outstanding,
            term_months=term_months,
            frequency=self.cycle_id.frequency,
            method=product.interest_method,
            monthly_rate=product.interest_rate,
            first_due_date=first_due_date,
            digits=self.currency_id.decimal_places,
            grace_periods=grace_periods,
        )
        carried = owed if owed_treatment == "carry" else reschedule.Owed(Decimal(0), Decimal(0))
        return {
            "owed": owed,
            "carried": carried,
            "written_off": reschedule.Owed(
                owed.interest - carried.interest, owed.penalty - carried.penalty
            ),
            "lines": reschedule.carry(lines, carried, self.currency_id.decimal_places),
        }

    def _propose_reschedule(
        self,
        term_months,
        grace_periods,
        first_due_date,
        reason,
        date,
        owed_treatment,
        write_off_reason=False,
    ):
        self.ensure_one()
        self._check_can_reschedule(date, first_due_date, owed_treatment, write_off_reason)
        owed = self._reschedule_owed(date)
        return self.env["promujer.loan.proposal"]._propose(
            {
                "kind": "reschedule",
                "loan_ids": self.ids,
                "date": date,
                "reason": reason,
                "term_months": term_months,
                "grace_periods": grace_periods,
                "first_due_date": first_due_date,
                "owed_treatment": owed_treatment,
                "write_off_reason": write_off_reason or False,
                "interest_owed": float(owed.interest),
                "penalty_owed": float(owed.penalty),
            }
        )

    def _do_reschedule(self, proposal):
        """Close the unpaid installments at what was paid on them and spread the principal
        still owed over a new schedule, on the terms of `proposal`; the interest and
        penalties owed are carried into it or written off in the memorandum accounts. The
        loan counts as rescheduled for PAR (called by the approval of the proposal, after
        its checks). Returns the owed amounts and the write-off entry, if any."""
        self.ensure_one()
        date, first_due_date = proposal.date, proposal.first_due_date
        owed_treatment = proposal.owed_treatment
        outstanding = self.principal_outstanding
        plan = self._reschedule_plan(
            proposal.term_months, proposal.grace_periods, first_due_date, date, owed_treatment
        )
        move = self.env["account.move"]
        written_off = plan["written_off"]
        if written_off.total:
            move = self._promujer_create_entries(
                [self.sudo()._prepare_forgiven_vals(date, written_off, proposal)]
            )
        lines = plan["lines"]
        self._replace_unpaid_installments(lines)
        self._promujer_write(
            {
                "state": "rescheduled",
                "reschedule_count": self.reschedule_count + 1,
                "rescheduled_date": date,
            }
        )
        owed = plan["owed"]
        self._post_rescheduled(proposal, outstanding, len(lines), owed)
        return {"owed": owed, "written_off": written_off, "move": move}

    def _replace_unpaid_installments(self, lines):
        """Close the unpaid installments at what was paid on them; the new schedule
        `lines` (of `_reschedule_plan`) follows them."""
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
        offset = max(self.installment_ids.mapped("sequence"), default=0)
        self.env["promujer.loan.installment"]._promujer_create(
            [
                {
                    "loan_id": self.id,
                    "sequence": offset + line.installment.sequence,
                    "due_date": line.installment.due_date,
                    "principal_due": float(line.installment.principal),
                    "interest_due": float(line.interest),
                    "interest_carried": float(line.interest_carried),
                    "penalty_due": float(line.penalty_carried),
                    "penalty_carried": float(line.penalty_carried),
                }
                for line in lines
            ]
        )

    def _post_rescheduled(self, proposal, outstanding, count, owed):
        """The chatter line of a rescheduling: what was spread, from when, and what became
        of the interest and penalties owed."""
        currency = self.currency_id
        owed_note = self.env._(
            "interest %(interest)s and penalties %(penalty)s owed: %(treatment)s",
            interest=currency.format(float(owed.interest)),
            penalty=currency.format(float(owed.penalty)),
            treatment=proposal._promujer_labels("owed_treatment")[proposal.owed_treatment],
        )
        if proposal.owed_treatment == "write_off":
            owed_note += f" ({proposal.write_off_reason})"
        self._promujer_post(
            self.env._(
                "Rescheduled %(amount)s over %(count)s installments from %(date)s; %(owed)s: "
                "%(reason)s",
                amount=currency.format(outstanding),
                count=count,
                date=self._promujer_date(proposal.first_due_date),
                owed=owed_note,
                reason=proposal.reason,
            )
        )

    def _prepare_forgiven_vals(self, date, written_off, origin):
        """The memorandum entry of the interest and penalties written off: never income
        (cash basis), so off the balance sheet (docs/accounting.md)."""
        self.ensure_one()
        company = self.company_id
        interest, penalty, contra = (
            company._promujer_account(*FORGIVEN_ACCOUNTS[key])
            for key in ("interest", "penalty", "contra")
        )
        label = self.env._(
            "Interest and penalties forgiven on rescheduling %(loan)s", loan=self.name
        )
        partner = self.partner_id
        return company._promujer_entry_vals(
            company._promujer_general_journal(),
            date,
            label,
            self.currency_id,
            [
                entry_line(interest, partner, written_off.interest, label),
                entry_line(penalty, partner, written_off.penalty, label),
            ],
            {"account_id": contra.id, "partner_id": partner.id, "name": label},
            origin=origin,
        )
