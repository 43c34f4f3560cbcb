"""Shared by the generator and the benchmark: Odoo's registry, the institution, a
progress bar and timing helpers. Run through setup/generate and setup/benchmark."""

import os
import statistics
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = os.path.join(ROOT, "setup", "odoo.conf")
ROOT_XMLID = "promujer_credit.company_promujer_bolivia"


_CONFIGURED = []


def registry(db):
    if not _CONFIGURED:
        odoo.tools.config.parse_config(["-c", CONFIG, "--log-level=warn"])
        _CONFIGURED.append(True)
    return odoo.modules.registry.Registry(db)


def suite_env(cr):
    """The administrator, as suite administrator and accountant, acting as superuser in
    every branch of the institution (created from the suite's organisation file when the
    database has no demo data)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    root = env.ref(ROOT_XMLID, raise_if_not_found=False)
    if not root:
        odoo.tools.convert.convert_file(
            env,
            "promujer_credit",
            "demo/promujer_organisation.xml",
            {},
            mode="init",
            noupdate=True,
            pathname=os.path.join(
                ROOT, "addons", "promujer_credit", "demo", "promujer_organisation.xml"
            ),
        )
        env.flush_all()
        root = env.ref(ROOT_XMLID)
    admin = env.ref("base.user_admin")
    tree = env["res.company"].search([("id", "child_of", root.id)])
    groups = [
        env.ref("promujer_credit.group_suite_admin"),
        env.ref("account.group_account_manager"),
    ]
    missing = [g for g in groups if g not in admin.groups_id]
    if missing or tree - admin.company_ids:
        admin.write(
            {
                "groups_id": [(4, g.id) for g in missing],
                "company_ids": [(4, c.id) for c in tree],
            }
        )
    context = {"allowed_company_ids": [root.id, *(tree - root).ids], "tz": "UTC"}
    return api.Environment(cr, admin.id, context, su=True), root


class Progress:
    """A progress bar on stderr with the rate and the time left."""

    def __init__(self, total, unit="associations", width=30):
        self.total, self.unit, self.width = total, unit, width
        self.done = 0
        self.start = time.monotonic()
        self.extra = ""

    def update(self, done, extra=""):
        self.done, self.extra = done, extra
        elapsed = time.monotonic() - self.start
        rate = done / elapsed if elapsed else 0.0
        left = (self.total - done) / rate if rate else 0.0
        filled = int(self.width * done / self.total) if self.total else self.width
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} "
            f"{self.unit} {rate:.1f}/s {extra} elapsed {fmt_duration(elapsed)} "
            f"left {fmt_duration(left)}   "
        )
        sys.stderr.flush()

    def close(self):
        sys.stderr.write("\n")


def fmt_duration(seconds):
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def median_of(runs):
    return statistics.median(runs) if runs else float("nan")
