// Carrier for system ICU's compiler and linker flags. Only CICUShim's .c file includes
// these headers: a Swift module that sees them and Foundation's bundled ICU fails to compile.
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
