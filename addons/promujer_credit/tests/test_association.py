# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PromujerCreditCommon


@tagged("post_install", "-at_install")
class TestAssociation(PromujerCreditCommon):
    def test_members_come_from_the_solidarity_groups(self):
        association = self._create_association(groups=5, per_group=5, state="forming")
        self.assertEqual(association.member_count, 25)
        self.assertEqual(association.group_count, 5)
        woman = association.group_ids[0].member_ids[0]
        self.assertEqual(woman.promujer_association_id, association)
        self.assertEqual(woman.promujer_group_id, association.group_ids[0])
        self.assertEqual(association.code[:3], "CA-")

    def test_a_woman_is_in_one_association_at_a_time(self):
        first = self._create_association(state="active")
        woman = first.member_ids[0]
        other = self._create_association(state="forming")
        with self.assertRaisesRegex(ValidationError, "already a member of solidarity group"):
            with self.cr.savepoint():
                other.group_ids[0].member_ids = [Command.link(woman.id)]
        # Once her association is closed she is free to join another one.
        first.with_user(self.manager).action_close()
        other.group_ids[0].member_ids = [Command.link(woman.id)]
        self.assertEqual(woman.promujer_association_id, other)

    def test_a_woman_is_in_one_group_of_her_association(self):
        association = self._create_association(state="forming")
        woman = association.group_ids[0].member_ids[0]
        with self.assertRaisesRegex(ValidationError, "one group and one association"):
            with self.cr.savepoint():
                association.group_ids[1].member_ids = [Command.link(woman.id)]

    def test_only_clients_join_groups(self):
        association = self._create_association(state="forming")
        stranger = self.env["res.partner"].create({"name": "Not a client"})
        with self.assertRaisesRegex(ValidationError, "Only clients can be members"):
            with self.cr.savepoint():
                association.group_ids[0].member_ids = [Command.link(stranger.id)]

    def test_board_must_be_members(self):
        association = self._create_association(state="forming")
        outsider = self._create_women(1)
        with self.assertRaisesRegex(ValidationError, "must be members of it; these are not: Woman"):
            with self.cr.savepoint():
                association.treasurer_id = outsider

    def test_activation_checks_size_rules_and_board(self):
        small = self._create_association(groups=4, per_group=5, state="training")
        self.assertCallRefused(
            UserError,
            "20 members \\(25 to 30 needed\\).*4 solidarity groups",
            small.action_activate,
        )
        self.assertEqual(small.state, "training")

        big_group = self._create_association(groups=5, per_group=5, state="training")
        big_group.group_ids[0].member_ids = [Command.link(w.id) for w in self._create_women(2)]
        self.assertCallRefused(
            UserError, "group Group 1 has 7 members \\(4 to 6 needed\\)", big_group.action_activate
        )

        no_board = self._create_association(state="training")
        no_board.write({"secretary_id": False, "committee_member_ids": [Command.clear()]})
        self.assertCallRefused(
            UserError, "no secretary; no credit committee", no_board.action_activate
        )

        good = self._create_association(state="training")
        good.action_activate()
        self.assertEqual(good.state, "active")

    def test_size_rules_are_settings(self):
        self.root.promujer_assoc_min_members = 20
        self.root.promujer_assoc_min_groups = 4
        small = self._create_association(groups=4, per_group=5, state="training")
        small.action_activate()
        self.assertEqual(small.state, "active")
        with self.assertRaisesRegex(ValidationError, "Maximum members per association not below"):
            with self.cr.savepoint():
                self.root.promujer_assoc_max_members = 10

    def test_state_flow_and_frequency(self):
        association = self._create_association(state="forming")
        association.action_start_training()
        self.assertEqual(association.state, "training")
        self.root.promujer_consolidation_cycles = 0  # consolidation criteria: test_arrears
        association.action_activate()
        self.assertEqual(association.repayment_frequency, "weekly")
        self.assertTakenOnlyBy(
            association, "consolidate", self.manager, [self.officer], "Only a branch manager can"
        )
        self.assertRecordValues(
            association, [{"state": "consolidated", "repayment_frequency": "biweekly"}]
        )
        association.with_user(self.manager).action_suspend()
        self.assertEqual(association.state, "suspended")
        association.with_user(self.manager).action_resume()
        self.assertRecordValues(
            association, [{"state": "consolidated", "repayment_frequency": "biweekly"}]
        )
        # A branch manager of another branch cannot act on it.
        self.assertCallRefused(
            UserError,
            "not a branch manager of Focal Center Alpha",
            association.with_user(self.manager_b).sudo(False).action_suspend,
        )

    def test_close_refuses_open_cycles(self):
        association = self._create_association()
        cycle = self._create_cycle(association)
        self.assertCallRefused(
            UserError,
            "close or cancel its loan cycles first: ",
            association.with_user(self.manager).action_close,
        )
        cycle.action_cancel()
        association.with_user(self.manager).action_close()
        self.assertRecordValues(
            association,
            [{"state": "closed", "closed_date": fields.Date.context_today(association)}],
        )
        self.assertFalse(association.member_ids[0].promujer_association_id)
        # Closed, it is not closed again; a forming association has nothing to close.
        forming = self._create_association(state="forming")
        for closed in (association, forming):
            self.assertActionRefused(
                closed.with_user(self.manager),
                "close",
                "Closing the association is not possible for .* in their current state",
            )


@tagged("post_install", "-at_install")
class TestBranchesAndClients(PromujerCreditCommon):
    def test_region_of_a_focal_center(self):
        self.assertEqual(self.branch_a.promujer_region_id, self.region)
        self.assertEqual(self.region.promujer_region_id, self.region)

    def test_consolidate_neighborhood_center(self):
        center = self.env["res.company"].create(
            {
                "name": "NC Lajastambo",
                "parent_id": self.region.id,
                "promujer_center_kind": "neighborhood",
            }
        )
        self.admin.company_ids = [Command.link(center.id)]
        self.assertCallRefused(
            UserError,
            "Only a credit administrator",
            center.with_user(self.manager).action_promujer_consolidate,
        )
        self.assertCallRefused(
            UserError,
            "these are not: Focal Center Alpha",
            self.branch_a.with_user(self.admin).action_promujer_consolidate,
        )
        center.with_user(self.admin).action_promujer_consolidate()
        self.assertEqual(center.promujer_center_kind, "focal")
        self.assertTrue(center.promujer_consolidation_date)
        self.assertIn("consolidated", center.partner_id.message_ids[0].body)

    def test_national_id_is_unique_in_the_company_tree(self):
        self._create_women(1, promujer_national_id="4455667")
        self.assertCallRefused(
            ValidationError,
            "4455667 .* is already registered",
            self.env["res.partner"].create,
            {"name": "Copy", "promujer_is_client": True, "promujer_national_id": "4455667"},
        )

    def test_family_members(self):
        mother = self._create_women(1)
        son = self.env["res.partner"].create(
            {"name": "Son", "promujer_family_of_id": mother.id, "promujer_relationship": "child"}
        )
        self.assertEqual(mother.promujer_family_ids, son)
        with self.assertRaisesRegex(ValidationError, "her own family member"):
            with self.cr.savepoint():
                mother.promujer_family_of_id = mother
