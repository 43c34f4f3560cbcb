# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The counts of a post for a period; `service_counts` maps a service code to a count.
FIGURE_KEYS = (
    "visits",
    "patients",
    "client_patients",
    "family_patients",
    "services",
    "referrals",
)


class PromujerHealthPost(models.Model):
    """Per-post figures for the reports: counts only, never clinical content."""

    _inherit = "promujer.health.post"

    def _get_health_figures(self, date_from, date_to):
        """Counts for these posts over [date_from, date_to], per post id.

        Visits are the done visits dated in the period; patients are counted once per post
        (client_patients and family_patients by what the patient was at her visit);
        services are the services delivered in those visits; referrals those dated in the
        period and not cancelled (health education, the courses of health programs, is
        counted by the reports from the training addon). The caller's record rules chose
        `self`; the counting runs as superuser on these posts only, because it groups by
        fields (the services) that only health staff may read, and it returns numbers,
        never records."""
        figures = {post.id: dict.fromkeys(FIGURE_KEYS, 0) | {"service_counts": {}} for post in self}
        if not self:
            return figures
        Visit = self.env["promujer.health.visit"].sudo()
        domain = [
            ("post_id", "in", self.ids),
            ("state", "=", "done"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        for post, visits, patients in Visit._read_group(
            domain, ["post_id"], ["__count", "patient_id:count_distinct"]
        ):
            figures[post.id].update(visits=visits, patients=patients)
        for post, kind, patients in Visit._read_group(
            domain, ["post_id", "patient_kind"], ["patient_id:count_distinct"]
        ):
            if kind:
                figures[post.id][f"{kind}_patients"] = patients
        for post, service, count in Visit._read_group(
            domain, ["post_id", "service_ids"], ["__count"]
        ):
            if service:
                figures[post.id]["services"] += count
                figures[post.id]["service_counts"][service.code] = count
        for post, count in (
            self.env["promujer.health.referral"]
            .sudo()
            ._read_group(
                [
                    ("post_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["post_id"],
                ["__count"],
            )
        ):
            figures[post.id]["referrals"] = count
        return figures
