# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date


class Base(models.AbstractModel):
    """What every model of the suite shares: the count a smart button shows and the
    list it opens, the names of a model and the labels of a selection in the user's
    language, and the refusal that names the records it refuses."""

    _inherit = "base"

    def _promujer_counts(self, model, field):
        """{record: how many `model` records point to it by `field`} for these records,
        in one query."""
        counts = dict(self.env[model]._read_group([(field, "in", self.ids)], [field], ["__count"]))
        return {record: counts.get(record, 0) for record in self}

    def _promujer_action(self, xmlid, domain=None, context=None, form=False, **values):
        """The window action `xmlid`, narrowed to `domain`, with `context` instead of
        its own; `form`: opened on one form (`res_id`, or a new record without it)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if domain is not None:
            action["domain"] = domain
        if context is not None:
            action["context"] = context
        if form:
            action.update(views=[(False, "form")], view_mode="form")
        action.update(values)
        return action

    def _promujer_form_action(self, **values):
        """A window action that opens this record on its form; `values` add to it (its
        name, `target="new"` for a dialog)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            **values,
        }

    def _promujer_wizard_action(self, model, name, **defaults):
        """A dialog on a new `model` record (a wizard) titled `name`, its fields defaulting
        to `defaults` (`cycle_ids=self.ids`)."""
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{fname}": value for fname, value in defaults.items()},
        }

    def _promujer_list_action(self, xmlid, field, default=True, **values):
        """The records of `xmlid` whose `field` is this record; new ones default to it
        (`default`)."""
        self.ensure_one()
        context = {f"default_{field}": self.id} if default else None
        return self._promujer_action(xmlid, [(field, "=", self.id)], context, **values)

    def _promujer_labels(self, fname):
        """{value: label} of the selection field `fname`, in the user's language: the
        label a user reads of a kind or a state (never the English of the code)."""
        return dict(self._fields[fname]._description_selection(self.env))

    def _promujer_field_label(self, fname):
        """The label of the field `fname` in the user's language (its `string` is the
        English of the code)."""
        return self._fields[fname]._description_string(self.env)

    def _promujer_date(self, value):
        """The date `value` as the user's language writes it (31/01/2024 in Spanish),
        for a message; empty for no date. Odoo's own refusals (a closed period) write
        their dates so too."""
        return format_date(self.env, value) if value else ""

    def _promujer_model_label(self):
        """The model's name in the user's language (its `_description` is the English of
        the code): what a refusal calls these records."""
        return self.env["ir.model"].sudo()._get(self._name).name or self._description

    def _promujer_refuse_naming(
        self, message, key, field="display_name", error=UserError, **values
    ):
        """Refuse these records, if any, with `error`: `message` (translated) names them
        in its %(<key>)s placeholder, by their `field`, and fills its other placeholders
        with `values`."""
        if self:
            raise error(message % {key: ", ".join(self.mapped(field)), **values})
