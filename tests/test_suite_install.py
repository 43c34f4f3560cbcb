"""The four addons installed together: clean install, access rules, menus, demo data."""

import os
import re

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

SUITE = ("promujer_credit", "promujer_training", "promujer_health", "promujer_reports")


@tagged("post_install", "-at_install")
class TestSuiteInstall(TransactionCase):
    def test_install_log_has_no_warning(self):
        path = os.environ.get("PROMUJER_INSTALL_LOG")
        self.assertTrue(
            path and os.path.isfile(path),
            "PROMUJER_INSTALL_LOG must name the log of the install (setup/test sets it)",
        )
        with open(path, encoding="utf-8") as log:
            bad = [
                line.rstrip()
                for line in log
                if re.match(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) ", line)
            ]
        self.assertEqual(bad, [], "the install logged warnings or errors")

    def test_all_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", SUITE)])
        self.assertEqual(
            sorted(modules.filtered(lambda m: m.state == "installed").mapped("name")),
            sorted(SUITE),
        )

    def test_every_model_has_access_rules(self):
        models = (
            self.env["ir.model"]
            .search([])
            .filtered(
                lambda m: (
                    any(name in SUITE for name in (m.modules or "").split(", "))
                    and m.model in self.env
                    and not self.env[m.model]._abstract
                    and self.env[m.model]._original_module in SUITE
                )
            )
        )
        missing = [
            m.model
            for m in models
            if not self.env["ir.model.access"].search_count([("model_id", "=", m.id)])
        ]
        self.assertEqual(missing, [], "models of the suite without access rules")

    def test_each_menu_opens_its_action_for_admin(self):
        admin = self.env.ref("base.user_admin")
        root = self.env.ref("promujer_credit.menu_microfinance_root")
        menus = self.env["ir.ui.menu"].with_user(admin).search([("id", "child_of", root.id)])
        with_action = menus.filtered("action")
        self.assertTrue(with_action, "the Microfinance menu has no action for admin")
        for menu in with_action:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            with self.subTest(menu=menu.complete_name):
                model = self.env[action.res_model].with_user(admin)
                views = [(v.view_id.id, v.view_mode) for v in action.view_ids] or [
                    (False, mode) for mode in action.view_mode.split(",")
                ]
                views.append((action.search_view_id.id, "search"))
                result = model.get_views(views)
                self.assertTrue(result["views"])
                eval_context = action.with_user(admin)._get_eval_context()
                domain = safe_eval(action.domain or "[]", eval_context)
                context = safe_eval(action.context or "{}", eval_context)
                records = model.with_context(**context).web_search_read(
                    domain, {"display_name": {}}, limit=80
                )
                self.assertIn("records", records)

    def test_demo_organisation(self):
        """July 2001: 4 regional offices, 24 Focal Centers (10/6/3/5), neighborhood centers."""
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
        self.assertEqual(root.currency_id.name, "BOB")
        # Dollar loans need the dollar active, and the branches the Bolivian chart.
        self.assertTrue(self.env.ref("base.USD").active)
        self.assertEqual(root.chart_template, "bo")
        branches = self.env["res.company"].search([("id", "child_of", root.id)])
        regions = branches.filtered(lambda c: c.promujer_center_kind == "region")
        self.assertEqual(len(regions), 4)
        focal = branches.filtered(lambda c: c.promujer_center_kind == "focal")
        per_region = {
            r.city: len(focal.filtered(lambda c, r=r: c.promujer_region_id == r)) for r in regions
        }
        self.assertEqual(per_region, {"El Alto": 10, "Cochabamba": 6, "Tarija": 3, "Sucre": 5})
        self.assertTrue(branches.filtered(lambda c: c.promujer_center_kind == "neighborhood"))
        self.assertEqual(focal.mapped("currency_id"), root.currency_id)
        # It works on La Paz time, which its scheduled actions take today in.
        self.assertEqual(set(branches.resource_calendar_id.mapped("tz")), {"America/La_Paz"})
        self.assertEqual(root._promujer_tz(), "America/La_Paz")
