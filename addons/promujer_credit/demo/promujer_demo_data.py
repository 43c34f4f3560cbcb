# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that goes through the suite's own workflow (called from demo XML only)."""

import random
from datetime import datetime, timedelta

import pytz

from odoo import Command, api, fields, models

FIRST_NAMES = [
    "María",
    "Juana",
    "Rosa",
    "Carmen",
    "Lidia",
    "Justina",
    "Felipa",
    "Sonia",
    "Martha",
    "Elena",
    "Teodora",
    "Gregoria",
    "Basilia",
    "Victoria",
    "Rufina",
    "Eugenia",
    "Julia",
    "Lucía",
    "Norma",
    "Celia",
    "Ana",
    "Francisca",
    "Delfina",
    "Paulina",
    "Isabel",
    "Nélida",
    "Marina",
    "Zenobia",
    "Cristina",
    "Antonia",
]
SURNAMES = [
    "Mamani",
    "Quispe",
    "Condori",
    "Choque",
    "Flores",
    "Huanca",
    "Apaza",
    "Limachi",
    "Ticona",
    "Colque",
    "Poma",
    "Vargas",
    "Cruz",
    "Rojas",
    "Gutiérrez",
    "Copa",
    "Chambi",
    "Yujra",
    "Laura",
    "Callisaya",
    "Nina",
    "Alanoca",
    "Ramos",
    "Torrez",
    "Coaquira",
]
ASSOCIATION_NAMES = [
    "Mujeres Emprendedoras",
    "Flor de Illimani",
    "Nueva Esperanza",
    "Las Kantutas",
    "Manos Unidas",
    "Virgen de Copacabana",
    "Sol Naciente",
    "Mujeres de Progreso",
]


