# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from ..tools import allocation, money, posting
from .promujer_fields import parent_field, reference_field

SHEET_AMOUNTS = (
    "amount_paid",
    "savings_deposit",
    "voluntary_deposit",
    "covered_by_group",
    "covered_by_association",
)
SHEET_FIELDS = {
    "partner_id",
    "loan_id",
    "attended",
    "amount_paid",
    "savings_deposit",
    "voluntary_deposit",
    "covered_by_group",
    "covered_by_association",
}

_lt = LazyTranslate(__name__)


class PromujerMeetingLine(models.Model):
    """One member at one repayment meeting: what she owes, pays and saves, and what her
    solidarity group or association covers for her."""

    _name = "promujer.meeting.line"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Repayment meeting line"
    _order = "meeting_id, partner_id"
    _rec_name = "partner_id"
    _promujer_protected_fields = (
        "amount_due",
        "installments_due",
        "allocation_ids",
        "liability_ids",
    )
    _promujer_fixed_fields = ("meeting_id",)
    _promujer_deletable_states = (False, "draft")
    _promujer_kept_text = _lt("The collection sheet of a posted meeting cannot change.")
    _promujer_frozen_text = _lt(
        "The collection sheet of a posted meeting is final: %(fields)s can no longer "
        "change for %(records)s."
    )
    # The collection sheet: it no longer changes once its meeting is posted.
    _promujer_frozen_fields = tuple(sorted(SHEET_FIELDS))
    _promujer_editable_states = (False, "draft")

    meeting_id = parent_field("promujer.meeting")
    state = fields.Selection(related="meeting_id.state", store=True)
    date = fields.Date(related="meeting_id.date", store=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="meeting_id.currency_id", store=True)
    partner_id = reference_field("res.partner", string="Member")
    loan_id = fields.Many2one("promujer.loan", index=True)
    group_id = fields.Many2one(related="loan_id.group_id", store=True, string="Solidarity group")
    attended = fields.Boolean(default=True)
    amount_due = fields.Monetary(
        compute="_compute_amount_due",
        store=True,
        readonly=True,
        string="Due",
        help="What she owes up to the meeting date: installments due, arrears and penalties.",
    )
    installments_due = fields.Integer(compute="_compute_amount_due", store=True, readonly=True)
    amount_paid = fields.Monetary("Paid")
    savings_deposit = fields.Monetary("Compulsory savings")
    voluntary_deposit = fields.Monetary("Voluntary savings")
    covered_by_group = fields.Monetary("Covered by her group")
    covered_by_association = fields.Monetary("Covered by the association")
    shortfall = fields.Monetary(compute="_compute_shortfall")
    allocation_ids = fields.One2many("promujer.meeting.allocation", "line_id", readonly=True)
    liability_ids = fields.One2many("promujer.joint.liability", "line_id", readonly=True)

    _sql_constraints = [
        ("member_unique", "unique(meeting_id, partner_id)", "A member has one line per meeting."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if lines.filtered(lambda line: line.meeting_id.state != "draft"):
            raise UserError(self.env._("The collection sheet of a posted meeting cannot change."))
        return lines

    @api.depends(
        "loan_id", "meeting_id.date", "loan_id.installment_ids.amount_residual", "meeting_id.state"
    )
    def _compute_amount_due(self):
        for line in self:
            if line.meeting_id.state not in (False, "draft"):
                # A posted sheet keeps what was due at the meeting.
                line.amount_due = line.amount_due
                line.installments_due = line.installments_due
                continue
            due = line.loan_id.installment_ids.filtered(
                lambda i, d=line.meeting_id.date: i.state != "paid" and d and i.due_date <= d
            )
            line.amount_due = sum(due.mapped("amount_residual"))
            line.installments_due = len(due)

    @api.depends("amount_due", "amount_paid")
    def _compute_shortfall(self):
        for line in self:
            line.shortfall = max(line.amount_due - line.amount_paid, 0.0)

    def _get_amount_problems(self, ceiling):
        """What is wrong with the amounts of this line: negative amounts, covers beyond
        her shortfall, a loan that is not hers in this cycle, or more paid or saved than
        she owes plus the voluntary-savings ceiling (a typing error, refused)."""
        self.ensure_one()
        return (
            self._get_sign_problems()
            + self._get_cover_problems()
            + self._get_loan_problems()
            + self._get_ceiling_problems(ceiling)
        )

    def _get_sign_problems(self):
        return [
            self.env._(
                "%(woman)s: %(what)s cannot be negative",
                woman=self.partner_id.name,
                what=self._promujer_field_label(fname).lower(),
            )
            for fname in SHEET_AMOUNTS
            if self.currency_id.compare_amounts(self[fname], 0.0) < 0
        ]

    def _get_cover_problems(self):
        currency, woman = self.currency_id, self.partner_id.name
        problems = []
        covered = self.covered_by_group + self.covered_by_association
        if currency.compare_amounts(covered, self.shortfall) > 0:
            problems.append(
                self.env._(
                    "%(woman)s: %(covered)s covered for her is more than her shortfall "
                    "%(shortfall)s",
                    woman=woman,
                    covered=currency.format(covered),
                    shortfall=currency.format(self.shortfall),
                )
            )
        if self.covered_by_group and not self._get_coverers(kind="group"):
            problems.append(
                self.env._(
                    "%(woman)s: no other member of her solidarity group can cover her",
                    woman=woman,
                )
            )
        return problems

    def _get_loan_problems(self):
        woman, loan = self.partner_id.name, self.loan_id
        if loan and (
            loan.cycle_id != self.meeting_id.cycle_id or loan.partner_id != self.partner_id
        ):
            return [
                self.env._(
                    "%(woman)s: the loan %(loan)s is not hers in this cycle",
                    woman=woman,
                    loan=loan.name,
                )
            ]
        if not loan and (self.amount_paid or self.covered_by_group + self.covered_by_association):
            return [self.env._("%(woman)s has no loan to repay", woman=woman)]
        return []

    def _get_ceiling_problems(self, ceiling):
        """More paid or saved at one meeting than the ceiling allows: a typing error.
        The messages are written only for what is beyond it (a meeting checks 30 lines)."""
        currency = self.currency_id
        covered = self.covered_by_group + self.covered_by_association
        owed = sum(self.loan_id.installment_ids.mapped("amount_residual"))
        amounts = {
            "paid": self.amount_paid + covered - owed,
            "voluntary_deposit": self.voluntary_deposit,
            "savings_deposit": self.savings_deposit,
        }
        problems = []
        for key, amount in amounts.items():
            if currency.compare_amounts(amount, ceiling) <= 0:
                continue
            what = (
                self.env._("paid beyond what she owes (%(owed)s)", owed=currency.format(owed))
                if key == "paid"
                else self._promujer_field_label(key).lower()
            )
            problems.append(
                self.env._(
                    "%(woman)s: %(amount)s %(what)s is more than the %(ceiling)s allowed "
                    "at one meeting; check the amount",
                    woman=self.partner_id.name,
                    amount=currency.format(amount),
                    what=what,
                    ceiling=currency.format(ceiling),
                )
            )
        return problems

    def _set_default_payments(self):
        """Propose that each woman pays what she owes and her compulsory savings."""
        for line in self:
            values = {"amount_paid": line.amount_due}
            loan = line.loan_id
            product = loan.product_id
            if loan and product.compulsory_savings_rate and not product.savings_withheld:
                total = money.quantize(
                    loan.amount * product.compulsory_savings_rate / 100,
                    line.currency_id.decimal_places,
                )
                values["savings_deposit"] = (
                    float(money.split_evenly(total, loan.installment_count or 1)[0])
                    if line.installments_due
                    else 0.0
                )
            line.write(values)

    def _get_coverers(self, kind):
        """Who covers this woman's shortfall: the other members of her solidarity group,
        or of her association."""
        self.ensure_one()
        if kind == "group":
            members = (
                self.loan_id.group_id.member_ids or self.partner_id.promujer_group_id.member_ids
            )
        else:
            members = self.meeting_id.association_id.member_ids
        return (members - self.partner_id).sorted("id")

    def _member_payment(self):
        """This line as the posting plan reads it (tools/posting.py): what she pays, what is
        covered for her and by whom, her deposits and her open installments."""
        self.ensure_one()
        currency = self.currency_id
        coverers = {
            kind: tuple(self._get_coverers(kind=kind))
            for kind, amount in (
                ("group", self.covered_by_group),
                ("association", self.covered_by_association),
            )
            if not currency.is_zero(amount)
        }
        dues_now = dues_later = None
        if self.loan_id:
            installments = self.loan_id.installment_ids.filtered(lambda i: i.state != "paid")
            due_now = installments.filtered(lambda i: i.due_date <= self.meeting_id.date)
            dues_now, dues_later = self._dues(due_now), self._dues(installments - due_now)
        return posting.MemberPayment(
            key=self,
            partner=self.partner_id,
            paid=money.to_decimal(self.amount_paid),
            covered_by_group=money.to_decimal(self.covered_by_group),
            covered_by_association=money.to_decimal(self.covered_by_association),
            savings_deposit=money.to_decimal(self.savings_deposit),
            voluntary_deposit=money.to_decimal(self.voluntary_deposit),
            dues_now=dues_now,
            dues_later=dues_later or (),
            coverers=coverers,
        )

    def _dues(self, installments):
        return tuple(
            allocation.Due(
                key=i,
                due_date=i.due_date,
                penalty=i.penalty_due - i.penalty_paid,
                interest=i.interest_due - i.interest_paid,
                principal=i.principal_due - i.principal_paid,
            )
            for i in installments
        )
