"""The demo institution as the suite-wide tests find it, and factories on top of it.

Not a test module (no test_ prefix): the suite's tests/ import it (pytest puts tests/
on the path)."""

import datetime

from odoo import Command, fields
from odoo.tests import HttpCase

from odoo.addons.promujer_credit.tests.common import promujer_user


class DemoCase(HttpCase):
    """The demo's Pro Mujer Bolivia and Villa Adela, its disbursed cycle and USD product,
    and factories for users, associations and cycles of a branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.root = env.ref("promujer_credit.company_promujer_bolivia")
        cls.branch = env.ref("promujer_credit.focal_el_alto_villa_adela")
        cls.today = fields.Date.context_today(env.user)
        cls.demo_cycle = env["promujer.loan.cycle"].search(
            [("company_id", "=", cls.branch.id), ("state", "=", "disbursed")], limit=1
        )
        cls.product = cls.demo_cycle.product_id

    @classmethod
    def _user(cls, login, groups, branch, **values):
        return promujer_user(
            cls.env, login, f"base.group_user,{groups}", branch, password=f"{login}-pw", **values
        )

    def _new_association(self, branch=None, name="Mujeres de prueba"):
        env = self.env
        branch = branch or self.branch
        women = env["res.partner"].create(
            [
                {
                    "name": f"{name} {n:02d}",
                    "promujer_is_client": True,
                    "promujer_gender": "female",
                    "company_id": branch.id,
                }
                for n in range(25)
            ]
        )
        association = env["promujer.association"].create(
            {
                "name": name,
                "company_id": branch.id,
                "officer_id": self.demo_cycle.officer_id.id if branch == self.branch else False,
                # It meets today: a first installment due today falls on a meeting day.
                "meeting_weekday": str(self.today.weekday()),
                "group_ids": env["promujer.association"]._groups_vals(women, 5),
            }
        )
        association._set_board(*women[:3], women[3:6])
        association.state = "active"
        return association

    def _draft_cycle(self, association, amount=150.0, **values):
        return self.env["promujer.loan.cycle"].create(
            {
                "association_id": association.id,
                "product_id": self.product.id,
                "term_months": 4,
                "committee_date": self.today - datetime.timedelta(days=3),
                "committee_member_ids": [Command.set(association.committee_member_ids.ids)],
                "disbursement_date": self.today,
                "loan_ids": [
                    Command.create({"partner_id": woman.id, "amount": amount})
                    for woman in association.member_ids
                ],
                **values,
            }
        )
