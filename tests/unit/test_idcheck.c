/* Identity numbers and credit codes: check characters, birth dates, normalisation, and
 * the masks (domain/idcheck.h). Values made up for tests (workspace-conventions.md). */
#include "test.h"
#include "test_date.h"
#include "domain/idcheck.h"
#include <stdlib.h>
#include <string.h>

/* The 17 digits of S followed by their check character, computed here independently. */
static void with_check(const char *s17, char out[IDCHECK_LEN + 1])
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (s17[i] - '0') * w[i];
    memcpy(out, s17, 17);
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

static const char *id_reason(const char *s)
{
    char out[IDCHECK_LEN + 1];
    return idcheck_resident_id(s, D("2026-12-07"), out);
}

static void test_resident_id(void)
{
    char out[IDCHECK_LEN + 1] = "untouched";
    CHECK(idcheck_resident_id("23040319900307123X", D("2026-12-07"), out) == NULL);
    CHECK_STR(out, "23040319900307123X");
    /* Lower-case x accepted and stored upper case. */
    CHECK(idcheck_resident_id("23040319900307123x", D("2026-12-07"), out) == NULL);
    CHECK_STR(out, "23040319900307123X");
    /* The classic GB 11643 example and a check digit that is a digit. */
    CHECK(id_reason("11010519491231002X") == NULL);
    CHECK(id_reason("110105194912310021") != NULL);
    /* Wrong check character: each other value refused. */
    CHECK_STR(id_reason("230403199003071230"), "校验位不符 check character mismatch");
    CHECK_STR(id_reason("230403199003071239"), "校验位不符 check character mismatch");
    /* One digit changed anywhere is caught. */
    CHECK(id_reason("23040319900307124X") != NULL);
    CHECK(id_reason("33040319900307123X") != NULL);
    /* Length and characters. */
    CHECK_STR(id_reason("2304031990030712"), "应为18位 must be 18 characters");
    CHECK_STR(id_reason("23040319900307123X1"), "应为18位 must be 18 characters");
    CHECK_STR(id_reason(""), "应为18位 must be 18 characters");
    CHECK_STR(id_reason("2304031990030712XX"), "前17位应为数字 the first 17 characters must be digits");
    CHECK_STR(id_reason("23040319900307123Y"), "第18位应为数字或X the last character must be a digit or X");
    CHECK_STR(id_reason("03040319900307123X"), "地址码无效 invalid address code");
    /* Birth dates: 1990-02-30 does not exist; a future date; before 1900. */
    char out2[IDCHECK_LEN + 1];
    CHECK_STR(idcheck_resident_id("230403199002301234", D("2026-12-07"), out2),
              "出生日期无效 the birth date is not a real past date");
    CHECK_STR(id_reason("230403203001011234"), "出生日期无效 the birth date is not a real past date");
    CHECK_STR(id_reason("230403189912311234"), "出生日期无效 the birth date is not a real past date");
    /* A date of birth today is allowed, tomorrow is not. */
    char born[IDCHECK_LEN + 1];
    with_check("11010520261207001", born);
    CHECK(idcheck_resident_id(born, D("2026-12-07"), out2) == NULL);
    CHECK_STR(idcheck_resident_id(born, D("2026-12-06"), out2), "出生日期无效 the birth date is not a real past date");
    with_check("11010520000229001", born); /* a leap day */
    CHECK(idcheck_resident_id(born, D("2026-12-07"), out2) == NULL);
    with_check("11010519000229001", born); /* 1900 was not a leap year */
    CHECK(idcheck_resident_id(born, D("2026-12-07"), out2) != NULL);
    CHECK(idcheck_resident_id(NULL, D("2026-12-07"), out2) != NULL);
}

static const char *credit_reason(const char *s)
{
    char out[IDCHECK_LEN + 1];
    return idcheck_credit_code(s, out);
}

static void test_credit_code(void)
{
    char out[IDCHECK_LEN + 1] = "untouched";
    CHECK(idcheck_credit_code("91230403MA1B2C3D44", out) == NULL);
    CHECK_STR(out, "91230403MA1B2C3D44");
    CHECK(idcheck_credit_code("91230403ma1b2c3d44", out) == NULL);
    CHECK_STR(out, "91230403MA1B2C3D44");
    /* A real-world shape: the check character 0 (31 → 0) and letters. */
    CHECK(credit_reason("91350100M000100Y43") == NULL);
    CHECK_STR(credit_reason("91230403MA1B2C3D45"), "校验位不符 check character mismatch");
    CHECK_STR(credit_reason("91230403MA1B2C3E44"), "校验位不符 check character mismatch");
    CHECK_STR(credit_reason("91230403MA1B2C3D4"), "应为18位 must be 18 characters");
    CHECK_STR(credit_reason("91230403MA1B2C3O44"),
              "含有无效字符（不使用I、O、Z、S、V） invalid character (I, O, Z, S, V are not used)");
    CHECK(credit_reason("9123040SMA1B2C3D44") != NULL);
    CHECK(credit_reason("91230403MA1B2C3D4-") != NULL);
    CHECK(credit_reason(NULL) != NULL);
}

/* Every single-character change of a valid number is refused (both check schemes detect it). */
static void test_single_changes(void)
{
    const char *id = "23040319900307123X", *code = "91230403MA1B2C3D44";
    int id_missed = 0, code_missed = 0;
    for (int i = 0; i < IDCHECK_LEN; i++) {
        for (char c = '0'; c <= '9'; c++) {
            char s[IDCHECK_LEN + 1];
            memcpy(s, id, sizeof s);
            if (s[i] == c)
                continue;
            s[i] = c;
            id_missed += id_reason(s) == NULL;
            memcpy(s, code, sizeof s);
            if (s[i] == c)
                continue;
            s[i] = c;
            code_missed += credit_reason(s) == NULL;
        }
    }
    CHECK_INT(id_missed, 0);
    CHECK_INT(code_missed, 0);
}

static void test_masks(void)
{
    char *m = mask_id_number("11010519491231002X");
    CHECK_STR(m, "110***********002X");
    free(m);
    m = mask_phone("13812345678");
    CHECK_STR(m, "138****5678");
    free(m);
    m = mask_phone("010-12345678");
    CHECK_STR(m, "010*****5678");
    free(m);
    /* Too short to keep anything hidden: all masked, so nothing leaks. */
    m = mask_phone("1234567");
    CHECK_STR(m, "*******");
    free(m);
    m = mask_middle("", 3, 4);
    CHECK_STR(m, "");
    free(m);
    /* By character, not by byte. */
    m = mask_middle("张三丰先生", 1, 1);
    CHECK_STR(m, "张***生");
    free(m);
    m = mask_middle(NULL, 1, 1);
    CHECK_STR(m, "");
    free(m);
}

void run_tests(void)
{
    test_resident_id();
    test_credit_code();
    test_single_changes();
    test_masks();
}
