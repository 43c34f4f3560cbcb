# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from odoo.addons.promujer_credit.tests.common import PromujerCreditCommon
from odoo.addons.promujer_health.models.promujer_health_visit import CLINICAL

VISIT_DATE = date(2024, 3, 4)
# What the health staff record at the visit of a woman with high blood pressure.
HYPERTENSION = {
    "weight_kg": 60.0,
    "height_cm": 150.0,
    "systolic": 150,
    "diastolic": 95,
    "glucose_mg_dl": 110,
    "findings": "Hypertension.",
    "treatment": "Enalapril.",
}

# The fields that only the health staff may read, on visits and on referrals.
CLINICAL_VISIT_FIELDS = [
    "service_ids",
    "weight_kg",
    "height_cm",
    "bmi",
    "systolic",
    "diastolic",
    "glucose_mg_dl",
    "findings",
    "treatment",
    "referral_ids",
    "amount_total",
]
CLINICAL_REFERRAL_FIELDS = ["reason", "outcome", "urgency"]


class PromujerHealthCommon(PromujerCreditCommon):
    """The credit fixtures (two Focal Centers, their staff) plus a health post in each,
    with health staff users and employees, a small service catalogue with free and paid
    services, a health facility, three clients and the son of the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The test user builds the fixtures and checks the clinical content of visits: she
        # is health staff too. Other roles are tested with with_user().
        cls.env.user.groups_id = [
            Command.link(cls.env.ref("promujer_health.group_health_staff").id)
        ]
        cls.health_a = cls._create_user("health_a", CLINICAL, cls.branch_a)
        cls.health_b = cls._create_user("health_b", CLINICAL, cls.branch_b)
        Employee = cls.env["hr.employee"]
        cls.doctor_a = Employee.create(
            {
                "name": "Dra. Arce",
                "company_id": cls.branch_a.id,
                "promujer_health_role": "doctor",
                "user_id": cls.health_a.id,
            }
        )
        cls.nurse_a = Employee.create(
            {"name": "Lic. Vela", "company_id": cls.branch_a.id, "promujer_health_role": "nurse"}
        )
        cls.nurse_b = Employee.create(
            {
                "name": "Lic. Padilla",
                "company_id": cls.branch_b.id,
                "promujer_health_role": "nurse",
                "user_id": cls.health_b.id,
            }
        )
        cls.consultation = cls._create_service("Consultation", "T-CONS", "consultation", 20.0)
        cls.pap_smear = cls._create_service("Pap smear", "T-PAP", "cancer_screening", 30.0)
        cls.blood_pressure = cls._create_service("Blood pressure", "T-BP", "screening", 0.0)
        cls.prenatal = cls._create_service("Prenatal control", "T-PRE", "prenatal", 0.0)
        Post = cls.env["promujer.health.post"]
        cls.post_a = Post.create(
            {
                "name": "Health post Alpha",
                "company_id": cls.branch_a.id,
                "staff_ids": [Command.set((cls.doctor_a | cls.nurse_a).ids)],
                "service_ids": [
                    Command.set((cls.consultation | cls.pap_smear | cls.blood_pressure).ids)
                ],
            }
        )
        cls.post_b = Post.create(
            {
                "name": "Health post Beta",
                "company_id": cls.branch_b.id,
                "staff_ids": [Command.set(cls.nurse_b.ids)],
                "service_ids": [
                    Command.set(
                        (cls.consultation | cls.pap_smear | cls.blood_pressure | cls.prenatal).ids
                    )
                ],
            }
        )
        cls.facility = cls.env["res.partner"].create(
            {"name": "Hospital Los Andes", "is_company": True, "promujer_is_health_facility": True}
        )
        cls.women = cls._create_women(3)
        cls.son = cls.env["res.partner"].create(
            {
                "name": "Luis, son of Woman",
                "promujer_family_of_id": cls.women[0].id,
                "promujer_relationship": "child",
            }
        )

    # ------------------------------------------------------------------ factories

    @classmethod
    def _create_service(cls, name, code, category, price):
        product = cls.env["product.product"].create(
            {
                "name": name,
                "type": "service",
                "list_price": price,
                "taxes_id": [Command.clear()],
                "company_id": False,
            }
        )
        return cls.env["promujer.health.service"].create(
            {
                "name": name,
                "code": code,
                "category": category,
                "product_id": product.id,
                "company_id": False,
            }
        )

    def _visit(self, patient=None, services=None, user=None, post=None, **values):
        """A draft visit recorded by a health staff user (of branch A unless `user`),
        returned in the test's own environment."""
        user = user or self.health_a
        post = post or (self.post_b if user == self.health_b else self.post_a)
        staff = post.staff_ids[:1]
        visit = (
            self.env["promujer.health.visit"]
            .with_user(user)
            .create(
                {
                    "patient_id": (patient or self.women[0]).id,
                    "post_id": post.id,
                    "date": VISIT_DATE,
                    "staff_id": staff.id,
                    "service_ids": [
                        Command.set((self.consultation if services is None else services).ids)
                    ],
                    **values,
                }
            )
        )
        return visit.with_env(self.env)

    def _done_visit(self, *args, **kwargs):
        visit = self._visit(*args, **kwargs)
        visit.with_user(kwargs.get("user") or self.health_a).action_done()
        return visit
