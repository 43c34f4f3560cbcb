# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import (
    CLINICAL_REFERRAL_FIELDS,
    CLINICAL_VISIT_FIELDS,
    HYPERTENSION,
    PromujerHealthCommon,
)

PUBLIC_VISIT_FIELDS = ["name", "date", "post_id", "state", "patient_id", "staff_id", "company_id"]


@tagged("post_install", "-at_install")
class TestConfidentiality(PromujerHealthCommon):
    """Through the ORM, as each role: who sees that a visit happened, who sees what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An employee of the branch in no microfinance role (a trainer, say).
        cls.staff = cls._create_user("staff", "base.group_user", cls.branch_a)

    def setUp(self):
        super().setUp()
        self.visit = self._done_visit(
            services=self.consultation | self.blood_pressure, **HYPERTENSION
        )
        self.draft = self._visit(findings="Not finished.")
        self.visit_b = self._done_visit(user=self.health_b, patient=self.women[2])
        self.referral = (
            self.env["promujer.health.referral"]
            .with_user(self.health_a)
            .create(
                {
                    "visit_id": self.visit.id,
                    "facility_id": self.facility.id,
                    "date": self.visit.date,
                    "reason": "Cardiology.",
                    "outcome": "Pending.",
                }
            )
        )
        self.admin_env = self.env(
            user=self.admin, context={"allowed_company_ids": self.admin.company_ids.ids}
        )

    def _non_health_users(self):
        """Loan officer, branch manager and suite administrator of branch A."""
        return [
            ("officer", self.officer),
            ("manager", self.manager),
            ("suite admin", self.admin),
        ]

    def test_health_staff_see_everything_of_their_branch(self):
        Visit = self.env["promujer.health.visit"].with_user(self.health_a)
        self.assertEqual(Visit.search([]), self.visit | self.draft)
        values = self.visit.with_user(self.health_a).read(CLINICAL_VISIT_FIELDS)[0]
        self.assertEqual(values["findings"], "Hypertension.")
        self.assertEqual(values["systolic"], 150)
        self.assertEqual(Visit.search([("findings", "ilike", "hypertension")]), self.visit)
        referral = self.referral.with_user(self.health_a).read(CLINICAL_REFERRAL_FIELDS)[0]
        self.assertEqual(referral["reason"], "Cardiology.")
        # ... and nothing of the other branch.
        with self.assertRaises(AccessError):
            self.visit_b.with_user(self.health_a).read(["date"])
        self.assertEqual(
            self.env["promujer.health.visit"].with_user(self.health_b).search([]), self.visit_b
        )

    def test_officers_managers_and_admin_see_that_a_visit_happened(self):
        for role, user in self._non_health_users():
            with self.subTest(role=role):
                Visit = self.env["promujer.health.visit"].with_user(user)
                # Done visits of their branches only: not the draft, not branch B's.
                self.assertEqual(Visit.search([("post_id", "=", self.post_a.id)]), self.visit)
                values = self.visit.with_user(user).read(PUBLIC_VISIT_FIELDS)[0]
                self.assertEqual(values["state"], "done")
                self.assertEqual(values["post_id"][0], self.post_a.id)
                self.assertEqual(values["patient_id"][0], self.women[0].id)
                self.assertEqual(
                    Visit.read_group([("post_id", "=", self.post_a.id)], ["date"], ["date:month"])[
                        0
                    ]["date_count"],
                    1,
                )

    def test_officers_managers_and_admin_never_see_clinical_content(self):
        for role, user in self._non_health_users():
            visit = self.visit.with_user(user)
            for fname in CLINICAL_VISIT_FIELDS:
                with self.subTest(role=role, field=fname), self.assertRaises(AccessError):
                    visit.read([fname])
            with self.subTest(role=role, what="attribute"), self.assertRaises(AccessError):
                visit.invalidate_recordset()
                visit.mapped("findings")
            with self.subTest(role=role, what="search"), self.assertRaises(AccessError):
                visit.search([("findings", "ilike", "hypertension")])
            with self.subTest(role=role, what="group"), self.assertRaises(AccessError):
                visit._read_group([], ["service_ids"], ["__count"])
            with self.subTest(role=role, what="group web"), self.assertRaises(AccessError):
                visit.read_group([], ["date"], ["service_ids"])
            with self.subTest(role=role, what="aggregate"), self.assertRaises(AccessError):
                visit._read_group([], ["post_id"], ["systolic:avg"])
            with self.subTest(role=role, what="search services"), self.assertRaises(AccessError):
                visit.search([("service_ids", "in", self.consultation.ids)])
            with self.subTest(role=role, what="search referrals"), self.assertRaises(AccessError):
                visit.search([("referral_ids.facility_id", "=", self.facility.id)])
            with self.subTest(role=role, what="sort"), self.assertRaises(AccessError):
                visit.search([], order="systolic desc")
            with self.subTest(role=role, what="fields_get"):
                described = visit.fields_get()
                self.assertIn("date", described)
                self.assertFalse(set(CLINICAL_VISIT_FIELDS) & set(described))
            with self.subTest(role=role, what="write"), self.assertRaises(AccessError):
                visit.write({"date": self.visit.date})
            with self.subTest(role=role, what="referrals"), self.assertRaises(AccessError):
                self.env["promujer.health.referral"].with_user(user).search([])
            with self.subTest(role=role, what="referral fields"), self.assertRaises(AccessError):
                self.referral.with_user(user).read(["reason"])

    def test_views_show_clinical_fields_to_health_staff_only(self):
        views = [(False, kind) for kind in ("form", "list", "search", "calendar", "pivot")]
        for user, sees in ((self.officer, False), (self.manager, False), (self.health_a, True)):
            with self.subTest(user=user.login):
                result = self.env["promujer.health.visit"].with_user(user).get_views(views)
                form = result["views"]["form"]["arch"]
                self.assertEqual('name="findings"' in form, sees)
                self.assertEqual('name="action_done"' in form, sees)
                described = result["models"]["promujer.health.visit"]["fields"]
                self.assertIn("date", described)
                self.assertEqual("systolic" in described, sees)

    def test_the_draft_is_the_health_staffs_alone(self):
        for _role, user in self._non_health_users():
            with self.assertRaises(AccessError):
                self.draft.with_user(user).read(["date"])

    def test_other_branch_manager_sees_nothing_of_branch_a(self):
        Visit = self.env["promujer.health.visit"].with_user(self.manager_b)
        self.assertEqual(Visit.search([]), self.visit_b)
        with self.assertRaises(AccessError):
            self.visit.with_user(self.manager_b).read(["date"])

    def test_admin_allowed_everywhere_sees_both_branches_but_no_content(self):
        Visit = self.admin_env["promujer.health.visit"]
        self.assertEqual(Visit.search([]), self.visit | self.visit_b)
        with self.assertRaises(AccessError):
            Visit.browse(self.visit_b.id).read(["treatment"])

    def test_accountants_and_other_staff_do_not_see_visits(self):
        for user in (self.accountant, self.staff):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["promujer.health.visit"].with_user(user).search([])

    def test_reports_get_counts_only(self):
        figures = self.post_a.with_user(self.manager)._get_health_figures(
            self.visit.date, self.visit.date
        )
        self.assertEqual(figures[self.post_a.id]["visits"], 1)
        self.assertEqual(figures[self.post_a.id]["services"], 2)
        self.assertEqual(figures[self.post_a.id]["referrals"], 1)
        self.assertTrue(all(isinstance(v, (int, dict)) for v in figures[self.post_a.id].values()))
