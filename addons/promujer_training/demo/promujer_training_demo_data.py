# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that goes through the addon's own workflow (called from demo XML only)."""

import random
from datetime import timedelta

from odoo import api, fields, models

TRAINER_NAMES = [
    "Rosario Mamani Quispe",
    "Gladys Condori Apaza",
    "Ximena Rojas Vargas",
    "Patricia Flores Cruz",
    "Miriam Choque Ticona",
    "Verónica Huanca Poma",
    "Silvia Gutiérrez Ramos",
    "Roxana Limachi Colque",
]
YOUNG_NAMES = [
    "Daniela",
    "Wendy",
    "Jhoselin",
    "Mariela",
    "Vanesa",
    "Karina",
    "Ruth",
    "Noemí",
    "Yésica",
    "Lizeth",
    "Beatriz",
    "Carla",
]
EMPLOYERS = [
    ("Supermercado Los Andes S.R.L.", "Cashier", 3),
    ("Confecciones Illimani", "Sewing machine operator", 4),
    ("Restaurante La Paceña", "Kitchen assistant", 2),
]


class PromujerTrainingDemoData(models.AbstractModel):
    _name = "promujer.training.demo.data"
    _description = "Pro Mujer training demo data generator"

    @api.model
    def _create_training_demo(self):
        """Courses for the credit demo's associations (done for those that borrow, in
        progress for the one in training, planned for the one forming), job-skills
        cohorts and the employment office."""
        root = self.env.ref("promujer_credit.company_promujer_bolivia", raise_if_not_found=False)
        if not root:
            return True
        self = self.with_user(self.env.ref("base.user_admin"))
        today = fields.Date.context_today(self)
        associations = self.env["promujer.association"].search(
            [("company_id", "child_of", root.id)], order="id"
        )
        trainers = {}
        self._demo_association_trainings(associations, trainers, today)
        borrowing = associations.filtered(lambda a: a.state in ("active", "consolidated"))
        if len(borrowing) >= 3:
            self._demo_other_courses(borrowing, trainers, today)
            self._demo_job_skills(borrowing, trainers, today)
        return True

    def _demo_trainer(self, branch, trainers):
        """The trainer of `branch` (created the first time; `trainers` keeps them): the
        demo's trainer user gives the courses of Villa Adela."""
        if branch not in trainers:
            villa_adela = self.env.ref("promujer_credit.focal_el_alto_villa_adela")
            trainer_user = self.env.ref("promujer_training.user_demo_trainer")
            trainers[branch] = self.env["hr.employee"].create(
                {
                    "name": trainer_user.name
                    if branch == villa_adela
                    else TRAINER_NAMES[len(trainers) % len(TRAINER_NAMES)],
                    "job_title": "Trainer",
                    "company_id": branch.id,
                    "user_id": trainer_user.id if branch == villa_adela else False,
                }
            )
        return trainers[branch]

    def _demo_program(self, name):
        return self.env.ref(f"promujer_training.program_{name}")

    def _demo_association_trainings(self, associations, trainers, today):
        """The association-management training, which each association took before it
        became active and borrowed (everyone attended every session), is taking, or will
        take."""
        program = self._demo_program("association")
        for association in associations:
            if association.state == "closed":
                continue
            trainer = self._demo_trainer(association.company_id, trainers)
            if association.state in ("active", "consolidated", "suspended"):
                self._demo_course(program, trainer, today - timedelta(days=115), association)
            elif association.state == "training":
                members = association.member_ids.sorted("id")
                self._demo_course(
                    program,
                    trainer,
                    today - timedelta(days=24),
                    association,
                    absent={1: members[3:5], 2: members[7:8], 3: members[3:4]},
                    close=False,
                )
            elif association.state == "forming":
                self._demo_course(program, trainer, today + timedelta(days=7), association)

    def _demo_other_courses(self, borrowing, trainers, today):
        """Development of potentialities, health education and business skills for
        three associations that borrow."""
        first, second, third = borrowing[0], borrowing[1], borrowing[-1]
        members = first.member_ids.sorted("id")
        # Two women missed the last sessions of Development of Potentialities.
        self._demo_course(
            self._demo_program("potentialities"),
            self._demo_trainer(first.company_id, trainers),
            today - timedelta(days=60),
            first,
            absent={2: members[20:22], 3: members[20:22]},
        )
        # Health education at the repayment meetings, half-way.
        self._demo_course(
            self._demo_program("maternal_child_health"),
            self._demo_trainer(second.company_id, trainers),
            today - timedelta(days=14),
            second,
            close=False,
        )
        # Business skills, where a road blockade cancelled the second session: its
        # topic was planned again after the others.
        self._demo_course(
            self._demo_program("business"),
            self._demo_trainer(third.company_id, trainers),
            today - timedelta(days=35),
            third,
            cancelled={1},
            close=False,
        )

    def _demo_job_skills(self, borrowing, trainers, today):
        """Working skills for young women: the daughters of the first association's
        members, an open cohort at their Focal Center, and the employment office; a
        second cohort in progress."""
        first, second = borrowing[0], borrowing[1]
        rng = random.Random(2001)
        program = self._demo_program("job_skills")
        daughters = self._demo_young_women(first, rng, 12)
        cohort = self._demo_course(
            program,
            self._demo_trainer(first.company_id, trainers),
            today - timedelta(days=80),
            women=daughters,
            absent={4: daughters[10:12], 5: daughters[10:12]},
        )
        self._demo_employment_office(cohort, lambda offset: today + timedelta(days=offset))
        others = self._demo_young_women(second, rng, 8)
        self._demo_course(
            program,
            self._demo_trainer(second.company_id, trainers),
            today - timedelta(days=20),
            women=others,
            absent={1: others[0:1]},
            close=False,
        )

    def _demo_young_women(self, association, rng, count):
        mothers = association.member_ids.sorted("id")
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{YOUNG_NAMES[n % len(YOUNG_NAMES)]} {mother.name.split(' ', 1)[-1]}",
                    "promujer_family_of_id": mother.id,
                    "promujer_relationship": "child",
                    "promujer_gender": "female",
                    "promujer_birthdate": fields.Date.context_today(self)
                    - timedelta(days=rng.randint(17, 24) * 365),
                    "city": association.company_id.city,
                    "country_id": self.env.ref("base.bo").id,
                }
                for n, mother in enumerate(mothers[:count])
            ]
        )

    def _demo_course(
        self,
        program,
        trainer,
        start,
        association=None,
        women=None,
        absent=None,
        cancelled=(),
        close=True,
    ):
        """A course started on `start` with weekly sessions: those already past are held
        (everyone present but the `absent` of each session index), the `cancelled`
        session indexes are replaced, and the course is closed when all are held."""
        today = fields.Date.context_today(self)
        course = self.env["promujer.training.course"].create(
            {
                "program_id": program.id,
                "trainer_id": trainer.id,
                "company_id": trainer.company_id.id,
                "association_id": association.id if association else False,
                "date_start": start,
                "place": association.meeting_place if association else "Focal Center",
            }
        )
        if association:
            course.action_add_association_members()
        else:
            self.env["promujer.training.participant"].create(
                [{"course_id": course.id, "partner_id": woman.id} for woman in women]
            )
        course.action_plan_sessions()
        if start > today:
            return course
        course.action_start()
        for index, session in enumerate(course.session_ids.sorted(lambda s: (s.date, s.id))):
            if session.date > today:
                break
            if index in cancelled:
                session.note = "Cancelled: road blockade."
                session.action_cancel()
                continue
            session.action_mark_all_present()
            missing = (absent or {}).get(index)
            if missing:
                session.attendance_ids.filtered(lambda a, m=missing: a.partner_id in m).write(
                    {"present": False}
                )
            session.action_done()
        if cancelled:
            course.action_plan_sessions()
        if close and not course.session_ids.filtered(lambda s: s.state == "planned"):
            course.action_done()
        return course

    def _demo_employment_office(self, cohort, day):
        branch = cohort.company_id
        trained = cohort.participant_ids.filtered(lambda p: p.state == "completed").partner_id
        openings = self.env["promujer.job.opening"]
        for name, position, places in EMPLOYERS:
            employer = self.env["res.partner"].create(
                {"name": name, "is_company": True, "city": branch.city}
            )
            openings |= openings.create(
                {
                    "name": position,
                    "employer_id": employer.id,
                    "company_id": branch.id,
                    "places": places,
                    "date_open": day(-40),
                    "date_close": day(20),
                }
            )
        openings.action_open()
        # (opening, candidate, outcome)
        plan = [
            (0, 0, "hired"),
            (0, 1, "hired"),
            (0, 2, "not_hired"),
            (1, 3, "hired"),
            (1, 4, "hired"),
            (1, 5, "interviewed"),
            (2, 6, "not_hired"),
            (2, 7, "interviewed"),
            (2, 8, "proposed"),
        ]
        for opening_index, woman_index, outcome in plan:
            if woman_index >= len(trained):
                continue
            placement = self.env["promujer.job.placement"].create(
                {"opening_id": openings[opening_index].id, "partner_id": trained[woman_index].id}
            )
            if outcome in ("interviewed", "hired", "not_hired"):
                placement.action_interview()
            if outcome == "hired":
                placement.action_hire()
            elif outcome == "not_hired":
                placement.action_not_hired()
            placement.date = day(-30 + woman_index)
        return openings
