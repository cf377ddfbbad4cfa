/* The rules of messages (message_rules.h). */
#include "domain/message_rules.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct msg_kind_info msg_kinds[MSG_KIND_COUNT] = {
    {"suggestion", "建言献策", "jyxc", "msg_days_suggestion"},
    {"leader", "领导信箱", "ldxx", "msg_days_leader"},
    {"question", "咨询", "zx", "msg_days_question"},
    {"complaint", "投诉", "ts", "msg_days_complaint"},
};

const struct code_name msg_states[MSG_STATE_COUNT] = {
    {"moderation", "待审核"}, {"received", "已受理"}, {"assigned", "办理中"}, {"transferred", "已转办"},
    {"replied", "已答复"},    {"published", "已公开"}, {"closed", "已办结"},  {"rejected", "不予受理"},
};

const struct code_name msg_actions[MSG_ACT_COUNT] = {
    {"accept", "审核通过"}, {"assign", "分办"},        {"transfer", "转办"},     {"reply", "答复"},
    {"publish", "公开"},    {"close", "办结不公开"}, {"reject", "作为垃圾信息不予受理"},
};

int msg_kind_find(const char *code)
{
    for (int i = 0; code && i < MSG_KIND_COUNT; i++)
        if (strcmp(msg_kinds[i].code, code) == 0)
            return i;
    return -1;
}

int msg_kind_by_slug(const char *slug)
{
    for (int i = 0; slug && i < MSG_KIND_COUNT; i++)
        if (strcmp(msg_kinds[i].slug, slug) == 0)
            return i;
    return -1;
}

int msg_state_find(const char *code)
{
    return code ? code_lookup(msg_states, MSG_STATE_COUNT, code) : -1;
}

int msg_action_find(const char *code)
{
    return code ? code_lookup(msg_actions, MSG_ACT_COUNT, code) : -1;
}

bool msg_state_open(enum msg_state s)
{
    return s == MSG_RECEIVED || s == MSG_ASSIGNED || s == MSG_TRANSFERRED;
}

/* ------------------------------------------------------------------ steps */

/* The states each action may start from (a bit per state), and where it leads. */
#define BIT(s) (1u << (s))
static const struct {
    unsigned from;
    enum msg_state to;
} steps[MSG_ACT_COUNT] = {
    [MSG_ACT_ACCEPT] = {BIT(MSG_MODERATION), MSG_RECEIVED},
    [MSG_ACT_ASSIGN] = {BIT(MSG_RECEIVED) | BIT(MSG_ASSIGNED) | BIT(MSG_TRANSFERRED), MSG_ASSIGNED},
    [MSG_ACT_TRANSFER] = {BIT(MSG_RECEIVED) | BIT(MSG_ASSIGNED) | BIT(MSG_TRANSFERRED), MSG_TRANSFERRED},
    [MSG_ACT_REPLY] = {BIT(MSG_RECEIVED) | BIT(MSG_ASSIGNED) | BIT(MSG_TRANSFERRED), MSG_REPLIED},
    [MSG_ACT_PUBLISH] = {BIT(MSG_REPLIED) | BIT(MSG_PUBLISHED), MSG_PUBLISHED},
    [MSG_ACT_CLOSE] = {BIT(MSG_RECEIVED) | BIT(MSG_ASSIGNED) | BIT(MSG_TRANSFERRED) | BIT(MSG_REPLIED), MSG_CLOSED},
    [MSG_ACT_REJECT] = {BIT(MSG_MODERATION) | BIT(MSG_RECEIVED) | BIT(MSG_ASSIGNED) | BIT(MSG_TRANSFERRED),
                        MSG_REJECTED},
};

res_t msg_action_next(enum msg_state from, enum msg_action action, enum msg_state *to, char **why)
{
    *why = NULL;
    if ((unsigned)action >= MSG_ACT_COUNT || (unsigned)from >= MSG_STATE_COUNT) {
        *why = xstrdup("action: unknown step");
        return RES_REFUSED;
    }
    if (!(steps[action].from & BIT(from))) {
        *why = xasprintf("state: “%s”的留言不能%s", msg_states[from].label, msg_actions[action].label);
        return RES_REFUSED;
    }
    *to = steps[action].to;
    return RES_OK;
}

/* ------------------------------------------------------------------ number and code */

