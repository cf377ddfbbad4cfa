/* The route table: every page of the portal, one row each, with its cache policy.
 *
 *   CACHED    served through the page cache (page_cache.h): the answer depends only on
 *             the path, the query, 长者模式 and the database
 *   UNCACHED  rendered every time: redirects, cookies, static files (their own ETags),
 *             search and the API (too many distinct queries to be worth keeping)
 *
 * Router patterns (router.h): exact paths, or a prefix ending in '/' '*' whose rest is
 * req->tail. The most specific pattern wins, so "/zfxxgk/nb/" beats "/zfxxgk/nb/" '*',
 * and "/zfxxgk/" '*' only answers what no 政府信息公开 page claims. Every API pattern has
 * an any-method row too, so a wrong method gets a JSON 405 (with Allow) instead of the
 * HTML error page; "/api/..." paths that name nothing get a JSON 404.
 *
 * The table is an X-macro so that each CACHED row gets its own small wrapper function
 * (the router calls a handler with the request alone). */
#include "web/admin/attachments.h"
#include "web/admin/outbox.h"
#include "web/admin/items.h"
#include "web/admin/pages.h"
#include "web/admin/messages.h"
#include "web/admin/applications.h" /* application handling */
#include "web/page_cache.h"
#include "web/portal.h"
#include "web/public/guide.h"
#include "web/public/pages.h"
#include "web/static_files.h"

