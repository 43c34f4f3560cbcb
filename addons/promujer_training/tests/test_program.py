# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingProgram(PromujerTrainingCommon):
    def test_seed_programs(self):
        programs = {
            xmlid: self.env.ref(f"promujer_training.program_{xmlid}")
            for xmlid in (
                "potentialities",
                "business",
                "association",
                "maternal_child_health",
                "reproductive_health",
                "job_skills",
            )
        }
        self.assertEqual(
            {p.name: p.category for p in programs.values()},
            {
                "Development of Potentialities": "potentialities",
                "Basic business skills and community associations": "business",
                "Association management": "association",
                "Preventive maternal and child health": "health",
                "Sexual and reproductive health": "health",
                "Working skills for young women": "job_skills",
            },
        )
        association = programs["association"]
        self.assertRecordValues(
            association, [{"session_count": 7, "target": "association", "company_id": False}]
        )
        self.assertEqual(len(association.syllabus_ids), 7)
        self.assertEqual(association.syllabus_ids.mapped("sequence"), [1, 2, 3, 4, 5, 6, 7])
        self.assertEqual(programs["job_skills"].target, "cohort")
        for program in programs.values():
            self.assertEqual(len(program.syllabus_ids), program.session_count, program.name)

    def test_syllabus_and_minimum_match_the_sessions(self):
        with self.assertRaisesRegex(ValidationError, "has 3 sessions but a syllabus of 4"):
            with self.cr.savepoint():
                self.program_short.syllabus_ids = [Command.create({"name": "One too many"})]
        with self.assertRaisesRegex(ValidationError, "between 0 \\(every session\\) and its 3"):
            with self.cr.savepoint():
                self.program_short.min_sessions_attended = 4
        self.assertCallRefused(
            ValidationError,
            "needs at least one session",
            self.env["promujer.training.program"].create,
            {"name": "Empty", "category": "health", "session_count": 0},
        )

    def test_sessions_planned_from_the_syllabus(self):
        association = self._create_association(state="forming")
        course = self._create_course(
            self.program_association, association=association, start=date(2024, 3, 4)
        )
        self.assertTrue(course.name.startswith("TC-"))
        self.assertEqual(course.company_id, association.company_id)
        self.assertEqual(course.participant_count, 25)
        sessions = self._sessions(course)
        self.assertEqual(len(sessions), 7)
        self.assertEqual(sessions.mapped("date"), self._weeks(date(2024, 3, 4), 7))
        self.assertEqual(
            sessions.mapped("name"), self.program_association.syllabus_ids.mapped("name")
        )
        self.assertEqual(sessions[0].name, "The community association")
        self.assertEqual(set(sessions.mapped("place")), {"Parish hall"})
        # One attendance line per participant and session, nobody present yet.
        self.assertEqual(len(sessions.attendance_ids), 7 * 25)
        self.assertFalse(any(sessions.attendance_ids.mapped("present")))
        # Planning again adds nothing: the program's sessions are all there.
        course.action_plan_sessions()
        self.assertEqual(course.session_count, 7)
        self.assertEqual(course.date_end, date(2024, 4, 15))
