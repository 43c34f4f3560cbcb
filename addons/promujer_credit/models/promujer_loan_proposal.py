# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from .promujer_fields import entry_field, reference_field

PROPOSAL_KINDS = [("write_off", "Write-off"), ("reschedule", "Rescheduling")]
OWED_TREATMENTS = [
    ("carry", "Carried into the new schedule"),
    ("write_off", "Written off"),
]
PROPOSAL_STATES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


class PromujerLoanProposal(models.Model):
    """A write-off or a rescheduling, proposed by a branch manager and approved by a
    credit administrator who is not the proposer (four eyes). Approval books it."""

    _name = "promujer.loan.proposal"
    _description = "Write-off or rescheduling proposal"
    _inherit = ["mail.thread", "mail.activity.mixin", "promujer.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Proposed by the loans' actions, decided by the proposal's own.
    _promujer_action_only = True
    # Decided or withdrawn once, while proposed.
    _promujer_action_states = dict.fromkeys(("approve", "reject", "cancel"), ("proposed",))

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(PROPOSAL_KINDS, required=True, readonly=True, index=True)
    loan_ids = fields.Many2many(
        "promujer.loan",
        "promujer_loan_proposal_loan_rel",
        "proposal_id",
        "loan_id",
        string="Member loans",
        required=True,
        readonly=True,
    )
    company_id = reference_field("res.company", string="Focal Center", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    principal_outstanding = fields.Monetary(
        "Principal owed when proposed", readonly=True, currency_field="currency_id"
    )
    date = fields.Date(
        required=True, readonly=True, help="The date of the write-off or rescheduling."
    )
    reason = fields.Text(required=True, readonly=True)
    term_months = fields.Integer("New term (months)", readonly=True)
    grace_periods = fields.Integer("Grace installments", readonly=True)
    first_due_date = fields.Date("First new installment", readonly=True)
    owed_treatment = fields.Selection(
        OWED_TREATMENTS,
        string="Interest and penalties owed",
        readonly=True,
        help="Carried into the new installments, or written off explicitly (memorandum "
        "accounts) with a reason.",
    )
    write_off_reason = fields.Text("Why the interest and penalties are written off", readonly=True)
    interest_owed = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="When proposed; updated to what was carried or written off on approval.",
    )
    penalty_owed = fields.Monetary("Penalties owed", readonly=True, currency_field="currency_id")
    forgiven_move_id = entry_field(
        "Write-off of interest and penalties",
        help="The memorandum entry of the interest and penalties written off.",
    )
    state = fields.Selection(
        PROPOSAL_STATES, default="proposed", required=True, readonly=True, tracking=True
    )
    proposed_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decided_date = fields.Date(readonly=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    @api.depends("kind", "loan_ids")
    def _compute_name(self):
        kinds = self._promujer_labels("kind")
        for proposal in self:
            loans = proposal.loan_ids
            what = loans[:1].name or ""
            if len(loans) > 1:
                what = self.env._("%(first)s and %(count)s more", first=what, count=len(loans) - 1)
            proposal.name = f"{kinds.get(proposal.kind, '')}: {what}"

    @api.depends_context("uid")
    @api.depends("state", "proposed_by_id", "company_id")
    def _compute_can_decide(self):
        for proposal in self:
            proposal.can_decide = proposal.state == "proposed" and not proposal._decision_refusal()

    def _decision_refusal(self):
        """A credit administrator allowed in its branch, not the proposer."""
        return self._promujer_decider_refusal(
            "promujer_credit.group_credit_admin",
            self.env._(
                "%(name)s: only a credit administrator approves write-offs and reschedulings.",
                name=self.name,
            ),
            self.proposed_by_id,
            self.env._(
                "%(name)s: you proposed it; another credit administrator decides (four eyes).",
                name=self.name,
            ),
        )

    # ------------------------------------------------------------------ propose

    @api.model
    def _propose(self, vals):
        """Record a proposal (the loans' `_propose_*` checked it) and ask the credit
        administrators for their decision."""
        loans = self.env["promujer.loan"].browse(vals["loan_ids"])
        if len(loans.company_id) != 1 or len(loans.currency_id) != 1:
            raise UserError(
                self.env._("Propose the loans of one branch and one currency at a time.")
            )
        proposal = self._promujer_create(
            [
                {
                    **vals,
                    "loan_ids": [fields.Command.set(loans.ids)],
                    "company_id": loans.company_id.id,
                    "currency_id": loans.currency_id.id,
                    "principal_outstanding": sum(loans.mapped("principal_outstanding")),
                    "proposed_by_id": self.env.uid,
                }
            ]
        )
        proposal._promujer_post(
            self.env._(
                "%(kind)s proposed on %(date)s: %(reason)s",
                kind=proposal._promujer_labels("kind")[proposal.kind],
                date=self._promujer_date(proposal.date),
                reason=proposal.reason,
            )
        )
        for loan in loans:
            loan._promujer_post(
                self.env._("%(proposal)s proposed for approval.", proposal=proposal.name)
            )
        proposal._activity_update()
        return proposal

    # ------------------------------------------------------------------ decide

    def _check_can_decide(self, verb):
        """A proposal is decided once, by a credit administrator who did not propose it."""
        self._promujer_check_action_state(verb, self.env._("Deciding"))
        self._promujer_check_can_decide()

    def action_approve(self):
        """Approve and book: the write-off entry, or the new schedule."""
        return self._promujer_run("approve")

    def _check_can_approve(self):
        self._check_can_decide("approve")
        for proposal in self:
            loans = proposal.loan_ids
            if proposal.kind == "write_off":
                loans._check_can_write_off(proposal.date)
            else:
                loans._check_can_reschedule(
                    proposal.date,
                    proposal.first_due_date,
                    proposal.owed_treatment,
                    proposal.write_off_reason,
                )

    def _do_approve(self):
        for proposal in self:
            loans = proposal.loan_ids
            if proposal.kind == "write_off":
                loans._do_write_off(proposal.date, proposal.reason)
            else:
                done = loans._do_reschedule(proposal)
                proposal._promujer_write(
                    {
                        "interest_owed": float(done["owed"].interest),
                        "penalty_owed": float(done["owed"].penalty),
                        "forgiven_move_id": done["move"].id,
                    }
                )
        self._promujer_decide("approved")

    def action_reject(self):
        return self._promujer_run("reject")

    def _check_can_reject(self):
        self._check_can_decide("reject")

    def _do_reject(self):
        self._promujer_decide("rejected")

    def action_cancel(self):
        """The proposer (or a credit administrator) withdraws a proposal."""
        return self._promujer_run("cancel")

    def _check_can_cancel(self):
        self.check_access("read")
        self._promujer_check_action_state("cancel", self.env._("Cancelling"))
        others = self.filtered(lambda p: p.proposed_by_id != self.env.user)
        if others and not self.env.user.has_group("promujer_credit.group_credit_admin"):
            raise UserError(self.env._("Only the proposer or a credit administrator cancels it."))

    def _do_cancel(self):
        self._promujer_write({"state": "cancelled"})
        self._activity_update()

    def _promujer_decide(self, state):
        self._promujer_write(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decided_date": fields.Date.context_today(self),
            }
        )
        label = self._promujer_labels("state")[state]
        for proposal in self:
            proposal._promujer_post(self.env._("%(state)s.", state=label))
            for loan in proposal.loan_ids:
                loan._promujer_post(
                    self.env._("%(proposal)s: %(state)s.", proposal=proposal.name, state=label)
                )
        self._activity_update()

    # ------------------------------------------------------------------ activities

    def _get_deciders(self):
        """Credit administrators allowed in the branch, other than the proposer."""
        self.ensure_one()
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("promujer_credit.group_credit_admin").id),
                    ("company_ids", "in", self.company_id.id),
                    ("share", "=", False),
                    ("id", "not in", (self.env.ref("base.user_root") | self.proposed_by_id).ids),
                ],
                order="id",
                limit=1,
            )
        )

    def _activity_update(self):
        activity = "promujer_credit.mail_act_loan_proposal"
        for proposal in self.sudo():
            if proposal.state == "proposed":
                decider = proposal._get_deciders()
                proposal.activity_schedule(
                    activity,
                    user_id=decider.id or self.env.uid,
                    note=escape(
                        self.env._(
                            "Approve or reject %(proposal)s (%(amount)s): %(reason)s",
                            proposal=proposal.name,
                            amount=proposal.currency_id.format(proposal.principal_outstanding),
                            reason=proposal.reason,
                        )
                    ),
                )
            elif proposal.state == "approved":
                proposal.activity_feedback([activity])
            else:
                proposal.activity_unlink([activity])
