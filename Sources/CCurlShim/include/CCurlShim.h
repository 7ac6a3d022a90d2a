// Typed wrappers for libcurl's variadic entry points.
//
// curl_easy_setopt and curl_easy_getinfo are variadic (and macros), which Swift cannot
// call. Each function below passes exactly one argument kind, like
// swift-corelibs-foundation's CFURLSession_easy_setopt_long.
// See https://curl.se/libcurl/c/curl_easy_setopt.html
#ifndef CCURLSHIM_H
#define CCURLSHIM_H

#include <curl/curl.h>

typedef int (*CCurlShim_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
typedef size_t (*CCurlShim_read_callback)(char *buffer, size_t size, size_t count, void *userdata);

CURLcode CCurlShim_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CCurlShim_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CCurlShim_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode CCurlShim_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode CCurlShim_setopt_debug_callback(CURL *handle, CCurlShim_debug_callback callback);
CURLcode CCurlShim_setopt_read_callback(CURL *handle, CCurlShim_read_callback callback);
CURLcode CCurlShim_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CCurlShim_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
