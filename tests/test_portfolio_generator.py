"""The portfolio generator (setup/generate) in miniature: a few associations built through
the suite's actions by the second of two generating processes (its own loan product and
cash journal), and the General Ledger tying to the loans and savings."""

import contextlib
import importlib.util
import io
import sys
import types
from pathlib import Path

from psycopg2 import errors

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

SCALE = Path(__file__).resolve().parents[1] / "tools" / "scale"


def generate_module():
    """tools/scale/generate.py (setup/generate's script), imported from its folder."""
    sys.path.insert(0, str(SCALE))
    try:
        spec = importlib.util.spec_from_file_location("promujer_generate", SCALE / "generate.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCALE))
    return module


@tagged("post_install", "-at_install")
class TestPortfolioGenerator(TransactionCase):
    def _generator(self):
        """The generator as the administrator of the whole institution runs it."""
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
        return env["promujer.portfolio.generator"]

    def _plans(self, generator, setup, today, offset):
        """Three associations of seed 7, their indexes moved by `offset` (clear of any
        other generated portfolio)."""
        plans = generator._plan(
            setup["centers"], today, seed=7, associations=3, clients=55, portfolio_usd=6000.0
        )
        for plan in plans:
            plan["index"] += offset
        return plans

    def test_small_portfolio_ties_to_the_ledger(self):
        generator = self._generator()
        env = generator.env
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
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
        plans = self._plans(generator, setup, today, 9_000_000)
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

    def test_the_same_seed_gives_the_same_women_whatever_the_batches(self):
        """Processes and batch sizes split the plan differently: what is drawn for an
        association (names, birth dates, meeting day, voluntary deposits) stays the same."""
        generator = self._generator()
        root = self.env.ref("promujer_credit.company_promujer_bolivia")
        today = fields.Date.context_today(generator)
        setup = generator._setup_institution(root.with_env(generator.env), lanes=1)
        setup["product"] = setup["products"][0]
        together = generator._generate_batch(
            setup, self._plans(generator, setup, today, 9_100_000), today
        )
        plans = self._plans(generator, setup, today, 9_200_000)
        apart = generator._generate_batch(setup, plans[:1], today) | generator._generate_batch(
            setup, plans[1:], today
        )

        def drawn(association):
            lines = association.meeting_ids.line_ids
            return (
                sorted(association.member_ids.mapped("name")),
                sorted(association.member_ids.mapped("promujer_birthdate")),
                association.meeting_weekday,
                sorted(lines.filtered("voluntary_deposit").mapped("voluntary_deposit")),
            )

        self.assertEqual(len(together), 3)
        self.assertTrue(together.meeting_ids.line_ids, "the associations held meetings")
        self.assertEqual(
            [drawn(a) for a in together.sorted("id")], [drawn(a) for a in apart.sorted("id")]
        )

    def test_lanes_keep_each_focal_center_together_and_balance_the_work(self):
        generator = self.env["promujer.portfolio.generator"]
        # Focal Centers 1..5 with 9, 7, 5, 3 and 1 associations, interleaved.
        sizes = {1: 9, 2: 7, 3: 5, 4: 3, 5: 1}
        branches = [b for b, count in sizes.items() for _n in range(count)]
        plans = [{"index": i, "branch_id": branches[i * 7 % 25]} for i in range(25)]
        lanes = generator._plan_lanes(plans, 2)
        self.assertEqual(sorted(len(lane) for lane in lanes), [12, 13])
        self.assertEqual(sorted(p["index"] for lane in lanes for p in lane), list(range(25)))
        for lane in lanes:
            self.assertEqual([p["index"] for p in lane], sorted(p["index"] for p in lane))
        in_lane = [{p["branch_id"] for p in lane} for lane in lanes]
        self.assertFalse(in_lane[0] & in_lane[1], "a Focal Center is split between processes")
        # More processes than Focal Centers: the extra ones get nothing to do.
        self.assertEqual(sum(not lane for lane in generator._plan_lanes(plans, 7)), 2)

    def test_generate_refuses_fewer_than_one_process(self):
        generate = generate_module()
        self.assertEqual(generate.parse_args(["--processes", "2"]).processes, 2)
        for bad in ("0", "-1"):
            said = io.StringIO()
            with self.assertRaises(SystemExit), contextlib.redirect_stderr(said):
                generate.parse_args(["--processes", bad])
            self.assertIn(f"--processes: at least 1, not {bad}", said.getvalue())

    def test_a_batch_that_lost_a_race_is_generated_again(self):
        """Two processes touched the same row: the batch that lost is generated again
        (its transaction left nothing), and the others go on."""
        generate = generate_module()
        calls = []

        def generate_batch(reg, args, batch, first_line, lane):
            calls.append([plan["index"] for plan in batch])
            if len(calls) == 2:
                raise errors.SerializationFailure("could not serialize access")
            return 10 * len(calls)

        generate.generate_batch = generate_batch
        args = types.SimpleNamespace(batch=2, processes=2)
        plans = [{"index": n} for n in range(5)]
        said = io.StringIO()
        with contextlib.redirect_stderr(said):
            lines = generate.generate_batches(None, args, plans, 0, 5, 0.0, lane=1)
        self.assertEqual(calls, [[0, 1], [2, 3], [2, 3], [4]])
        self.assertEqual(lines, 40)
        self.assertIn("process 2: 5/5 associations", said.getvalue())
        self.assertIn("1 batch(es) generated again", said.getvalue())
