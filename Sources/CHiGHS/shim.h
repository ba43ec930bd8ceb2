// HiGHS C API. pkg-config "highs" (written by scripts/setup-highs.sh) adds both include folders.
#include <interfaces/highs_c_api.h>
