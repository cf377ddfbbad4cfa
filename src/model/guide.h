/* A service guide (办事指南) or procedure list (办理流程清单) as a record: what import
 * validates into, what the store writes and reads back, what export and the guide page
 * use. Strings are borrowed from whoever filled the struct (the parser's arena of one
 * record, or the arena the store reads into). Lists of text (basis, conditions) are
 * single lines each: the store keeps them one per line. */
#ifndef GK_GUIDE_H
#define GK_GUIDE_H
#include "util/date.h"
#include <stdbool.h>
#include <stddef.h>

#define GUIDE_MAX_STEPS 40
#define GUIDE_MAX_MATERIALS 100
#define GUIDE_MAX_LINES 50
/* The step key that ends the procedure: `"next": "end"`. */
#define GUIDE_END "end"
/* The column a guide belongs to when its record names none: 便民服务 › 办事指南. */
#define GUIDE_DEFAULT_COLUMN "bmfw/bszn"

/* 申请材料: one document the applicant brings. */
struct guide_material {
    const char *name; /* 材料名称 */
    const char *form; /* 材料形式: 原件, 复印件, 原件及复印件, 电子版…; NULL when not stated */
    const char *note; /* 备注 (where to get it, what it must show) */
    int copies;       /* 份数; 0 when not stated */
    bool required;    /* 必要 (true) or 容缺/视情提交 (false) */
};

/* One way out of a decision step (判断): its label on the arrow and the step it goes to. */
struct guide_branch {
    const char *label, *next; /* next: a step key or GUIDE_END */
};

/* One step of the procedure (办理流程). A step goes on to the step listed after it, or to
 * `next`; a decision step has exactly two branches instead. */
struct guide_step {
    const char *key;         /* stable name others refer to ([a-z0-9_-]); NULL when none */
    const char *title;       /* 环节名称 */
    const char *who;         /* 办理人员/岗位 */
    const char *where;       /* 办理地点 (window, hall, online) */
    const char *time_limit;  /* 办理时限 of this step, as written (e.g. "1个工作日") */
    const char *description; /* what happens */
    const char *next;        /* NULL: the following step; a key; GUIDE_END */
    struct guide_branch branches[2];
    int nbranches; /* 0, or 2 for a decision step */
};

struct guide_rec {
    const char *id, *agency, *name, *column;
    const char *summary;      /* 事项概述, optional */
    const char **basis;       /* 设定依据: one law or article per entry */
    size_t nbasis;
    const char **conditions;  /* 申请条件 */
    size_t nconditions;
    struct guide_material *materials;
    size_t nmaterials;
    struct guide_step *steps;
    size_t nsteps;
    const char *time_limit;   /* 办理时限 overall (法定/承诺) */
    const char *fees;         /* 收费标准 ("不收费") */
    const char *place;        /* 办理地点 */
    const char *office_hours; /* 办理时间 */
    const char *phone;        /* 咨询电话 */
    const char *online_url;   /* 网上办理: http or https only */
    gk_date updated;          /* 更新日期; NO_DATE when absent */
};

/* The index of the step a step or branch named KEY leads to: the step with that key, or
 * -1 for GUIDE_END, or -2 when no step has it. */
int guide_step_index(const struct guide_rec *g, const char *key);

#endif
