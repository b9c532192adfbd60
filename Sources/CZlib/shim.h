#ifndef BOTSIFT_CZLIB_SHIM_H
#define BOTSIFT_CZLIB_SHIM_H
#include <zlib.h>
#endif
