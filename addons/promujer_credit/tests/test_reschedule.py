# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rescheduling keeps what is owed: the interest and penalties a woman owes are carried
into her new schedule (and collected by a later meeting) or written off explicitly, in
memorandum accounts, with a reason."""

from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PromujerDisbursedCommon

RESCHEDULED_ON = date(2024, 2, 2)
FIRST_DUE = date(2024, 2, 12)


@tagged("post_install", "-at_install")
class TestReschedule(PromujerDisbursedCommon):
    def setUp(self):
        super().setUp()
        # Woman 0 pays nothing on 22 and 29 January (14.00 each: 12.50 + 1.50 interest);
        # both installments are charged a 5 % penalty (0.70 each) by 2 February.
        self.root.write({"promujer_penalty_rate": 5.0, "promujer_penalty_grace_days": 3})
        for when in (date(2024, 1, 22), date(2024, 1, 29)):
            self._meeting(self.cycle, when, {0: {"amount_paid": 0.0}}).action_post()
        self.env["promujer.loan"]._update_arrears(RESCHEDULED_ON)
        self.loan = self.cycle.loan_ids.filtered(lambda loan: loan.partner_id == self.members[0])
        self.woman = self.members[0]

    def _new_installments(self):
        return self.loan.installment_ids.filtered(lambda i: not i.rescheduled and i.sequence > 16)

    def _moves_of(self, proposal):
        return self.env["account.move"].search(
            [
                ("promujer_origin_model", "=", proposal._name),
                ("promujer_origin_id", "=", proposal.id),
            ]
        )

    def _assert_ledger_ties(self):
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertEqual(differences, [])

    def _assert_old_closed(self):
        old = self.loan.installment_ids.filtered("rescheduled")
        self.assertEqual(len(old), 16)
        self.assertEqual(set(old.mapped("state")), {"paid"})
        self.assertEqual(sum(old.mapped("interest_due")), 0.0)
        self.assertEqual(sum(old.mapped("penalty_due")), 0.0)

    def test_carried_into_the_new_schedule_and_collected(self):
        proposal = self._reschedule(
            self.loan, 1, 0, FIRST_DUE, "Her stall burned.", RESCHEDULED_ON, "carry"
        )
        self.assertRecordValues(
            proposal,
            [
                {
                    "owed_treatment": "carry",
                    "interest_owed": 3.0,
                    "penalty_owed": 1.4,
                    "forgiven_move_id": False,
                }
            ],
        )
        # Cash basis: nothing was booked for the unpaid interest, nothing is booked now.
        self.assertFalse(self._moves_of(proposal))
        self._assert_old_closed()
        # 200 over 4 weeks (50.00 + 1.50 interest), each carrying 0.75 of the interest and
        # 0.35 of the penalties owed.
        new = self._new_installments()
        self.assertRecordValues(
            new,
            [
                {
                    "due_date": FIRST_DUE + timedelta(weeks=week),
                    "principal_due": 50.0,
                    "interest_due": 2.25,
                    "interest_carried": 0.75,
                    "penalty_due": 0.35,
                    "penalty_carried": 0.35,
                    "amount_due": 52.6,
                }
                for week in range(4)
            ],
        )
        self.assertAlmostEqual(sum(self.loan.installment_ids.mapped("interest_due")), 9.0, 2)
        self.assertAlmostEqual(self._balance(self.account_portfolio, self.woman), 200.0, 2)
        self._assert_ledger_ties()

        # The meeting of 12 February collects her first new installment, carried parts
        # included: interest and penalties are income when collected.
        meeting = self._meeting(self.cycle, FIRST_DUE)
        line = meeting.line_ids.filtered(lambda line: line.partner_id == self.woman)
        self.assertAlmostEqual(line.amount_due, 52.6, 2)
        meeting.action_post()
        self.assertRecordValues(
            new[0],
            [
                {
                    "state": "paid",
                    "principal_paid": 50.0,
                    "interest_paid": 2.25,
                    "penalty_paid": 0.35,
                }
            ],
        )
        allocations = self.env["promujer.meeting.allocation"].search(
            [("meeting_id", "=", meeting.id)]
        )
        penalty_account = self.product.penalty_income_account_id
        items = meeting.move_id.line_ids
        self.assertAlmostEqual(
            -sum(items.filtered(lambda i: i.account_id == penalty_account).mapped("balance")),
            0.35,
            2,
        )
        self.assertAlmostEqual(
            -sum(items.filtered(lambda i: i.account_id == self.account_interest).mapped("balance")),
            sum(allocations.mapped("interest")),
            2,
        )
        self.assertAlmostEqual(
            sum(allocations.filtered(lambda a: a.installment_id == new[0]).mapped("interest")),
            2.25,
            2,
        )
        self.assertAlmostEqual(self._balance(self.account_portfolio, self.woman), 150.0, 2)
        self._assert_ledger_ties()

    def test_written_off_in_memorandum_accounts(self):
        proposal = self._reschedule(
            self.loan,
            1,
            0,
            FIRST_DUE,
            "Her stall burned.",
            RESCHEDULED_ON,
            "write_off",
            "The committee forgives the arrears of the fire.",
        )
        proposal = proposal.with_env(self.env)  # the entry, as the accountant reads it
        move = proposal.forgiven_move_id
        self.assertEqual(self._moves_of(proposal), move)
        self.assertRecordValues(
            move, [{"state": "posted", "date": RESCHEDULED_ON, "company_id": self.branch_a.id}]
        )
        chart = self.chart
        self.assertRecordValues(
            move.line_ids.sorted(lambda i: i.account_id.code),
            [
                {
                    "account_id": chart.ref("promujer_account_forgiven_interest").id,
                    "partner_id": self.woman.id,
                    "balance": 3.0,
                    "amount_currency": 3.0,
                },
                {
                    "account_id": chart.ref("promujer_account_forgiven_penalty").id,
                    "partner_id": self.woman.id,
                    "balance": 1.4,
                    "amount_currency": 1.4,
                },
                {
                    "account_id": chart.ref("promujer_account_forgiven_contra").id,
                    "partner_id": self.woman.id,
                    "balance": -4.4,
                    "amount_currency": -4.4,
                },
            ],
        )
        self.assertEqual(move.line_ids.account_id.mapped("code"), ["PM9190", "PM9110", "PM9120"])
        self.assertEqual(set(move.line_ids.account_id.mapped("account_type")), {"off_balance"})
        self._assert_old_closed()
        self.assertRecordValues(
            self._new_installments(),
            [
                {
                    "principal_due": 50.0,
                    "interest_due": 1.5,
                    "interest_carried": 0.0,
                    "penalty_due": 0.0,
                    "penalty_carried": 0.0,
                }
            ]
            * 4,
        )
        self.assertTrue(
            any("The committee forgives" in body for body in self.loan.message_ids.mapped("body"))
        )
        # The portfolio is untouched; the ledger still ties.
        self.assertAlmostEqual(self._balance(self.account_portfolio, self.woman), 200.0, 2)
        self._assert_ledger_ties()

    def test_write_off_needs_a_reason(self):
        for reason in (False, "   "):
            self.assertCallRefused(
                UserError,
                "needs a reason",
                self.loan.with_user(self.manager)._propose_reschedule,
                1,
                0,
                FIRST_DUE,
                "Her stall burned.",
                RESCHEDULED_ON,
                "write_off",
                reason,
            )
        self.assertFalse(
            self.env["promujer.loan.proposal"].search([("loan_ids", "in", self.loan.ids)])
        )
        self.assertEqual(self.loan.state, "active")
        with self.assertRaisesRegex(UserError, "carried or written off"):
            self.loan.with_user(self.manager)._propose_reschedule(
                1, 0, FIRST_DUE, "Her stall burned.", RESCHEDULED_ON, "forget"
            )

    def test_wizard_previews_what_is_carried_or_written_off(self):
        action = self.loan.with_user(self.manager).action_reschedule()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create(
                {
                    "date": RESCHEDULED_ON,
                    "term_months": 1,
                    "first_due_date": FIRST_DUE,
                    "reason": "Her stall burned.",
                }
            )
        )
        self.assertRecordValues(
            wizard,
            [
                {
                    "owed_treatment": "carry",
                    "interest_owed": 3.0,
                    "penalty_owed": 1.4,
                    "interest_carried": 3.0,
                    "penalty_carried": 1.4,
                    "interest_written_off": 0.0,
                    "penalty_written_off": 0.0,
                }
            ],
        )
        preview = str(wizard.schedule_preview)
        self.assertEqual(preview.count("<tr>"), 1 + 4)
        for text in ("2024-02-12", "2024-03-04", "50.00", "2.25", "0.75", "0.35", "52.60"):
            self.assertIn(text, preview)
        wizard.write(
            {"owed_treatment": "write_off", "write_off_reason": "Forgiven by the committee."}
        )
        self.assertRecordValues(
            wizard,
            [
                {
                    "interest_carried": 0.0,
                    "penalty_carried": 0.0,
                    "interest_written_off": 3.0,
                    "penalty_written_off": 1.4,
                }
            ],
        )
        self.assertIn("51.50", str(wizard.schedule_preview))
        self.assertNotIn("52.60", str(wizard.schedule_preview))
        proposal = self.env["promujer.loan.proposal"].browse(wizard.action_reschedule()["res_id"])
        self.assertRecordValues(
            proposal,
            [
                {
                    "owed_treatment": "write_off",
                    "write_off_reason": "Forgiven by the committee.",
                    "interest_owed": 3.0,
                    "penalty_owed": 1.4,
                    "state": "proposed",
                }
            ],
        )
        # Proposing books nothing; the schedule changes when approved.
        self.assertFalse(self._new_installments())

    def test_late_penalty_on_a_new_installment_keeps_the_carried_one(self):
        self._reschedule(self.loan, 1, 0, FIRST_DUE, "Her stall burned.", RESCHEDULED_ON, "carry")
        first = self._new_installments()[0]
        for as_of in (date(2024, 2, 20), date(2024, 3, 20)):  # charged once only
            self.env["promujer.loan"]._update_arrears(as_of)
            # 5 % of what the new schedule asks (50.00 + 1.50), not of what it carries,
            # added to the carried 0.35.
            self.assertRecordValues(
                first,
                [
                    {
                        "penalty_carried": 0.35,
                        "penalty_due": 0.35 + 2.58,
                        "amount_due": 50.0 + 2.25 + 0.35 + 2.58,
                        "amount_residual": 50.0 + 2.25 + 0.35 + 2.58,
                    }
                ],
            )
