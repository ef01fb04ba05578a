// COIN-OR Clp's C interface (Debian: coinor-libclp-dev, EPL-2.0). Found through pkg-config "clp".
#include <coin/Clp_C_Interface.h>
