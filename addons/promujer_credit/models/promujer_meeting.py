# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, LazyTranslate

from ..tools import money, posting
from .promujer_fields import reference_field
from .res_company import entry_line

_lt = LazyTranslate(__name__)


class PromujerMeeting(models.Model):
    """A repayment meeting of an association: the collection sheet of one date.

    Posting it creates one balanced entry for the whole meeting: what the women paid and
    saved, and what their solidarity group or association covered for them."""

    _name = "promujer.meeting"
    _description = "Repayment meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.posted.mixin"]
    _promujer_kept_text = _lt(
        "Posted meetings are cancelled (their entry reversed), never deleted."
    )
    _order = "date desc, id desc"
    _check_company_auto = True
    # The refusal to users outside the action's groups, and the title of the problems.
    _promujer_action_texts = {
        "post": (
            _lt("Only credit staff and accountants post meetings."),
            _lt("These meetings cannot be posted:"),
        ),
        "cancel": (
            _lt("Only a branch manager or an accountant cancels a posted meeting."),
            _lt("These meetings cannot be cancelled:"),
        ),
    }
    _promujer_protected_fields = (
        "name",
        "state",
        "move_id",
        "amount_due",
        "amount_paid",
        "amount_covered",
        "amount_saved",
        "attendance_count",
    )

    name = fields.Char(compute="_compute_name", store=True)
    # No check_company: the meeting's branch is its association's (a check on the
    # empty branch of a new meeting would find no association to choose).
    association_id = reference_field(
        "promujer.association", tracking=True, domain="[('cycle_ids.state', '=', 'disbursed')]"
    )
    cycle_id = reference_field(
        "promujer.loan.cycle",
        check_company=True,
        domain="[('association_id', '=', association_id), ('state', '=', 'disbursed')]",
    )
    company_id = fields.Many2one(
        related="association_id.company_id", store=True, index=True, string="Focal Center"
    )
    officer_id = fields.Many2one(related="association_id.officer_id", store=True)
    currency_id = fields.Many2one(related="cycle_id.currency_id", store=True)
    journal_id = fields.Many2one(related="cycle_id.product_id.journal_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many("promujer.meeting.line", "meeting_id", string="Members", copy=False)
    amount_due = fields.Monetary(compute="_compute_totals", store=True, string="Due")
    amount_paid = fields.Monetary(compute="_compute_totals", store=True, string="Paid")
    amount_covered = fields.Monetary(compute="_compute_totals", store=True, string="Covered")
    amount_saved = fields.Monetary(compute="_compute_totals", store=True, string="Saved")
    attendance_count = fields.Integer(compute="_compute_totals", store=True)
    note = fields.Text()

    @api.depends("association_id.name", "date")
    def _compute_name(self):
        for meeting in self:
            meeting.name = f"{meeting.association_id.name or ''} {meeting.date or ''}".strip()

    @api.depends(
        "line_ids.amount_due",
        "line_ids.amount_paid",
        "line_ids.covered_by_group",
        "line_ids.covered_by_association",
        "line_ids.savings_deposit",
        "line_ids.voluntary_deposit",
        "line_ids.attended",
    )
    def _compute_totals(self):
        for meeting in self:
            lines = meeting.line_ids
            meeting.amount_due = sum(lines.mapped("amount_due"))
            meeting.amount_paid = sum(lines.mapped("amount_paid"))
            meeting.amount_covered = sum(lines.mapped("covered_by_group")) + sum(
                lines.mapped("covered_by_association")
            )
            meeting.amount_saved = sum(lines.mapped("savings_deposit")) + sum(
                lines.mapped("voluntary_deposit")
            )
            meeting.attendance_count = len(lines.filtered("attended"))

    # ------------------------------------------------------------------ onchange

    @api.onchange("association_id")
    def _onchange_association_id(self):
        """The association's disbursed cycle is the one repaid."""
        if self.association_id and self.cycle_id.association_id != self.association_id:
            self.cycle_id = self.association_id.cycle_ids.filtered(
                lambda c: c.state == "disbursed"
            ).sorted("id")[-1:]

    @api.onchange("association_id", "date")
    def _onchange_duplicate_warning(self):
        """A second draft sheet of the same association and day is usually a mistake."""
        if not (self.association_id and self.date):
            return None
        twin = self.search(
            [
                ("association_id", "=", self.association_id.id),
                ("date", "=", self.date),
                ("state", "=", "draft"),
                ("id", "!=", self._origin.id or 0),
            ],
            limit=1,
        )
        if twin:
            return {
                "warning": {
                    "title": self.env._("Another collection sheet"),
                    "message": self.env._(
                        "%(meeting)s is already a draft collection sheet of this association "
                        "for this day: post or delete it rather than keep two.",
                        meeting=twin.name,
                    ),
                }
            }
        return None

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings.filtered(lambda m: not m.line_ids)._create_lines()
        return meetings

    def _create_lines(self):
        """One line per member of the association, with her loan in the meeting's cycle."""
        vals_list = []
        for meeting in self:
            loans = meeting.cycle_id.loan_ids.filtered(
                lambda loan: loan.state in ("active", "rescheduled")
            )
            by_partner = {loan.partner_id: loan for loan in loans}
            for partner in (meeting.association_id.member_ids | loans.partner_id).sorted("name"):
                loan = by_partner.get(partner, self.env["promujer.loan"])
                vals_list.append(
                    {"meeting_id": meeting.id, "partner_id": partner.id, "loan_id": loan.id}
                )
        lines = self.env["promujer.meeting.line"].create(vals_list)
        lines._set_default_payments()
        return lines

    def _promujer_frozen_in(self, vals):
        """Posted or cancelled, a meeting changes only its note (and its actions their
        state and entry)."""
        return set(vals) - {"note", "state", "move_id", "message_main_attachment_id"}

    # ------------------------------------------------------------------ post

    def action_post(self):
        """Post the meeting: one entry, allocations to installments, savings, covers."""
        return self._promujer_run("post")

    def _promujer_lock(self, verb):
        """Lock the meetings' rows so that two clerks cannot post or cancel the same
        meeting at once."""
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM promujer_meeting WHERE id IN %s FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "Someone else is posting or cancelling this meeting right now. "
                    "Reload it in a moment."
                )
            ) from None
        # What another clerk committed before we locked must be seen.
        self.invalidate_recordset(["state", "move_id"])

    def _get_post_problems(self):
        self.ensure_one()
        problems = []
        if self.cycle_id.state != "disbursed":
            problems.append(self.env._("its loan cycle is not disbursed"))
        if self.cycle_id.association_id != self.association_id:
            problems.append(self.env._("its loan cycle is not one of the association's"))
        product = self.cycle_id.product_id
        missing = product._get_missing_configuration()
        if missing:
            problems.append(
                self.env._("product %(p)s has no %(m)s", p=product.name, m=", ".join(missing))
            )
        problems += self.company_id._promujer_entry_problems(
            self.date, product.journal_id, self.currency_id
        )
        ceiling = self.company_id._promujer_voluntary_ceiling(self.currency_id, self.date)
        for line in self.line_ids:
            problems += line._get_amount_problems(ceiling)
        return problems

    def _do_post(self):
        for meeting in self:
            meeting._post_one()

    def _post_one(self):
        self.ensure_one()
        plan = self._plan_payments()
        if plan.covers_from_savings:
            self.env["promujer.savings.account"]._check_withdrawals(
                self._cover_withdrawals(plan), keep_minimum=False
            )
        # Loan officers post their meetings without being accountants.
        move = self._promujer_create_entries([self._prepare_move_vals(plan)])
        self._apply_plan(plan, move)
        self._promujer_write({"state": "posted", "move_id": move.id})
        self._promujer_post(
            self.env._(
                "Meeting posted: %(paid)s paid, %(covered)s covered, %(saved)s saved (entry "
                "%(move)s).",
                paid=self.currency_id.format(self.amount_paid),
                covered=self.currency_id.format(self.amount_covered),
                saved=self.currency_id.format(self.amount_saved),
                move=move.name,
            )
        )

    # ------------------------------------------------------------------ posting plan

    def _plan_payments(self):
        """The posting plan (tools/posting.py) of the collection sheet: decided, without
        writing anything, from the lines and the institution's settings. Its keys are the
        records themselves (lines, women, installments)."""
        root = self.company_id._promujer_settings()
        return posting.plan_meeting(
            [line._member_payment() for line in self.line_ids],
            order=tuple(root.promujer_allocation_order.split(",")),
            per_installment=root.promujer_allocation_per_installment,
            prepay=root.promujer_overpayment == "prepay",
            covers_from_savings=root.promujer_cover_source == "savings",
            digits=self.currency_id.decimal_places,
        )

    def _savings_key(self, partner, kind):
        return (partner, self.association_id, kind, self.currency_id)

    def _cover_withdrawals(self, plan):
        """{savings account: amount} the covers of `plan` withdraw."""
        withdrawals = plan.cover_withdrawals()
        accounts = self.env["promujer.savings.account"]._get_accounts(
            self._savings_key(coverer, "compulsory") for coverer in withdrawals
        )
        return {
            accounts[self._savings_key(coverer, "compulsory")]: float(amount)
            for coverer, amount in withdrawals.items()
        }

    def _prepare_move_vals(self, plan):
        product = self.cycle_id.product_id
        currency = self.currency_id
        totals = defaultdict(lambda: money.quantize(0, currency.decimal_places))
        # The portfolio and the savings are owed per woman and keep her as partner (her
        # Partner Ledger); interest and penalties are the institution's income, one line
        # each for the meeting (the installments keep who paid what).
        nobody = self.env["res.partner"]
        for line, alloc in plan.allocations:
            totals[(product.portfolio_account_id, line.partner_id)] -= alloc.principal
            totals[(product.interest_income_account_id, nobody)] -= alloc.interest
            totals[(product.penalty_income_account_id, nobody)] -= alloc.penalty
        for (partner, _kind), amount in plan.savings.items():
            totals[(product.savings_account_id, partner)] -= amount
        if plan.covers_from_savings:
            for cover in plan.covers:
                totals[(product.savings_account_id, cover.coverer)] += cover.amount
        labels = {
            product.portfolio_account_id: self.env._("Repayment"),
            product.interest_income_account_id: self.env._("Interest"),
            product.penalty_income_account_id: self.env._("Penalty"),
            product.savings_account_id: self.env._("Savings"),
        }
        lines = [
            entry_line(account, partner, amount, f"{labels[account]}: {self.name}")
            for (account, partner), amount in totals.items()
            if amount
        ]
        return self.company_id._promujer_entry_vals(
            product.journal_id,
            self.date,
            self.env._("Repayment meeting %(meeting)s", meeting=self.name),
            currency,
            lines,
            {
                "account_id": product.journal_id.default_account_id.id,
                "name": self.env._("Collected at %(meeting)s", meeting=self.name),
            },
            origin=self,
        )

    def _apply_plan(self, plan, move):
        """Write what the plan decided: installments, allocations, savings, covers."""
        self._write_installments(plan)
        self.env["promujer.meeting.allocation"]._promujer_create(
            [
                {
                    "line_id": line.id,
                    "installment_id": alloc.key.id,
                    "principal": float(alloc.principal),
                    "interest": float(alloc.interest),
                    "penalty": float(alloc.penalty),
                }
                for line, alloc in plan.allocations
            ]
        )
        # Records a posting creates in bulk: the meeting's chatter logs the posting, they
        # need no "created" message of their own.
        quiet = {"mail_create_nolog": True, "tracking_disable": True}
        self.env["promujer.savings.transaction"].with_context(**quiet)._promujer_create(
            self._savings_transaction_vals(plan, move)
        )
        self.env["promujer.joint.liability"].with_context(**quiet)._promujer_create(
            [
                {
                    "meeting_id": self.id,
                    "line_id": cover.line.id,
                    "debtor_id": cover.debtor.id,
                    "creditor_id": cover.coverer.id,
                    "amount": float(cover.amount),
                    "cover_kind": cover.kind,
                    "source": "savings" if plan.covers_from_savings else "cash",
                }
                for cover in plan.covers
            ]
        )
        loans = self.line_ids.loan_id
        loans.filtered(lambda loan: loan._is_repaid())._promujer_write({"state": "paid"})

    def _write_installments(self, plan):
        """Installments that end with the same amounts paid are written together: a flat
        schedule repeats its amounts, so a meeting makes a few writes, not one per
        installment."""
        same = defaultdict(lambda: self.env["promujer.loan.installment"])
        for installment, (principal, interest, penalty) in plan.paid_per_installment().items():
            key = (
                installment.principal_paid + float(principal),
                installment.interest_paid + float(interest),
                installment.penalty_paid + float(penalty),
            )
            same[key] |= installment
        for (principal, interest, penalty), installments in same.items():
            installments._promujer_write(
                {"principal_paid": principal, "interest_paid": interest, "penalty_paid": penalty}
            )

    def _savings_transaction_vals(self, plan, move):
        """The deposits of the plan, and the withdrawals of covers paid from savings."""
        keys = [self._savings_key(partner, kind) for partner, kind in plan.savings]
        if plan.covers_from_savings:
            keys += [self._savings_key(cover.coverer, "compulsory") for cover in plan.covers]
        accounts = self.env["promujer.savings.account"]._get_accounts(keys)
        common = {"date": self.date, "meeting_id": self.id, "move_id": move.id, "state": "posted"}
        transactions = [
            {
                **common,
                "account_id": accounts[self._savings_key(partner, kind)].id,
                "kind": "deposit",
                "amount": float(amount),
            }
            for (partner, kind), amount in plan.savings.items()
        ]
        if plan.covers_from_savings:
            transactions += [
                {
                    **common,
                    "account_id": accounts[self._savings_key(cover.coverer, "compulsory")].id,
                    "kind": "cover",
                    "amount": -float(cover.amount),
                    "note": self.env._("Covered %(woman)s", woman=cover.debtor.name),
                }
                for cover in plan.covers
            ]
        return transactions

    # ------------------------------------------------------------------ cancel

    def action_cancel(self):
        """Cancel posted meetings: reverse the entry, restore installments and savings."""
        return self._promujer_run("cancel")

    def _check_can_cancel(self):
        self._promujer_check_action("cancel")
        # Taking back the deposits of the meeting is a withdrawal: the same rules apply.
        taken_back = defaultdict(float)
        for transaction in self._posted_transactions():
            taken_back[transaction.account_id] += transaction.amount
        self.env["promujer.savings.account"]._check_withdrawals(
            {account: amount for account, amount in taken_back.items() if amount > 0},
            keep_minimum=False,
        )

    def _get_cancel_problems(self):
        self.ensure_one()
        problems = []
        locked = self.company_id._promujer_lock_date_problem(self.date, self.journal_id)
        if locked:
            problems.append(self.env._("it is in a closed period: %(p)s", p=locked))
        tampered = self._promujer_entry_problem(self.move_id)
        if tampered or not self.move_id:
            problems.append(tampered or self.env._("it has no journal entry"))
        return problems

    def _posted_transactions(self):
        return self.env["promujer.savings.transaction"].search(
            [("meeting_id", "in", self.ids), ("state", "=", "posted")]
        )

    def _do_cancel(self):
        for meeting in self:
            meeting._promujer_reverse_entries(meeting.move_id)
        allocations = self.env["promujer.meeting.allocation"].search(
            [("line_id.meeting_id", "in", self.ids)]
        )
        restored = defaultdict(lambda: [0.0, 0.0, 0.0])
        for alloc in allocations:
            restored[alloc.installment_id][0] += alloc.principal
            restored[alloc.installment_id][1] += alloc.interest
            restored[alloc.installment_id][2] += alloc.penalty
        for installment, (principal, interest, penalty) in restored.items():
            currency = installment.currency_id
            installment._promujer_write(
                {
                    "principal_paid": currency.round(installment.principal_paid - principal),
                    "interest_paid": currency.round(installment.interest_paid - interest),
                    "penalty_paid": currency.round(installment.penalty_paid - penalty),
                }
            )
        self._posted_transactions()._promujer_write({"state": "cancelled"})
        self.env["promujer.joint.liability"].search(
            [("meeting_id", "in", self.ids)]
        )._promujer_write({"state": "cancelled"})
        for loan in self.line_ids.loan_id.filtered(
            lambda loan: loan.state == "paid" and not loan._is_repaid()
        ):
            loan._promujer_write({"state": "rescheduled" if loan.reschedule_count else "active"})
        self._promujer_write({"state": "cancelled"})
        self._promujer_post(self.env._("Meeting cancelled: its entry was reversed."))

    def action_view_move(self):
        self.ensure_one()
        return self.move_id._promujer_open_action()
