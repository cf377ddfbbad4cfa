/* The editorial workflow's rules (workflow.h). */
#include "domain/workflow.h"
#include "util/xalloc.h"
#include <stdlib.h>
#include <string.h>

const struct code_name wf_states[WF_STATE_COUNT] = {
    [WF_DRAFT] = {"draft", "草稿"},          [WF_SUBMITTED] = {"submitted", "待审核"},
    [WF_RETURNED] = {"returned", "已退回"},  [WF_APPROVED] = {"approved", "已审核待发布"},
    [WF_PUBLISHED] = {"published", "已发布"}, [WF_WITHDRAWN] = {"withdrawn", "已撤回"},
};

const struct code_name wf_actions[WF_ACTION_COUNT] = {
    [WF_CREATE] = {"create", "新建"},     [WF_SAVE] = {"save", "保存"},
    [WF_SUBMIT] = {"submit", "送审"},     [WF_RETURN] = {"return", "退回修改"},
    [WF_APPROVE] = {"approve", "审核通过"}, [WF_PUBLISH] = {"publish", "发布"},
    [WF_WITHDRAW] = {"withdraw", "撤回"}, [WF_VALIDITY] = {"validity", "变更有效性"},
};

const struct code_name wf_validities[WF_VALIDITY_COUNT] = {
    [WF_MODIFIED] = {"modified", "已修改"},
    [WF_REPEALED] = {"repealed", "已废止"},
    [WF_EXPIRED] = {"expired", "已失效"},
};

static res_t refuse(char **err, char *msg)
{
    free(*err);
    *err = msg;
    return RES_REFUSED;
}

static bool writes(enum wf_action a)
{
    return a == WF_CREATE || a == WF_SAVE || a == WF_SUBMIT;
}

bool wf_has_role(const char *roles, const char *role)
{
    size_t n = strlen(role);
    for (const char *p = roles ? roles : ""; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, role, n) == 0)
            return true;
        p += len + (end != NULL);
    }
    return false;
}

res_t wf_may(const struct wf_who *who, enum wf_action action, const char *agency, char **err)
{
    bool ok = wf_has_role(who->roles, "admin") ||
              wf_has_role(who->roles, writes(action) ? "editor" : "reviewer");
    if (!ok)
        return refuse(err, xasprintf("role: 当前角色无权%s（%s）", wf_actions[action].label,
                                     writes(action) ? "需要编辑或本机关管理员" : "需要审核人或本机关管理员"));
    if (!who->agency || !*who->agency || !agency || strcmp(who->agency, agency) != 0)
        return refuse(err, xstrdup("agency: 只能处理本机关的信息"));
    return RES_OK;
}

bool wf_needs_note(enum wf_action action)
{
    return action == WF_RETURN || action == WF_WITHDRAW;
}

res_t wf_check(const struct wf_who *who, const struct wf_item *it, enum wf_action action, enum wf_state *next,
               char **err)
{
    res_t rc = wf_may(who, action, it->agency, err);
    if (rc != RES_OK)
        return rc;
    enum wf_state s = it->state, to = s;
    bool ok = false;
    switch (action) {
    case WF_CREATE:
    case WF_SAVE: ok = true, to = WF_DRAFT; break;
    case WF_SUBMIT: ok = s == WF_DRAFT || s == WF_RETURNED, to = WF_SUBMITTED; break;
    case WF_RETURN: ok = s == WF_SUBMITTED || s == WF_APPROVED, to = WF_RETURNED; break;
    case WF_APPROVE: ok = s == WF_SUBMITTED, to = WF_APPROVED; break;
    case WF_PUBLISH: ok = s == WF_APPROVED, to = WF_PUBLISHED; break;
    case WF_WITHDRAW: ok = it->live, to = WF_WITHDRAWN; break;
    case WF_VALIDITY: ok = it->live; break;
    case WF_ACTION_COUNT: break;
    }
    if (!ok) {
        if (action == WF_WITHDRAW || action == WF_VALIDITY)
            return refuse(err, xasprintf("state: 只有已发布的信息才能%s", wf_actions[action].label));
        return refuse(err, xasprintf("state: 处于“%s”状态的信息不能%s", wf_states[s].label, wf_actions[action].label));
    }
    /* Separation of duties: the one who wrote the revision is not the one who approves it. */
    if (action == WF_APPROVE && it->rev_author_id && it->rev_author_id == who->user_id)
        return refuse(err, xstrdup("reviewer: 不能审核通过自己撰写的版本（撰写与审核须由不同人员完成）"));
    *next = to;
    return RES_OK;
}
