#ifndef CSHIMS_CURL_H
#define CSHIMS_CURL_H
#include <curl/curl.h>

/// curl_easy_setopt for options that take a `long`.
CURLcode cshim_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
#endif
