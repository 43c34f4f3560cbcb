# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, LazyTranslate

from odoo.addons.promujer_credit.models.promujer_fields import can_field, parent_field

DECISIONS = [
    ("extend", "Extend the pilot"),
    ("adjust", "Adjust and continue"),
    ("roll_out", "Roll out to every branch"),
    ("stop", "Stop"),
]

_lt = LazyTranslate(__name__)

# Each action: the states it starts from, the state it leads to, its name.
TRANSITIONS = {
    "start": (("draft",), "running", _lt("Starting the pilot")),
    "evaluate": (("running",), "evaluated", _lt("Evaluating the pilot")),
    "decide": (("evaluated",), "decided", _lt("Recording the decision")),
}


class PromujerPilot(models.Model):
    """Every new service starts as a pilot in some branches; it is evaluated for
    operational efficiency, quality of delivery and weaknesses, then extended,
    adjusted, rolled out or stopped."""

    _name = "promujer.pilot"
    _description = "Service pilot"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "promujer.workflow.mixin",
        "promujer.institution.mixin",
    ]
    _order = "start_date desc, id desc"
    _promujer_protected_fields = ("state", "decision_date", "figure_ids")
    _promujer_deletable_states = ("draft",)
    _promujer_kept_text = _lt(
        "Pilots that started keep their evaluation; only planned ones are deleted: %(records)s."
    )
    _promujer_transitions = TRANSITIONS
    # Evaluating records the pilot's end, deciding the date of the decision.
    _promujer_transition_dates = {"evaluate": "end_date", "decide": "decision_date"}

    name = fields.Char(required=True, tracking=True)
    service_ref = fields.Reference(
        selection="_selection_service_ref", string="Service", required=True, tracking=True
    )
    branch_ids = fields.Many2many(
        "res.company",
        string="Pilot branches",
        domain="[('promujer_center_kind', 'in', ('focal', 'neighborhood'))]",
    )
    start_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    end_date = fields.Date(tracking=True)
    operational_efficiency = fields.Html("Operational efficiency")
    quality_of_delivery = fields.Html("Quality of delivery")
    weaknesses = fields.Html("Weaknesses found")
    decision = fields.Selection(DECISIONS, tracking=True)
    decision_date = fields.Date(readonly=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Planned"),
            ("running", "Running"),
            ("evaluated", "Evaluated"),
            ("decided", "Decided"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    figure_ids = fields.One2many("promujer.pilot.figure", "pilot_id", readonly=True)
    can_start = can_field()
    can_evaluate = can_field()
    can_decide = can_field()

    @api.model
    def _selection_service_ref(self):
        return [
            ("promujer.loan.product", self.env._("Loan product")),
            ("promujer.training.program", self.env._("Training program")),
            ("promujer.health.service", self.env._("Health service")),
        ]

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for pilot in self:
            if pilot.end_date and pilot.end_date < pilot.start_date:
                raise UserError(self.env._("A pilot cannot end before it starts."))

    def action_start(self):
        return self._promujer_run("start")

    def _get_start_problems(self):
        self.ensure_one()
        return [] if self.branch_ids else [self.env._("choose its pilot branches")]

    def action_evaluate(self):
        """Close the pilot's period today and compare its figures with the other branches."""
        return self._promujer_run("evaluate", fields.Date.context_today(self))

    def _get_evaluate_problems(self, date):
        self.ensure_one()
        if self.operational_efficiency and self.quality_of_delivery and self.weaknesses:
            return []
        return [
            self.env._(
                "record the operational efficiency, the quality of delivery and the "
                "weaknesses found first"
            )
        ]

    def _do_evaluate(self, date):
        self._do_compute_figures()
        self._promujer_do_transition("evaluate", date)

    def action_decide(self):
        return self._promujer_run("decide", fields.Date.context_today(self))

    def _get_decide_problems(self, date):
        self.ensure_one()
        return [] if self.decision else [self.env._("choose a decision first")]

    # ------------------------------------------------------------------ figures

    def action_compute_figures(self):
        return self._promujer_run("compute_figures")

    def _check_can_compute_figures(self):
        self.check_access("write")

    def _do_compute_figures(self):
        for pilot in self:
            rows = pilot._figures()
            pilot._promujer_write(
                {"figure_ids": [fields.Command.clear()] + [fields.Command.create(r) for r in rows]}
            )

    def _figures(self):
        """The pilot's figures in its branches and in the other branches (one SQL query
        per measure, grouped by the two sides)."""
        self.ensure_one()
        self.env.flush_all()  # the figures are read in SQL
        service = self.service_ref
        method = service and getattr(self, "_figures_" + service._name.replace(".", "_"), None)
        if not method:
            return []
        pilot, others = self._sides()
        return [
            {"side": side, "measure": measure, "value": value}
            for side, branches in (("pilot", pilot), ("others", others))
            for measure, value in method(service, branches)
        ]

    def _sides(self):
        """(pilot branches, other branches) of the institution."""
        branches = (
            self.env["res.company"]
            .sudo()
            .search(
                [
                    ("id", "child_of", self.company_id.id),
                    ("promujer_center_kind", "in", ("focal", "neighborhood")),
                ]
            )
        )
        return self.branch_ids, branches - self.branch_ids

    def _figures_promujer_loan_product(self, product, branches):
        """[(measure, value)] of the product's loans in `branches` since the start."""
        figures = self.env["promujer.portfolio.figures"]
        figures._flush_figures()
        # Today's outstanding and PAR > 30 of these loans: the suite's one definition.
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*), COALESCE(SUM(l.amount), 0),
                       COALESCE(SUM(r.outstanding), 0),
                       COALESCE(SUM(r.outstanding) FILTER (WHERE %(at_risk)s), 0)
                  FROM promujer_loan l
             LEFT JOIN (%(rows)s) r ON r.id = l.id
                 WHERE l.product_id = %(product)s AND l.company_id = ANY(%(branches)s)
                   AND l.disbursement_date >= %(start)s
                   AND l.state NOT IN ('draft', 'cancelled')
                """,
                at_risk=figures._at_risk_sql("r", 30),
                rows=figures._loan_rows_sql(figures._as_of(), branches.ids),
                product=product.id,
                branches=branches.ids,
                start=self.start_date,
            )
        )
        loans, lent, outstanding, par30 = self.env.cr.fetchone()
        return [
            (self.env._("Loans disbursed"), loans),
            (self.env._("Amount lent"), lent),
            (self.env._("PAR > 30 (%)"), 100.0 * par30 / outstanding if outstanding else 0.0),
            (self.env._("Loans per branch"), loans / len(branches) if branches else 0.0),
        ]

    def _figures_promujer_training_program(self, program, branches):
        """[(measure, value)] of the program's courses in `branches` since the start."""
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(DISTINCT c.id), COUNT(p.id),
                       COUNT(p.id) FILTER (WHERE p.state = 'completed')
                  FROM promujer_training_course c
             LEFT JOIN promujer_training_participant p ON p.course_id = c.id
                 WHERE c.program_id = %s AND c.company_id = ANY(%s)
                   AND c.date_start >= %s AND c.state IN ('in_progress', 'done')
                """,
                program.id,
                branches.ids,
                self.start_date,
            )
        )
        courses, participants, completed = self.env.cr.fetchone()
        return [
            (self.env._("Courses"), courses),
            (self.env._("Participants"), participants),
            (
                self.env._("Completion rate (%)"),
                100.0 * completed / participants if participants else 0.0,
            ),
        ]

    def _figures_promujer_health_service(self, service, branches):
        """[(measure, value)] of the visits with the service in `branches` since the
        start."""
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(DISTINCT v.id), COUNT(DISTINCT v.patient_id)
                  FROM promujer_health_visit v
                  JOIN promujer_health_visit_service_rel rel ON rel.visit_id = v.id
                 WHERE rel.service_id = %s AND v.company_id = ANY(%s)
                   AND v.date >= %s AND v.state = 'done'
                """,
                service.id,
                branches.ids,
                self.start_date,
            )
        )
        visits, patients = self.env.cr.fetchone()
        return [
            (self.env._("Visits with the service"), visits),
            (self.env._("Patients"), patients),
            (self.env._("Visits per branch"), visits / len(branches) if branches else 0.0),
        ]


class PromujerPilotFigure(models.Model):
    _name = "promujer.pilot.figure"
    _inherit = ["promujer.workflow.mixin"]
    _description = "Pilot figure"
    _promujer_action_only = True
    _order = "pilot_id, measure, side desc"

    pilot_id = parent_field("promujer.pilot")
    side = fields.Selection([("pilot", "Pilot branches"), ("others", "Other branches")])
    measure = fields.Char()
    value = fields.Float(digits=(16, 2))
