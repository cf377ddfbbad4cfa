/* The settings table and its validators (settings.h). */
#include "domain/settings.h"
#include "util/uint.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Site settings first (what every page shows), then the server's limits. */
static const struct setting_def table[] = {
    {"site_name", SETTING_TEXT, 0, 0, NULL, false, "网站名称（默认：本级机关名称）",
     "site name (default: the root agency's name)"},
    {"site_domain", SETTING_DOMAIN, 0, 0, NULL, false, "网站域名，用于订阅和网站地图中的绝对地址",
     "site domain, for absolute URLs in feeds and sitemaps"},
    {"site_id_code", SETTING_SITE_ID, 0, 0, NULL, false, "网站标识码（10位）", "site identification code (10 characters)"},
    {"icp", SETTING_TEXT, 0, 0, NULL, false, "ICP备案编号", "ICP registration number"},
    {"police_record", SETTING_TEXT, 0, 0, NULL, false, "公安机关备案号", "public security registration number"},
    {"sponsor", SETTING_TEXT, 0, 0, NULL, false, "主办单位（默认：本级机关名称）", "sponsor (default: the root agency's name)"},
    {"organizer", SETTING_TEXT, 0, 0, NULL, false, "承办单位", "organizer"},
    {"address", SETTING_TEXT, 0, 0, NULL, false, "联系地址（默认：本级机关的地址）", "address (default: the root agency's)"},
    {"phone", SETTING_TEXT, 0, 0, NULL, false, "联系电话（默认：本级机关的电话）", "phone (default: the root agency's)"},
    {"postcode", SETTING_POSTCODE, 0, 0, NULL, false, "邮政编码（默认：本级机关的邮编）", "postcode (default: the root agency's)"},
    {"error_report_url", SETTING_URL, 0, 0, NULL, false, "“我为政府网站找错”链接（默认：全国平台按网站标识码）",
     "error-report link (default: the national page for site_id_code)"},
    {"dzjg_url", SETTING_URL, 0, 0, NULL, false, "党政机关网站标识的链接", "link of the government-site badge"},
    {"ogi_office", SETTING_TEXT, 0, 0, NULL, false, "政府信息公开工作机构名称", "name of the OGI office"},
    {"ogi_address", SETTING_TEXT, 0, 0, NULL, false, "政府信息公开工作机构地址", "OGI office address"},
    {"ogi_hours", SETTING_TEXT, 0, 0, NULL, false, "政府信息公开工作机构办公时间", "OGI office hours"},
    {"ogi_phone", SETTING_TEXT, 0, 0, NULL, false, "政府信息公开工作机构电话", "OGI office phone"},
    {"ogi_fax", SETTING_TEXT, 0, 0, NULL, false, "政府信息公开工作机构传真", "OGI office fax"},
    {"ogi_email", SETTING_EMAIL, 0, 0, NULL, false, "政府信息公开工作机构电子邮箱", "OGI office e-mail"},
    {"ogi_website", SETTING_URL, 0, 0, NULL, false, "政府信息公开工作机构网址", "OGI office website"},
    {"ogi_postcode", SETTING_POSTCODE, 0, 0, NULL, false, "政府信息公开工作机构邮编", "OGI office postcode"},
    {"page_cache_mb", SETTING_UINT, 0, 65535, "32", false, "页面缓存大小（MB，0 关闭）", "page cache size in MB (0: off)"},
    {"per_ip_limit", SETTING_UINT, 0, 65535, "32", false, "每个客户地址的并发连接数（0 不限）",
     "open connections per client address (0: no limit)"},
    {"trusted_proxies", SETTING_PROXIES, 0, 0, "", false,
     "可信反向代理（逗号分隔的地址或网段），只相信它们的 X-Forwarded-For",
     "trusted reverse proxies (comma-separated addresses or CIDRs) whose X-Forwarded-For is believed"},
    {"threads", SETTING_UINT, 1, 256, "4", true, "工作线程数", "worker threads"},
    {"conn_limit", SETTING_UINT, 1, 65535, "512", true, "并发连接总数", "open connections in all"},
    {"timeout_s", SETTING_UINT, 1, 3600, "30", false, "空闲连接超时（秒）", "idle connection timeout (seconds)"},
    {"request_deadline_s", SETTING_UINT, 1, 600, "20", false, "整个请求（请求头和正文）必须在此时间内送达（秒）",
     "a whole request (headers and body) must arrive within this time (seconds)"},
    /* the staff workspace: sessions and login throttling (issue 8) */
    {"session_idle_min", SETTING_UINT, 1, 1440, "30", false, "工作台会话空闲多久后失效（分钟）",
     "a workspace session ends after this many idle minutes"},
    {"session_max_hours", SETTING_UINT, 1, 168, "12", false, "工作台会话自登录起最长有效时间（小时）",
     "a workspace session ends this many hours after login, however busy"},
    {"login_max_failures", SETTING_UINT, 1, 1000, "5", false, "同一账号在时间窗内登录失败几次后锁定",
     "failed logins of one account within the window that lock it"},
    {"login_addr_max_failures", SETTING_UINT, 1, 100000, "20", false, "同一地址在时间窗内登录失败几次后锁定该地址",
     "failed logins from one client address within the window that lock the address"},
    {"login_window_min", SETTING_UINT, 1, 1440, "15", false, "统计登录失败次数的时间窗（分钟）",
     "the window in which failed logins are counted (minutes)"},
    {"login_lock_min", SETTING_UINT, 1, 1440, "15", false, "锁定时长（分钟）", "how long a lock lasts (minutes)"},
    /* messages (互动交流, issue 10): reply time limits per kind and the forms' rate limits */
    {"msg_days_suggestion", SETTING_UINT, 1, 60, "15", false, "建言献策答复时限（工作日）",
     "reply time limit of 建言献策 (working days)"},
    {"msg_days_leader", SETTING_UINT, 1, 60, "15", false, "领导信箱答复时限（工作日）",
     "reply time limit of 领导信箱 (working days)"},
    {"msg_days_question", SETTING_UINT, 1, 60, "5", false, "咨询答复时限（工作日）",
     "reply time limit of 咨询 (working days)"},
    {"msg_days_complaint", SETTING_UINT, 1, 60, "10", false, "投诉答复时限（工作日）",
     "reply time limit of 投诉 (working days)"},
    {"msg_submit_per_ip_hour", SETTING_UINT, 0, 10000, "5", false, "每个客户地址每小时可提交的留言数（0 停止受理）",
     "messages one client address may submit per hour (0: none accepted)"},
    {"msg_submit_per_contact_day", SETTING_UINT, 0, 10000, "3", false, "同一联系方式每天可提交的留言数",
     "messages one phone number or e-mail address may submit per day"},
    {"lookup_per_ip_hour", SETTING_UINT, 0, 10000, "20", false, "每个客户地址每小时可在线查询的次数",
     "在线查询 lookups one client address may make per hour"},
    /* attachments (issue 8 item 4): the largest file an editor may attach; the upload route's
     * body limit follows it at the next start */
    {"attachment_max_mib", SETTING_UINT, 1, 1024, "20", true, "附件大小上限（MiB）",
     "the largest attachment accepted (MiB)"},
};

