"""The staff's day in a real browser (headless Chromium), as the demo's users log in:
Odoo tours, on a desktop and on a phone. A tour that fails fails CI.

HttpCase tests: pytest-odoo runs them only with --odoo-http (setup/test passes it)."""

import datetime

from promujer_demo_case import DemoCase

from odoo.tests import tagged


class TourCase(DemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # The training gate to a first loan has its own tests; these are about screens.
        cls.root.promujer_training_required = False
        cls.officer = env.ref("promujer_credit.user_demo_officer")
        cls.manager = env.ref("promujer_credit.user_demo_manager")
        cls.accountant = env.ref("promujer_credit.user_demo_accountant")

    def _submitted_cycle(self, name):
        cycle = self._draft_cycle(self._new_association(name=name), amount=200.0)
        cycle.with_user(self.officer).action_submit()
        return cycle

    def _meeting_due_today(self, name):
        """A cycle of 200 disbursed a week ago, its first installment (14.00) due today,
        and today's draft collection sheet."""
        cycle = self._submitted_cycle(name)
        cycle.with_user(self.manager).action_approve()
        cycle.write(
            {
                "disbursement_date": self.today - datetime.timedelta(days=7),
                "first_due_date": self.today,
            }
        )
        cycle.with_user(self.accountant).action_disburse()
        return (
            self.env["promujer.meeting"]
            .with_user(self.officer)
            .create(
                {
                    "association_id": cycle.association_id.id,
                    "cycle_id": cycle.id,
                    "date": cycle.first_due_date,
                }
            )
        )

    def _loan_at_risk(self):
        """An association of Villa Adela whose loans fell due some 60 days ago, unpaid (the
        first due date moves to the association's meeting day, and past a holiday to the
        next meeting: at most a few weeks later, whatever today is)."""
        cycle = self._submitted_cycle("Mujeres en mora")
        cycle.with_user(self.manager).action_approve()
        cycle.write(
            {
                "disbursement_date": self.today - datetime.timedelta(days=67),
                "first_due_date": self.today - datetime.timedelta(days=60),
            }
        )
        cycle.with_user(self.accountant).action_disburse()
        self.env["promujer.loan"]._update_arrears(self.today)
        self.assertTrue(all(loan.days_late > 30 for loan in cycle.loan_ids))
        return cycle

    def _open_dashboard(self):
        self._loan_at_risk()
        self.start_tour(
            "/odoo/action-promujer_credit.promujer_branch_dashboard_action",
            "promujer_portfolio_dashboard",
            login="manager",
        )

    def _post_meeting_in_tour(self, name, tour):
        """The clerk posts today's collection sheet of a new association in `tour`: one
        woman pays 10.00 of her 14.00 and her group covers the rest."""
        meeting = self._meeting_due_today(name)
        self.start_tour(
            f"/odoo/action-promujer_credit.promujer_meeting_action/{meeting.id}",
            tour,
            login="officer",
        )
        self.assertEqual(meeting.state, "posted")
        line = meeting.line_ids.sorted(lambda line: (line.group_id.name, line.partner_id.name))[0]
        self.assertRecordValues(
            line, [{"amount_due": 14.0, "amount_paid": 10.0, "covered_by_group": 4.0}]
        )
        self.assertEqual(sum(line.liability_ids.mapped("amount")), 4.0)
        _totals, differences = self.env["promujer.ledger.check"]._tie_out(self.root)
        self.assertEqual(differences, [])


@tagged("post_install", "-at_install")
class TestDesktopTours(TourCase):
    def test_officer_records_the_committee_proposal(self):
        association = self._new_association(name="Mujeres del tour")
        self.start_tour(
            "/odoo/action-promujer_credit.promujer_association_action",
            "promujer_officer_cycle",
            login="officer",
        )
        cycle = association.cycle_ids
        self.assertRecordValues(
            cycle, [{"state": "submitted", "submitted_by_id": self.officer.id, "loan_count": 25}]
        )
        self.assertEqual(sorted(cycle.loan_ids.mapped("amount")), [150.0] + [200.0] * 24)
        self.assertEqual(cycle.committee_member_ids, association.committee_member_ids)

    def test_manager_approves_from_her_activity(self):
        cycle = self._submitted_cycle("Mujeres por aprobar")
        self.assertEqual(cycle.activity_ids.user_id, self.manager)
        self.start_tour("/odoo", "promujer_manager_approval", login="manager")
        self.assertRecordValues(cycle, [{"state": "approved", "approved_by_id": self.manager.id}])
        self.assertFalse(cycle.activity_ids)

    def test_accountant_disburses_and_sees_the_entry(self):
        cycle = self._submitted_cycle("Mujeres por desembolsar")
        cycle.with_user(self.manager).action_approve()
        self.start_tour(
            f"/odoo/action-promujer_credit.promujer_loan_cycle_action/{cycle.id}",
            "promujer_accountant_disbursement",
            login="accountant",
        )
        self.assertEqual(cycle.state, "disbursed")
        self.assertEqual(len(cycle.disbursement_move_id.line_ids), 26)

    def test_clerk_posts_a_meeting_with_a_partial_payment_and_a_cover(self):
        self._post_meeting_in_tour("Mujeres de la reunión", "promujer_clerk_meeting")

    def test_manager_drills_down_from_the_dashboard_to_the_loans_at_risk(self):
        self._open_dashboard()

    def test_director_opens_operational_data_as_of_a_past_date(self):
        self.start_tour(
            "/odoo/action-promujer_reports.promujer_operational_report_action",
            "promujer_director_report",
            login="admin",
        )
        report = self.env["promujer.operational.report"].search([], order="id desc", limit=1)
        self.assertTrue(report._total_line().borrowers)


@tagged("post_install", "-at_install")
class TestPhoneTours(TourCase):
    """The same screens at a phone's size (390 x 844, touch)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_phone_posts_a_meeting(self):
        self._post_meeting_in_tour("Mujeres del celular", "promujer_phone_meeting")

    def test_phone_dashboard_drills_down_to_the_loans_at_risk(self):
        self._open_dashboard()