/*  name             method "pattern"                handler               policy */
#define PORTAL_ROUTES(R)                                                                \
    R(home,            "GET", "/",                     page_home,            CACHED)   \
    R(zwgk,            "GET", "/zwgk",                 page_zwgk,            CACHED)   \
    R(column_root,     "GET", "/column",               page_column_root,     UNCACHED) \
    R(column,          "GET", "/column/*",             page_column,          CACHED)   \
    R(report_old,      "GET", "/report/*",             page_report_redirect, UNCACHED) \
    R(item,            "GET", "/item/*",               page_item,            CACHED)   \
    R(attachment,      "GET", "/attachment/*",         page_attachment,      UNCACHED) \
    R(gkml,            "GET", "/gkml",                 page_gkml,            CACHED)   \
    R(zfxxgk,          "GET", "/zfxxgk",               page_zfxxgk,          CACHED)   \
    R(zfxxgk_zn,       "GET", "/zfxxgk/zn",            page_zfxxgk_zn,       CACHED)   \
    R(zfxxgk_zn_,      "GET", "/zfxxgk/zn/",           page_zfxxgk_zn,       CACHED)   \
    R(zfxxgk_zd,       "GET", "/zfxxgk/zd",            page_zfxxgk_zd,       CACHED)   \
    R(zfxxgk_zd_,      "GET", "/zfxxgk/zd/",           page_zfxxgk_zd,       CACHED)   \
    R(zfxxgk_fd,       "GET", "/zfxxgk/fdzdgknr",      page_zfxxgk_fdzdgknr, CACHED)   \
    R(zfxxgk_fd_,      "GET", "/zfxxgk/fdzdgknr/",     page_zfxxgk_fdzdgknr, CACHED)   \
    R(zfxxgk_nb,       "GET", "/zfxxgk/nb",            page_zfxxgk_nb,       CACHED)   \
    R(zfxxgk_nb_,      "GET", "/zfxxgk/nb/",           page_zfxxgk_nb,       CACHED)   \
    R(zfxxgk_nb_year,  "GET", "/zfxxgk/nb/*",          page_zfxxgk_nb_year,  CACHED)   \
    R(zfxxgk_other,    "GET", "/zfxxgk/*",             page_zfxxgk_missing,  UNCACHED) \
    R(agencies,        "GET", "/agency",               page_agencies,        CACHED)   \
    R(agency,          "GET", "/agency/*",             page_agency,          CACHED)   \
    R(mode,            "GET", "/mode",                 page_mode,            UNCACHED) \
    R(a11y,            "GET", "/wza",                  page_a11y,            UNCACHED) \
    R(sitemap_html,    "GET", "/wzdt",                 page_sitemap_html,    CACHED)   \
    R(contact,         "GET", "/lxwm",                 page_contact,         CACHED)   \
    /* 依申请公开: the application form and the status lookup (issue 9; public/apply.c) */ \
    R(apply,           "GET", "/ysqgk",                page_apply,           UNCACHED) \
    R(apply_p,         "POST", "/ysqgk",               page_apply_post,      UNCACHED) \
    R(apply_cx,        "GET", "/ysqgk/cx",             page_apply_status,    UNCACHED) \
    R(apply_cx_p,      "POST", "/ysqgk/cx",            page_apply_status_post, UNCACHED) \
    R(report_css,      "GET", "/static/report.css",    page_report_css,      UNCACHED) \
    R(static_files,    "GET", "/static/*",             static_files_handler, UNCACHED) \
    R(search,          "GET", "/search",               page_search,          UNCACHED) \
    R(feed_all,        "GET", "/feeds/all.atom",       feed_all_atom,        UNCACHED) \
    R(feed_column,     "GET", "/feeds/column/*",       feed_column_atom,     UNCACHED) \
    R(sitemap_xml,     "GET", "/sitemap.xml",          sitemap_xml,          UNCACHED) \
    R(sitemap_part,    "GET", "/sitemaps/*",           sitemap_part_xml,     UNCACHED) \
    R(robots,          "GET", "/robots.txt",           robots_txt,           UNCACHED) \
    R(api,             "GET", "/api/v1",               api_index,            UNCACHED) \
    R(api_405,         NULL,  "/api/v1",               api_bad_method,       UNCACHED) \
    R(api_items,       "GET", "/api/v1/items",         api_items,            UNCACHED) \
    R(api_items_405,   NULL,  "/api/v1/items",         api_bad_method,       UNCACHED) \
    R(api_item,        "GET", "/api/v1/items/*",       api_item,             UNCACHED) \
    R(api_item_405,    NULL,  "/api/v1/items/*",       api_bad_method,       UNCACHED) \
    R(api_columns,     "GET", "/api/v1/columns",       api_columns,          UNCACHED) \
    R(api_columns_405, NULL,  "/api/v1/columns",       api_bad_method,       UNCACHED) \
    R(api_agencies,    "GET", "/api/v1/agencies",      api_agencies,         UNCACHED) \
    R(api_agencies_405, NULL, "/api/v1/agencies",      api_bad_method,       UNCACHED) \
    R(api_search,      "GET", "/api/v1/search",        api_search,           UNCACHED) \
    R(api_search_405,  NULL,  "/api/v1/search",        api_bad_method,       UNCACHED) \
    R(api_report,      "GET", "/api/v1/reports/*",     api_report,           UNCACHED) \
    R(api_report_405,  NULL,  "/api/v1/reports/*",     api_bad_method,       UNCACHED) \
    R(api_other,       NULL,  "/api/*",                api_not_found,        UNCACHED) \
    R(api_root,        NULL,  "/api",                  api_not_found,        UNCACHED) \
    /* the staff workspace (web/admin/; docs/hacking.md "The workspace"): every row      \
     * UNCACHED, every handler but the login form's goes through admin_require */        \
    R(admin_login,     "GET", "/admin/login",          admin_login_form,     UNCACHED) \
    R(admin_login_p,   "POST", "/admin/login",         admin_login_post,     UNCACHED) \
    R(admin_logout,    "POST", "/admin/logout",        admin_logout,         UNCACHED) \
    R(admin_home,      "GET", "/admin/",               admin_dashboard,      UNCACHED) \
    R(admin_root,      "GET", "/admin",                admin_dashboard,      UNCACHED) \
    R(admin_audit,     "GET", "/admin/audit",          admin_audit_page,     UNCACHED) \
    R(admin_audit_csv, "GET", "/admin/audit.csv",      admin_audit_csv,      UNCACHED) \
    /* attachments and publishing channels (web/admin/attachments.h, web/admin/outbox.h) */           \
    R(admin_atts,      "GET", "/admin/attachments",    admin_attachments,    UNCACHED) \
    R(admin_att_up,    "POST", ATTACHMENT_UPLOAD_PATH, admin_attachment_upload, UNCACHED) \
    R(admin_att_rm,    "POST", "/admin/attachments/remove", admin_attachment_remove, UNCACHED) \
    R(admin_outbox,    "GET", "/admin/outbox",         admin_outbox,         UNCACHED) \
    R(admin_ob_prep,   "POST", "/admin/outbox/prepare", admin_outbox_prepare, UNCACHED) \
    R(admin_ob_sent,   "POST", "/admin/outbox/sent",   admin_outbox_sent,    UNCACHED) \
    R(admin_ob_names,  "POST", "/admin/outbox/names",  admin_outbox_names,   UNCACHED) \
    R(admin_ob_wd,     "GET", "/admin/outbox/withdraw", admin_outbox_withdraw, UNCACHED) \
    R(admin_ob_wd_p,   "POST", "/admin/outbox/withdraw", admin_outbox_withdrawn, UNCACHED) \
    R(admin_users,     "GET", "/admin/users",          admin_users_page,     UNCACHED) \
    R(admin_user_new,  "GET", "/admin/users/new",      admin_user_new_form,  UNCACHED) \
    R(admin_user_new_p, "POST", "/admin/users/new",    admin_user_new_post,  UNCACHED) \
    R(admin_user_off,  "POST", "/admin/users/disable", admin_user_disable,   UNCACHED) \
    R(admin_user_on,   "POST", "/admin/users/enable",  admin_user_enable,    UNCACHED) \
    /* the editorial workflow (web/admin/items.h) */                                      \
    R(admin_items,     "GET", "/admin/items",          admin_items,          UNCACHED) \
    R(admin_item,      "GET", "/admin/items/*",        admin_item_get,       UNCACHED) \
    R(admin_item_p,    "POST", "/admin/items/*",       admin_item_post,      UNCACHED) \
    /* application handling (issue 9 item 4; web/admin/applications*.c) */               \
    R(admin_apps,      "GET", "/admin/applications",   admin_applications,   UNCACHED) \
    R(admin_app_new,   "GET", "/admin/applications/new", admin_application_new, UNCACHED) \
    R(admin_app_new_p, "POST", "/admin/applications/new", admin_application_new_post, UNCACHED) \
    R(admin_app_prop,  "POST", "/admin/applications/propose", admin_application_propose, UNCACHED) \
    /* Art. 44 proposal → draft item (issue 9 item 8) */                                  \
    R(admin_app_conv,  "POST", "/admin/applications/convert", admin_application_convert, UNCACHED) \
    R(admin_app,       "GET", "/admin/applications/*", admin_application,    UNCACHED) \
    R(admin_app_act,   "POST", "/admin/applications/*", admin_application_act, UNCACHED) \
    R(admin_other,     NULL,  "/admin/*",              admin_not_found,      UNCACHED) \
    /* service guides (web/public/guide.c) */                                          \
    R(guides,          "GET", "/guide",                page_guides,          CACHED)   \
    R(guide,           "GET", "/guide/*",              page_guide,           CACHED)   \
    MESSAGE_ROUTES(R)

