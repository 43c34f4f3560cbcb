/** @odoo-module */
// The branch manager finds the approval waiting in her activities, opens the cycle the
// officer submitted and approves it.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_manager_approval", {
    steps: () => [
        {
            content: "An approval is waiting: the activity clock counts it",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
        },
        {
            trigger: ".o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "Loan cycles to approve",
            trigger: ".o-mail-ActivityGroup[data-model_name='promujer.loan.cycle']",
            run: "click",
        },
        {
            content: "Open the cycle of the association",
            trigger: ".o_data_row .o_data_cell:contains('Mujeres por aprobar')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});
