# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingGate(PromujerTrainingCommon):
    """The association-management training: from forming to training, to active, and to
    the disbursement of the first loan cycle."""

    def test_starting_the_course_puts_the_association_in_training(self):
        association = self._create_association(state="forming")
        course = self._create_course(self.program_association, association=association)
        # The trainer starts it, though she may not write associations.
        course.with_user(self.trainer).action_start()
        self.assertEqual(course.state, "in_progress")
        self.assertEqual(association.state, "training")
        self.assertIn(course.name, association.message_ids[0].body)
        # Another program does not change the association's state.
        other = self._create_association(state="forming")
        self._create_course(association=other).action_start()
        self.assertEqual(other.state, "forming")

    def test_activation_waits_for_every_member_to_complete(self):
        association = self._create_association(state="forming")
        members = association.member_ids.sorted("id")
        self.assertCallRefused(
            UserError,
            "0 of 25 members completed the association-management training",
            association.action_activate,
        )
        self._train_association(association, absent={3: members[:2]})
        self.assertEqual(association.state, "training")
        names = ", ".join(members[:2].sorted("name").mapped("name"))
        self.assertCallRefused(
            UserError,
            f"23 of 25 members completed the association-management training \\(25 needed\\); "
            f"not yet: {names}",
            association.action_activate,
        )
        self.assertEqual(association.state, "training")
        # They take the training with the next association of the branch.
        self._train_association(association, women=members[:2])
        association.action_activate()
        self.assertEqual(association.state, "active")

    def _partly_trained(self, session, missing):
        """A forming association, under a rule of 80 % of members trained, whose first
        `missing` members (by id) were absent from `session` of its training; and its
        members by id."""
        self.root.promujer_training_min_completed_percent = 80
        association = self._create_association(state="forming")
        members = association.member_ids.sorted("id")
        self._train_association(association, absent={session: members[:missing]})
        return association, members

    def test_share_of_members_trained_is_a_setting(self):
        association, members = self._partly_trained(0, 6)
        self.assertCallRefused(
            UserError, "19 of 25 members .* \\(20 needed\\)", association.action_activate
        )
        self._train_association(association, women=members[:1])
        association.action_activate()
        self.assertEqual(association.state, "active")

    def test_first_cycle_is_not_disbursed_to_untrained_borrowers(self):
        # An association made active before the gate (as the credit addon's demo does).
        association = self._create_association(state="active")
        members = association.member_ids.sorted("id")
        cycle = self._create_cycle(association)
        names = ", ".join(members.sorted("name")[:3].mapped("name"))
        # The officer is told when she submits the proposal ...
        self.assertCallRefused(
            UserError,
            "cannot be submitted:\n.*first loan cycle, and these borrowers have not completed "
            f"the association-management training: {names}",
            cycle.with_user(self.officer).action_submit,
        )
        # ... and a cycle approved before the gate was on stops at its disbursement.
        cycle.sudo().write(
            {
                "state": "approved",
                "submitted_by_id": self.officer.id,
                "approved_by_id": self.manager.id,
            }
        )
        self.assertCallRefused(
            UserError,
            "cannot be disbursed:\n.*first loan cycle, and these borrowers have not completed "
            f"the association-management training: {names}",
            cycle.with_user(self.accountant).action_disburse,
        )
        self.assertEqual(cycle.state, "approved")
        self.assertFalse(cycle.disbursement_move_id)

        # Most of them complete it; the two who missed a session are named.
        self._train_association(association, absent={5: members[:2]})
        untrained = ", ".join(members[:2].sorted("name").mapped("name"))
        self.assertCallRefused(
            UserError, f"training: {untrained}\\.", cycle.with_user(self.accountant).action_disburse
        )

        # Once they completed it, the cycle is disbursed.
        self._train_association(association, women=members[:2])
        cycle.with_user(self.accountant).action_disburse()
        self.assertEqual(cycle.state, "disbursed")

    def test_only_borrowers_of_the_first_cycle_need_the_training(self):
        association, _members = self._partly_trained(2, 3)
        association.action_activate()
        # The three women without the training do not borrow in the first cycle.
        cycle = self._approved_cycle(association, amounts=[0.0] * 3 + [200.0] * 22)
        cycle.with_user(self.accountant).action_disburse()
        self.assertEqual(cycle.state, "disbursed")
        # In the next cycles they may borrow: the gate is for the first loan.
        cycle.loan_ids.sudo().write({"state": "paid"})
        cycle.action_close()
        second = self._approved_cycle(association, amounts=[200.0] * 25)
        self.assertEqual(second.cycle_number, 2)
        second.with_user(self.accountant).action_disburse()
        self.assertEqual(second.state, "disbursed")

    def test_gate_is_a_setting(self):
        self.root.promujer_training_required = False
        association = self._create_association(state="training")
        association.action_activate()
        cycle = self._approved_cycle(association)
        cycle.with_user(self.accountant).action_disburse()
        self.assertEqual(cycle.state, "disbursed")
