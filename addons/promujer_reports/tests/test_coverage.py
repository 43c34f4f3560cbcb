# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.promujer_health.tests.common import PromujerHealthCommon
from odoo.addons.promujer_training.tests.common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestCoverage(PromujerTrainingCommon, PromujerHealthCommon):
    """Training and health coverage per branch and period, counts only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls._create_association(cls.branch_a, state="forming")
        # The association's members take the 7-session training in January 2024.
        cls.course = cls._train_association(cls.association)
        # A job-skills cohort of three in Beta... trained in Alpha by Alpha's trainer.
        cls.cohort = cls._create_women(3)
        cls.jobs = cls._run_course(
            cls._create_course(cls.program_jobs, women=cls.cohort, start=date(2024, 2, 5))
        )

    def _coverage(self, date_from, date_to, user=None):
        report = (
            self.env["promujer.coverage.report"]
            .with_user(user or self.env.user)
            .create({"company_id": self.root.id, "date_from": date_from, "date_to": date_to})
        )
        report.action_compute()
        return report

    def test_training_health_and_placements(self):
        opening = self.env["promujer.job.opening"].create(
            {
                "name": "Seamstress",
                "employer_id": self.env["res.partner"].create({"name": "Textiles SA"}).id,
                "company_id": self.branch_a.id,
                "places": 2,
            }
        )
        opening.action_open()
        placement = self.env["promujer.job.placement"].create(
            {"opening_id": opening.id, "partner_id": self.cohort[0].id}
        )
        placement.action_hire()
        self._done_visit(patient=self.women[0], services=self.consultation)
        self._done_visit(patient=self.son, services=self.blood_pressure | self.consultation)

        report = self._coverage(date(2024, 1, 1), date(2099, 12, 31))
        totals = report._totals()
        self.assertEqual(totals["women_trained"], 25 + 3)
        self.assertEqual(totals["associations_trained"], 1)
        self.assertEqual(totals["placements"], 1)
        self.assertEqual((totals["visits"], totals["patients"]), (2, 2))
        self.assertEqual((totals["client_patients"], totals["family_patients"]), (1, 1))
        self.assertEqual(totals["services"], 3)
        by_program = {
            line.program_id: line.women_trained for line in report.line_ids if line.program_id
        }
        self.assertEqual(by_program, {self.program_association: 25, self.program_jobs: 3})
        # Counts only: no clinical field on the report lines.
        self.assertFalse(
            {"findings", "treatment", "systolic", "weight_kg"} & set(report.line_ids._fields)
        )

    def test_period_and_branch_limits(self):
        before = self._coverage(date(2023, 1, 1), date(2023, 12, 31))
        self.assertEqual(before._totals()["women_trained"], 0)
        beta_only = self._coverage(date(2024, 1, 1), date(2099, 12, 31), user=self.manager_b)
        self.assertEqual(beta_only._totals()["women_trained"], 0)

    def _pilot_figures(self, name, service):
        """A pilot of `service` in branch Alpha from 2024: {(side, measure): value}."""
        pilot = self.env["promujer.pilot"].create(
            {
                "name": name,
                "company_id": self.root.id,
                "service_ref": f"{service._name},{service.id}",
                "branch_ids": [Command.set(self.branch_a.ids)],
                "start_date": date(2024, 1, 1),
            }
        )
        pilot.action_compute_figures()
        return {(f.side, f.measure): f.value for f in pilot.figure_ids}

    def test_pilot_of_a_training_program(self):
        figures = self._pilot_figures("Job skills in Alpha", self.program_jobs)
        self.assertEqual(figures[("pilot", "Participants")], 3)
        self.assertEqual(figures[("pilot", "Completion rate (%)")], 100.0)
        self.assertEqual(figures[("others", "Courses")], 0)

    def test_pilot_of_a_health_service(self):
        self._done_visit(patient=self.women[0], services=self.consultation)
        figures = self._pilot_figures("Consultations at meetings", self.consultation)
        self.assertEqual(figures[("pilot", "Visits with the service")], 1)
        self.assertEqual(figures[("others", "Visits with the service")], 0)

    def test_health_education_is_health_coverage(self):
        """Health education: the courses of health programs, counted as the health coverage
        of their branch (the health addon itself knows nothing of training)."""
        program = self.env["promujer.training.program"].create(
            {
                "name": "Health talks",
                "category": "health",
                "target": "cohort",
                "session_count": 2,
                "syllabus_ids": [
                    Command.create({"sequence": n, "name": f"Topic {n}"}) for n in (1, 2)
                ],
            }
        )
        trainer = self.env["hr.employee"].create(
            {"name": "Health educator", "company_id": self.branch_a.id}
        )
        women = self._create_women(3)
        course = self.env["promujer.training.course"].create(
            {
                "program_id": program.id,
                "trainer_id": trainer.id,
                "company_id": self.branch_a.id,
                "date_start": date(2024, 3, 4),
                "place": "Health post",
            }
        )
        self.env["promujer.training.participant"].create(
            [{"course_id": course.id, "partner_id": woman.id} for woman in women]
        )
        course.action_plan_sessions()
        year = (date(2024, 1, 1), date(2024, 12, 31))
        # A course not started yet does not count.
        self.assertEqual(self._coverage(*year)._totals()["education_courses"], 0)
        course.action_start()
        totals = self._coverage(*year)._totals()
        self.assertEqual((totals["education_courses"], totals["education_participants"]), (1, 3))
        outside = self._coverage(date(2025, 1, 1), date(2025, 12, 31))._totals()
        self.assertEqual(outside["education_courses"], 0)

    def test_trainers_do_not_see_visits(self):
        self._done_visit(patient=self.women[0], services=self.consultation)
        with self.assertRaises(AccessError):
            self.env["promujer.health.visit"].with_user(self.trainer).search([])
