# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingSecurity(PromujerTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.women = cls._create_women(3)
        cls.course_1 = cls._create_course(women=cls.women[:2])
        cls.course_2 = cls._create_course(women=cls.women[2:], trainer=cls.trainer_2_employee)
        cls.course_b = cls._create_course(women=cls.women, trainer=cls.trainer_b_employee)

    def _visible(self, user, model="promujer.training.course"):
        return self.env[model].with_user(user).search([])

    def test_trainers_see_their_courses(self):
        self.assertEqual(self._visible(self.trainer), self.course_1)
        self.assertEqual(self._visible(self.trainer_2), self.course_2)
        self.assertEqual(self._visible(self.trainer_b), self.course_b)
        self.assertEqual(
            self._visible(self.trainer, "promujer.training.session"), self.course_1.session_ids
        )
        self.assertEqual(
            self._visible(self.trainer, "promujer.training.participant"),
            self.course_1.participant_ids,
        )
        self.assertEqual(
            self._visible(self.trainer, "promujer.training.attendance"),
            self.course_1.session_ids.attendance_ids,
        )
        with self.assertRaises(AccessError):
            self.course_2.with_user(self.trainer).read(["name"])

    def test_managers_see_their_branches_courses(self):
        for user in (self.training_manager, self.manager, self.officer):
            self.assertEqual(self._visible(user), self.course_1 | self.course_2, user.login)
            self.assertEqual(
                self._visible(user, "promujer.training.attendance"),
                (self.course_1 | self.course_2).session_ids.attendance_ids,
            )
        self.assertEqual(self._visible(self.manager_b), self.course_b)
        # The suite administrator, allowed in every branch, sees them all.
        courses = self.course_1 | self.course_2 | self.course_b
        self.assertEqual(
            self.env["promujer.training.course"]
            .with_user(self.admin)
            .search([("id", "in", courses.ids)]),
            courses,
        )

    def test_trainer_works_on_her_courses_only(self):
        course = self.course_1.with_user(self.trainer)
        course.action_start()
        session = self._sessions(course)[0]
        self._hold(session, absent=self.women[0], user=self.trainer)
        self.assertEqual(session.present_count, 1)
        # She creates courses for herself, not for another trainer.
        own = (
            self.env["promujer.training.course"]
            .with_user(self.trainer)
            .create(
                {
                    "program_id": self.program_short.id,
                    "trainer_id": self.trainer_employee.id,
                    "company_id": self.branch_a.id,
                }
            )
        )
        own.action_plan_sessions()
        self.assertEqual(own.session_count, 3)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["promujer.training.course"].with_user(self.trainer).create(
                {
                    "program_id": self.program_short.id,
                    "trainer_id": self.trainer_2_employee.id,
                    "company_id": self.branch_a.id,
                }
            )
        # The training manager acts on every course of her branch.
        self.course_2.with_user(self.training_manager).action_start()
        self.assertEqual(self.course_2.state, "in_progress")

    def test_credit_staff_read_but_do_not_train(self):
        self.course_1.action_start()
        session = self._sessions(self.course_1)[0]
        for user in (self.manager, self.officer):
            self.assertEqual(self.course_1.with_user(user).participant_count, 2)
            self.assertCallRefused(
                UserError,
                "Only the trainer of a course or a training",
                session.with_user(user).action_mark_all_present,
            )
            with self.assertRaises(AccessError), self.cr.savepoint():
                session.attendance_ids[0].with_user(user).write({"present": True})
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.course_1.with_user(user).write({"place": "Elsewhere"})

    def test_accountant_does_not_see_training(self):
        with self.assertRaises(AccessError):
            self.course_1.with_user(self.accountant).read(["name"])
        # ... but still opens associations and clients, whose training fields are hidden.
        association = self._create_association(state="forming")
        form = (
            self.env["promujer.association"]
            .with_user(self.accountant)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("training_course_ids", form)
        self.assertEqual(association.with_user(self.accountant).training_completed_count, 0)

    def test_programs_are_configured_by_training_managers(self):
        program = self.program_association
        self.assertEqual(program.with_user(self.officer).session_count, 7)
        self.assertEqual(program.with_user(self.trainer_b).syllabus_ids[0].sequence, 1)
        with self.assertRaises(AccessError), self.cr.savepoint():
            program.with_user(self.trainer).write({"session_count": 8})
        self.program_short.with_user(self.training_manager).min_sessions_attended = 2
        self.assertEqual(self.program_short.min_sessions_attended, 2)
        # A program of a branch is not shared with the other branches.
        local = self.env["promujer.training.program"].create(
            {"name": "Local", "category": "health", "company_id": self.branch_b.id}
        )
        programs = self.env["promujer.training.program"].with_user(self.trainer).search([])
        self.assertIn(program, programs)
        self.assertNotIn(local, programs)

    def test_forms_open_for_each_role(self):
        """Each role opens the forms it works with: every field they show is readable."""
        self.course_1.action_start()
        session = self._sessions(self.course_1)[0]
        association = self._create_association(state="training")
        woman = association.member_ids[0]
        opening = self.env["promujer.job.opening"].create(
            {"name": "Cashier", "employer_id": self.partner_a.id, "company_id": self.branch_a.id}
        )
        training = [self.course_1, session, self.course_1.participant_ids[0], woman, opening]
        cases = [
            (self.trainer, [*training, self.program_short]),
            (self.training_manager, [*training, self.program_short]),
            (self.officer, [self.course_1, session, association, woman]),
            (self.manager, [self.course_1, session, association, woman, opening]),
            (self.accountant, [association, woman]),
        ]
        for user, records in cases:
            for record in records:
                with self.subTest(user=user.login, model=record._name):
                    # She sees the record she opened ...
                    form = Form(record.with_user(user))
                    participant = record._name == "promujer.training.participant"
                    fname = "partner_id" if participant else "name"
                    self.assertEqual(getattr(form, fname), record[fname])
        # ... and the buttons of her role: who runs the course takes the attendance and
        # closes the course, credit staff only read them.
        for user, runs in (
            (self.trainer, True),
            (self.training_manager, True),
            (self.officer, False),
            (self.manager, False),
        ):
            with self.subTest(user=user.login, buttons=True):
                course = Form(self.course_1.with_user(user))
                self.assertEqual((course.can_done, course.can_cancel), (runs, runs))
                self.assertEqual(Form(session.with_user(user)).can_mark_all_present, runs)

    def test_trainers_see_the_training_menus_only(self):
        menus = self.env["ir.ui.menu"].with_user(self.trainer)._visible_menu_ids()
        self.assertIn(self.env.ref("promujer_training.menu_promujer_training_course").id, menus)
        self.assertIn(self.env.ref("promujer_training.menu_promujer_job_placement").id, menus)
        self.assertNotIn(self.env.ref("promujer_training.menu_promujer_training_config").id, menus)
        for xmlid in ("associations", "loans", "meetings", "savings"):
            menu = self.env.ref(f"promujer_credit.menu_microfinance_{xmlid}")
            self.assertNotIn(menu.id, menus, xmlid)
            self.assertIn(
                menu.id, self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids()
            )
