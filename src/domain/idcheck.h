/* Identity numbers of the application form (Regulation Art. 29: 身份证明) and of
 * organisations, checked by their own check characters, and the masks that show only
 * what a reader needs (shared/guide/workspace-conventions.md). Pure functions. */
#ifndef GK_IDCHECK_H
#define GK_IDCHECK_H
#include "util/date.h"
#include <stddef.h>

#define IDCHECK_LEN 18

/* 居民身份证号码 (GB 11643-1999): 18 characters, 17 digits and a check character (0–9 or
 * X; a lower-case x is accepted), a real birth date from 1900 up to TODAY. NULL when
 * valid, with the number in upper case in out; else the reason (static, Chinese first,
 * e.g. "校验位不符 check character mismatch"), out untouched. */
const char *idcheck_resident_id(const char *s, gk_date today, char out[IDCHECK_LEN + 1]);

/* 统一社会信用代码 (GB 32100-2015): 18 characters of 0–9 A–H J–N P–R T U W–Y (lower case
 * accepted) with its check character. Same contract as above. */
const char *idcheck_credit_code(const char *s, char out[IDCHECK_LEN + 1]);

/* S with every character but the first HEAD and the last TAIL replaced by '*' (by
 * character, UTF-8 aware); a text too short to keep anything hidden is all '*'.
 * malloc'd. */
char *mask_middle(const char *s, size_t head, size_t tail);

/* An identity number: first 3 and last 4 kept, "110***********123X". */
char *mask_id_number(const char *s);

/* A telephone number: first 3 and last 4 kept, "138****5678". */
char *mask_phone(const char *s);

#endif
