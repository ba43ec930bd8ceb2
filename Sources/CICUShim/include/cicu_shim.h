// An ICU-free facade over system ICU.
//
// This header deliberately names no ICU type: Foundation bundles its own ICU as a Clang module
// with conflicting enum definitions, and any Swift module that sees both fails to compile.
// Status codes are ICU's UErrorCode values carried as int32_t (> 0 means failure).
#ifndef CICU_SHIM_H
#define CICU_SHIM_H

#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cicu_breaker cicu_breaker;
typedef struct cicu_regex cicu_regex;

/// Writes ICU's four-part version number.
void cicu_version(uint8_t out[4]);
/// ICU's symbolic name for a status code (static storage).
const char *cicu_error_name(int32_t status);
static inline bool cicu_failed(int32_t status) { return status > 0; }

/// Opens a word break iterator over UTF-8 text. The text must outlive the breaker.
cicu_breaker *cicu_word_breaker_open_utf8(const char *locale, const char *text, int64_t length,
                                          int32_t *status);
/// First boundary (always 0).
int32_t cicu_breaker_first(cicu_breaker *b);
/// Next boundary as a UTF-8 byte offset, or -1 when done.
int32_t cicu_breaker_next(cicu_breaker *b);
/// Rule status of the segment that ends at the current boundary (>= 100: word-like).
int32_t cicu_breaker_rule_status(cicu_breaker *b);
void cicu_breaker_close(cicu_breaker *b);

/// Compiles a regular expression given as UTF-8.
cicu_regex *cicu_regex_open_utf8(const char *pattern, int64_t length, int32_t *status,
                                 int32_t *error_offset);
void cicu_regex_close(cicu_regex *re);
/// Points the regex at UTF-8 text; the text must outlive the use (see cicu_regex_detach).
void cicu_regex_set_utf8(cicu_regex *re, const char *text, int64_t length, int32_t *status);
/// Finds the next match; returns false when there is none.
bool cicu_regex_find_next(cicu_regex *re, int32_t *status);
/// Start and end of the last match as native indices (UTF-8 byte offsets for UTF-8 text).
int64_t cicu_regex_start(cicu_regex *re, int32_t *status);
int64_t cicu_regex_end(cicu_regex *re, int32_t *status);
/// Points the regex at an empty static string so it holds no pointer into caller memory.
void cicu_regex_detach(cicu_regex *re);

#ifdef __cplusplus
}
#endif
#endif
