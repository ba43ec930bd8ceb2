// One-to-one forwards to ICU. Compiled against whatever ICU headers are installed, so the
// versioned symbol names (ubrk_open_72, …) never leak into Swift.
#include "cicu_shim.h"
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/ubrk.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <stdlib.h>

struct cicu_breaker { UBreakIterator *it; UText *text; };
struct cicu_regex { URegularExpression *re; UText *text; };

void cicu_version(uint8_t out[4]) {
    UVersionInfo v;
    u_getVersion(v);
    for (int i = 0; i < 4; i++) out[i] = v[i];
}

const char *cicu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

cicu_breaker *cicu_word_breaker_open_utf8(const char *locale, const char *text, int64_t length,
                                          int32_t *status) {
    UErrorCode st = U_ZERO_ERROR;
    cicu_breaker *b = calloc(1, sizeof *b);
    if (!b) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->text = utext_openUTF8(NULL, text, length, &st);
    if (U_FAILURE(st)) { free(b); *status = st; return NULL; }
    b->it = ubrk_open(UBRK_WORD, locale, NULL, 0, &st);
    if (U_SUCCESS(st)) ubrk_setUText(b->it, b->text, &st);
    if (U_FAILURE(st)) {
        if (b->it) ubrk_close(b->it);
        utext_close(b->text);
        free(b);
        *status = st;
        return NULL;
    }
    *status = st;
    return b;
}

int32_t cicu_breaker_first(cicu_breaker *b) { return ubrk_first(b->it); }
int32_t cicu_breaker_next(cicu_breaker *b) { return ubrk_next(b->it); }
int32_t cicu_breaker_rule_status(cicu_breaker *b) { return ubrk_getRuleStatus(b->it); }
void cicu_breaker_close(cicu_breaker *b) {
    if (!b) return;
    ubrk_close(b->it);
    utext_close(b->text);
    free(b);
}

cicu_regex *cicu_regex_open_utf8(const char *pattern, int64_t length, int32_t *status,
                                 int32_t *error_offset) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    cicu_regex *r = calloc(1, sizeof *r);
    if (!r) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    UText *pat = utext_openUTF8(NULL, pattern, length, &st);
    if (U_FAILURE(st)) { free(r); *status = st; return NULL; }
    r->re = uregex_openUText(pat, 0, &pe, &st);
    utext_close(pat);
    if (U_FAILURE(st)) {
        if (error_offset) *error_offset = pe.offset;
        free(r);
        *status = st;
        return NULL;
    }
    *status = st;
    return r;
}

void cicu_regex_close(cicu_regex *re) {
    if (!re) return;
    uregex_close(re->re);
    if (re->text) utext_close(re->text);
    free(re);
}

void cicu_regex_set_utf8(cicu_regex *re, const char *text, int64_t length, int32_t *status) {
    UErrorCode st = U_ZERO_ERROR;
    re->text = utext_openUTF8(re->text, text, length, &st);
    if (U_SUCCESS(st)) uregex_setUText(re->re, re->text, &st);
    *status = st;
}

bool cicu_regex_find_next(cicu_regex *re, int32_t *status) {
    UErrorCode st = U_ZERO_ERROR;
    UBool found = uregex_findNext(re->re, &st);
    *status = st;
    return found;
}

int64_t cicu_regex_start(cicu_regex *re, int32_t *status) {
    UErrorCode st = U_ZERO_ERROR;
    int64_t v = uregex_start64(re->re, 0, &st);
    *status = st;
    return v;
}

int64_t cicu_regex_end(cicu_regex *re, int32_t *status) {
    UErrorCode st = U_ZERO_ERROR;
    int64_t v = uregex_end64(re->re, 0, &st);
    *status = st;
    return v;
}

void cicu_regex_detach(cicu_regex *re) {
    static const char empty[1] = {0};
    int32_t st = 0;
    cicu_regex_set_utf8(re, empty, 0, &st);
}
