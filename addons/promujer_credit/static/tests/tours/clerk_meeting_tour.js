/** @odoo-module */
// The clerk fills the collection sheet: the first woman pays 10.00 of her 14.00 and her
// solidarity group covers the 4.00 left; she posts the sheet (one entry).
import { registry } from "@web/core/registry";

const firstRow = ".o_field_one2many[name='line_ids'] .o_data_row:first";

registry.category("web_tour.tours").add("promujer_clerk_meeting", {
    steps: () => [
        {
            content: "Every woman owes her first installment",
            trigger: `${firstRow} .o_data_cell[name='amount_due']:contains('14.00')`,
        },
        {
            content: "She pays part of it",
            trigger: `${firstRow} .o_data_cell[name='amount_paid']`,
            run: "click",
        },
        {
            trigger: `${firstRow} .o_data_cell[name='amount_paid'] input`,
            run: "edit 10",
        },
        {
            content: "Her group covers the rest",
            trigger: `${firstRow} .o_data_cell[name='covered_by_group']`,
            run: "click",
        },
        {
            trigger: `${firstRow} .o_data_cell[name='covered_by_group'] input`,
            run: "edit 4",
        },
        {
            trigger: ".o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: "Post the sheet",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
    ],
});
