#ifndef CSHIMS_CURL_H
#define CSHIMS_CURL_H
#include <curl/curl.h>

// Typed wrappers for libcurl's variadic entry points. libcurl reads the variadic argument with the
// type that the option documents (long, curl_off_t, a data pointer, a function pointer): passing any
// other type from Swift (Int32 for a long, say) is undefined behaviour that compiles silently.
// One wrapper per argument type; each passes its argument on with exactly that type.

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*cshim_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

/// curl_easy_setopt for options that take a `long`.
CURLcode cshim_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);

/// curl_easy_setopt for options that take a `curl_off_t` (the `_LARGE` options).
CURLcode cshim_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// curl_easy_setopt for options that take a `char *` (libcurl copies strings, except
/// CURLOPT_POSTFIELDS; use CURLOPT_COPYPOSTFIELDS).
CURLcode cshim_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);

/// curl_easy_setopt for options that take a data pointer (`void *`, e.g. CURLOPT_WRITEDATA,
/// CURLOPT_PRIVATE, CURLOPT_ERRORBUFFER, CURLOPT_COPYPOSTFIELDS with binary data).
CURLcode cshim_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);

/// curl_easy_setopt for options that take a `struct curl_slist *` (e.g. CURLOPT_HTTPHEADER).
CURLcode cshim_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/// curl_easy_setopt for CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
CURLcode cshim_curl_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                              cshim_curl_data_callback callback);

/// curl_easy_getinfo for infos that answer a `long` (CURLINFO_LONG).
CURLcode cshim_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// curl_easy_getinfo for infos that answer a `curl_off_t` (CURLINFO_OFF_T).
CURLcode cshim_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

/// curl_easy_getinfo for infos that answer a `char *` (CURLINFO_STRING; owned by the handle).
CURLcode cshim_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);

/// curl_easy_getinfo for infos that answer a data pointer (CURLINFO_PRIVATE).
CURLcode cshim_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

/// curl_multi_setopt for options that take a `long`.
CURLMcode cshim_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/// The CURLcode of a CURLMSG_DONE message (a member of an anonymous union in CURLMsg).
CURLcode cshim_curl_msg_result(const CURLMsg *message);
#endif
