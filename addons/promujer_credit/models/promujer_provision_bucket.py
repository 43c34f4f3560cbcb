# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import arrears
from .promujer_fields import parent_field


class PromujerProvisionBucket(models.Model):
    """A days-late bucket of the loan-loss provisioning policy and its rate."""

    _name = "promujer.provision.bucket"
    _description = "Provisioning bucket"
    _order = "company_id, min_days"

    company_id = parent_field("res.company", string="Institution")
    min_days = fields.Integer("From (days late)", required=True)
    max_days = fields.Integer("To (days late)", help="Empty for no upper limit.")
    rate = fields.Float("Provision (%)", required=True)

    @api.constrains("min_days", "max_days", "rate", "company_id")
    def _check_buckets(self):
        for company in self.company_id:
            try:
                arrears.check_buckets(company._promujer_provision_buckets())
            except ValueError as error:
                raise ValidationError(
                    self.env._("The provisioning buckets are not valid: %(error)s", error=error)
                ) from error
