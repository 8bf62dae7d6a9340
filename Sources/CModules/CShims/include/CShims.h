// Typed C entry points for what Swift cannot call directly: variadic functions
// (curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt, amqp_login) and rabbitmq-c macros and
// table building. Every symbol is prefixed `cshim_`.
#ifndef CSHIMS_H
#define CSHIMS_H
#include "cshims_amqp.h"
#include "cshims_curl.h"
#endif
