/** @odoo-module */
// On a phone (390 x 844): one card per woman; the clerk taps the first, types what she
// paid and what her group covered in the large fields, and posts with the button under
// the sheet.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("promujer_phone_meeting", {
    steps: () => [
        {
            content: "One card per woman, with what she owes",
            trigger: ".o_promujer_collection_cards .o_kanban_record:first:contains('14.00')",
            run: "click",
        },
        {
            content: "Her line opens with a large Paid field",
            trigger: ".modal .o_field_widget[name='amount_paid'] input",
            run: "edit 10",
        },
        {
            trigger: ".modal .o_field_widget[name='covered_by_group'] input",
            run: "edit 4",
        },
        {
            trigger: ".modal .o_form_button_save, .modal-footer button.btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Post under the sheet",
            trigger: "button.o_promujer_post_mobile",
            run: "click",
        },
        {
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Posted",
            trigger: ".o_statusbar_status:contains('Posted')",
        },
    ],
});
