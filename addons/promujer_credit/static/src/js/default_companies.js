/** @odoo-module */
// Staff land on their work: the first time the web client starts in a browser (no
// company chosen yet), every company the user is allowed in is selected, so that an
// officer or a manager sees her branches' records right after login. The server sends
// the list (ir.http.session_info); a choice made in the switcher is kept as usual.
import { cookie } from "@web/core/browser/cookie";
import { router } from "@web/core/browser/router";
import { session } from "@web/session";
import { companyService } from "@web/webclient/company_service";

const start = companyService.start;
companyService.start = function (env, dependencies) {
    const defaults = session.user_companies?.promujer_default_company_ids;
    if (defaults?.length && !("cids" in router.current) && !cookie.get("cids")) {
        cookie.set("cids", defaults.join("-"));
    }
    return start.call(this, env, dependencies);
};
