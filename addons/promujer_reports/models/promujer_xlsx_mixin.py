# Copyright 2026 Pro Mujer Bolivia
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import xlsxwriter

from odoo import models


class PromujerXlsxMixin(models.AbstractModel):
    """A report downloaded as an XLSX workbook with the figures of its PDF: a title, the
    report's settings (label, value), then one row per line. A report gives
    `_xlsx_title`, `_xlsx_settings`, `_xlsx_columns` ((label, field, format) with format
    None, "money", "pct" or "ratio"), `_xlsx_lines` and `_xlsx_filename`, and computes
    its lines in `_compute_lines`. Its PDF is the report action `_promujer_pdf_report`
    (an XML id). Both compute the lines first when there are none yet
    (`_promujer_ensure_lines`)."""

    _name = "promujer.xlsx.mixin"
    _description = "Report downloaded as XLSX"

    _promujer_pdf_report = None

    def _promujer_ensure_lines(self):
        """Compute the report's lines, unless it has some already."""
        if not self.line_ids:
            self._compute_lines()

    def action_print_pdf(self):
        self.ensure_one()
        self._promujer_ensure_lines()
        return self.env.ref(self._promujer_pdf_report).report_action(self)

    def _xlsx_settings(self):
        return []

    def _xlsx_value(self, line, fname):
        """The cell of `line` for the column `fname`: a selection's label, else the value."""
        value = line[fname]
        if line._fields[fname].type == "selection":
            return line._promujer_labels(fname).get(value, value or "")
        return value

    def _xlsx_content(self):
        """The report as an XLSX workbook (bytes)."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self._xlsx_title()[:31])
        bold = workbook.add_format({"bold": True})
        formats = {
            None: None,
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "pct": workbook.add_format({"num_format": "0.00"}),
            "ratio": workbook.add_format({"num_format": "0.0000"}),
        }
        sheet.write(0, 0, self._xlsx_title(), bold)
        settings = self._xlsx_settings()
        for row, (label, value) in enumerate(settings, start=1):
            sheet.write(row, 0, label)
            sheet.write(row, 1, str(value))
        header = len(settings) + 2
        columns = self._xlsx_columns()
        for col, (label, _fname, _fmt) in enumerate(columns):
            sheet.write(header, col, label, bold)
        for row, line in enumerate(self._xlsx_lines(), start=header + 1):
            for col, (_label, fname, fmt) in enumerate(columns):
                sheet.write(row, col, self._xlsx_value(line, fname), formats[fmt])
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, len(columns), 14)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        self._promujer_ensure_lines()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._xlsx_filename(),
                "datas": base64.b64encode(self._xlsx_content()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