/* 互动交流 and 在线查询 (issue 10): published Q&As are cached like other pages; the search,
 * the lookup (POST: the code stays out of URLs) and the forms are not; the workspace's
 * message handling (web/admin/messages.c) goes through admin_require like every /admin row. */
#define MESSAGE_ROUTES(R)                                                               \
    R(hdjl,            "GET", "/hdjl",                 page_hdjl,            CACHED)   \
    R(hdjl_search,     "GET", "/hdjl/search",          page_hdjl_search,     UNCACHED) \
    R(hdjl_sub,        "GET", "/hdjl/*",               page_hdjl_sub,        CACHED)   \
    R(hdjl_write,      "GET", "/hdjl/write",           page_message_form,    UNCACHED) \
    R(hdjl_write_post, "POST", "/hdjl/write",          page_message_submit,  UNCACHED) \
    R(hdjl_done,       "GET", "/hdjl/write/done",      page_message_done,    UNCACHED) \
    R(lookup,          "GET", "/zxcx",                 page_lookup,          CACHED)   \
    R(lookup_post,     "POST", "/zxcx",                page_lookup_post,     UNCACHED) \
    R(admin_messages,  "GET", "/admin/messages",       admin_messages_list,  UNCACHED) \
    R(admin_message,   "GET", "/admin/messages/*",     admin_message,        UNCACHED) \
    R(admin_message_p, "POST", "/admin/messages/*",    admin_message_post,   UNCACHED) \
    R(admin_words,     "GET", "/admin/messages/words", admin_message_words,  UNCACHED) \
    R(admin_words_p,   "POST", "/admin/messages/words", admin_message_words_post, UNCACHED)

/* A wrapper per CACHED row: route_<name> serves the handler through the page cache. */
#define WRAP_CACHED(name, fn)                                                   \
    static void route_##name(struct request *req, struct response *res)         \
    {                                                                           \
        pcache_serve(req, res, fn);                                             \
    }
#define WRAP_UNCACHED(name, fn)
#define WRAP(name, method, pattern, fn, policy) WRAP_##policy(name, fn)
PORTAL_ROUTES(WRAP)

#define HANDLER_CACHED(name, fn) route_##name
#define HANDLER_UNCACHED(name, fn) fn
#define ROW(name, method, pattern, fn, policy) {method, pattern, HANDLER_##policy(name, fn)},
static const struct route routes[] = {PORTAL_ROUTES(ROW)};

const struct route *portal_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
