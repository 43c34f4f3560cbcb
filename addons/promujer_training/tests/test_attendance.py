# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestAttendance(PromujerTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.women = cls._create_women(3)
        cls.latecomer = cls._create_women(1)

    def _line(self, session, woman):
        return session.attendance_ids.filtered(lambda a: a.partner_id == woman)

    def test_grid_mark_all_present_then_the_absent(self):
        course = self._create_course(women=self.women)
        course.with_user(self.trainer).action_start()
        session = self._sessions(course)[0].with_user(self.trainer)
        session.action_mark_all_present()
        self.assertEqual(session.present_count, 3)
        self._line(session, self.women[1]).present = False
        self.assertRecordValues(session, [{"present_count": 2, "absent_count": 1}])
        session.action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(course.sessions_held_count, 1)
        # A held session can be corrected while the course is in progress.
        self._line(session, self.women[1]).present = True
        self.assertEqual(session.present_count, 3)

    def _enrol_the_latecomer_after_the_first_session(self):
        """A course started, its first session held, then the latecomer enrolled: the
        course, its three sessions and her enrolment."""
        course = self._create_course(women=self.women)
        course.action_start()
        first, second, third = self._sessions(course)
        self._hold(first)
        late = self.env["promujer.training.participant"].create(
            {"course_id": course.id, "partner_id": self.latecomer.id}
        )
        return course, (first, second, third), late

    def test_participant_added_after_a_session(self):
        course, (first, second, third), late = self._enrol_the_latecomer_after_the_first_session()
        # She has a line on every session; on the one already held she is absent.
        self.assertEqual(late.attendance_ids.session_id, first | second | third)
        self.assertFalse(self._line(first, self.latecomer).present)
        self.assertEqual(first.absent_count, 1)
        self._hold(second)
        self._hold(third)
        self.assertTrue(self._line(third, self.latecomer).present)
        course.action_done()
        # Every session held counts: she missed one, so she has not completed ...
        self.assertRecordValues(
            late, [{"state": "not_completed", "attended_count": 2, "held_count": 3}]
        )
        self.assertEqual(course.completed_count, 3)

    def test_participant_added_after_a_session_with_a_minimum(self):
        # ... unless the program asks for fewer sessions than it has.
        self.program_short.min_sessions_attended = 2
        course, (_first, second, third), late = self._enrol_the_latecomer_after_the_first_session()
        self._hold(second)
        self._hold(third)
        course.action_done()
        self.assertRecordValues(
            late, [{"state": "completed", "completion_date": date(2024, 1, 15)}]
        )

    def test_cancelled_session(self):
        course = self._create_course(women=self.women)
        course.action_start()
        first, second, third = self._sessions(course)
        self._hold(first)
        second.with_user(self.trainer).action_cancel()
        self.assertEqual(course.session_count, 2)
        # A cancelled session takes no attendance ...
        self.assertCallRefused(
            UserError,
            "Taking the attendance is not possible for TC-",
            second.action_mark_all_present,
        )
        with self.assertRaisesRegex(UserError, "Taking the attendance is not possible for TC-"):
            with self.cr.savepoint():
                self._line(second, self.women[0]).present = True
        self._hold(third)
        # ... and the course cannot close with a topic of its program missing.
        self.assertCallRefused(
            UserError, "only 2 of the program's 3 sessions were held", course.action_done
        )
        # Planning the missing session brings the cancelled topic back, a week after.
        course.with_user(self.trainer).action_plan_sessions()
        replacement = course.session_ids - first - second - third
        self.assertRecordValues(
            replacement, [{"name": "Topic 2", "date": date(2024, 1, 22), "state": "planned"}]
        )
        self.assertEqual(len(replacement.attendance_ids), 3)
        self._hold(replacement, absent=self.women[2])
        course.action_done()
        # The cancelled session counts for nobody: three sessions held out of four planned.
        self.assertRecordValues(
            course.participant_ids.sorted("id"),
            [
                {"state": "completed", "held_count": 3, "completion_date": date(2024, 1, 22)},
                {"state": "completed", "held_count": 3, "completion_date": date(2024, 1, 22)},
                {"state": "not_completed", "held_count": 3, "completion_date": False},
            ],
        )

    def test_cancelled_session_held_after_all(self):
        course = self._create_course(women=self.women)
        course.action_start()
        first = self._sessions(course)[0]
        first.action_cancel()
        self.env["promujer.training.participant"].create(
            {"course_id": course.id, "partner_id": self.latecomer.id}
        )
        # No line for her on the cancelled session, until it is planned again.
        self.assertEqual(len(first.attendance_ids), 3)
        first.action_plan()
        self.assertEqual(len(first.attendance_ids), 4)
        self._hold(first)
        self.assertEqual(first.present_count, 4)

    def test_attendance_only_while_the_course_is_in_progress(self):
        course = self._create_course(women=self.women)
        session = self._sessions(course)[0]
        self.assertCallRefused(
            UserError,
            "Taking the attendance is not possible:\n.*its course TC-.* is draft",
            session.action_mark_all_present,
        )
        self._run_course(course)
        with self.assertRaisesRegex(UserError, "attendance is not possible:\n.*is done"):
            with self.cr.savepoint():
                self._line(session, self.women[0]).present = False
        self.assertCallRefused(
            UserError,
            "Changing the participants is not possible for TC-",
            self.env["promujer.training.participant"].create,
            {"course_id": course.id, "partner_id": self.latecomer.id},
        )
        self.assertCallRefused(
            UserError,
            "Adding sessions is not possible for TC-",
            self.env["promujer.training.session"].create,
            {"course_id": course.id, "name": "Extra", "date": date(2024, 2, 1)},
        )

    def test_a_future_session_is_not_held_yet(self):
        tomorrow = fields.Date.context_today(self.env.user) + timedelta(days=1)
        course = self._create_course(women=self.women, start=tomorrow)
        course.action_start()
        session = self._sessions(course)[0]
        session.action_mark_all_present()
        self.assertCallRefused(UserError, "is dated .*, in the future", session.action_done)
        self.assertEqual(session.state, "planned")

    def test_held_sessions_are_not_deleted(self):
        course = self._create_course(women=self.women)
        course.action_start()
        first, _second, third = self._sessions(course)
        self._hold(first)
        self.assertCallRefused(UserError, "Held sessions keep their attendance", first.unlink)
        third.unlink()
        self.assertEqual(course.session_count, 2)
