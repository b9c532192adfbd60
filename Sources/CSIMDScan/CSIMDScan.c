// SwiftPM needs one source file per C target; the functions are `static inline` in include/CSIMDScan.h.
#include "CSIMDScan.h"
