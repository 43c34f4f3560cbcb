# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TRAINING_STAFF = "promujer_training.group_trainer,promujer_credit.group_loan_officer"
EMPLOYMENT_STAFF = "promujer_training.group_trainer,promujer_credit.group_branch_manager"


class ResPartner(models.Model):
    """A client's training: the courses she took and when she completed the ones that
    open doors (the first loan, the employment office)."""

    _inherit = "res.partner"

    promujer_training_participant_ids = fields.One2many(
        "promujer.training.participant",
        "partner_id",
        string="Training courses",
        groups=TRAINING_STAFF,
    )
    promujer_association_training_date = fields.Date(
        "Association training completed on",
        compute="_compute_promujer_training_dates",
        store=True,
        help="The day she completed the association-management program, which opens her "
        "association's first loan.",
    )
    promujer_job_skills_date = fields.Date(
        "Job-skills training completed on",
        compute="_compute_promujer_training_dates",
        store=True,
        help="The day she completed a job-skills course: the employment office proposes her "
        "to employers from then on.",
    )
    promujer_placement_ids = fields.One2many(
        "promujer.job.placement", "partner_id", string="Job placements", groups=EMPLOYMENT_STAFF
    )

    @api.depends(
        "promujer_training_participant_ids.completion_date",
        "promujer_training_participant_ids.category",
    )
    def _compute_promujer_training_dates(self):
        for partner in self:
            completed = partner.promujer_training_participant_ids.filtered("completion_date")
            for field, category in (
                ("promujer_association_training_date", "association"),
                ("promujer_job_skills_date", "job_skills"),
            ):
                dates = completed.filtered(lambda p, c=category: p.category == c).mapped(
                    "completion_date"
                )
                partner[field] = min(dates, default=False)
