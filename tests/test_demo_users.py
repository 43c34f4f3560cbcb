"""The demo has a user for each role (login = password, listed in the README), and each
lands on her branch's records after login, with the companies the web client selects by
default (ir.http.session_info)."""

from promujer_demo_case import DemoCase

from odoo.tests import tagged

# login: (what she works on, the model that shows it)
DEMO_USERS = {
    "officer": "promujer.association",
    "manager": "promujer.loan.cycle",
    "accountant": "promujer.loan.cycle",
    "trainer": "promujer.training.course",
    "health": "promujer.health.visit",
}


@tagged("post_install", "-at_install")
class TestDemoUsers(DemoCase):
    def test_each_role_logs_in_and_sees_her_branch(self):
        groups = {
            "officer": "promujer_credit.group_loan_officer",
            "manager": "promujer_credit.group_branch_manager",
            "accountant": "account.group_account_invoice",
            "trainer": "promujer_training.group_trainer",
            "health": "promujer_health.group_health_staff",
        }
        for login, model in DEMO_USERS.items():
            with self.subTest(login=login):
                uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
                self.assertTrue(uid, f"{login} / {login} does not log in")
                user = self.env["res.users"].browse(uid)
                self.assertTrue(user.has_group(groups[login]))
                self.assertIn(self.branch, user.company_ids)
                self.authenticate(login, login)
                info = self.make_jsonrpc_request("/web/session/get_session_info")
                defaults = info["user_companies"]["promujer_default_company_ids"]
                self.assertEqual(set(defaults), set(user.company_ids.ids))
                records = (
                    self.env[model]
                    .with_user(user)
                    .with_context(allowed_company_ids=defaults)
                    .search([])
                )
                self.assertTrue(records, f"{login} sees no {model} after login")
                self.assertIn(self.branch, records.company_id)
                self.assertLessEqual(records.company_id, user.company_ids)

    def test_the_switcher_lists_no_stray_company(self):
        admin = self.env.ref("base.user_admin")
        tree = self.env["res.company"].search([("id", "child_of", self.root.id)])
        self.assertEqual(admin.company_ids, tree)
        self.assertEqual(admin.company_id, self.root)
        self.assertTrue(admin.has_group("account.group_account_readonly"))
