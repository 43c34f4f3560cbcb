# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that goes through the addon's own workflow (called from demo XML only)."""

from datetime import timedelta

from odoo import Command, api, fields, models

from ..models.hr_employee import HEALTH_ROLES

# (Focal Center, health facility of its region, city)
POSTS = [
    ("focal_el_alto_villa_adela", "Hospital Municipal Los Andes", "El Alto"),
    ("focal_cochabamba_cala_cala", "Hospital Materno Infantil Germán Urquidi", "Cochabamba"),
    ("focal_sucre_villa_armonia", "Hospital Gineco-Obstétrico Jaime Sánchez Porcel", "Sucre"),
]
STAFF = [
    ("doctor", "Dra. Patricia Mendoza", "Dra. Silvia Arce", "Dr. Julio Salinas"),
    ("nurse", "Lic. Norma Quisbert", "Lic. Rosario Vela", "Lic. Miriam Padilla"),
    ("educator", "Gladys Tola", "Beatriz Fernández", "Elsa Cardozo"),
]
# (days ago, patient index (-1, -2: family members), services, vitals, findings, treatment)
VISITS = [
    (
        1,
        0,
        ["consultation", "blood_pressure"],
        (62.0, 152.0, 145, 95, 0),
        "High blood pressure.",
        "Low-salt diet; control in two weeks.",
    ),
    (
        3,
        1,
        ["blood_pressure", "glucose"],
        (70.5, 150.0, 120, 80, 135),
        "Fasting glucose high.",
        "Diet advice; repeat the glucose test in a month.",
    ),
    (
        5,
        2,
        ["pap_smear", "breast_exam"],
        (58.0, 149.0, 110, 70, 0),
        "Sample taken; no lump.",
        "Results in three weeks.",
    ),
    (
        8,
        3,
        ["family_planning"],
        (55.0, 155.0, 0, 0, 0),
        "Wishes to space pregnancies.",
        "Counselling; method chosen.",
    ),
    (
        10,
        4,
        ["prenatal", "blood_pressure"],
        (64.0, 151.0, 115, 75, 0),
        "24 weeks, normal.",
        "Iron and folic acid; next control in four weeks.",
    ),
    (
        12,
        -1,
        ["child_growth", "vaccination"],
        (14.2, 95.0, 0, 0, 0),
        "Growth normal.",
        "Vaccination card up to date.",
    ),
    (15, -2, ["consultation"], (75.0, 168.0, 130, 85, 0), "Lumbar pain.", "Rest and analgesics."),
    (0, 5, ["consultation", "glucose"], (0, 0, 0, 0, 0), "", ""),  # still in progress
]


