# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestEmploymentOffice(PromujerTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mothers = cls._create_women(6)
        cls.young = cls.env["res.partner"].create(
            [
                {
                    "name": f"Daughter {n}",
                    "promujer_family_of_id": mother.id,
                    "promujer_relationship": "child",
                    "promujer_gender": "female",
                }
                for n, mother in enumerate(mothers)
            ]
        )
        # Branch A: five young women take the job-skills course, four complete it.
        cls.cohort_a = cls._run_course(
            cls._create_course(cls.program_jobs, women=cls.young[:5]),
            absent={2: cls.young[4]},
        )
        # Branch B: one completes it there.
        cls.cohort_b = cls._run_course(
            cls._create_course(cls.program_jobs, women=cls.young[5], trainer=cls.trainer_b_employee)
        )
        cls.employer = cls.env["res.partner"].create(
            {"name": "Textiles Andinos", "is_company": True}
        )
        cls.opening = cls.env["promujer.job.opening"].create(
            {
                "name": "Seamstress",
                "employer_id": cls.employer.id,
                "company_id": cls.branch_a.id,
                "places": 2,
                "date_open": date(2024, 3, 1),
                "date_close": date(2024, 3, 31),
            }
        )

    def _propose(self, woman, opening=None, user=None):
        Placement = self.env["promujer.job.placement"]
        return (Placement.with_user(user) if user else Placement).create(
            {"opening_id": (opening or self.opening).id, "partner_id": woman.id}
        )

    def _figures(self, user=None):
        Report = self.env["promujer.employment.report"]
        rows = (Report.with_user(user) if user else Report)._read_group(
            [("partner_id", "in", self.young.ids)],
            ["company_id"],
            ["trained:sum", "placed:sum", "placement_rate:avg"],
        )
        return {company: (trained, placed, rate) for company, trained, placed, rate in rows}

    def test_candidates_completed_the_job_skills_training(self):
        self.assertEqual(self.young[0].promujer_job_skills_date, date(2024, 2, 5))
        self.assertFalse(self.young[4].promujer_job_skills_date)
        self.opening.action_open()
        self.assertCallRefused(
            ValidationError, "these have not: Daughter 4", self._propose, self.young[4]
        )
        placement = self._propose(self.young[0], user=self.trainer)
        self.assertRecordValues(placement, [{"state": "proposed", "company_id": self.branch_a.id}])

    def test_placement_states_and_places(self):
        self.assertCallRefused(
            UserError,
            "Only a training manager manages job openings",
            self.opening.with_user(self.trainer).action_open,
        )
        first, second, third = (self._propose(w) for w in self.young[:3])
        self.assertCallRefused(
            UserError,
            "cannot be hired:\nSeamstress \\(Textiles Andinos\\): it is not open",
            first.action_hire,
        )
        self.opening.with_user(self.training_manager).action_open()
        first.with_user(self.trainer).action_interview()
        self.assertRecordValues(
            first, [{"state": "interviewed", "date": fields.Date.context_today(first)}]
        )
        (first | second).with_user(self.trainer).action_hire()
        self.assertRecordValues(self.opening, [{"hired_count": 2, "places_left": 0}])
        self.assertCallRefused(UserError, "has 0 of its 2 places left", third.action_hire)
        third.action_not_hired()
        self.assertEqual(third.state, "not_hired")
        self.assertCallRefused(
            UserError,
            "Hiring is not possible for Daughter 1 .*, Daughter 2 .* in their current",
            (second | third).action_hire,
        )
        self.assertCallRefused(UserError, "closed, not cancelled", self.opening.action_cancel)
        self.opening.action_close()
        self.assertEqual(self.opening.state, "closed")

    def test_an_opening_needs_places_and_dates_in_order(self):
        """An opening without places that closes before it opens is refused with both
        problems; the opening keeps its places and dates."""
        self.assertCallRefused(
            ValidationError,
            "These job openings are not valid:\nSeamstress.*: it needs at least one place; it "
            "closes on 02/15/2024, before it opens on 03/01/2024\\.",
            self.opening.write,
            {"places": 0, "date_close": date(2024, 2, 15)},
        )
        self.assertEqual(self.opening.places, 2)
        self.assertEqual(self.opening.date_close, date(2024, 3, 31))

    def test_figures_per_branch(self):
        self.opening.action_open()
        other = self.opening.copy({"name": "Cutter", "places": 3})
        other.action_open()
        self._propose(self.young[0]).action_hire()
        # Hired twice, counted once.
        self._propose(self.young[0], other).action_hire()
        self._propose(self.young[1]).action_not_hired()
        self._propose(self.young[2])
        # Placed by branch A's office, counted where she was trained.
        self._propose(self.young[5], other).action_hire()
        self.assertEqual(
            self._figures(),
            {self.branch_a: (4, 1, 25.0), self.branch_b: (1, 1, 100.0)},
        )
        # A branch manager sees her branch's figures only.
        self.assertEqual(self._figures(self.manager), {self.branch_a: (4, 1, 25.0)})
        self.assertEqual(self._figures(self.manager_b), {self.branch_b: (1, 1, 100.0)})

    def test_rights(self):
        self.opening.action_open()
        # Trainers propose candidates and read openings; training managers manage them.
        self.assertEqual(self.opening.with_user(self.trainer).places, 2)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.opening.with_user(self.trainer).write({"places": 5})
        self.opening.with_user(self.training_manager).write({"places": 5})
        # Branch managers read the employment office; loan officers do not.
        placement = self._propose(self.young[0])
        self.assertEqual(placement.with_user(self.manager).state, "proposed")
        with self.assertRaises(AccessError), self.cr.savepoint():
            placement.with_user(self.manager).action_interview()
        with self.assertRaises(AccessError), self.cr.savepoint():
            placement.with_user(self.officer).read(["state"])
        # Other branches' openings are not seen.
        self.assertFalse(self.env["promujer.job.opening"].with_user(self.trainer_b).search([]))
