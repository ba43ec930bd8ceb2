// COIN-OR CLP C interface (pkg-config "clp" adds /usr/include/coin).
#include <Clp_C_Interface.h>