bool msg_number_format(int year, long long seq, char out[MSG_NUMBER_SIZE])
{
    if (seq < 1 || seq > 999999 || year < 1000 || year > 9999)
        return false;
    snprintf(out, MSG_NUMBER_SIZE, "LY%04d-%06lld", year, seq);
    return true;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool msg_number_parse(const char *s, int *year, long long *seq, char norm[MSG_NUMBER_SIZE])
{
    if (!s)
        return false;
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (n != 13 || (s[0] != 'L' && s[0] != 'l') || (s[1] != 'Y' && s[1] != 'y') || s[6] != '-')
        return false;
    for (int i = 2; i < 13; i++)
        if (i != 6 && !is_digit(s[i]))
            return false;
    int y = atoi(s + 2); /* stops at '-' */
    long long q = strtoll(s + 7, NULL, 10);
    char buf[MSG_NUMBER_SIZE];
    if (!msg_number_format(y, q, buf))
        return false;
    *year = y;
    *seq = q;
    if (norm)
        memcpy(norm, buf, MSG_NUMBER_SIZE);
    return true;
}

bool msg_code_normalize(const char *s, char out[MSG_CODE_LEN + 1])
{
    size_t n = 0;
    for (; s && *s; s++) {
        char c = *s;
        if (c == ' ' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (n == MSG_CODE_LEN || !strchr(MSG_CODE_ALPHABET, c) || c == 0)
            return false;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == MSG_CODE_LEN;
}

/* ------------------------------------------------------------------ masking */

static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

char *msg_mask_phone(const char *phone)
{
    if (!phone)
        return NULL;
    if (strchr(phone, '*'))
        return xstrdup(phone); /* masked already (an import of a masked export): keep it */
    char digits[64];
    size_t n = 0;
    for (const char *p = phone; *p && n < sizeof digits - 1; p++)
        if (is_digit(*p))
            digits[n++] = *p;
    digits[n] = '\0';
    if (n < 7)
        return xstrdup("****");
    if (n == 11 && digits[0] == '1')
        return xasprintf("%.3s****%.4s", digits, digits + 7);
    return xasprintf("%.3s****%.2s", digits, digits + n - 2);
}

char *msg_mask_email(const char *email)
{
    if (!email)
        return NULL;
    const char *at = strchr(email, '@');
    if (!at || at == email)
        return xstrdup("***");
    size_t first = utf8_len((unsigned char)email[0]);
    if (first > (size_t)(at - email))
        first = (size_t)(at - email);
    return xasprintf("%.*s***%s", (int)first, email, at);
}

char *msg_mask_name(const char *name)
{
    if (!name || !*name)
        return xstrdup("");
    size_t first = utf8_len((unsigned char)name[0]);
    if (first > strlen(name))
        first = strlen(name);
    return xasprintf("%.*s某", (int)first, name);
}

/* A mobile number at P: 1[3-9] and 9 more digits, not inside a longer run of digits. */
static bool mobile_at(const char *start, const char *p)
{
    if (p > start && is_digit(p[-1]))
        return false;
    if (p[0] != '1' || p[1] < '3' || p[1] > '9')
        return false;
    for (int i = 2; i < 11; i++)
        if (!is_digit(p[i]))
            return false;
    return !is_digit(p[11]);
}

/* An identity number at P: 17 digits and a digit or X, not inside a longer run. */
static bool id_number_at(const char *start, const char *p)
{
    if (p > start && is_digit(p[-1]))
        return false;
    for (int i = 0; i < 17; i++)
        if (!is_digit(p[i]))
            return false;
    if (!is_digit(p[17]) && p[17] != 'X' && p[17] != 'x')
        return false;
    return !is_digit(p[18]) && p[18] != 'X' && p[18] != 'x';
}

static bool email_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || (c && strchr("._%+-", c));
}

/* An e-mail address whose '@' is at AT: its start and end (exclusive) in *from, *to. */
static bool email_around(const char *start, const char *at, const char **from, const char **to)
{
    const char *a = at;
    while (a > start && email_char(a[-1]))
        a--;
    const char *b = at + 1;
    bool dot = false;
    while (email_char(*b)) {
        dot |= *b == '.';
        b++;
    }
    while (b > at + 1 && b[-1] == '.')
        b--;
    if (a == at || b == at + 1 || !dot)
        return false;
    *from = a;
    *to = b;
    return true;
}

/* Walks TEXT; with OUT, writes the masked text there; returns whether anything was found. */
static bool scrub(const char *text, buf_t *out)
{
    bool found = false;
    const char *p = text;
    while (*p) {
        const char *from, *to;
        if (mobile_at(text, p)) {
            found = true;
            if (out)
                buf_printf(out, "%.3s****%.4s", p, p + 7);
            p += 11;
        } else if (id_number_at(text, p)) {
            found = true;
            if (out)
                buf_printf(out, "%.3s***********%.4s", p, p + 14);
            p += 18;
        } else if (*p == '@' && email_around(text, p, &from, &to)) {
            found = true;
            if (out) {
                /* The local part was copied already: take it back, keep its first character. */
                out->len -= (size_t)(p - from);
                buf_printf(out, "%c***%.*s", *from, (int)(to - p), p);
            }
            p = to;
        } else {
            if (out)
                buf_append(out, p, 1);
            p++;
        }
    }
    return found;
}

char *msg_scrub_text(const char *text)
{
    if (!text)
        return NULL;
    buf_t b = {0};
    scrub(text, &b);
    char *r = buf_take(&b);
    return r ? r : xstrdup("");
}

bool msg_has_personal_data(const char *text)
{
    return text && scrub(text, NULL);
}

/* ------------------------------------------------------------------ sensitive words */

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether WORD occurs in TEXT, spaces (ASCII and U+3000) in the text skipped. */
static bool contains_word(const char *text, const char *word)
{
    if (!*word)
        return false;
    for (const char *t = text; *t; t++) {
        const char *a = t, *w = word;
        while (*w && *a) {
            if (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r') {
                a++;
                continue;
            }
            if (strncmp(a, "\xE3\x80\x80", 3) == 0) {
                a += 3;
                continue;
            }
            if (fold(*a) != fold(*w))
                break;
            a++;
            w++;
        }
        if (!*w)
            return true;
    }
    return false;
}

const char *msg_find_sensitive(const char *const *texts, size_t nt, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < nt; k++)
            if (texts[k] && words[i] && contains_word(texts[k], words[i]))
                return words[i];
    return NULL;
}

/* ------------------------------------------------------------------ due date */

res_t msg_due(const calendar_t *cal, gk_date received, int days, gk_date *due)
{
    return calendar_add_workdays(cal, received, days, due) == 0 ? RES_OK : RES_REFUSED;
}

/* ------------------------------------------------------------------ challenge */

static const char *const cn_digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 0..99 in Chinese: 七, 十二, 二十, 三十五. */
static void cn_number(int n, char *out, size_t size)
{
    if (n < 10)
        snprintf(out, size, "%s", cn_digit[n]);
    else if (n < 20)
        snprintf(out, size, "十%s", n % 10 ? cn_digit[n % 10] : "");
    else
        snprintf(out, size, "%s十%s", cn_digit[n / 10], n % 10 ? cn_digit[n % 10] : "");
}

void msg_challenge_make(unsigned long long seed, struct msg_challenge *out)
{
    /* splitmix64 step: the seed's bits spread over the three choices. */
    unsigned long long z = seed + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    int a = (int)(z % 9) + 1, b = (int)((z >> 8) % 9) + 1;
    bool plus = (z >> 16) & 1;
    if (!plus && b > a) {
        int t = a;
        a = b;
        b = t;
    }
    char x[16], y[16];
    cn_number(a, x, sizeof x);
    cn_number(b, y, sizeof y);
    snprintf(out->question, sizeof out->question, "%s%s%s等于几？", x, plus ? "加" : "减", y);
    out->answer = plus ? a + b : a - b;
}

int msg_challenge_read_answer(const char *typed)
{
    if (!typed)
        return -1;
    int value = -1, tens = -1;
    bool any = false;
    for (const char *p = typed; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        int d = -1;
        size_t len = 1;
        if (is_digit(*p)) {
            d = *p - '0';
        } else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x90 &&
                   (unsigned char)p[2] <= 0x99) {
            d = (unsigned char)p[2] - 0x90; /* full-width ０–９ */
            len = 3;
        } else if (strncmp(p, "十", 3) == 0) {
            if (tens >= 0)
                return -1;
            tens = value < 0 ? 1 : value;
            value = -1;
            any = true;
            p += 3;
            continue;
        } else {
            for (int k = 0; k < 10; k++)
                if (strncmp(p, cn_digit[k], 3) == 0) {
                    d = k;
                    len = 3;
                }
            if (strncmp(p, "〇", 3) == 0) {
                d = 0;
                len = 3;
            }
        }
        if (d < 0)
            return -1;
        if (value > 99)
            return -1;
        value = value < 0 ? d : value * 10 + d;
        any = true;
        p += len;
    }
    if (!any)
        return -1;
    if (tens >= 0)
        return tens * 10 + (value < 0 ? 0 : value);
    return value;
}
