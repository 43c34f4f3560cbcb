/** @odoo-module */
// The branch manager opens the portfolio dashboard, reads her Focal Center's card and
// drills down from its portfolio at risk to the loans behind it.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_portfolio_dashboard", {
    steps: () => [
        {
            content: "Her Focal Center's card: portfolio, borrowers, share of women",
            trigger: ".o_kanban_record:contains('Villa Adela'):contains('Gross portfolio')",
        },
        {
            trigger: ".o_kanban_record:contains('Villa Adela'):contains('% women')",
        },
        {
            content: "Open the loans at risk",
            trigger: ".o_kanban_record:contains('Villa Adela') a[name='action_open_loans_at_risk']",
            run: "click",
        },
        {
            content: "The late loan of the association is listed",
            trigger: ".o_list_view .o_data_row:contains('Mujeres en mora')",
        },
        {
            content: "The breadcrumb names what is shown",
            trigger: ".o_breadcrumb:contains('Portfolio at risk > 30 days')",
        },
    ],
});
