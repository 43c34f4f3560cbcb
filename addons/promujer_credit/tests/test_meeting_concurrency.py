# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from contextlib import contextmanager
from datetime import date

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger


@contextmanager
def clerk():
    """A clerk's own transaction, on its own connection to the database."""
    with Registry(get_db_name()).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


@tagged("post_install", "-at_install")
class TestMeetingConcurrency(BaseCase):
    """Two clerks post the same meeting at the same time: one succeeds, the other gets a
    clear error, and nothing is posted twice. This needs committed data, since each clerk
    works in her own transaction: it lives in a company of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with clerk() as env:
            tag = uuid.uuid4().hex[:8]
            company = env["res.company"].create({"name": f"Concurrency {tag}"})
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
            env = env(context={"allowed_company_ids": company.ids})
            product = (
                env["promujer.loan.product"]
                .with_company(company)
                .create(
                    {
                        "name": "Concurrency",
                        "company_id": company.id,
                        "currency_id": company.currency_id.id,
                    }
                )
            )
            women = env["res.partner"].create(
                [{"name": f"Clerk test {n}", "promujer_is_client": True} for n in range(4)]
            )
            association = env["promujer.association"].create(
                {
                    "name": f"Concurrency association {tag}",
                    "company_id": company.id,
                    "state": "active",
                    "group_ids": [
                        Command.create({"name": "G", "member_ids": [Command.set(women.ids)]})
                    ],
                }
            )
            cycle = env["promujer.loan.cycle"].create(
                {
                    "association_id": association.id,
                    "product_id": product.id,
                    "disbursement_date": date(2024, 1, 15),
                    "loan_ids": [
                        Command.create({"partner_id": w.id, "amount": 100.0}) for w in women
                    ],
                }
            )
            cycle.state = "disbursed"
            env["promujer.loan.installment"].create(cycle.loan_ids._prepare_installment_vals())
            cycle.loan_ids.state = "active"
            meeting = env["promujer.meeting"].create(
                {"association_id": association.id, "cycle_id": cycle.id, "date": date(2024, 1, 22)}
            )
            cls.meeting_id = meeting.id

    @mute_logger("odoo.sql_db")
    def test_two_clerks_post_the_same_meeting(self):
        with clerk() as env1, clerk() as env2:
            meeting1 = env1["promujer.meeting"].browse(self.meeting_id)
            meeting2 = env2["promujer.meeting"].browse(self.meeting_id)
            self.assertEqual(meeting2.state, "draft")
            meeting1.action_post()  # the first clerk's transaction is still open
            with self.assertRaisesRegex(UserError, "Someone else is posting"):
                meeting2.action_post()
            env2.cr.rollback()
            env1.cr.commit()
            # The second clerk tries again once the first one is done.
            meeting2.invalidate_recordset()
            with self.assertRaisesRegex(UserError, "its state is Posted"):
                meeting2.action_post()
            env2.cr.rollback()
        with clerk() as env:
            meeting = env["promujer.meeting"].browse(self.meeting_id)
            self.assertEqual(meeting.state, "posted")
            self.assertEqual(
                env["account.move"].search_count(
                    [("ref", "=", meeting.move_id.ref), ("company_id", "=", meeting.company_id.id)]
                ),
                1,
            )
