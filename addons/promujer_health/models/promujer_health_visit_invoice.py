# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from .promujer_health_visit import CLINICAL


class PromujerHealthVisit(models.Model):
    """Invoicing of paid services: one customer invoice per visit, posted, to the client
    (the patient herself, or the client a family member belongs to)."""

    _inherit = "promujer.health.visit"

    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        "Amount to invoice", compute="_compute_amount_total", groups=CLINICAL
    )
    invoice_id = fields.Many2one(
        "account.move",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    # The health staff see the invoice's number and whether it is paid, not the invoice.
    invoice_name = fields.Char(
        related="invoice_id.name",
        string="Invoice number",
        groups=f"{CLINICAL},account.group_account_invoice,account.group_account_readonly",
    )
    invoice_payment_state = fields.Selection(
        related="invoice_id.payment_state",
        string="Invoice payment",
        groups=f"{CLINICAL},account.group_account_invoice,account.group_account_readonly",
    )

    @api.depends("service_ids.price")
    def _compute_amount_total(self):
        for visit in self:
            visit.amount_total = sum(visit.service_ids.mapped("price"))

    def _get_paid_services(self):
        self.ensure_one()
        return self.service_ids.filtered(lambda s: not self.currency_id.is_zero(s.price))

    def _get_invoice_journal(self):
        self.ensure_one()
        # Journals are the accountants' configuration: read as superuser.
        post = self.post_id.sudo()
        return post.journal_id or self.env["account.journal"].sudo().search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "sale"),
            ],
            limit=1,
        )

    def _get_invoice_problems(self):
        """Why the paid services of this visit cannot be invoiced (empty when they can)."""
        self.ensure_one()
        problems = []
        journal = self._get_invoice_journal()
        if not journal:
            problems.append(
                self.env._(
                    "%(branch)s has no sales journal to invoice the paid services; ask the "
                    "accountant to set one on the health post",
                    branch=self.company_id.name,
                )
            )
        else:
            locked = self.company_id.sudo()._promujer_lock_date_problem(self.date, journal)
            if locked:
                problems.append(locked)
        if not self.client_id:
            problems.append(self.env._("there is no client to invoice"))
        return problems

    def _prepare_invoice_vals(self):
        """The invoice of the paid services. Accounting sees no diagnosis: the label is
        neutral ("Health services, visit HV/..."), without the service or the patient,
        and the lines carry no product (whose name is the service's); one line per
        income account and taxes of the services' products."""
        self.ensure_one()
        label = self.env._("Health services, visit %(visit)s", visit=self.name)
        lines = {}
        for service in self._get_paid_services():
            product = service.product_id.sudo().with_company(self.company_id)
            account = product.product_tmpl_id._get_product_accounts()["income"]
            taxes = product.taxes_id.filtered(
                lambda t, c=self.company_id: t.company_id in c.parent_ids
            )
            key = (account.id, tuple(sorted(taxes.ids)))
            lines[key] = lines.get(key, 0.0) + service.price
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "journal_id": self._get_invoice_journal().id,
            "partner_id": self.client_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": self.date,
            "invoice_origin": self.name,
            "ref": label,
            **self.env["account.move"]._promujer_origin_vals(self),
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account_id,
                        "tax_ids": [Command.set(list(tax_ids))],
                        "quantity": 1.0,
                        "price_unit": amount,
                    }
                )
                for (account_id, tax_ids), amount in lines.items()
            ],
        }

    def _create_invoice(self):
        """Create and post the invoice of the paid services.

        The health staff are not accountants: after every check above, the invoice is
        created and posted as superuser, deliberately; its numbers are Odoo's own."""
        self.ensure_one()
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(self._prepare_invoice_vals())
        )
        invoice.action_post()
        return invoice.sudo(False)

    def _get_reversal_problems(self, date):
        """Why the invoice cannot be reversed by a credit note dated `date`."""
        self.ensure_one()
        invoice = self.sudo().invoice_id
        if invoice.state != "posted":
            return []
        if invoice.payment_state not in ("not_paid", "reversed"):
            return [
                self.env._(
                    "its invoice %(invoice)s is paid; refund the payment in Accounting first",
                    invoice=invoice.name,
                )
            ]
        if invoice.payment_state == "reversed":
            return []
        locked = self.company_id.sudo()._promujer_lock_date_problem(date, invoice.journal_id)
        return [locked] if locked else []

    def _reverse_invoice(self, date):
        """Reverse the posted invoice with a credit note dated `date` (as superuser, after
        the checks of action_cancel), reconciled with it."""
        self.ensure_one()
        invoice = self.sudo().invoice_id
        if invoice.state != "posted" or invoice.payment_state == "reversed":
            return
        invoice._reverse_moves(
            [
                {
                    "date": date,
                    "invoice_date": date,
                    "ref": self.env._("Cancellation of visit %(visit)s", visit=self.name),
                    **self.env["account.move"]._promujer_origin_vals(self),
                }
            ],
            cancel=True,
        )

    def action_view_invoice(self):
        self.ensure_one()
        return self._promujer_action(
            "account.action_move_out_invoice_type", form=True, res_id=self.invoice_id.id
        )
