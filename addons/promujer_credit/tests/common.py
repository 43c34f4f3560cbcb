# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def promujer_user(env, login, groups, companies, **values):
    """A user of the suite's tests: `groups` (xml ids, comma-separated) in `companies`
    (the first is her current company). Every test module builds its users here.

    She works in the timezone of the test's environment, so that her today (the date an
    action takes by default, the date not come yet) is the test's today at any hour: a
    user in UTC and a test in Brussels disagree between 23:00 and midnight UTC."""
    return new_test_user(
        env,
        login=login,
        groups=groups,
        company_id=companies[0].id,
        company_ids=[Command.set(companies.ids)],
        **{"tz": env.user.tz, **values},
    )


class PromujerCreditCommon(AccountTestInvoicingCommon):
    """An institution with a regional office and two Focal Centers, staff in each role,
    a loan product with the suite's accounts, and factories for associations and cycles."""

    def assertCallRefused(self, error, pattern, method, *args, **kwargs):
        """`method(*args, **kwargs)` raises `error`, its message matching `pattern`
        (None: any message), and leaves nothing behind: what it did before refusing is
        rolled back to a savepoint."""
        with self.assertRaisesRegex(error, pattern or ""), self.cr.savepoint():
            method(*args, **kwargs)

    def assertCheckRefused(self, records, verb, pattern, *args):
        """The check of `verb` (`_check_can_<verb>`, or the workflow mixin's check of a
        transition) refuses `records` with `pattern`, and writes nothing."""
        states = records.mapped("state")
        self.assertCallRefused(UserError, pattern, records._promujer_check, verb, *args)
        self.assertEqual(records.mapped("state"), states)

    def assertActionRefused(self, records, verb, pattern, *args, error=UserError):
        """`records.action_<verb>(*args)`, as the records' user (`with_user`), raises
        `error` matching `pattern` and leaves every record in the state it was in."""
        states = records.mapped("state")
        self.assertCallRefused(error, pattern, getattr(records, f"action_{verb}"), *args)
        self.assertEqual(records.mapped("state"), states, f"a refused {verb} changed the state")

    def assertTakenOnlyBy(self, records, verb, user, refused, pattern, *args):
        """`records.action_<verb>(*args)` is refused to each of the `refused` users
        (matching `pattern`, every record keeping its state), then taken by `user`."""
        for other in refused:
            self.assertActionRefused(records.with_user(other), verb, pattern, *args)
        return getattr(records.with_user(user), f"action_{verb}")(*args)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = cls.company_data["company"]
        # The accounting test user also administers the suite, to build the fixtures.
        cls.env.user.groups_id = [Command.link(cls.env.ref("promujer_credit.group_suite_admin").id)]
        if "promujer_training_required" in cls.root._fields:
            # The training addon's gate to a first loan is tested there, not here.
            cls.root.promujer_training_required = False
        cls.root.write(
            {
                "child_ids": [
                    Command.create(
                        {"name": "Test regional office", "promujer_center_kind": "region"}
                    )
                ]
            }
        )
        cls.region = cls.root.child_ids
        cls.region.write(
            {
                "child_ids": [
                    Command.create({"name": "Focal Center Alpha", "promujer_center_kind": "focal"}),
                    Command.create({"name": "Focal Center Beta", "promujer_center_kind": "focal"}),
                ]
            }
        )
        cls.cr.precommit.run()  # load the chart of accounts for the branches
        cls.branch_a, cls.branch_b = cls.region.child_ids.sorted("name")
        all_companies = cls.root | cls.region | cls.branch_a | cls.branch_b
        cls.env.user.company_ids = [Command.link(c.id) for c in all_companies]

        user = cls._create_user
        cls.officer = user("officer", "promujer_credit.group_loan_officer", cls.branch_a)
        cls.manager = user("manager", "promujer_credit.group_branch_manager", cls.branch_a)
        cls.manager_b = user("manager_b", "promujer_credit.group_branch_manager", cls.branch_b)
        cls.accountant = user(
            "accountant", "account.group_account_invoice", cls.branch_a | cls.root
        )
        cls.admin = user("suite_admin", "promujer_credit.group_suite_admin", all_companies)

        cls.officer_employee = cls.env["hr.employee"].create(
            {"name": "Officer Quispe", "company_id": cls.branch_a.id, "user_id": cls.officer.id}
        )
        cls.manager_employee = cls.env["hr.employee"].create(
            {"name": "Manager Mamani", "company_id": cls.branch_a.id, "user_id": cls.manager.id}
        )
        cls.branch_a.promujer_manager_id = cls.manager_employee

        Product = cls.env["promujer.loan.product"].with_company(cls.root)
        cls.product = Product.create(
            Product._village_banking_vals(cls.root, cls.root.currency_id, name="Village banking")
        )
        cls.chart = cls.env["account.chart.template"].with_company(cls.root)
        cls.account_portfolio = cls.chart.ref("promujer_account_portfolio")
        cls.account_savings = cls.chart.ref("promujer_account_savings")
        cls.account_interest = cls.chart.ref("promujer_account_interest_income")
        cls.account_fees = cls.chart.ref("promujer_account_fee_income")
        cls.cash_journal = cls.product.journal_id
        cls.account_cash = cls.cash_journal.default_account_id
        cls._women_counter = 0

    # ------------------------------------------------------------------ factories

    @classmethod
    def _create_user(cls, login, groups, companies):
        """A test user `t_<login>` in `groups`, allowed in `companies` (the first one
        current): every addon's fixtures build their users here."""
        return promujer_user(cls.env, f"t_{login}", groups, companies)

    @classmethod
    def _create_women(cls, count, **values):
        start = cls._women_counter
        cls._women_counter += count
        return cls.env["res.partner"].create(
            [
                {
                    "name": f"Woman {start + n:03d}",
                    "promujer_is_client": True,
                    "promujer_gender": "female",
                    "promujer_national_id": f"CI-{start + n:05d}",
                    **values,
                }
                for n in range(count)
            ]
        )

    @classmethod
    def _create_association(cls, branch=None, groups=5, per_group=5, state="active", **values):
        """An association of groups x per_group women, with its board, in `state`."""
        branch = branch or cls.branch_a
        women = cls._create_women(groups * per_group)
        Association = cls.env["promujer.association"]
        association = Association.create(
            {
                "name": values.pop("name", f"Association {cls._women_counter}"),
                "company_id": branch.id,
                "officer_id": cls.officer_employee.id if branch == cls.branch_a else False,
                "group_ids": Association._groups_vals(women, per_group, name="Group %s"),
                **values,
            }
        )
        association._set_board(*women[:3], women[3:6])
        if state != "forming":
            association.sudo().state = state
        return association

    @classmethod
    def _create_cycle(cls, association, amounts=None, product=None, **values):
        """A draft cycle with one loan per member (amount 200 unless given)."""
        members = association.member_ids.sorted("id")
        amounts = amounts if amounts is not None else [200.0] * len(members)
        return cls.env["promujer.loan.cycle"].create(
            {
                "association_id": association.id,
                "product_id": (product or cls.product).id,
                "term_months": 4,
                "committee_date": date(2024, 1, 8),
                "committee_member_ids": [Command.set(association.committee_member_ids.ids)],
                "disbursement_date": date(2024, 1, 15),
                "loan_ids": [
                    Command.create({"partner_id": woman.id, "amount": amount})
                    for woman, amount in zip(members, amounts, strict=False)
                ],
                **values,
            }
        )

    def _approved_cycle(self, association=None, **kwargs):
        cycle = self._create_cycle(association or self._create_association(), **kwargs)
        cycle.with_user(self.officer).action_submit()
        cycle.with_user(self.manager).action_approve()
        return cycle

    # ------------------------------------------------------------------ part 2

    def _disbursed_cycle(self, association=None, **kwargs):
        cycle = self._approved_cycle(association, **kwargs)
        cycle.with_user(self.accountant).action_disburse()
        return cycle

    def _meeting(self, cycle, meeting_date, lines=None):
        """A draft meeting; `lines` maps a member's index to values for her line."""
        meeting = self.env["promujer.meeting"].create(
            {"association_id": cycle.association_id.id, "cycle_id": cycle.id, "date": meeting_date}
        )
        members = cycle.association_id.member_ids.sorted("id")
        for index, values in (lines or {}).items():
            meeting.line_ids.filtered(lambda line, p=members[index]: line.partner_id == p).write(
                values
            )
        return meeting

    def _proposer_of(self, loans):
        return self.manager if loans.company_id == self.branch_a else self.manager_b

    def _write_off(self, loans, when, reason="Gone.", proposer=None):
        """A write-off proposed by the branch manager, approved by a credit administrator."""
        proposal = loans.with_user(proposer or self._proposer_of(loans))._propose_write_off(
            when, reason
        )
        proposal.with_user(self.admin).action_approve()
        return proposal

    def _reschedule(
        self,
        loan,
        term,
        grace,
        first_due,
        reason,
        when,
        owed_treatment="carry",
        write_off_reason=False,
        proposer=None,
    ):
        """A rescheduling on `when`, proposed by the branch manager, approved by a credit
        administrator; the interest and penalties owed are carried or written off."""
        proposal = loan.with_user(proposer or self._proposer_of(loan))._propose_reschedule(
            term, grace, first_due, reason, when, owed_treatment, write_off_reason
        )
        proposal.with_user(self.admin).action_approve()
        return proposal

    def _accountant_draft_run(self, Run, when):
        """A branch run (accrual, revaluation) of branch A on `when`: an officer may not
        create one, the accountant does; an officer and a manager may neither compute nor
        post it, nor the accountant write its state. The run, still a draft."""
        with self.assertRaises(AccessError):
            Run.with_user(self.officer).create({"company_id": self.branch_a.id, "date": when})
        run = Run.with_user(self.accountant).create({"company_id": self.branch_a.id, "date": when})
        for user in (self.officer, self.manager):
            for action in ("action_post", "action_compute"):
                with self.assertRaisesRegex(UserError, "Only accountants"):
                    getattr(run.with_user(user), action)()
        with self.assertRaises(AccessError):
            run.with_user(self.accountant).write({"state": "posted"})
        self.assertEqual(run.state, "draft")
        return run

    def _cron_in_la_paz(self, xmlid):
        """The scheduled action `xmlid`, run by OdooBot in Europe/Brussels (Odoo's data),
        for an institution whose working hours are in La Paz, five hours behind."""
        cron = self.env.ref(xmlid)
        cron.user_id.tz = "Europe/Brussels"
        self.root.resource_calendar_id.tz = "America/La_Paz"
        return cron

    def _balance(self, account, partner=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner is not None:
            domain.append(("partner_id", "=", partner.id))
        return sum(self.env["account.move.line"].search(domain).mapped("balance"))

    def _savings_total(self):
        return sum(
            self.env["promujer.savings.transaction"]
            .search([("state", "=", "posted"), ("company_id", "child_of", self.root.id)])
            .mapped("amount")
        )


class PromujerDisbursedCommon(PromujerCreditCommon):
    """One association of the common fixture, with a cycle disbursed on 15 January 2024
    in each test: `association`, `members` (by id) and `cycle`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls._create_association()
        cls.members = cls.association.member_ids.sorted("id")

    def setUp(self):
        super().setUp()
        self.cycle = self._disbursed_cycle(self.association)
