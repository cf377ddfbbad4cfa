/* `gongkai settings list|get|set|unset`: the operator's settings, each key checked against
 * the one table in domain/settings.c (docs/settings.md). */
#include "cli/cli.h"
#include "cli/cli_store.h"
#include "domain/settings.h"
#include "store/store_settings.h"
#include "util/err.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf("用法 usage: gongkai [--db TARGET] settings list [--output text|json]\n"
           "                                     settings get KEY\n"
           "                                     settings set KEY VALUE\n"
           "                                     settings unset KEY\n\n"
           "查看和修改网站设置（网站名称、备案号、联系方式……）和服务器限制（连接数、缓存大小、\n"
           "可信反向代理……）。每个键的取值都会检查；不认识的键和不合格的值被拒绝（退出码 2）。\n"
           "正在运行的 gongkai serve 在几秒内（或收到 SIGHUP 时）读到新值；标为“重启”的键\n"
           "在下次启动时生效。全部的键见 docs/settings.md。\n\n"
           "  list    每行一个键：键、值、来源（set 已设置 / default 默认 / unset 未设置）、\n"
           "          生效方式（reload 重新读取 / restart 重启）、说明\n"
           "  get     键的值（未设置时为默认值；没有默认值时为空行）\n"
           "  set     检查并保存\n"
           "  unset   删除已保存的值，恢复默认\n\n"
           "Reads and changes the site settings and the server limits, each key validated.\n"
           "A running server picks changes up within seconds or on SIGHUP; keys marked restart\n"
           "take effect at the next start.\n");
}

static int collect(const char *key, const char *value, void *ud)
{
    json_object_set_new(ud, key, json_string(value ? value : ""));
    return 0;
}

static int list(store_t *s, bool as_json)
{
    json_t *stored = json_object();
    char *why = NULL;
    res_t r = store_setting_each(s, collect, stored, &why);
    if (r != RES_OK) {
        gk_error("settings", "%s", why ? why : "cannot read the settings");
        free(why);
        json_decref(stored);
        return cli_exit_status(r);
    }
    json_t *out = json_array();
    size_t n;
    const struct setting_def *t = settings_table(&n);
    for (size_t i = 0; i < n; i++) {
        const char *v = json_string_value(json_object_get(stored, t[i].key));
        const char *source = v ? "set" : t[i].dflt ? "default" : "unset";
        json_t *o = json_object();
        json_object_set_new(o, "key", json_string(t[i].key));
        json_object_set_new(o, "value", v ? json_string(v) : t[i].dflt ? json_string(t[i].dflt) : json_null());
        json_object_set_new(o, "source", json_string(source));
        json_object_set_new(o, "applies", json_string(t[i].restart ? "restart" : "reload"));
        json_object_set_new(o, "description_zh", json_string(t[i].zh));
        json_object_set_new(o, "description_en", json_string(t[i].en));
        json_array_append_new(out, o);
    }
    /* Rows the table does not know (an older version's keys) are shown, not hidden. */
    const char *key;
    json_t *v;
    json_object_foreach(stored, key, v) {
        if (settings_find(key))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "key", json_string(key));
        json_object_set_new(o, "value", json_incref(v));
        json_object_set_new(o, "source", json_string("unknown"));
        json_object_set_new(o, "applies", json_string("never"));
        json_object_set_new(o, "description_zh", json_string("不认识的键，门户不读取"));
        json_object_set_new(o, "description_en", json_string("not a known key; nothing reads it"));
        json_array_append_new(out, o);
    }
    if (as_json) {
        char *s_out = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (s_out)
            puts(s_out);
        free(s_out);
    } else {
        size_t i;
        json_array_foreach(out, i, v) {
            const char *val = json_string_value(json_object_get(v, "value"));
            printf("%s\t%s\t%s\t%s\t%s\n", json_string_value(json_object_get(v, "key")), val ? val : "",
                   json_string_value(json_object_get(v, "source")), json_string_value(json_object_get(v, "applies")),
                   json_string_value(json_object_get(v, "description_zh")));
        }
    }
    json_decref(out);
    json_decref(stored);
    return GK_OK;
}

