# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import models


class PromujerLoanCycle(models.Model):
    """The approval activity of a submitted cycle: scheduled for the person who decides
    (never the one who submitted it), done or removed as the cycle moves on."""

    _inherit = "promujer.loan.cycle"

    # ------------------------------------------------------------------ activities

    def _get_responsible_for_approval(self):
        """The branch's designated manager, else a branch manager allowed in the branch,
        else a credit administrator of the institution; never the person who submitted
        the cycle (four eyes)."""
        self.ensure_one()
        manager = self.company_id.promujer_manager_id.user_id
        if manager and manager != self.submitted_by_id:
            return manager
        Users = self.env["res.users"]
        excluded = (self.env.ref("base.user_root") | self.submitted_by_id).ids
        for group, companies in (
            ("promujer_credit.group_branch_manager", self.company_id),
            ("promujer_credit.group_credit_admin", self.company_id.root_id),
        ):
            user = Users.search(
                [
                    ("groups_id", "in", self.env.ref(group).id),
                    ("company_ids", "in", companies.ids),
                    ("share", "=", False),
                    ("id", "not in", excluded),
                ],
                order="id",
                limit=1,
            )
            if user:
                return user
        return Users

    def _activity_update(self):
        """Schedule or close the approval to-do after every transition (private: called by
        the actions only, never over RPC)."""
        to_feedback = self.browse()
        to_unlink = self.browse()
        approval = self.env.ref("promujer_credit.mail_act_cycle_approval")
        for cycle in self:
            if cycle.state == "submitted":
                if approval in cycle.sudo().activity_ids.activity_type_id:
                    continue
                responsible = cycle.sudo()._get_responsible_for_approval()
                if not responsible:
                    cycle._promujer_post(
                        self.env._(
                            "Nobody can approve this cycle: give %(branch)s a branch manager.",
                            branch=cycle.company_id.name,
                        )
                    )
                    continue
                cycle.sudo().activity_schedule(
                    "promujer_credit.mail_act_cycle_approval",
                    user_id=responsible.id,
                    # The note is HTML: the names in it are the users' text, escaped.
                    note=escape(
                        self.env._(
                            "Approve or reject the loan cycle of %(association)s: %(amount)s "
                            "for %(count)s members.",
                            association=cycle.association_id.name,
                            amount=cycle.currency_id.format(cycle.amount_total),
                            count=cycle.loan_count,
                        )
                    ),
                )
            elif cycle.state == "approved":
                to_feedback |= cycle
            else:
                to_unlink |= cycle
        if to_feedback:
            to_feedback.sudo().activity_feedback(["promujer_credit.mail_act_cycle_approval"])
        if to_unlink:
            to_unlink.sudo().activity_unlink(["promujer_credit.mail_act_cycle_approval"])
