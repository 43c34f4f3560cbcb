# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command

from odoo.addons.promujer_credit.tests.common import PromujerCreditCommon


class PromujerTrainingCommon(PromujerCreditCommon):
    """The credit fixtures, plus trainers and a training manager in branch A, a trainer
    in branch B, a short program, and factories for courses and their sessions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The gate to a first loan is on, as in production (the credit addon's own tests
        # switch it off).
        cls.root.promujer_training_required = True
        cls.root.promujer_training_min_completed_percent = 100
        trainer = "promujer_training.group_trainer"
        cls.trainer = cls._create_user("trainer", trainer, cls.branch_a)
        cls.trainer_2 = cls._create_user("trainer_2", trainer, cls.branch_a)
        cls.trainer_b = cls._create_user("trainer_b", trainer, cls.branch_b)
        cls.training_manager = cls._create_user(
            "training_manager", "promujer_training.group_training_manager", cls.branch_a
        )
        Employee = cls.env["hr.employee"]
        cls.trainer_employee = Employee.create(
            {"name": "Trainer Rojas", "company_id": cls.branch_a.id, "user_id": cls.trainer.id}
        )
        cls.trainer_2_employee = Employee.create(
            {"name": "Trainer Vargas", "company_id": cls.branch_a.id, "user_id": cls.trainer_2.id}
        )
        cls.trainer_b_employee = Employee.create(
            {"name": "Trainer Cruz", "company_id": cls.branch_b.id, "user_id": cls.trainer_b.id}
        )

        cls.program_association = cls.env.ref("promujer_training.program_association")
        cls.program_jobs = cls.env.ref("promujer_training.program_job_skills")
        cls.program_short = cls.env["promujer.training.program"].create(
            {
                "name": "Three sessions",
                "category": "potentialities",
                "target": "cohort",
                "session_count": 3,
                "syllabus_ids": [
                    Command.create({"sequence": n, "name": f"Topic {n}"}) for n in (1, 2, 3)
                ],
            }
        )

    # ------------------------------------------------------------------ factories

    @classmethod
    def _create_course(
        cls, program=None, association=None, women=None, trainer=None, start=None, **values
    ):
        """A draft course with its sessions planned, weekly from `start`, and its
        participants: the association's members, or `women`."""
        program = program or cls.program_short
        trainer = trainer or cls.trainer_employee
        course = cls.env["promujer.training.course"].create(
            {
                "program_id": program.id,
                "trainer_id": trainer.id,
                "company_id": trainer.company_id.id,
                "association_id": association.id if association else False,
                "date_start": start or date(2024, 1, 1),
                "place": "Parish hall",
                **values,
            }
        )
        if association:
            course.action_add_association_members()
        if women:
            cls.env["promujer.training.participant"].create(
                [{"course_id": course.id, "partner_id": woman.id} for woman in women]
            )
        course.action_plan_sessions()
        return course

    @classmethod
    def _sessions(cls, course):
        return course.session_ids.filtered(lambda s: s.state != "cancelled").sorted(
            lambda s: (s.date, s.id)
        )

    @classmethod
    def _hold(cls, session, absent=None, user=None):
        """Take the attendance of a session: everyone present, then the absent."""
        session = session.with_user(user) if user else session
        session.action_mark_all_present()
        if absent:
            session.attendance_ids.filtered(lambda a: a.partner_id in absent).write(
                {"present": False}
            )
        session.action_done()
        return session

    @classmethod
    def _run_course(cls, course, absent=None, close=True):
        """Start the course, hold every planned session (absent: {index: women}) and
        close it."""
        course.action_start()
        for index, session in enumerate(cls._sessions(course)):
            cls._hold(session, (absent or {}).get(index))
        if close:
            course.action_done()
        return course

    @classmethod
    def _train_association(cls, association, women=None, absent=None):
        """The association-management course, taken by its members (or `women`)."""
        course = cls._create_course(
            cls.program_association,
            association=association if women is None else None,
            women=women,
            association_id=association.id,
        )
        return cls._run_course(course, absent)

    @staticmethod
    def _weeks(start, count):
        return [start + timedelta(weeks=n) for n in range(count)]

    # ------------------------------------------------------------------ assertions

    def assertButtons(self, record, user, expected):
        """The buttons `user` sees on `record`: the can_<verb> fields that are true."""
        record = record.with_user(user)
        shown = {name[4:] for name in record._fields if name.startswith("can_") and record[name]}
        self.assertEqual(shown, set(expected), f"{record.display_name} as {user.login}")

    def assertButtonsInStates(self, record, expected, actors, others=()):
        """In each state of `expected` ({state: verbs}), `actors` see those buttons on
        `record`, and `others` none."""
        for state, buttons in expected.items():
            record.sudo().state = state
            for user in actors:
                self.assertButtons(record, user, buttons)
            for user in others:
                self.assertButtons(record, user, set())
