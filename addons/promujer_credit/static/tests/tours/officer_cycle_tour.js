/** @odoo-module */
// The loan officer records the credit committee's proposal from the association: every
// woman of the association has her line, grouped by solidarity group, with the ladder's
// amount proposed; she changes one amount, sees the rules live, saves and submits.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_officer_cycle", {
    steps: () => [
        {
            content: "The officer's associations are there right after login",
            trigger: ".o_data_row .o_data_cell:contains('Mujeres del tour')",
            run: "click",
        },
        {
            content: "New loan cycle from the association",
            trigger: "button[name='action_new_cycle']",
            run: "click",
        },
        {
            content: "A line per woman, before the product is chosen",
            trigger: ".o_field_one2many[name='loan_ids'] .o_data_row:nth-child(25)",
        },
        {
            content: "Choose the loan product",
            trigger: ".o_field_widget[name='product_id'] input",
            run: "edit Village banking (USD)",
        },
        {
            trigger: ".ui-menu-item > a:contains('Village banking (USD)')",
            run: "click",
        },
        {
            content: "Each woman's first cycle and its ceiling are shown, the amount proposed",
            trigger:
                ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='max_amount']:contains('200.00')",
        },
        {
            trigger:
                ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='amount']:contains('200.00')",
        },
        {
            content: "The committee members present come from the association",
            trigger: "a.nav-link:contains('Credit committee')",
            run: "click",
        },
        {
            trigger: ".o_field_many2many_tags[name='committee_member_ids'] .o_tag",
        },
        {
            trigger: "a.nav-link:contains('Member loans')",
            run: "click",
        },
        {
            content: "Change the first woman's amount",
            trigger: ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='amount']",
            run: "click",
        },
        {
            trigger: ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='amount'] input",
            run: "edit 250",
        },
        {
            content: "Above the ladder: the rule is shown as it is typed",
            trigger: ".o_form_sheet",
            run: "click",
        },
        {
            trigger: ".o_promujer_entry_warning:contains('the most for her loan number 1')",
        },
        {
            trigger: ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='amount']",
            run: "click",
        },
        {
            trigger: ".o_field_one2many[name='loan_ids'] .o_data_row:first .o_data_cell[name='amount'] input",
            run: "edit 150",
        },
        {
            trigger: ".o_form_sheet",
            run: "click",
        },
        {
            content: "Save the proposal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Submit it for approval",
            trigger: "button[name='action_submit']",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
    ],
});
