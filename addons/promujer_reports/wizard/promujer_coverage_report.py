# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.promujer_health.models.promujer_health_post_figures import FIGURE_KEYS

EDUCATION_KEYS = ("education_courses", "education_participants")
# The health posts' counts, as promujer_health defines them.
HEALTH_KEYS = FIGURE_KEYS


class PromujerCoverageReport(models.TransientModel):
    """Training and health coverage per branch and period: counts only, never the
    clinical content of a visit."""

    _name = "promujer.coverage.report"
    _description = "Training and health coverage"
    _inherit = ["promujer.institution.mixin"]

    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("promujer.coverage.report.line", "report_id", readonly=True)

    def action_compute(self):
        for report in self:
            report._compute_lines()
        return True

    def _branches(self):
        return self._promujer_allowed_branches()

    def _compute_lines(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        branches = self._branches()
        for model in (
            "promujer.training.participant",
            "promujer.training.course",
            "promujer.job.placement",
        ):
            self.env[model].flush_model()
        associations = dict(self._fetch(self._associations_trained_sql(branches)))
        placements = dict(self._fetch(self._placements_sql(branches)))
        health = self._health_by_branch(branches)
        education = self._health_education(branches)
        lines = [
            {"company_id": company_id, "program_id": program_id, "women_trained": count}
            for company_id, program_id, count in self._fetch(self._women_trained_sql(branches))
        ]
        for branch in branches:
            values = {
                "associations_trained": associations.get(branch.id, 0),
                "placements": placements.get(branch.id, 0),
                **health[branch.id],
                **education.get(branch.id, {}),
            }
            if any(values.values()):
                lines.append({"company_id": branch.id, **values})
        self.line_ids = [Command.clear()] + [Command.create(vals) for vals in lines]

    def _period_params(self, branches):
        return {"from": self.date_from, "to": self.date_to, "branches": branches.ids}

    def _fetch(self, query):
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _women_trained_sql(self, branches):
        """(branch, program, women) who completed a program in the period."""
        return SQL(
            """
            SELECT company_id, program_id, COUNT(DISTINCT partner_id)
              FROM promujer_training_participant
             WHERE state = 'completed'
               AND completion_date BETWEEN %(from)s AND %(to)s
               AND company_id = ANY(%(branches)s)
          GROUP BY company_id, program_id
            """,
            **self._period_params(branches),
        )

    def _associations_trained_sql(self, branches):
        """(branch, associations) that completed an association course in the period."""
        return SQL(
            """
            SELECT c.company_id, COUNT(DISTINCT c.association_id)
              FROM promujer_training_course c
              JOIN promujer_training_program program ON program.id = c.program_id
             WHERE program.category = 'association' AND c.state = 'done'
               AND c.association_id IS NOT NULL
               AND c.date_end BETWEEN %(from)s AND %(to)s
               AND c.company_id = ANY(%(branches)s)
          GROUP BY c.company_id
            """,
            **self._period_params(branches),
        )

    def _placements_sql(self, branches):
        """(branch, women hired) through the employment office in the period."""
        return SQL(
            """
            SELECT company_id, COUNT(*)
              FROM promujer_job_placement
             WHERE state = 'hired' AND date BETWEEN %(from)s AND %(to)s
               AND company_id = ANY(%(branches)s)
          GROUP BY company_id
            """,
            **self._period_params(branches),
        )

    def _health_by_branch(self, branches):
        """{branch: {health figure: count}} of the health posts of the branches."""
        health = defaultdict(lambda: dict.fromkeys(HEALTH_KEYS, 0))
        posts = self.env["promujer.health.post"].sudo().search([("company_id", "in", branches.ids)])
        for post_id, figures in posts._get_health_figures(self.date_from, self.date_to).items():
            company = posts.browse(post_id).company_id.id
            for key in HEALTH_KEYS:
                health[company][key] += figures.get(key, 0)
        return health

    def action_open_lines(self):
        self.ensure_one()
        self._compute_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Coverage %(from)s to %(to)s", **{"from": self.date_from, "to": self.date_to}
            ),
            "res_model": "promujer.coverage.report.line",
            "view_mode": "pivot,list",
            "domain": [("report_id", "=", self.id)],
        }

    def _totals(self):
        self.ensure_one()
        keys = (
            "women_trained",
            "associations_trained",
            "placements",
            *HEALTH_KEYS,
            *EDUCATION_KEYS,
        )
        return {key: sum(self.line_ids.mapped(key)) for key in keys}

    def _health_education(self, branches):
        """Health education counted as health coverage, per branch id: the courses of
        training programs of category 'health' started there in the period (in progress
        or done), and their distinct participants. One grouped query."""
        for model in ("promujer.training.course", "promujer.training.participant"):
            self.env[model].flush_model()
        rows = self._fetch(
            SQL(
                """
                SELECT c.company_id, COUNT(DISTINCT c.id), COUNT(DISTINCT p.partner_id)
                  FROM promujer_training_course c
                  JOIN promujer_training_program program ON program.id = c.program_id
             LEFT JOIN promujer_training_participant p ON p.course_id = c.id
                 WHERE c.company_id = ANY(%(branches)s)
                   AND program.category = 'health'
                   AND c.state IN ('in_progress', 'done')
                   AND c.date_start BETWEEN %(from)s AND %(to)s
              GROUP BY c.company_id
                """,
                **self._period_params(branches),
            )
        )
        return {
            company_id: {"education_courses": courses, "education_participants": participants}
            for company_id, courses, participants in rows
        }


class PromujerCoverageReportLine(models.TransientModel):
    _name = "promujer.coverage.report.line"
    _description = "Coverage figures"

    report_id = fields.Many2one("promujer.coverage.report", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Branch")
    region_id = fields.Many2one(related="company_id.promujer_region_id", store=True)
    program_id = fields.Many2one("promujer.training.program", string="Training program")
    women_trained = fields.Integer("Women who completed a course")
    associations_trained = fields.Integer("Associations through the 7-session training")
    placements = fields.Integer("Job placements")
    visits = fields.Integer("Health visits")
    patients = fields.Integer()
    client_patients = fields.Integer("Patients who are clients")
    family_patients = fields.Integer("Patients from clients' families")
    services = fields.Integer("Health services delivered")
    referrals = fields.Integer()
    education_courses = fields.Integer("Health education courses")
    education_participants = fields.Integer("Health education participants")
