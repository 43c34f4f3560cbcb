/** @odoo-module */
// The accountant disburses the approved cycle (one entry) and opens the entry to see its
// journal items: one debit of the portfolio per woman and the cash paid out.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_accountant_disbursement", {
    steps: () => [
        {
            content: "Disburse the approved cycle",
            trigger: ".o_form_view button[name='action_disburse']",
            run: "click",
        },
        {
            content: "Confirm the entry",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Disbursed')",
        },
        {
            content: "Open the disbursement entry",
            trigger: ".o_form_view button[name='action_view_move']",
            run: "click",
        },
        {
            content: "Its journal items: the portfolio of each woman and the cash",
            trigger: "a.nav-link:contains('Journal Items')",
            run: "click",
        },
        {
            trigger: ".o_field_one2many[name='line_ids'] .o_data_row:nth-child(26)",
        },
        {
            content: "The suite's posted entry is not reset to draft",
            trigger: ".o_form_view:not(:has(button[name='button_draft']:visible))",
        },
    ],
});
