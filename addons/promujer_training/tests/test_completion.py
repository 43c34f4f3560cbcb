# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestCompletion(PromujerTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.women = cls._create_women(4)
        cls.ana, cls.bea, cls.cata, cls.dora = cls.women

    def _participant(self, course, woman):
        return course.participant_ids.filtered(lambda p: p.partner_id == woman)

    def test_every_session_attended_completes_dated_at_the_last(self):
        course = self._create_course(women=self.women)
        # Bea misses the second session, Cata the last.
        self._run_course(course, absent={1: self.bea, 2: self.cata}, close=False)
        # Nobody completes before the course is closed.
        self.assertEqual(set(course.participant_ids.mapped("state")), {"enrolled"})
        course.action_done()
        self.assertRecordValues(
            course.participant_ids.sorted(lambda p: p.partner_id.name),
            [
                {"state": "completed", "attended_count": 3, "completion_date": date(2024, 1, 15)},
                {"state": "not_completed", "attended_count": 2, "completion_date": False},
                {"state": "not_completed", "attended_count": 2, "completion_date": False},
                {"state": "completed", "attended_count": 3, "completion_date": date(2024, 1, 15)},
            ],
        )
        self.assertRecordValues(
            course, [{"state": "done", "completed_count": 2, "participant_count": 4}]
        )
        self.assertIn("2 of 4 participants completed it", course.message_ids[0].body)

    def test_program_minimum(self):
        self.program_short.min_sessions_attended = 2
        course = self._create_course(women=self.women)
        # Ana misses the last session: she completed with the second one.
        self._run_course(course, absent={1: self.bea | self.cata, 2: self.ana | self.cata})
        self.assertRecordValues(
            self._participant(course, self.ana),
            [{"state": "completed", "required_count": 2, "completion_date": date(2024, 1, 8)}],
        )
        self.assertRecordValues(
            self._participant(course, self.bea),
            [{"state": "completed", "attended_count": 2, "completion_date": date(2024, 1, 15)}],
        )
        self.assertEqual(self._participant(course, self.cata).state, "not_completed")

    def test_completion_shown_on_the_client_and_the_association(self):
        association = self._create_association(state="forming")
        members = association.member_ids.sorted("id")
        self.assertEqual(association.training_completed_count, 0)
        course = self._train_association(association, absent={6: members[:2]})
        self.assertEqual(course.completed_count, 23)
        self.assertEqual(members[5].promujer_association_training_date, date(2024, 2, 12))
        self.assertFalse(members[0].promujer_association_training_date)
        self.assertEqual(association.training_completed_count, 23)
        self.assertEqual(association.training_pending_member_ids, members[:2])
        self.assertEqual(association.training_course_ids, course)
        # Another program does not count as the association-management training.
        other = self._create_women(1)
        self._run_course(self._create_course(women=other))
        self.assertFalse(other.promujer_association_training_date)
        self.assertEqual(other.promujer_training_participant_ids.state, "completed")

    def test_cancelled_course_completes_nobody(self):
        course = self._create_course(women=self.women)
        course.action_start()
        self._hold(self._sessions(course)[0])
        course.action_cancel()
        self.assertEqual(set(course.participant_ids.mapped("state")), {"cancelled"})
        self.assertEqual(set(course.session_ids.mapped("state")), {"done", "cancelled"})
        self.assertCallRefused(UserError, "Courses that started or held sessions", course.unlink)

    def test_close_needs_every_session_held(self):
        course = self._create_course(women=self.women)
        course.action_start()
        first = self._sessions(course)[0]
        self._hold(first)
        self.assertCallRefused(
            UserError,
            "(?s)Closing the course is not possible:.*still planned.*#2 Topic 2, .*#3 Topic 3"
            ".*only 1 of the program's 3 sessions were held",
            course.action_done,
        )
        self.assertEqual(course.state, "in_progress")

    def test_start_needs_participants_sessions_and_the_association(self):
        course = self.env["promujer.training.course"].create(
            {
                "program_id": self.program_association.id,
                "trainer_id": self.trainer_employee.id,
                "company_id": self.branch_a.id,
            }
        )
        self.assertCallRefused(
            UserError,
            "Starting the course is not possible:\n.*given to an association: choose it; "
            "it has no participants; plan its sessions first",
            course.action_start,
        )
        self.assertEqual(course.state, "draft")
