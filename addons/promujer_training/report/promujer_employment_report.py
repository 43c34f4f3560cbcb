# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class PromujerEmploymentReport(models.Model):
    """The employment office's figures: one row per woman who completed the job-skills
    training (at the branch of her first such course), and whether she was hired.

    Summed per branch, `trained` and `placed` are counts, and the average of
    `placement_rate` (100 for a placed woman, 0 otherwise) is the placement rate."""

    _name = "promujer.employment.report"
    _description = "Employment office figures"
    _auto = False
    _order = "completion_date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Woman", readonly=True)
    company_id = fields.Many2one("res.company", string="Branch", readonly=True)
    region_id = fields.Many2one("res.company", string="Regional office", readonly=True)
    course_id = fields.Many2one("promujer.training.course", readonly=True)
    completion_date = fields.Date("Trained on", readonly=True)
    placement_date = fields.Date("Hired on", readonly=True)
    trained = fields.Integer(readonly=True, aggregator="sum")
    placed = fields.Integer(readonly=True, aggregator="sum")
    placement_rate = fields.Float("Placement rate (%)", readonly=True, aggregator="avg")

    _depends = {
        "promujer.training.participant": [
            "partner_id",
            "company_id",
            "course_id",
            "category",
            "state",
            "completion_date",
        ],
        "promujer.job.placement": ["partner_id", "state", "date"],
        "res.company": ["promujer_region_id"],
    }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT trained.id, trained.partner_id, trained.company_id, trained.region_id,
                   trained.course_id, trained.completion_date, hired.date AS placement_date,
                   1 AS trained,
                   CASE WHEN hired.date IS NULL THEN 0 ELSE 1 END AS placed,
                   CASE WHEN hired.date IS NULL THEN 0.0 ELSE 100.0 END AS placement_rate
              FROM (
                    SELECT DISTINCT ON (p.partner_id)
                           p.id, p.partner_id, p.company_id, c.promujer_region_id AS region_id,
                           p.course_id, p.completion_date
                      FROM promujer_training_participant p
                      JOIN res_company c ON c.id = p.company_id
                     WHERE p.category = 'job_skills' AND p.state = 'completed'
                  ORDER BY p.partner_id, p.completion_date, p.id
                   ) trained
         LEFT JOIN (
                    SELECT partner_id, MIN(date) AS date
                      FROM promujer_job_placement
                     WHERE state = 'hired'
                  GROUP BY partner_id
                   ) hired ON hired.partner_id = trained.partner_id
            """
        )
