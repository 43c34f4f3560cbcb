"""The portfolio generator (setup/generate) in miniature: a few associations built through
the suite's actions by the second of two generating processes (its own loan product and
cash journal), and the General Ledger tying to the loans and savings."""

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPortfolioGenerator(TransactionCase):
    def test_small_portfolio_ties_to_the_ledger(self):
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
        admin = self.env.ref("base.user_admin")
        tree = self.env["res.company"].search([("id", "child_of", root.id)])
        admin.write(
            {
                "groups_id": [
                    Command.link(self.env.ref("promujer_credit.group_suite_admin").id),
                    Command.link(self.env.ref("account.group_account_manager").id),
                ],
                "company_ids": [Command.link(c.id) for c in tree],
            }
        )
        env = self.env(
            user=admin, su=True, context={"allowed_company_ids": [root.id, *(tree - root).ids]}
        )
        generator = env["promujer.portfolio.generator"]
        today = fields.Date.context_today(generator)
        setup = generator._setup_institution(root.with_env(env), lanes=2)
        first, second = setup["products"]
        self.assertEqual(first.code, "GEN-USD")
        self.assertEqual(second.code, "GEN-USD-2")
        self.assertEqual(second.journal_id.code, "GEN2")
        self.assertNotEqual(first.journal_id, second.journal_id)
        # Called again at every batch of every process: nothing new is created.
        self.assertEqual(
            generator._setup_institution(root.with_env(env), lanes=2)["products"],
            setup["products"],
        )
        setup["product"] = second
        plans = generator._plan(
            setup["centers"], today, seed=7, associations=3, clients=55, portfolio_usd=6000.0
        )
        for plan in plans:
            plan["index"] += 9_000_000  # clear of any other generated portfolio
        associations = generator._generate_batch(setup, plans, today)
        generator._finish(today)

        self.assertEqual(len(associations), 3)
        self.assertEqual(sum(associations.mapped("member_count")), 55)
        loans = associations.loan_ids.filtered(lambda loan: loan.state == "active")
        self.assertTrue(loans, "the generated associations borrow")
        posted = associations.meeting_ids.filtered(lambda m: m.state == "posted")
        self.assertTrue(posted)
        self.assertEqual(associations.loan_ids.product_id, second)
        self.assertEqual(posted.move_id.journal_id, second.journal_id)
        self.assertEqual(associations.cycle_ids.disbursement_move_id.journal_id, second.journal_id)
        # The General Ledger against the loans and the savings of these women, read here
        # and not by the generator's own check.
        women = associations.member_ids
        products = associations.loan_ids.product_id

        def ledger(accounts):
            lines = env["account.move.line"].search(
                [
                    ("account_id", "in", accounts.ids),
                    ("partner_id", "in", women.ids),
                    ("parent_state", "=", "posted"),
                ]
            )
            return sum(lines.mapped("amount_currency"))

        open_loans = associations.loan_ids.filtered(lambda loan: loan.state != "written_off")
        self.assertAlmostEqual(
            ledger(products.portfolio_account_id),
            sum(open_loans.mapped("principal_outstanding")),
            places=2,
        )
        savings = env["promujer.savings.account"].search([("partner_id", "in", women.ids)])
        self.assertTrue(savings)
        self.assertAlmostEqual(
            -ledger(products.savings_account_id), sum(savings.mapped("balance")), places=2
        )
        # ... and per branch, per woman: the standing control finds no difference.
        _totals, differences = env["promujer.ledger.check"]._tie_out(root)
        self.assertEqual(differences, [])
        # The loans' outstanding principal is what the plan aimed at, within rounding.
        outstanding = sum(loans.mapped("principal_outstanding"))
        self.assertAlmostEqual(outstanding, 6000.0, delta=6000.0 * 0.05)