class PromujerHealthDemoData(models.AbstractModel):
    _name = "promujer.health.demo.data"
    _description = "Pro Mujer health demo data generator"

    @api.model
    def _create_health_demo(self):
        """Health posts at three Focal Centers, their staff, visits of clients and family
        members (invoiced when a service is paid), and referrals to the region's hospitals."""
        env = self.env
        today = fields.Date.context_today(self)
        services = env["promujer.health.service"].search([("code", "=like", "HS-%")])
        keys = {key for visit in VISITS for key in visit[2]} | {"pap_smear"}
        by_key = {key: env.ref(f"promujer_health.service_{key}") for key in keys}
        health_user = env["res.users"].create(
            {
                "name": "Dra. Patricia Mendoza",
                "login": "health",
                "password": "health",
                "email": "health@promujer.example.org",
                "company_id": env.ref(f"promujer_credit.{POSTS[0][0]}").id,
                "company_ids": [
                    Command.set([env.ref(f"promujer_credit.{xmlid}").id for xmlid, *_ in POSTS])
                ],
                "groups_id": [Command.set([env.ref("promujer_health.group_health_staff").id])],
            }
        )
        for index, (xmlid, facility_name, city) in enumerate(POSTS):
            branch = env.ref(f"promujer_credit.{xmlid}")
            staff = env["hr.employee"].create(
                [
                    {
                        "name": names[index],
                        "job_title": dict(HEALTH_ROLES)[role],
                        "promujer_health_role": role,
                        "company_id": branch.id,
                        "user_id": health_user.id if (index, role) == (0, "doctor") else False,
                    }
                    for role, *names in STAFF
                ]
            )
            facility = env["res.partner"].create(
                {
                    "name": facility_name,
                    "is_company": True,
                    "promujer_is_health_facility": True,
                    "city": city,
                    "country_id": env.ref("base.bo").id,
                }
            )
            offered = services if index != 2 else services - by_key["pap_smear"]
            post = env["promujer.health.post"].create(
                {
                    "name": f"Health post {branch.name.split(' (')[0].removeprefix('FC ')}",
                    "company_id": branch.id,
                    "staff_ids": [Command.set(staff.ids)],
                    "service_ids": [Command.set(offered.ids)],
                    "open_saturday": index == 0,
                    "opening_hours": "08:00-12:00, 14:00-18:00",
                }
            )
            self._create_demo_visits(post, staff[:2], by_key, facility, today)
        return True

    def _create_demo_visits(self, post, attendants, by_key, facility, today):
        """Visits of six clients of the post's branch and two of their family members,
        closed (and invoiced) but today's, and two referrals of the first visits."""
        clients = self.env["res.partner"].search(
            [
                ("promujer_is_client", "=", True),
                ("promujer_association_id.company_id", "=", post.company_id.id),
            ],
            order="id",
            limit=6,
        )
        if len(clients) < 6:
            return
        family = self._create_demo_family(clients, today)
        patients = list(clients) + [family[1], family[0]]  # -1: the child, -2: the spouse
        visits = self.env["promujer.health.visit"].create(
            [
                self._demo_visit_vals(post, patients, attendants, by_key, today, visit)
                for visit in VISITS
            ]
        )
        visits.filtered(lambda v: v.date < today and v.service_ids).action_done()
        self._create_demo_referrals(visits[0], visits[1], facility)

    def _create_demo_family(self, clients, today):
        """The son of the first client and the husband of the second."""
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{first} {surnames or clients[n].name.split(' ', 1)[1]}",
                    "promujer_family_of_id": clients[n].id,
                    "promujer_relationship": relationship,
                    "promujer_gender": gender,
                    "promujer_birthdate": today - timedelta(days=365 * age),
                }
                for n, first, surnames, relationship, gender, age in (
                    (0, "Luis", None, "child", "male", 3),
                    (1, "Pedro", "Mamani Choque", "spouse", "male", 38),
                )
            ]
        )

    def _demo_visit_vals(self, post, patients, attendants, by_key, today, visit):
        """The values of a visit of VISITS, with the services the post offers."""
        days_ago, who, codes, vitals, findings, treatment = visit
        offered = [by_key[k] for k in codes if by_key[k] in post.service_ids]
        weight, height, systolic, diastolic, glucose = vitals
        return {
            "patient_id": patients[who].id,
            "post_id": post.id,
            "date": today - timedelta(days=days_ago),
            "staff_id": attendants[days_ago % 2].id,
            "service_ids": [Command.set([s.id for s in offered])],
            "weight_kg": weight,
            "height_cm": height,
            "systolic": systolic,
            "diastolic": diastolic,
            "glucose_mg_dl": glucose,
            "findings": findings,
            "treatment": treatment,
        }

    def _create_demo_referrals(self, hypertension, glucose_visit, facility):
        """An urgent referral still sent, and one attended and closed with its outcome."""
        referrals = self.env["promujer.health.referral"].create(
            [
                {
                    "visit_id": hypertension.id,
                    "facility_id": facility.id,
                    "date": hypertension.date,
                    "urgency": "urgent",
                    "reason": "Blood pressure 145/95 in a first visit: cardiology assessment.",
                },
                {
                    "visit_id": glucose_visit.id,
                    "facility_id": facility.id,
                    "date": glucose_visit.date,
                    "reason": "High fasting glucose: diabetes screening at the laboratory.",
                },
            ]
        )
        referrals.action_send()
        referrals[1].action_attend()
        referrals[1].outcome = "Type 2 diabetes ruled out; diet and exercise advised."
        referrals[1].action_close()
