# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import can_field, reference_field

# Clinical content: the ORM refuses these fields to anyone outside this group.
CLINICAL = "promujer_health.group_health_staff"

VISIT_STATES = [("draft", "Draft"), ("done", "Done"), ("cancelled", "Cancelled")]

# The states each action starts from: the buttons (can_<verb>) and the checks read them.
ACTION_STATES = {
    "done": ("draft",),
    "cancel": ("draft", "done"),
}

# Plausible bounds of the vitals; 0 means "not measured".
VITAL_BOUNDS = {
    "weight_kg": (0.3, 350.0),
    "height_cm": (20.0, 250.0),
    "systolic": (40, 300),
    "diastolic": (20, 200),
    "glucose_mg_dl": (10.0, 1500.0),
}

# What may still change on a done or cancelled visit.
WRITABLE_WHEN_CLOSED = {"state", "invoice_id", "referral_ids"}

_lt = LazyTranslate(__name__)


class PromujerHealthVisit(models.Model):
    """A visit to a health post of a client, or of a family member of a client.

    Who may see visits sees that a visit happened (who, where, when, by whom); vitals,
    findings, treatment, services and referrals are the health staff's. No chatter:
    its messages and attachments would be readable by all who read the visit."""

    _name = "promujer.health.visit"
    _inherit = ["promujer.health.record"]
    _description = "Health post visit"
    _order = "date desc, id desc"
    _check_company_auto = True
    # A visit is closed (and its paid services invoiced) or cancelled (its invoice
    # reversed by a credit note) through its actions only.
    _promujer_protected_fields = ("state", "invoice_id")
    _promujer_action_states = ACTION_STATES
    _promujer_action_texts = {
        "done": (None, _lt("These visits cannot be closed:")),
        "cancel": (None, _lt("These visits cannot be cancelled:")),
    }
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt("Only draft visits can be deleted; cancel the others: %(records)s.")

    patient_id = reference_field(
        "res.partner",
        domain="['|', ('promujer_is_client', '=', True), ('promujer_family_of_id', '!=', False)]",
    )
    # What the patient was at her visit (a family member who becomes a client keeps hers).
    patient_kind = fields.Selection(
        [("client", "Client"), ("family", "Family member")],
        compute="_compute_patient_kind",
        store=True,
    )
    client_id = fields.Many2one(
        "res.partner",
        compute="_compute_patient_kind",
        store=True,
        index=True,
        help="The patient if she is a client, else the client she is a family member of: "
        "the client is invoiced for her family's paid services.",
    )
    post_id = reference_field(
        "promujer.health.post",
        string="Health post",
        check_company=True,
        default=lambda self: self._default_post_id(),
    )
    company_id = fields.Many2one(
        related="post_id.company_id", store=True, index=True, string="Focal Center"
    )
    staff_id = fields.Many2one(
        "hr.employee",
        string="Attended by",
        index=True,
        check_company=True,
        default=lambda self: self._default_staff_id(),
        domain="[('id', 'in', post_staff_ids)]",
    )
    post_staff_ids = fields.Many2many(related="post_id.staff_ids", string="Staff of the post")
    meeting_id = fields.Many2one(
        "promujer.meeting",
        string="Repayment meeting",
        index=True,
        check_company=True,
        ondelete="set null",
        domain="[('date', '=', date)]",
        help="The repayment meeting the patient came from, if any.",
    )
    state = fields.Selection(
        VISIT_STATES, default="draft", required=True, copy=False, index=True, readonly=True
    )
    # What the current user may do now (the buttons); the checks say why not.
    can_done = can_field("Can close")
    can_cancel = can_field("Can cancel")

    # ------------------------------------------------------------------ clinical content
    service_ids = fields.Many2many(
        "promujer.health.service",
        "promujer_health_visit_service_rel",
        "visit_id",
        "service_id",
        string="Services",
        check_company=True,
        domain="[('id', 'in', post_service_ids)]",
        groups=CLINICAL,
    )
    post_service_ids = fields.Many2many(
        related="post_id.service_ids", string="Services of the post", groups=CLINICAL
    )
    weight_kg = fields.Float("Weight (kg)", digits=(16, 1), groups=CLINICAL)
    height_cm = fields.Float("Height (cm)", digits=(16, 1), groups=CLINICAL)
    bmi = fields.Float(
        "Body mass index", digits=(16, 1), compute="_compute_bmi", store=True, groups=CLINICAL
    )
    systolic = fields.Integer("Systolic pressure (mmHg)", groups=CLINICAL)
    diastolic = fields.Integer("Diastolic pressure (mmHg)", groups=CLINICAL)
    glucose_mg_dl = fields.Float("Glucose (mg/dL)", digits=(16, 0), groups=CLINICAL)
    findings = fields.Text(groups=CLINICAL)
    treatment = fields.Text(groups=CLINICAL)
    referral_ids = fields.One2many("promujer.health.referral", "visit_id", groups=CLINICAL)

    # ------------------------------------------------------------------ defaults, computes

    def _default_post_id(self):
        return self.env["promujer.health.post"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    def _default_staff_id(self):
        employee = self.env.user.employee_id
        return employee if employee.promujer_health_role else False

    @api.depends("patient_id")
    def _compute_patient_kind(self):
        for visit in self:
            patient = visit.patient_id
            if patient.promujer_is_client:
                visit.patient_kind, visit.client_id = "client", patient
            elif patient.promujer_family_of_id:
                visit.patient_kind = "family"
                visit.client_id = patient.promujer_family_of_id
            else:
                visit.patient_kind, visit.client_id = False, False

    @api.depends("weight_kg", "height_cm")
    def _compute_bmi(self):
        for visit in self:
            metres = visit.height_cm / 100.0
            visit.bmi = visit.weight_kg / (metres * metres) if visit.weight_kg and metres else 0.0

    # ------------------------------------------------------------------ bad input

    @api.constrains(
        "patient_id",
        "post_id",
        "date",
        "staff_id",
        "meeting_id",
        "service_ids",
        *VITAL_BOUNDS,
    )
    def _check_visit_input(self):
        """Refuse what cannot be true, naming the visit and every problem at once."""
        messages = []
        for visit in self:
            problems = visit._get_input_problems()
            if problems:
                messages.append(
                    self.env._(
                        "Visit of %(patient)s at %(post)s on %(date)s: %(problems)s.",
                        patient=visit.patient_id.display_name,
                        post=visit.post_id.name,
                        date=self._promujer_date(visit.date),
                        problems="; ".join(problems),
                    )
                )
        if messages:
            raise ValidationError("\n".join(messages))

    def _get_input_problems(self):
        self.ensure_one()
        problems = []
        patient = self.patient_id
        if not patient.promujer_is_client and not patient.promujer_family_of_id:
            problems.append(
                self.env._(
                    "%(patient)s is neither a client nor a family member of a client; "
                    "register her as a family member of a client first",
                    patient=patient.display_name,
                )
            )
        today = fields.Date.context_today(self)
        if self.date and self.date > today:
            problems.append(
                self.env._(
                    "the date %(date)s is in the future", date=self._promujer_date(self.date)
                )
            )
        problems += self._get_vitals_problems()
        not_offered = self.service_ids - self.post_id.service_ids
        if not_offered:
            problems.append(
                self.env._(
                    "the post does not offer %(services)s",
                    services=", ".join(not_offered.mapped("name")),
                )
            )
        if self.staff_id and self.staff_id not in self.post_id.staff_ids:
            problems.append(
                self.env._("%(staff)s is not on the staff of the post", staff=self.staff_id.name)
            )
        if self.meeting_id:
            problems += self._get_meeting_problems()
        return problems

    def _get_vitals_problems(self):
        self.ensure_one()
        problems = []
        for fname, (low, high) in VITAL_BOUNDS.items():
            value = self[fname]
            if value and not low <= value <= high:
                problems.append(
                    self.env._(
                        "%(vital)s %(value)s is impossible (%(low)s to %(high)s, or 0 when not "
                        "measured)",
                        vital=self._promujer_field_label(fname),
                        value=value,
                        low=low,
                        high=high,
                    )
                )
        if bool(self.systolic) != bool(self.diastolic):
            problems.append(
                self.env._("a blood pressure needs both the systolic and diastolic values")
            )
        elif self.systolic and self.systolic <= self.diastolic:
            problems.append(
                self.env._(
                    "the systolic pressure %(sys)s must be above the diastolic %(dia)s",
                    sys=self.systolic,
                    dia=self.diastolic,
                )
            )
        return problems

    def _get_meeting_problems(self):
        self.ensure_one()
        # The health staff may not read associations; only these two facts are checked.
        meeting = self.meeting_id.sudo()
        problems = []
        if meeting.date != self.date:
            problems.append(
                self.env._(
                    "the repayment meeting %(meeting)s was on %(date)s, not on the visit's date",
                    meeting=meeting.name,
                    date=self._promujer_date(meeting.date),
                )
            )
        if self.client_id not in meeting.line_ids.partner_id:
            problems.append(
                self.env._(
                    "%(client)s is not on the collection sheet of %(meeting)s",
                    client=self.client_id.display_name,
                    meeting=meeting.name,
                )
            )
        return problems

    # ------------------------------------------------------------------ confidentiality
    # Odoo refuses a restricted field (read, sort, group by, domain on a column) but not a
    # many2many or one2many one in a domain or a grouping: "her visits with a prenatal
    # control" would tell what the fields hide. These close that gap.

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        fnames = {
            leaf[0].split(".")[0]
            for leaf in domain
            if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str)
        }
        self.check_field_access_rights("read", [f for f in fnames if f in self._fields])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group_groupby(self, groupby_spec, query):
        self.check_field_access_rights("read", [groupby_spec.split(":")[0].split(".")[0]])
        return super()._read_group_groupby(groupby_spec, query)

    # ------------------------------------------------------------------ CRUD

    def _promujer_frozen_in(self, vals):
        """Done or cancelled, a visit changes only by its actions and its invoice."""
        return set(vals) - WRITABLE_WHEN_CLOSED

    # ------------------------------------------------------------------ transitions

    def action_done(self):
        """Close the visits; a visit with a paid service invoices the client."""
        return self._promujer_run("done")

    def _get_done_problems(self):
        self.ensure_one()
        problems = []
        if not self.service_ids:
            problems.append(self.env._("record the services given"))
        if not self.staff_id:
            problems.append(self.env._("record who attended her"))
        if self._get_paid_services():
            problems += self._get_invoice_problems()
        return problems

    def _do_done(self):
        for visit in self:
            if visit._get_paid_services():
                invoice = visit._create_invoice()
                # The invoice field is the accountants'; the link is set as superuser.
                visit._promujer_write({"invoice_id": invoice.id})
        self._promujer_write({"state": "done"})

    def action_cancel(self):
        """Cancel visits; the invoice of a done visit is reversed by a credit note of today."""
        return self._promujer_run("cancel", fields.Date.context_today(self))

    def _get_cancel_problems(self, date):
        """Why the visit cannot be cancelled on `date` (its invoice reversed that day)."""
        self.ensure_one()
        if self.sudo().invoice_id:
            return self._get_reversal_problems(date)
        return []

    def _do_cancel(self, date):
        for visit in self.sudo().filtered("invoice_id").sudo(False):
            visit._reverse_invoice(date)
        self._promujer_write({"state": "cancelled"})