class PromujerDemoData(models.AbstractModel):
    _name = "promujer.demo.data"
    _description = "Pro Mujer demo data generator"

    @api.model
    def _create_credit_demo(self):
        """Products, staff, clients, associations and loan cycles in several states."""
        rng = random.Random(2001)
        env = self.env
        root = env.ref("promujer_credit.company_promujer_bolivia")
        admin = env.ref("base.user_admin")
        product_usd, product_bob = self._create_demo_products(root)
        plan = [
            # (focal center, product, association state, cycle state, days since disbursement)
            ("focal_el_alto_villa_adela", product_usd, "active", "disbursed", 45),
            ("focal_el_alto_senkata", product_usd, "active", "submitted", None),
            ("focal_cochabamba_cala_cala", product_bob, "consolidated", "disbursed", 30),
            ("focal_cochabamba_sacaba", product_bob, "training", None, None),
            ("focal_tarija_san_roque", product_usd, "active", "approved", None),
            ("focal_tarija_el_molino", product_usd, "forming", None, None),
            ("focal_sucre_mercado_campesino", product_bob, "active", "draft", None),
            ("focal_sucre_villa_armonia", product_bob, "active", "disbursed", 60),
        ]
        # A Bolivian institution works on La Paz time: its scheduled actions take today in
        # it (res.company._promujer_today), its public holidays are La Paz's days.
        env["res.company"].search([("id", "child_of", root.id)]).resource_calendar_id.write(
            {"tz": "America/La_Paz"}
        )
        today = fields.Date.context_today(self)
        self._create_demo_holidays(root, today)
        for index, (xmlid, product, assoc_state, cycle_state, age) in enumerate(plan):
            branch = env.ref(f"promujer_credit.{xmlid}")
            officer = self._create_demo_staff(branch, index, rng)
            women = self._create_demo_women(branch, index, rng, today)
            association = self._create_demo_association(
                branch, officer, women, index, assoc_state, today
            )
            if cycle_state:
                self._create_demo_cycle(association, product, women, cycle_state, age, rng, today)
        env["promujer.loan"]._update_arrears(today)
        env["promujer.provision.run"].with_user(admin).create(
            {"company_id": root.id, "date": today}
        ).action_post()
        # Last month end's interest accrual of each lending branch (reversed on the 1st).
        Accrual = env["promujer.accrual.run"]
        Accrual._cron_monthly_accrual(Accrual._promujer_cron_date(today))
        return True

    @api.model
    def _create_demo_holidays(self, root, today):
        """Bolivia's fixed-date public holidays of last year, this year and next, on the
        institution's working-hours calendar (demo data: the institution enters its own)."""
        calendar = root.resource_calendar_id
        holidays = [
            (1, 1, "Año Nuevo"),
            (1, 22, "Día del Estado Plurinacional"),
            (5, 1, "Día del Trabajo"),
            (8, 6, "Día de la Independencia"),
            (11, 2, "Día de Todos los Difuntos"),
            (12, 25, "Navidad"),
        ]
        tz = pytz.timezone(calendar.tz or "UTC")
        vals_list = []
        for year in (today.year - 1, today.year, today.year + 1):
            for month, day, name in holidays:
                start = tz.localize(datetime(year, month, day)).astimezone(pytz.utc)
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "date_from": start.replace(tzinfo=None),
                        "date_to": (start + timedelta(days=1, seconds=-1)).replace(tzinfo=None),
                    }
                )
        self.env["resource.calendar.leaves"].create(vals_list)

    @api.model
    def _create_demo_products(self, root):
        """The dollar village-banking product and a boliviano one."""
        usd, bob = self.env.ref("base.USD"), self.env.ref("base.BOB")
        Product = self.env["promujer.loan.product"].with_company(root)
        product_usd = Product.create(
            Product._village_banking_vals(root, usd, name="Village banking (USD)", code="VB-USD")
        )
        product_bob = Product.create(
            {
                "name": "Banca comunal (Bs)",
                "code": "BC-BOB",
                "company_id": root.id,
                "currency_id": bob.id,
                "min_amount": 700,
                "max_amount": 7000,
                "interest_method": "declining",
                "interest_rate": 2.5,
                "compulsory_savings_rate": 15.0,
                "savings_withheld": True,
                "fee_rate": 1.0,
                "cycle_limit_ids": [
                    Command.create({"cycle_number": n, "max_amount": amount})
                    for n, amount in ((1, 1400), (2, 2800), (3, 4200), (4, 7000))
                ],
            }
        )
        return product_usd, product_bob

    @api.model
    def _create_demo_staff(self, branch, index, rng):
        """The branch's loan officer (the demo officer in the first one) and its manager."""
        env = self.env
        officer_user = env.ref("promujer_credit.user_demo_officer")
        manager_user = env.ref("promujer_credit.user_demo_manager")
        officer_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        officer = env["hr.employee"].create(
            {
                "name": officer_user.name if index == 0 else officer_name,
                "job_title": "Loan officer",
                "company_id": branch.id,
                "user_id": officer_user.id if index == 0 else False,
            }
        )
        if not branch.promujer_manager_id:
            manager_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            branch.promujer_manager_id = env["hr.employee"].create(
                {
                    "name": manager_user.name if index == 0 else manager_name,
                    "job_title": "Branch manager",
                    "company_id": branch.id,
                    "user_id": manager_user.id if index == 0 else False,
                }
            )
        return officer

    @api.model
    def _create_demo_women(self, branch, index, rng, today):
        return self.env["res.partner"].create(
            [
                {
                    "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} "
                    f"{rng.choice(SURNAMES)}",
                    "promujer_is_client": True,
                    "promujer_gender": "female",
                    "promujer_national_id": str(3000000 + index * 101 + n),
                    "promujer_birthdate": today - timedelta(days=rng.randint(20, 55) * 365),
                    "city": branch.city,
                    "country_id": self.env.ref("base.bo").id,
                }
                for n in range(25)
            ]
        )

    @api.model
    def _create_demo_association(self, branch, officer, women, index, state, today):
        """An association of five solidarity groups of five, brought to `state` through
        its own actions."""
        Association = self.env["promujer.association"]
        association = Association.create(
            {
                "name": ASSOCIATION_NAMES[index],
                "company_id": branch.id,
                "officer_id": officer.id,
                "meeting_weekday": str(index % 5),
                "meeting_place": "Sede de la asociación",
                "formation_date": today - timedelta(days=120),
                "group_ids": Association._groups_vals(women, 5, leaders=True),
            }
        )
        association._set_board(women[0], women[5], women[10], women[15:18])
        as_admin = association.with_user(self.env.ref("base.user_admin"))
        if state != "forming":
            as_admin.action_start_training()
        if state in ("active", "consolidated"):
            as_admin.action_activate()
        if state == "consolidated":
            # Its three earlier cycles are history before the suite was installed.
            association.write(
                {"state": "consolidated", "consolidation_date": today - timedelta(days=90)}
            )
        return association

    @api.model
    def _create_demo_cycle(self, association, product, women, state, age, rng, today):
        """A cycle of 23 women brought to `state`: submitted by the officer, approved by
        the administrator (four eyes), disbursed and repaid at its meetings so far."""
        officer_user = self.env.ref("promujer_credit.user_demo_officer")
        admin = self.env.ref("base.user_admin")
        disbursed_on = today - timedelta(days=age or 0)
        step = product._max_amount_for_cycle(1)
        cycle = (
            self.env["promujer.loan.cycle"]
            .with_user(officer_user)
            .with_company(association.company_id)
            .create(
                {
                    "association_id": association.id,
                    "product_id": product.id,
                    "term_months": 4,
                    "committee_date": disbursed_on - timedelta(days=7),
                    "committee_member_ids": [Command.set(women[15:18].ids)],
                    "committee_note": "Approved by the credit committee.",
                    "disbursement_date": disbursed_on if age else False,
                    "loan_ids": [
                        Command.create(
                            {
                                "partner_id": woman.id,
                                "amount": product.currency_id.round(
                                    rng.randint(int(product.min_amount), int(step)) // 10 * 10
                                ),
                            }
                        )
                        for woman in women[:23]
                    ],
                }
            )
        )
        if state == "draft":
            return
        cycle.action_submit()
        if state == "submitted":
            return
        cycle = cycle.with_user(admin)
        cycle.action_approve()
        if state == "approved":
            return
        cycle.action_disburse()
        self._create_meetings_demo(cycle, today, rng)

    @api.model
    def _create_meetings_demo(self, cycle, today, rng):
        """Every meeting held so far: most women pay, two fall behind, one is covered."""
        members = cycle.loan_ids.partner_id.sorted("id")
        # The meetings fall on the due dates: the meeting day, holidays skipped.
        dates = sorted(set(cycle.loan_ids.installment_ids.mapped("due_date")))
        for number, when in enumerate(d for d in dates if d <= today):
            meeting = (
                self.env["promujer.meeting"]
                .with_user(cycle.env.user)
                .create(
                    {"association_id": cycle.association_id.id, "cycle_id": cycle.id, "date": when}
                )
            )
            late = members[:2] if number >= 2 else members.browse()
            for line in meeting.line_ids.filtered(lambda line, late=late: line.partner_id in late):
                line.write({"amount_paid": 0.0, "savings_deposit": 0.0})
            if number == 3:
                meeting.line_ids.filtered(lambda line: line.partner_id == members[0]).write(
                    {"covered_by_group": 1.0}
                )
            voluntary = meeting.line_ids.filtered(lambda line: line.partner_id == members[5])
            voluntary.voluntary_deposit = rng.choice([0, 5, 10])
            meeting.action_post()
