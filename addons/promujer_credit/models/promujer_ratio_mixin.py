# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PromujerRatioMixin(models.AbstractModel):
    """Percentages of a group of rows computed from the group's sums, never averaged.

    A model lists its percentages in `_promujer_ratios`: field name -> (numerator field,
    denominator field). The percentage of one row is stored by the model; the percentage
    of a group (a region, the institution, the pivot's and the list's totals) is
    100 × sum(numerator) / sum(denominator) of the group, whatever aggregator the client
    asked for. The sums are read with the group and not returned."""

    _name = "promujer.ratio.mixin"
    _description = "Percentages from sums"

    _promujer_ratios = {}

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        wanted = [name for name in self._promujer_ratios if self._spec_asks(fields, name)]
        parts = {part for name in wanted for part in self._promujer_ratios[name]}
        sums = [f"promujer_sum_{part}:sum({part})" for part in sorted(parts)]
        groups = super().read_group(
            domain, list(fields) + sums, groupby, offset, limit, orderby, lazy
        )
        for group in groups:
            totals = {part: group.pop(f"promujer_sum_{part}", 0.0) or 0.0 for part in parts}
            for name in wanted:
                numerator, denominator = self._promujer_ratios[name]
                whole = totals[denominator]
                group[name] = round(100.0 * totals[numerator] / whole, 2) if whole else 0.0
        return groups

    @api.model
    def _spec_asks(self, specs, name):
        """True when a read_group field list asks for `name` (`name`, `name:agg`)."""
        return any(spec.split(":")[0].strip() == name for spec in specs)
