/* The information-processing fee (信息处理费) of 国办函〔2020〕109号 (ogi-rules §3.4).
 * Amounts are in fen (0.01 yuan) as long long, so sums are exact.
 *
 * Both scales are 超额累进 (marginal, progressive): each request or page is charged at
 * the rate of the band it falls in, like an income-tax schedule. An agency applies one
 * scale per request, never both (Art. 3).
 *
 *   per item, by the applicant's running count k of requests in one calendar month:
 *     k = 1–10 free; 11–30 100 元 each; from 31 in bands of ten, each band 100 元
 *     dearer than the one before: 31–40 200 元, 41–50 300 元, … (the k-th request,
 *     k >= 31, costs 100 × (1 + ⌈(k − 30) / 10⌉) 元 — the reading of "每增加一档" in
 *     ogi-rules §3.4);
 *   per page, within one request: 1–30 free, 31–100 10 元, 101–200 20 元, 201+ 40 元.
 *
 * Worked examples (ogi-rules): 120 pages → 1,100 元; 35 requests in a month → 3,000 元. */
#ifndef GK_FEES_H
#define GK_FEES_H

/* Largest counts the functions accept: far beyond any real month, yet the sums stay
 * well inside long long. */
#define FEE_MAX_ITEMS 1000000LL
#define FEE_MAX_PAGES 1000000000000LL

/* The charge, in fen, for `count` more requests by an applicant who already made
 * `prior_in_month` requests this calendar month (so requests prior+1 … prior+count).
 * -1 when either is negative or prior + count exceeds FEE_MAX_ITEMS. */
long long fee_per_item(long long prior_in_month, long long count);

/* The charge, in fen, for a request answered with `pages` pages. -1 when pages is
 * negative or above FEE_MAX_PAGES. */
long long fee_per_page(long long pages);

/* "1100.00": yuan with two places, a leading '-' for negative amounts; returns out. */
char *fee_format_yuan(long long fen, char out[32]);

/* Parses a yuan amount "1100", "1100.5" or "1100.50" (no sign, no thousands
 * separators, at most two decimals) into fen. Returns 0, or -1 for anything else or
 * an amount too large for long long. */
int fee_parse_yuan(const char *s, long long *fen);

#endif
