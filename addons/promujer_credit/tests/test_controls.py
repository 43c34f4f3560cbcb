# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The internal controls of the credit addon through the ORM, on its own fixtures (the
same controls are tried over XML-RPC on the demo in the suite's tests/)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestControls(PromujerCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls._create_association(name="Controles")

    def _ties(self):
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        return differences

    def test_protected_fields_are_refused_to_every_user_and_written_by_actions(self):
        cycle = self._create_cycle(self.association)
        for user in (self.officer, self.manager, self.admin, self.accountant):
            for vals in (
                {"state": "approved"},
                {"approved_by_id": self.manager.id},
                {"submitted_by_id": user.id},
                {"amount_total": 1.0},
            ):
                self.assertCallRefused(
                    AccessError, "suite's actions", cycle.with_user(user).write, vals
                )
        self.assertEqual(cycle.state, "draft")
        # The actions write them, the user remaining the author.
        cycle.with_user(self.officer).action_submit()
        self.assertRecordValues(cycle, [{"state": "submitted", "submitted_by_id": self.officer.id}])
        self.assertEqual(cycle.write_uid, self.officer)

    def test_context_defaults_of_protected_fields_are_dropped(self):
        cycle = self._disbursed_cycle(self.association)
        meeting = (
            self.env["promujer.meeting"]
            .with_user(self.officer)
            .with_context(default_state="posted", default_move_id=cycle.disbursement_move_id.id)
            .create(
                {
                    "association_id": self.association.id,
                    "cycle_id": cycle.id,
                    "date": date(2024, 1, 22),
                }
            )
        )
        self.assertRecordValues(meeting, [{"state": "draft", "move_id": False}])
        self.assertCallRefused(
            AccessError,
            "suite's actions",
            self.env["promujer.meeting"].with_user(self.officer).create,
            {
                "association_id": self.association.id,
                "cycle_id": cycle.id,
                "state": "posted",
            },
        )

    def test_four_eyes_whatever_the_groups(self):
        """The manager is an officer too: she may submit, not approve what she submitted."""
        cycle = self._create_cycle(self.association)
        cycle.with_user(self.manager).action_submit()
        self.assertFalse(cycle.with_user(self.manager).can_approve)
        self.assertCallRefused(UserError, "four eyes", cycle.with_user(self.manager).action_approve)
        self.assertCallRefused(UserError, "four eyes", cycle.with_user(self.manager).action_reject)
        # The approval to-do goes to someone else than the submitter.
        self.assertNotIn(self.manager, cycle.activity_ids.user_id)
        self.assertTrue(cycle.with_user(self.admin).can_approve)
        cycle.with_user(self.admin).action_approve()
        self.assertRecordValues(cycle, [{"state": "approved", "approved_by_id": self.admin.id}])

    def test_a_proposal_is_approved_by_another_credit_administrator(self):
        cycle = self._disbursed_cycle(self.association)
        loan = cycle.loan_ids[0]
        self.env["promujer.loan"]._update_arrears(date(2024, 9, 1))
        proposal = loan.with_user(self.admin)._propose_write_off(date(2024, 9, 2), "Gone.")
        self.assertFalse(proposal.with_user(self.admin).can_decide)
        self.assertCallRefused(
            UserError, "four eyes", proposal.with_user(self.admin).action_approve
        )
        self.assertCallRefused(
            AccessError, "actions only", proposal.with_user(self.admin).write, {"state": "approved"}
        )
        self.assertEqual(loan.state, "active")
        other_admin = self.admin.copy({"login": "t_suite_admin_2"})
        proposal.with_user(other_admin).action_approve()
        self.assertEqual(loan.state, "written_off")
        self.assertEqual(self._ties(), [])

    def test_clients_belong_to_the_branch_of_their_association(self):
        women = self.association.member_ids
        self.assertEqual(women.company_id, self.branch_a)
        other = self.env["res.partner"].with_user(self.manager_b)
        self.assertFalse(other.search([("id", "in", women.ids)]))
        with self.assertRaises(AccessError):
            women[0].with_user(self.manager_b).read(["name"])
        # A woman registered at branch A does not join a group of branch B unmoved.
        association_b = self._create_association(self.branch_b, name="Beta")
        newcomer = self._create_women(1, company_id=self.branch_a.id)
        with self.assertRaisesRegex(ValidationError, "move them to"):
            with self.cr.savepoint():
                association_b.group_ids[0].member_ids = [Command.link(newcomer.id)]
        with self.assertRaisesRegex(AccessError, "Move to another branch"):
            with self.cr.savepoint():
                women[-1].with_user(self.officer).company_id = self.branch_b
        # She leaves her group, then her manager moves her, with a message.
        self.association.group_ids.filtered(lambda g: women[-1] in g.member_ids).member_ids = [
            Command.unlink(women[-1].id)
        ]
        self.admin.company_ids = [Command.link(self.branch_b.id)]
        women[-1].with_user(self.admin)._promujer_move_branch(self.branch_b, "She moved.")
        self.assertEqual(women[-1].company_id, self.branch_b)
        self.assertIn("Moved from", women[-1].message_ids[0].body)

    def test_bad_dates_and_currencies_leave_nothing(self):
        for when, pattern in ((date(1900, 1, 1), "earliest date"), (date(2999, 1, 1), "ahead")):
            cycle = self._approved_cycle(
                self._create_association(name=f"Bad {when.year}"), disbursement_date=when
            )
            self.assertCallRefused(
                UserError, pattern, cycle.with_user(self.accountant).action_disburse
            )
            self.assertFalse(cycle.disbursement_move_id)
        euro = self.env.ref("base.EUR")
        euro.active = False
        self.assertCallRefused(
            ValidationError,
            "not active",
            self.env["promujer.savings.account"].create,
            {
                "partner_id": self.association.member_ids[0].id,
                "association_id": self.association.id,
                "kind": "voluntary",
                "currency_id": euro.id,
            },
        )
        with self.assertRaisesRegex(ValidationError, "at most 256"):
            with self.cr.savepoint():
                self.association.with_user(self.officer).name = "x" * 257

    def test_the_tie_out_asks_for_a_look_today_in_the_institutions_timezone(self):
        """The daily tie-out runs as OdooBot (Europe/Brussels); at 23:30 UTC on 1 February
        it is still 1 February in La Paz: the credit administrators' activity is due
        then, not on Brussels' 2 February."""
        cycle = self._disbursed_cycle(self.association)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE promujer_loan SET principal_outstanding = principal_outstanding - 5 "
            "WHERE id = %s",
            cycle.loan_ids[:1].ids,
        )
        self.env.invalidate_all()
        cron = self._cron_in_la_paz("promujer_credit.ir_cron_ledger_tie_out")
        with freeze_time("2024-02-01 23:30:00"):
            cron.method_direct_trigger()
        check = self.env["promujer.ledger.check"].search([("company_id", "=", self.root.id)])
        self.assertEqual(check.state, "differences")
        # Named after the hour it ran in La Paz, not in UTC.
        self.assertEqual(check.name, f"Ledger tie-out {self.root.name} 2024-02-01 19:30")
        self.assertIn(self.admin, check.activity_ids.user_id)
        self.assertEqual(set(check.activity_ids.mapped("date_deadline")), {date(2024, 2, 1)})

    def test_tie_out_ties_after_the_actions_and_finds_sql_changes(self):
        cycle = self._disbursed_cycle(self.association)
        self._meeting(cycle, date(2024, 1, 22), {0: {"amount_paid": 0.0}}).action_post()
        self.assertEqual(self._ties(), [])
        loan = cycle.loan_ids.sorted("id")[1]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE promujer_loan SET principal_outstanding = principal_outstanding - 5 "
            "WHERE id = %s",
            loan.ids,
        )
        self.env.invalidate_all()
        differences = self._ties()
        self.assertEqual(
            [(d["kind"], d["partner_id"], d["ledger"] - d["suite"]) for d in differences],
            [("loan_balance", loan.partner_id.id, -5.0)],
        )