static int get(store_t *s, const char *key)
{
    const struct setting_def *d = settings_find(key);
    if (!d)
        return gk_error("settings", "%s: no such setting (gongkai settings list shows them all)", key), GK_ERR_INPUT;
    char *value = NULL, *why = NULL;
    res_t r = store_setting_get(s, key, &value, &why);
    if (r == RES_FAILED) {
        gk_error("settings", "%s", why ? why : "cannot read the settings");
        free(why);
        return cli_exit_status(r);
    }
    printf("%s\n", value ? value : d->dflt ? d->dflt : "");
    free(value);
    free(why);
    return GK_OK;
}

static int set(store_t *s, const char *key, const char *value)
{
    char *why = NULL;
    res_t r = settings_check(key, value, &why);
    if (r == RES_OK)
        r = store_setting_set(s, key, value, &why);
    else if (r == RES_NOT_FOUND)
        r = RES_REFUSED;
    if (r != RES_OK) {
        gk_error("settings", "%s", why ? why : "cannot store the setting");
        free(why);
        return cli_exit_status(r);
    }
    if (settings_find(key)->restart)
        fprintf(stderr, "gongkai: settings: %s: 重启 gongkai serve 后生效 (takes effect at the next start)\n", key);
    return GK_OK;
}

static int unset(store_t *s, const char *key)
{
    if (!settings_find(key))
        return gk_error("settings", "%s: no such setting (gongkai settings list shows them all)", key), GK_ERR_INPUT;
    char *why = NULL;
    res_t r = store_setting_unset(s, key, &why);
    if (r == RES_FAILED) {
        gk_error("settings", "%s", why ? why : "cannot remove the setting");
        free(why);
        return cli_exit_status(r);
    }
    return GK_OK; /* unsetting what was not set is not an error: the key has its default either way */
}

int cmd_settings(const struct cli *cli, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    const char *sub = argc > 1 ? argv[1] : NULL;
    int want; /* arguments after the subcommand */
    bool as_json = false;
    if (!sub)
        return gk_error("settings", "missing subcommand: list, get, set or unset (try --help)"), GK_ERR_INPUT;
    if (strcmp(sub, "list") == 0) {
        want = 0;
        if (argc == 4 && strcmp(argv[2], "--output") == 0) {
            if (strcmp(argv[3], "json") && strcmp(argv[3], "text"))
                return gk_error("settings", "--output: '%s' is not text or json", argv[3]), GK_ERR_INPUT;
            as_json = strcmp(argv[3], "json") == 0;
            argc -= 2;
        }
    } else if (strcmp(sub, "get") == 0 || strcmp(sub, "unset") == 0) {
        want = 1;
    } else if (strcmp(sub, "set") == 0) {
        want = 2;
    } else {
        return gk_error("settings", "unknown subcommand '%s': list, get, set or unset (try --help)", sub),
               GK_ERR_INPUT;
    }
    if (argc - 2 != want)
        return gk_error("settings", "%s takes %s (try --help)", sub,
                        want == 0 ? "no arguments" : want == 1 ? "one argument, KEY" : "two arguments, KEY VALUE"),
               GK_ERR_INPUT;
    store_t *s;
    bool writes = want != 0 && strcmp(sub, "get") != 0;
    res_t opened = cli_open_store(cli, "settings", writes ? CLI_STORE_WRITE : CLI_STORE_READ, &s);
    if (opened != RES_OK)
        return cli_exit_status(opened);
    int rc;
    if (want == 0)
        rc = list(s, as_json);
    else if (want == 2)
        rc = set(s, argv[2], argv[3]);
    else if (strcmp(sub, "get") == 0)
        rc = get(s, argv[2]);
    else
        rc = unset(s, argv[2]);
    store_close(s);
    return rc;
}
