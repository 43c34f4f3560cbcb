# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingWorkflow(PromujerTrainingCommon):
    """The buttons each role sees in each state (can_<verb>), and the refusals of the
    checks behind them, which name the action and write nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.women = cls._create_women(2)
        cls.course = cls._create_course(women=cls.women)
        cls.session = cls._sessions(cls.course)[0]

    def _set_states(self, course_state, session_state=None):
        self.course.sudo().state = course_state
        if session_state:
            self.session.sudo().state = session_state

    # ------------------------------------------------------------------ courses

    def test_course_buttons_follow_its_state_and_who_runs_it(self):
        expected = {
            "draft": {"plan_sessions", "start", "cancel"},
            "in_progress": {"plan_sessions", "done", "cancel"},
            "done": set(),
            "cancelled": {"draft"},
        }
        for state, buttons in expected.items():
            self._set_states(state)
            for user in (self.trainer, self.training_manager):
                self.assertButtons(self.course, user, buttons)
            # Credit staff read the course; they do not run it.
            for user in (self.officer, self.manager):
                self.assertButtons(self.course, user, set())

    def test_enrolling_the_members_needs_an_association(self):
        association = self._create_association(state="forming")
        course = self._create_course(self.program_association, association=association)
        self.assertButtons(
            course, self.trainer, {"plan_sessions", "add_association_members", "start", "cancel"}
        )
        course.sudo().state = "done"
        self.assertButtons(course, self.trainer, set())
        self.assertCheckRefused(
            course, "add_association_members", "Changing the participants is not possible for TC-"
        )

    def test_course_refusals(self):
        cases = [
            ("done", "plan_sessions", "Planning sessions is not possible for TC-"),
            ("in_progress", "start", "Starting the course is not possible for TC-"),
            ("draft", "done", "Closing the course is not possible for TC-"),
            ("done", "cancel", "Cancelling is not possible for TC-"),
            ("in_progress", "draft", "Going back to draft is not possible for TC-"),
        ]
        for state, verb, pattern in cases:
            with self.subTest(verb=verb, state=state):
                self._set_states(state)
                self.assertCheckRefused(self.course, verb, pattern)
        self._set_states("draft")
        for verb in ("plan_sessions", "start", "cancel"):
            with self.subTest(verb=verb, user="officer"):
                self.assertCheckRefused(
                    self.course.with_user(self.officer),
                    verb,
                    "Only the trainer of a course or a training manager of its branch can",
                )

    # ------------------------------------------------------------------ sessions

    def test_session_buttons_follow_its_state_and_its_course(self):
        expected = [
            ("in_progress", "planned", {"mark_all_present", "done", "cancel"}),
            ("in_progress", "done", {"mark_all_present", "plan"}),
            ("in_progress", "cancelled", {"plan"}),
            ("draft", "planned", {"cancel"}),
            ("draft", "done", set()),
            ("draft", "cancelled", {"plan"}),
            ("done", "planned", set()),
            ("done", "done", set()),
        ]
        for course_state, session_state, buttons in expected:
            with self.subTest(course=course_state, session=session_state):
                self._set_states(course_state, session_state)
                self.assertButtons(self.session, self.trainer, buttons)
                self.assertButtons(self.session, self.officer, set())

    def test_session_refusals(self):
        today = date(2024, 6, 1)
        cases = [
            ("in_progress", "cancelled", "mark_all_present", "Taking the attendance is not"),
            ("draft", "planned", "mark_all_present", "attendance is not possible:\n.*its course"),
            ("in_progress", "done", "done", "Recording the session as held is not possible"),
            ("draft", "planned", "done", "as held is not possible:\n.*its course .* is draft"),
            ("in_progress", "done", "cancel", "Cancelling a session is not possible for TC-"),
            ("done", "planned", "cancel", "session is not possible:\n.*its course .* is done"),
            ("in_progress", "planned", "plan", "Going back to planned is not possible for TC-"),
            ("draft", "done", "plan", "planned is not possible:\n.*its course .* is draft"),
            ("cancelled", "cancelled", "plan", "planned is not possible:\n.*is cancelled"),
        ]
        for course_state, session_state, verb, pattern in cases:
            with self.subTest(verb=verb, course=course_state, session=session_state):
                self._set_states(course_state, session_state)
                args = (today,) if verb == "done" else ()
                self.assertCheckRefused(self.session, verb, pattern, *args)
        # The date it is held on is the check's: a session of 2024-01-01 was not held
        # on 2023-12-31.
        self._set_states("in_progress", "planned")
        self.assertCheckRefused(
            self.session, "done", "it is dated 01/01/2024, in the future", date(2023, 12, 31)
        )
        self.session._promujer_check("done", date(2024, 1, 1))
        self.assertCheckRefused(
            self.session.with_user(self.officer), "cancel", "can cancel the sessions of it"
        )

    # ------------------------------------------------------------------ employment office

    def _opening(self):
        return self.env["promujer.job.opening"].create(
            {"name": "Cashier", "employer_id": self.partner_a.id, "company_id": self.branch_a.id}
        )

    def test_opening_buttons_are_the_training_managers(self):
        opening = self._opening()
        expected = {
            "draft": {"open", "cancel"},
            "open": {"close", "cancel"},
            "closed": {"draft"},
            "cancelled": {"draft"},
        }
        self.assertButtonsInStates(
            opening, expected, [self.training_manager], others=[self.trainer, self.manager]
        )

    def test_opening_refusals(self):
        opening = self._opening()
        self.assertCheckRefused(
            opening.with_user(self.trainer), "open", "Only a training manager manages job"
        )
        self.assertCheckRefused(opening, "close", "Closing the opening is not possible for Cashier")
        self.assertCheckRefused(
            opening, "draft", "Resetting the opening is not possible for Cashier"
        )
        opening.action_open()
        self.assertCheckRefused(
            opening, "open", "Publishing the opening is not possible for Cashier"
        )
        opening.action_cancel()
        self.assertCheckRefused(
            opening, "cancel", "Cancelling the opening is not possible for Cashier"
        )

    def test_placement_buttons_are_the_trainers(self):
        self._run_course(self._create_course(self.program_jobs, women=self.women))
        opening = self._opening()
        opening.action_open()
        placement, other = self.env["promujer.job.placement"].create(
            [{"opening_id": opening.id, "partner_id": woman.id} for woman in self.women]
        )
        expected = {
            "proposed": {"interview", "hire", "not_hired"},
            "interviewed": {"hire", "not_hired"},
            "hired": {"propose"},
            "not_hired": {"propose"},
        }
        # Branch managers read the employment office.
        self.assertButtonsInStates(
            placement, expected, [self.trainer, self.training_manager], others=[self.manager]
        )
        self.assertCheckRefused(placement, "hire", "Hiring is not possible for Woman")
        self.assertCheckRefused(
            placement, "not_hired", "Recording as not hired is not possible for Woman"
        )
        placement.sudo().state = "interviewed"
        self.assertCheckRefused(placement, "interview", "Recording an interview is not possible")
        self.assertCheckRefused(placement, "propose", "Reopening is not possible for Woman")
        other.action_hire()
        self.assertCheckRefused(
            placement, "hire", "cannot be hired:\nCashier .*: it has 0 of its 1 places"
        )
