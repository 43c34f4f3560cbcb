# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command, fields
from odoo.tests import tagged

from .common import PromujerCreditCommon
from .test_group_membership import _migration


@tagged("post_install", "-at_install")
class TestBranchHistory(PromujerCreditCommon):
    def test_a_change_of_kind_is_dated(self):
        self.branch_b.with_context(
            promujer_change_date="2024-03-01"
        ).promujer_center_kind = "neighborhood"
        self.assertRecordValues(
            self.branch_b.promujer_history_ids.sorted("id"),
            [
                {
                    "date": fields.Date.context_today(self.branch_b),
                    "change": "initial",
                    "kind_before": "focal",
                    "kind_after": "focal",
                    "region_before_id": self.region.id,
                    "region_after_id": self.region.id,
                },
                {
                    "date": date(2024, 3, 1),
                    "change": "kind",
                    "kind_before": "focal",
                    "kind_after": "neighborhood",
                    "region_before_id": self.region.id,
                    "region_after_id": self.region.id,
                },
            ],
        )
        History = self.env["promujer.branch.history"]
        ids = (self.branch_a | self.branch_b).ids
        self.assertEqual(
            History._promujer_as_of(ids, date(2024, 2, 29)),
            {
                self.branch_a.id: ("focal", self.region.id),
                self.branch_b.id: ("focal", self.region.id),
            },
        )
        self.assertEqual(
            History._promujer_as_of(ids, date(2024, 3, 1))[self.branch_b.id],
            ("neighborhood", self.region.id),
        )

    def test_migration_gives_clients_a_branch(self):
        """18.0.1.1.0 gives each client without a branch that of her association, else
        that of her last loan, and her family that of their client; other contacts keep
        none."""
        association = self._create_association(branch=self.branch_b)
        self._create_cycle(association)
        member, without_group = association.member_ids.sorted("id")[:2]
        family = self.env["res.partner"].create(
            {"name": "Daughter", "promujer_family_of_id": member.id, "company_id": False}
        )
        contact = self.env["res.partner"].create({"name": "A supplier", "company_id": False})
        partners = member | without_group | family | contact
        # A database from before: no branch on the clients, one of them out of her group.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET company_id = NULL WHERE id = ANY(%s)", [partners.ids]
        )
        self.env.cr.execute(
            "UPDATE res_partner SET promujer_association_id = NULL WHERE id = %s",
            [without_group.id],
        )
        self.env.invalidate_all()

        _migration("post-migrate", "18.0.1.1.0")._clients_to_branches(self.env.cr)

        self.env.invalidate_all()
        self.assertEqual(
            [partner.company_id for partner in partners],
            [self.branch_b, self.branch_b, self.branch_b, self.env["res.company"]],
        )

    def test_migration_records_existing_centers_and_consolidations(self):
        center = self.env["res.company"].create(
            {
                "name": "NC Alto Lima",
                "parent_id": self.region.id,
                "promujer_center_kind": "neighborhood",
            }
        )
        self.env.user.company_ids = [Command.link(center.id)]
        center.action_promujer_consolidate(date(2020, 6, 1))
        # A database from before the history.
        self.env["promujer.branch.history"].flush_model()
        self.env.cr.execute("DELETE FROM promujer_branch_history")
        self.env.invalidate_all()

        _migration("post-branch-history").migrate(self.env.cr, "18.0.1.1.0")

        self.assertRecordValues(
            center.promujer_history_ids.sorted("id"),
            [
                {
                    "date": date(2020, 6, 1),
                    "change": "initial",
                    "kind_before": "neighborhood",
                    "kind_after": "neighborhood",
                },
                {
                    "date": date(2020, 6, 1),
                    "change": "consolidation",
                    "kind_before": "neighborhood",
                    "kind_after": "focal",
                },
            ],
        )
        self.assertRecordValues(
            self.branch_a.promujer_history_ids,
            [{"change": "initial", "kind_after": "focal", "parent_after_id": self.region.id}],
        )
        History = self.env["promujer.branch.history"]
        self.assertEqual(
            History._promujer_as_of(center.ids, date(2020, 5, 31))[center.id][0], "neighborhood"
        )
        self.assertEqual(
            History._promujer_as_of(center.ids, date(2020, 6, 1))[center.id][0], "focal"
        )