const struct setting_def *settings_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}

const struct setting_def *settings_find(const char *key)
{
    for (size_t i = 0; key && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    return NULL;
}

/* ------------------------------------------------------------------ validators */

/* Characters of valid UTF-8 text: bytes that do not continue a sequence. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Labels of letters, digits and '-', joined by dots; an optional :port. */
static bool host_ok(const char *s)
{
    size_t label = 0;
    const char *p = s;
    for (; *p && *p != ':'; p++) {
        if (*p == '.') {
            if (label == 0)
                return false;
            label = 0;
        } else if (is_alnum(*p) || *p == '-') {
            label++;
        } else {
            return false;
        }
    }
    if (label == 0 || p - s > 253)
        return false;
    long long port;
    return !*p || uint_parse(p + 1, 1, 65535, &port);
}

static bool url_ok(const char *s)
{
    const char *rest;
    if (strncmp(s, "https://", 8) == 0)
        rest = s + 8;
    else if (strncmp(s, "http://", 7) == 0)
        rest = s + 7;
    else
        return false;
    size_t hn = strcspn(rest, "/?#");
    char host[256];
    if (hn == 0 || hn >= sizeof host)
        return false;
    memcpy(host, rest, hn);
    host[hn] = 0;
    if (!host_ok(host))
        return false;
    /* The rest goes into an attribute as it is: printable ASCII without quotes, spaces or angle brackets. */
    for (const char *p = rest + hn; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || strchr("\"'<>\\`", *p))
            return false;
    return true;
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strchr(at + 1, ':'))
        return false;
    for (const char *p = s; p < at; p++)
        if (!is_alnum(*p) && !strchr(".-_+", *p))
            return false;
    return host_ok(at + 1) && strchr(at + 1, '.');
}

