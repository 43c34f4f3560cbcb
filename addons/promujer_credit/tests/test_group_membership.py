# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date
from pathlib import Path

from odoo import Command, fields
from odoo.tests import tagged

from .common import PromujerCreditCommon

MIGRATIONS = Path(__file__).parents[1] / "migrations"


def _migration(name, version="18.0.1.2.0"):
    """The migration script `name` of `version`, loaded as the upgrade loads it."""
    spec = importlib.util.spec_from_file_location(name, MIGRATIONS / version / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestGroupMembership(PromujerCreditCommon):
    def _history(self, partner):
        return self.env["promujer.group.membership"].search(
            [("partner_id", "=", partner.id)], order="date_joined, id"
        )

    def test_joining_and_leaving_are_dated(self):
        association = self._create_association()
        association.formation_date = date(2023, 11, 1)
        group_1, group_2 = association.group_ids.sorted("name")[:2]
        woman = group_1.member_ids.sorted("id")[-1]
        # The founding members joined when the association was formed.
        self.assertRecordValues(
            self._history(woman),
            [{"group_id": group_1.id, "date_joined": date(2023, 11, 1), "date_left": False}],
        )

        group_1._promujer_remove_members(woman, date(2024, 3, 10), "Moved to El Alto")
        group_2._promujer_add_members(woman, date(2024, 4, 1))
        self.assertEqual(woman.promujer_group_id, group_2)
        self.assertRecordValues(
            self._history(woman),
            [
                {
                    "group_id": group_1.id,
                    "association_id": association.id,
                    "date_joined": date(2023, 11, 1),
                    "date_left": date(2024, 3, 10),
                    "leave_reason": "Moved to El Alto",
                    "is_current": False,
                },
                {
                    "group_id": group_2.id,
                    "association_id": association.id,
                    "date_joined": date(2024, 4, 1),
                    "date_left": False,
                    "leave_reason": False,
                    "is_current": True,
                },
            ],
        )
        self.assertEqual(woman.promujer_membership_count, 2)
        self.assertEqual(group_1.membership_count, 5)

        # An archived group: its members left it on that day.
        others = group_2.member_ids - woman
        group_2.with_context(promujer_membership_date="2024-06-30").active = False
        self.assertEqual(
            set(self._history(woman).mapped("date_left")), {date(2024, 3, 10), date(2024, 6, 30)}
        )
        self.assertFalse(
            self.env["promujer.group.membership"].search_count(
                [("partner_id", "in", others.ids), ("date_left", "=", False)]
            )
        )

    def test_new_member_joins_on_the_day_of_the_change(self):
        association = self._create_association(groups=5, per_group=4)
        group = association.group_ids[0]
        newcomer = self._create_women(1)
        group.write({"member_ids": [Command.link(newcomer.id)]})
        self.assertRecordValues(
            self._history(newcomer),
            [{"group_id": group.id, "date_joined": fields.Date.context_today(group)}],
        )

    def test_migration_opens_memberships_of_existing_members(self):
        association = self._create_association()
        self._disbursed_cycle(association)
        group = association.group_ids[0]
        newcomer = self._create_women(1)
        group.member_ids = [Command.link(newcomer.id)]
        borrower = group.member_ids.sorted("id")[0]
        # A database from before the history: no membership at all.
        self.env["promujer.group.membership"].flush_model()
        self.env.cr.execute(
            "DELETE FROM promujer_group_membership WHERE association_id = %s", [association.id]
        )
        self.env.invalidate_all()

        _migration("post-membership-history").migrate(self.env.cr, "18.0.1.1.0")

        memberships = self.env["promujer.group.membership"].search(
            [("association_id", "=", association.id)]
        )
        self.assertEqual(len(memberships), 26)
        self.assertEqual(memberships.partner_id, association.member_ids)
        self.assertFalse(memberships.filtered("date_left"))
        # From her first loan; the newcomer, who has none, from the group's creation.
        self.assertRecordValues(
            self._history(borrower),
            [{"group_id": group.id, "date_joined": date(2024, 1, 15), "is_current": True}],
        )
        self.assertRecordValues(
            self._history(newcomer),
            [{"group_id": group.id, "date_joined": group.create_date.date()}],
        )
        # Run again (an update restarted): nothing doubled.
        _migration("post-membership-history").migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(
            self.env["promujer.group.membership"].search_count(
                [("association_id", "=", association.id)]
            ),
            26,
        )

    def test_officer_reassignment_is_dated(self):
        association = self._create_association()
        association.formation_date = date(2023, 11, 1)
        other = self.env["hr.employee"].create(
            {"name": "Officer Condori", "company_id": self.branch_a.id}
        )
        association.with_context(promujer_change_date="2024-05-01").officer_id = other
        self.assertRecordValues(
            association.officer_assignment_ids.sorted("date"),
            [
                {
                    "date": date(2023, 11, 1),
                    "officer_from_id": False,
                    "officer_to_id": self.officer_employee.id,
                },
                {
                    "date": date(2024, 5, 1),
                    "officer_from_id": self.officer_employee.id,
                    "officer_to_id": other.id,
                },
            ],
        )
        Assignment = self.env["promujer.officer.assignment"]
        self.assertEqual(
            Assignment._promujer_officers_as_of(association.ids, date(2024, 4, 30)),
            {association.id: self.officer_employee.id},
        )
        self.assertEqual(
            Assignment._promujer_officers_as_of(association.ids, date(2024, 5, 1)),
            {association.id: other.id},
        )
