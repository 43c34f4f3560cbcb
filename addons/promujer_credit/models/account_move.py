# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

ORIGIN_FIELDS = ("promujer_origin_model", "promujer_origin_id")


class AccountMove(models.Model):
    """Every entry the suite books points back to the record whose action booked it
    (a disbursement to its cycle, a meeting's entry to its meeting, ...). Only that
    record reverses it, and the suite's posted entries are never reset to draft or
    deleted: they are reversed by the record's own cancel action."""

    _inherit = "account.move"

    promujer_origin_model = fields.Char(
        "Microfinance origin model", readonly=True, copy=False, index="btree_not_null"
    )
    promujer_origin_id = fields.Many2oneReference(
        "Microfinance origin",
        model_field="promujer_origin_model",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    promujer_origin_name = fields.Char(
        "Microfinance origin record", compute="_compute_promujer_origin_name"
    )

    @api.model
    def _promujer_origin_vals(self, origin):
        if not origin:
            return {}
        origin.ensure_one()
        return {"promujer_origin_model": origin._name, "promujer_origin_id": origin.id}

    def _promujer_origin(self):
        """The record that booked this entry (sudo), or an empty recordset."""
        self.ensure_one()
        move = self.sudo()
        if not move.promujer_origin_model or move.promujer_origin_model not in self.env:
            return None
        return self.env[move.promujer_origin_model].sudo().browse(move.promujer_origin_id)

    @api.depends("promujer_origin_model", "promujer_origin_id")
    def _compute_promujer_origin_name(self):
        for move in self:
            origin = move._promujer_origin() if move.id else None
            move.promujer_origin_name = origin.display_name if origin and origin.exists() else False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(ORIGIN_FIELDS) & set(vals) for vals in vals_list):
            raise AccessError(
                self.env._("The microfinance origin of an entry is set by the suite.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(ORIGIN_FIELDS) & set(vals):
            raise AccessError(
                self.env._("The microfinance origin of an entry is set by the suite.")
            )
        return super().write(vals)

    @api.depends("promujer_origin_model")
    def _compute_show_reset_to_draft_button(self):
        """The suite's posted entries are reversed by cancelling their record, never reset."""
        result = super()._compute_show_reset_to_draft_button()
        for move in self:
            if move.sudo().promujer_origin_model and move.state == "posted":
                move.show_reset_to_draft_button = False
        return result

    def _promujer_open_action(self):
        """The entry with its journal items: the entry's form for those who see journal
        items there (accounting read-only and above), else the list of its items."""
        self.ensure_one()
        if self.env.user.has_group("account.group_account_readonly"):
            return self._promujer_form_action()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal items of %(move)s", move=self.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "views": [(self.env.ref("account.view_move_line_tree").id, "list")],
            "domain": [("move_id", "=", self.id)],
            "context": {"create": False, "edit": False},
        }

    def button_draft(self):
        booked = self.filtered(lambda m: m.sudo().promujer_origin_model and m.state == "posted")
        booked._promujer_refuse_naming(
            self.env._(
                "%(moves)s were booked by the microfinance suite: they are not reset to "
                "draft, but cancelled from their origin (the meeting, cycle or "
                "transaction), which reverses them."
            ),
            "moves",
            "name",
        )
        return super().button_draft()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_promujer_booked(self):
        booked = self.filtered(lambda m: m.sudo().promujer_origin_model and m.posted_before)
        booked._promujer_refuse_naming(
            self.env._("%(moves)s were booked by the microfinance suite and are never deleted."),
            "moves",
            "name",
        )
