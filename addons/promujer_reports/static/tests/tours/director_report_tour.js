/** @odoo-module */
// The director opens the Operational Data report as of a past date and sees the figures
// of the branches that were lending then, with the PDF and XLSX at hand.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_director_report", {
    steps: () => {
        const { DateTime } = luxon;
        const past = DateTime.now().minus({ days: 30 }).toFormat("MM/dd/yyyy");
        return [
            {
                content: "The report asks for its date",
                trigger: ".modal .o_field_widget[name='as_of'] input",
                run: `edit ${past}`,
            },
            {
                trigger: ".modal .o_form_view .o_group",
                run: "click",
            },
            {
                content: "Compute it",
                trigger: ".modal button[name='action_compute']",
                run: "click",
            },
            {
                content: "The figures of a branch that lent then",
                trigger:
                    ".modal .o_field_one2many[name='line_ids'] .o_data_row:contains('Villa Adela')",
            },
            {
                content: "... and of the whole institution",
                trigger: ".modal .o_field_one2many[name='line_ids'] .o_data_row:contains('Pro Mujer Bolivia')",
            },
            {
                trigger: ".modal button[name='action_print_pdf']",
            },
        ];
    },
});
