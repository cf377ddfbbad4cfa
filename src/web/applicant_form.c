/* The applicant's part of an application form (applicant_form.h). */
#include "web/applicant_form.h"
#include "util/xalloc.h"
#include "web/admin/form.h"
#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

const char *const applicant_form_fields[] = {"applicant_type", "name", "id_kind", "id_no", "org_code", "phone",
                                             "email", "address", "subject", "doc_no", NULL};

json_t *applicant_type_options(const char *chosen)
{
    json_t *a = json_array();
    for (int i = 0; i < APPLICANT_COUNT; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(applicant_types[i].code));
        json_object_set_new(o, "label", json_string(applicant_types[i].label));
        json_object_set_new(o, "selected", json_boolean(chosen && strcmp(chosen, applicant_types[i].code) == 0));
        json_array_append_new(a, o);
    }
    return a;
}

void applicant_form_read(const struct request *req, json_t *ctx, gk_date today, struct applicant_form *f)
{
    memset(f, 0, sizeof *f);
    f->type = CODE_LOOKUP(applicant_types, form_text(req, "applicant_type"));
    if (f->type < 0)
        form_error(ctx, "applicant_type", "请选择申请人类型。");
    const char *name = form_text(req, "name");
    if (!*name || strlen(name) > 200)
        form_error(ctx, "name", "请填写申请人姓名或名称（200字以内）。");
    f->who.name = name;
    const char *id_kind = form_text(req, "id_kind"), *raw_id = form_text(req, "id_no");
    if (f->type == APPLICANT_NATURAL_PERSON) {
        if (strcmp(id_kind, "other") == 0) {
            if (!*raw_id || strlen(raw_id) > IDCHECK_LEN)
                form_error(ctx, "id_no", "请填写身份证件号码（18位以内）。");
            else
                memcpy(f->id_no, raw_id, strlen(raw_id) + 1);
            f->who.id_kind = "other";
        } else {
            const char *why = idcheck_resident_id(raw_id, today, f->id_no);
            if (why)
                form_error(ctx, "id_no", why);
            f->who.id_kind = "resident_id";
        }
        f->who.id_no = f->id_no;
    } else if (f->type > 0) {
        const char *why = idcheck_credit_code(form_text(req, "org_code"), f->org_code);
        if (why)
            form_error(ctx, "org_code", why);
        f->who.org_code = f->org_code;
    }
    const char *phone = form_text(req, "phone"), *email = form_text(req, "email"),
               *address = form_text(req, "address");
    if (!*phone && !*email && !*address)
        form_error(ctx, "phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）。");
    else if (strlen(phone) > 40 || strspn(phone, "0123456789-+ ()") != strlen(phone))
        form_error(ctx, "phone", "电话号码只能包含数字、空格和 + - ( )，40字以内。");
    else if (*email && (strlen(email) > 200 || !strchr(email, '@')))
        form_error(ctx, "email", "电子邮箱格式不正确。");
    else if (strlen(address) > 400)
        form_error(ctx, "address", "通信地址过长（400字以内）。");
    f->who.phone = *phone ? phone : NULL;
    f->who.email = *email ? email : NULL;
    f->who.address = *address ? address : NULL;
    const char *subject = form_text(req, "subject"), *doc_no = form_text(req, "doc_no");
    if (!*subject || strlen(subject) > 4000)
        form_error(ctx, "subject", "请描述所需政府信息的名称或特征（4000字以内）。");
    if (strlen(doc_no) > 200)
        form_error(ctx, "doc_no", "文号过长（200字以内）。");
    f->subject_buf = *doc_no ? xasprintf("%s（文号：%s）", subject, doc_no) : xstrdup(subject);
    f->subject = f->subject_buf;
}

void applicant_form_free(struct applicant_form *f)
{
    free(f->subject_buf);
    f->subject_buf = NULL;
}

void applicant_once_hash(const char *token, char hash[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(hash, 65, d, sizeof d);
}

res_t applicant_once_new(store_t *s, char token[33], char **err)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, 33, raw, sizeof raw);
    char hash[65];
    applicant_once_hash(token, hash);
    return store_form_token_put(s, hash, (long long)time(NULL), err);
}
