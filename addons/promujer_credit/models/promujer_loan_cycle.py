# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..tools import schedule
from .promujer_fields import entry_field, reference_field, state_field

CYCLE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("disbursed", "Disbursed"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "submitted", "approved")

_lt = LazyTranslate(__name__)

# The actions that only move cycles from state to state (the workflow mixin checks them):
# the states each starts from, the state it leads to, its name.
TRANSITIONS = {
    "cancel": (OPEN_STATES, "cancelled", _lt("Cancelling the loan cycle")),
    "draft": (("rejected", "cancelled"), "draft", _lt("Going back to draft")),
    "close": (("disbursed",), "closed", _lt("Closing the loan cycle")),
}

# What the credit committee proposed cannot change once the cycle is submitted.
FROZEN_FIELDS = {
    "association_id",
    "product_id",
    "term_months",
    "frequency",
    "loan_ids",
    "committee_date",
    "committee_member_ids",
    "committee_note",
}
# What the disbursement entry and the schedules were built from.
DISBURSED_FROZEN_FIELDS = {"disbursement_date", "first_due_date"}


class PromujerLoanCycle(models.Model):
    """One loan cycle of an association: the member loans its credit committee proposed,
    approved by the branch manager, disbursed by an accountant in one journal entry."""

    _name = "promujer.loan.cycle"
    _description = "Loan cycle"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _promujer_protected_fields = (
        "name",
        "state",
        "cycle_number",
        "submitted_by_id",
        "submitted_date",
        "approved_by_id",
        "approved_date",
        "rejection_reason",
        "disbursement_move_id",
        "loan_count",
        "amount_total",
    )
    _promujer_deletable_states = ("draft", "cancelled")
    _promujer_kept_text = _lt("Only draft or cancelled loan cycles can be deleted: %(records)s.")
    _promujer_action_states = {
        "submit": ("draft",),
        "approve": ("submitted",),
        "reject": ("submitted", "approved"),
    }
    _promujer_transitions = TRANSITIONS
    # Credit staff of the cycles' branches submit, cancel, reset and close them; the
    # accountants disburse them (promujer_loan_cycle_disbursement.py).
    _promujer_action_groups = {
        **dict.fromkeys(("submit", *TRANSITIONS), ("promujer_credit.group_loan_officer",)),
        "disburse": ("account.group_account_invoice",),
    }
    _promujer_groups_refusal = _lt("Only credit staff cancel, reset or close loan cycles.")
    _promujer_action_texts = {
        "submit": (
            _lt("Only loan officers submit loan cycles."),
            _lt("These loan cycles cannot be submitted:"),
        ),
        "disburse": (
            _lt("Only accountants disburse loan cycles."),
            _lt("These loan cycles cannot be disbursed:"),
        ),
    }

    name = fields.Char(readonly=True, copy=False, default="/")
    # No check_company: the cycle's branch is its association's (a check on the empty
    # branch of a new cycle would find no association to choose).
    association_id = reference_field(
        "promujer.association",
        tracking=True,
        domain="[('state', 'in', ('active', 'consolidated'))]",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Focal Center",
        compute="_compute_company_id",
        store=True,
        index=True,
        precompute=True,
    )
    region_id = fields.Many2one(related="company_id.promujer_region_id", store=True)
    officer_id = fields.Many2one(
        related="association_id.officer_id", store=True, string="Loan officer"
    )
    product_id = fields.Many2one(
        "promujer.loan.product", required=True, tracking=True, check_company=True
    )
    currency_id = fields.Many2one(related="product_id.currency_id", store=True)
    cycle_number = fields.Integer(readonly=True, copy=False, help="The association's Nth cycle.")
    term_months = fields.Integer("Term (months)", required=True, default=4, tracking=True)
    frequency = fields.Selection(
        [("weekly", "Weekly"), ("biweekly", "Bi-weekly")],
        compute="_compute_frequency",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    disbursement_date = fields.Date(tracking=True, copy=False)
    first_due_date = fields.Date(
        compute="_compute_first_due_date", store=True, readonly=False, copy=False
    )
    loan_ids = fields.One2many("promujer.loan", "cycle_id", string="Member loans", copy=True)
    loan_count = fields.Integer(compute="_compute_totals", store=True)
    amount_total = fields.Monetary(compute="_compute_totals", store=True, string="Total lent")

    committee_date = fields.Date("Credit committee date", tracking=True)
    committee_member_ids = fields.Many2many(
        "res.partner",
        "promujer_loan_cycle_committee_rel",
        "cycle_id",
        "partner_id",
        string="Members present",
        domain="[('id', 'in', allowed_partner_ids)]",
    )
    allowed_partner_ids = fields.Many2many(related="association_id.member_ids")
    committee_note = fields.Text("Committee decision")

    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    submitted_date = fields.Date(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Date(readonly=True, copy=False)
    rejection_reason = fields.Text(readonly=True, copy=False, tracking=True)
    meeting_ids = fields.One2many("promujer.meeting", "cycle_id", string="Meetings")
    disbursement_move_id = entry_field("Disbursement entry")
    state = state_field(CYCLE_STATES)
    can_approve = fields.Boolean(compute="_compute_can_approve")
    cannot_approve_reason = fields.Char(compute="_compute_can_approve")
    entry_warning = fields.Text(
        compute="_compute_entry_warning",
        help="What keeps this proposal from being submitted, checked as it is typed.",
    )

    # ------------------------------------------------------------------ computes

    @api.depends("association_id")
    def _compute_company_id(self):
        for cycle in self:
            cycle.company_id = cycle.association_id.company_id or cycle.company_id

    @api.depends("association_id")
    def _compute_frequency(self):
        for cycle in self:
            if cycle.state == "draft" or not cycle.frequency:
                cycle.frequency = cycle.association_id.repayment_frequency or "weekly"

    @api.depends("disbursement_date", "frequency")
    def _compute_first_due_date(self):
        for cycle in self:
            if cycle.disbursement_date and cycle.frequency:
                days = schedule.FREQUENCY_DAYS[cycle.frequency]
                cycle.first_due_date = cycle.disbursement_date + timedelta(days=days)

    @api.depends("loan_ids.amount")
    def _compute_totals(self):
        for cycle in self:
            cycle.loan_count = len(cycle.loan_ids)
            cycle.amount_total = sum(cycle.loan_ids.mapped("amount"))

    @api.depends_context("uid")
    @api.depends("company_id", "state", "submitted_by_id")
    def _compute_can_approve(self):
        for cycle in self:
            reason = cycle._decision_refusal()
            cycle.can_approve = not reason
            cycle.cannot_approve_reason = reason

    def _decision_refusal(self):
        """Why the current user may not approve or reject this cycle (False if she may):
        the branch manager of its branch or a credit administrator, never the person
        who submitted it (four eyes, whatever her groups)."""
        return self._promujer_decider_refusal(
            "promujer_credit.group_branch_manager",
            self.env._(
                "%(cycle)s: only a branch manager or a credit administrator can approve or "
                "reject a loan cycle.",
                cycle=self.name,
            ),
            self.submitted_by_id,
            self.env._(
                "%(cycle)s: you submitted it; another person approves or rejects it (four eyes).",
                cycle=self.name,
            ),
        )

    @api.depends(
        "state",
        "association_id",
        "product_id",
        "term_months",
        "loan_ids.partner_id",
        "loan_ids.amount",
    )
    def _compute_entry_warning(self):
        for cycle in self:
            problems = []
            if cycle.state == "draft" and cycle.association_id and cycle.product_id:
                problems = cycle._get_entry_problems()
            cycle.entry_warning = "\n".join(f"- {p}" for p in problems) or False

    # ------------------------------------------------------------------ onchange

    @api.onchange("association_id")
    def _onchange_association_id(self):
        """One line per member, grouped by solidarity group, with what she borrowed last
        (or the ladder's first step), for the officer to type what the committee
        proposed; the committee members present are the association's committee."""
        if self.state != "draft" or not self.association_id:
            return
        association = self.association_id
        if not self.product_id:
            self.product_id = (
                association.cycle_ids.filtered(lambda c: c.state in ("disbursed", "closed"))
                .sorted("id")[-1:]
                .product_id
            )
        if not self.committee_member_ids:
            self.committee_member_ids = association.committee_member_ids
        if not self.committee_date:
            self.committee_date = fields.Date.context_today(self)
        members = (association.member_ids - self.loan_ids.partner_id).sorted(
            lambda p: (p.promujer_group_id.name or "", p.name or "")
        )
        amounts = self.env["promujer.loan"]._default_amounts(members, self.product_id)
        self.loan_ids = [
            Command.create({"partner_id": p.id, "amount": amounts[p]}) for p in members
        ]

    @api.onchange("product_id")
    def _onchange_product_id(self):
        """The product chosen, the amounts not typed yet follow its ladder."""
        if self.state != "draft" or not self.product_id:
            return
        empty = self.loan_ids.filtered(lambda loan: not loan.amount)
        amounts = self.env["promujer.loan"]._default_amounts(empty.partner_id, self.product_id)
        for loan in empty:
            loan.amount = amounts.get(loan.partner_id, 0.0)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        cycles = super().create(vals_list)
        for cycle in cycles:
            cycle._assign_number()
        return cycles

    def _assign_number(self):
        self.ensure_one()
        previous = self.search(
            [
                ("association_id", "=", self.association_id.id),
                ("id", "!=", self.id),
                ("state", "not in", ("rejected", "cancelled")),
            ]
        )
        number = max(previous.mapped("cycle_number"), default=0) + 1
        self._promujer_write(
            {"cycle_number": number, "name": f"{self.association_id.code}/C{number}"}
        )

    def _promujer_frozen_in(self, vals):
        return set(vals) & (FROZEN_FIELDS | DISBURSED_FROZEN_FIELDS)

    def _promujer_frozen(self, vals):
        """Past draft, what the credit committee proposed; once the disbursement is
        booked, its dates too."""
        proposal = bool(FROZEN_FIELDS & set(vals))
        dates = bool(DISBURSED_FROZEN_FIELDS & set(vals))
        return self.filtered(
            lambda c: (
                (proposal and c.state != "draft") or (dates and c.state in ("disbursed", "closed"))
            )
        )

    def write(self, vals):
        if "association_id" in vals:
            # A cycle moved to another association takes its number there.
            res = super().write(vals)
            for cycle in self:
                cycle._assign_number()
            return res
        return super().write(vals)

    # ------------------------------------------------------------------ submit

    def action_submit(self):
        """The loan officer records the credit committee's proposal and submits it."""
        return self._promujer_run("submit")

    def _borrowing_loans(self):
        return self.loan_ids.filtered(lambda loan: not loan.currency_id.is_zero(loan.amount))

    def _get_submit_problems(self):
        self.ensure_one()
        problems = self._get_entry_problems()
        if not self.committee_date:
            problems.append(self.env._("record the credit committee's date"))
        if not self.committee_member_ids:
            problems.append(self.env._("record the members present at the credit committee"))
        others = self.search(
            [
                ("association_id", "=", self.association_id.id),
                ("id", "!=", self.id),
                ("state", "in", ("submitted", "approved")),
            ]
        )
        if others:
            problems.append(
                self.env._(
                    "cycle %(other)s of this association is still waiting for approval "
                    "or disbursement",
                    other=others[0].name,
                )
            )
        return problems

    def _get_entry_problems(self):
        """The rules that decide a cycle, checked as the officer types it (also on a new,
        unsaved cycle) and again at submission: the association may borrow, the term, who
        borrows, sequential loans, the ladder. Extended by other addons (training)."""
        self.ensure_one()
        problems = self.association_id._get_borrowing_problems()
        problems += self._get_term_problems()
        loans = self._borrowing_loans()
        if not loans:
            problems.append(self.env._("no member has an amount"))
        outsiders = loans.partner_id - self.association_id.member_ids
        if outsiders:
            problems.append(
                self.env._(
                    "not members of the association: %(names)s",
                    names=", ".join(outsiders.mapped("name")),
                )
            )
        problems += loans._get_sequential_problems()
        # The ladder, with the loans numbered as they would be numbered.
        problems += loans._get_amount_problems(self.term_months, loans._member_cycle_numbers())
        return problems

    def _get_term_problems(self):
        self.ensure_one()
        product = self.product_id
        if not product.min_term_months <= self.term_months <= product.max_term_months:
            return [
                self.env._(
                    "a term of %(term)s months is outside the product's %(min)s to %(max)s months",
                    term=self.term_months,
                    min=product.min_term_months,
                    max=product.max_term_months,
                )
            ]
        return []

    def _do_submit(self):
        # Members without an amount do not borrow in this cycle.
        (self.loan_ids - self._borrowing_loans()).unlink()
        self.loan_ids._write_member_cycle_numbers()
        self._promujer_write(
            {
                "state": "submitted",
                "submitted_by_id": self.env.uid,
                "submitted_date": fields.Date.context_today(self),
            }
        )
        self._activity_update()

    # ------------------------------------------------------------------ approve / reject

    def action_approve(self):
        """The branch manager approves the cycle the association proposed."""
        return self._promujer_run("approve")

    def _check_can_approve(self):
        self._promujer_check_can_decide()
        self._promujer_raise_problems(
            self.env._("These loan cycles cannot be approved:"), "approve"
        )

    def _get_approve_problems(self):
        self.ensure_one()
        problems = self.association_id._get_borrowing_problems()
        problems += self._get_term_problems()
        problems += self.loan_ids._get_sequential_problems()
        problems += self.loan_ids._get_amount_problems(self.term_months)
        return problems

    def _do_approve(self):
        self._promujer_write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Date.context_today(self),
            }
        )
        self._activity_update()

    def action_reject(self):
        """Open the wizard where the branch manager gives the reason."""
        self._check_can_reject()
        return self._promujer_wizard_action(
            "promujer.loan.cycle.reject", self.env._("Reject loan cycle"), cycle_ids=self.ids
        )

    def _check_can_reject(self, reason=None):
        self._promujer_check_can_decide()
        self._promujer_check_action_state("reject", self.env._("Rejecting"))
        if reason is not None and not (reason or "").strip():
            raise UserError(self.env._("Give the reason for rejecting the loan cycle."))

    def _do_reject(self, reason):
        self._check_can_reject(reason)
        self._promujer_write({"state": "rejected", "rejection_reason": reason})
        self.loan_ids._promujer_write({"state": "cancelled"})
        for cycle in self:
            cycle._promujer_post(
                self.env._("Loan cycle rejected: %(reason)s", reason=reason),
                partner_ids=cycle.submitted_by_id.partner_id.ids,
            )
        self._activity_update()

    def action_cancel(self):
        return self._promujer_run("cancel")

    def _do_cancel(self):
        self._promujer_write({"state": "cancelled"})
        self.loan_ids._promujer_write({"state": "cancelled"})
        self._activity_update()

    def action_draft(self):
        """Back to draft, for the officer to correct a rejected or cancelled proposal."""
        return self._promujer_run("draft")

    def _promujer_transition_vals(self, verb, *args):
        vals = super()._promujer_transition_vals(verb, *args)
        if verb == "draft":
            # A new proposal: nobody submitted, approved or rejected it yet.
            vals.update(
                dict.fromkeys(
                    (
                        "rejection_reason",
                        "submitted_by_id",
                        "submitted_date",
                        "approved_by_id",
                        "approved_date",
                    ),
                    False,
                )
            )
        return vals

    def _do_draft(self):
        self._promujer_do_transition("draft")
        self.loan_ids._promujer_write({"state": "draft"})

    # ------------------------------------------------------------------ close

    def action_close(self):
        """Close a disbursed cycle once all its loans are paid or written off."""
        return self._promujer_run("close")

    def _get_close_problems(self):
        self.ensure_one()
        owing = self.loan_ids.filtered(lambda loan: loan.state not in ("paid", "written_off"))
        if not owing:
            return []
        return [
            self.env._(
                "these loans are neither paid nor written off: %(names)s",
                names=", ".join(owing.partner_id.mapped("name")),
            )
        ]

    # ------------------------------------------------------------------ buttons

    def action_view_move(self):
        self.ensure_one()
        return self.disbursement_move_id._promujer_open_action()

    def action_view_loans(self):
        return self._promujer_list_action("promujer_credit.promujer_loan_action", "cycle_id")

    def action_view_meetings(self):
        return self._promujer_list_action(
            "promujer_credit.promujer_meeting_action", "cycle_id", default=False
        )
