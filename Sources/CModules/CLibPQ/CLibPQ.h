#ifndef C_LIBPQ_H
#define C_LIBPQ_H
#include <libpq-fe.h>
#endif