/* One address or CIDR block ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"). */
static bool proxy_ok(const char *s, size_t n)
{
    char a[64];
    if (n == 0 || n >= sizeof a)
        return false;
    memcpy(a, s, n);
    a[n] = 0;
    char *slash = strchr(a, '/');
    long long bits = -1;
    if (slash) {
        *slash = 0;
        if (!uint_parse(slash + 1, 0, 128, &bits))
            return false;
    }
    unsigned char buf[16];
    if (inet_pton(AF_INET, a, buf) == 1)
        return bits <= 32;
    return inet_pton(AF_INET6, a, buf) == 1;
}

static bool proxies_ok(const char *s, char **bad)
{
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, ",");
        size_t m = n;
        while (m && p[m - 1] == ' ')
            m--;
        if (!proxy_ok(p, m)) {
            *bad = xstrndup(p, m);
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}

res_t settings_check(const char *key, const char *value, char **why)
{
    *why = NULL;
    const struct setting_def *d = settings_find(key);
    if (!d) {
        *why = xasprintf("%s: no such setting (gongkai settings list shows them all)", key ? key : "");
        return RES_NOT_FOUND;
    }
    const char *v = value ? value : "";
    size_t len = strlen(v);
    if (!utf8_valid(v, len)) {
        *why = xasprintf("%s: the value is not valid UTF-8", d->key);
        return RES_REFUSED;
    }
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            *why = xasprintf("%s: the value holds a control character (one line of text, please)", d->key);
            return RES_REFUSED;
        }
    long long n;
    char *bad = NULL;
    switch (d->type) {
    case SETTING_TEXT:
        if (chars(v) > 200)
            *why = xasprintf("%s: longer than 200 characters", d->key);
        break;
    case SETTING_DOMAIN:
        if (!host_ok(v))
            *why = xasprintf("%s: '%s' is not a host name such as www.example.gov.cn (no http://, no path)", d->key, v);
        break;
    case SETTING_SITE_ID:
        if (len != 10 || strspn(v, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != 10)
            *why = xasprintf("%s: '%s' is not a site identification code (ten letters or digits)", d->key, v);
        break;
    case SETTING_URL:
        if (!url_ok(v))
            *why = xasprintf("%s: '%s' is not an http:// or https:// address", d->key, v);
        break;
    case SETTING_EMAIL:
        if (!email_ok(v))
            *why = xasprintf("%s: '%s' is not an e-mail address", d->key, v);
        break;
    case SETTING_POSTCODE:
        if (len != 6 || strspn(v, "0123456789") != 6)
            *why = xasprintf("%s: '%s' is not a postcode (six digits)", d->key, v);
        break;
    case SETTING_UINT:
        if (!uint_parse(v, d->min, d->max, &n))
            *why = xasprintf("%s: '%s' is not a whole number from %ld to %ld", d->key, v, d->min, d->max);
        break;
    case SETTING_PROXIES:
        if (!proxies_ok(v, &bad)) {
            *why = xasprintf("%s: '%s' is not an IPv4 or IPv6 address or CIDR block (e.g. 127.0.0.1, 10.0.0.0/8, ::1)",
                             d->key, bad);
            free(bad);
        }
        break;
    }
    return *why ? RES_REFUSED : RES_OK;
}

long settings_uint(const char *key, const char *value)
{
    const struct setting_def *d = settings_find(key);
    if (!d || d->type != SETTING_UINT)
        return 0;
    long long n;
    if (value && uint_parse(value, d->min, d->max, &n))
        return (long)n;
    return d->dflt ? strtol(d->dflt, NULL, 10) : 0;
}
