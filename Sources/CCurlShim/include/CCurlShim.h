// libcurl for Swift, loaded when the first letter is due.
//
// curl_easy_setopt and curl_easy_getinfo are variadic (and macros), which Swift cannot call:
// each setter and getter below passes exactly one argument kind, like
// swift-corelibs-foundation's CFURLSession_easy_setopt_long.
//
// libcurl is not linked: CCurlShim_load() opens it with dlopen. Linking it would load it and
// the thirty libraries it needs (OpenSSL, GnuTLS, Kerberos, LDAP, ...) into every process at
// start, cron's idle `mailrobot-send run` included, which sends nothing. Every other function
// here may be called only after CCurlShim_load() succeeded.
// See https://curl.se/libcurl/c/curl_easy_setopt.html
#ifndef CCURLSHIM_H
#define CCURLSHIM_H

#include <curl/curl.h>

typedef int (*CCurlShim_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
typedef size_t (*CCurlShim_read_callback)(char *buffer, size_t size, size_t count, void *userdata);

// Opens libcurl (libcurl.so.4) and runs curl_global_init once. Returns 0, or -1 with the reason
// in `error` (at most `size` bytes). Not thread-safe: call it once, before any other thread may.
int CCurlShim_load(char *error, size_t size);

CURL *CCurlShim_easy_init(void);
void CCurlShim_easy_cleanup(CURL *handle);
CURLcode CCurlShim_easy_perform(CURL *handle);
const char *CCurlShim_easy_strerror(CURLcode code);
struct curl_slist *CCurlShim_slist_append(struct curl_slist *list, const char *string);
void CCurlShim_slist_free_all(struct curl_slist *list);

CURLcode CCurlShim_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CCurlShim_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CCurlShim_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode CCurlShim_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode CCurlShim_setopt_debug_callback(CURL *handle, CCurlShim_debug_callback callback);
CURLcode CCurlShim_setopt_read_callback(CURL *handle, CCurlShim_read_callback callback);
CURLcode CCurlShim_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CCurlShim_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
