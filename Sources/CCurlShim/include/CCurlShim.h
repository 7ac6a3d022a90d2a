// libcurl for Swift, loaded when the first letter is due.
//
// curl_easy_setopt and curl_easy_getinfo are variadic (and macros), which Swift cannot call:
// each setter and getter below passes exactly one argument kind, like
// swift-corelibs-foundation's CFURLSession_easy_setopt_long.
//
// libcurl is not linked: CCurlShim_load() opens it with dlopen. Linking it would load it and
// the thirty libraries it needs (OpenSSL, GnuTLS, Kerberos, LDAP, ...) into every process at
// start, cron's idle `mailrobot-send run` included, which sends nothing. Every other function
// here that calls into libcurl may be called only after CCurlShim_load() succeeded (the sockaddr
// helpers at the end use libc alone).
// See https://curl.se/libcurl/c/curl_easy_setopt.html
#ifndef CCURLSHIM_H
#define CCURLSHIM_H

#include <curl/curl.h>

typedef int (*CCurlShim_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
typedef size_t (*CCurlShim_read_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef size_t (*CCurlShim_write_callback)(char *data, size_t size, size_t count, void *userdata);
typedef curl_socket_t (*CCurlShim_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);

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
CURLcode CCurlShim_setopt_opensocket_callback(CURL *handle, CCurlShim_opensocket_callback callback);
// CURLOPT_WRITEFUNCTION: where a response body goes (a webhook's answer); without it libcurl
// writes the body to standard output.
CURLcode CCurlShim_setopt_write_callback(CURL *handle, CCurlShim_write_callback callback);
CURLcode CCurlShim_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CCurlShim_getinfo_string(CURL *handle, CURLINFO info, const char **value);

// The IP address of `address` (what CURLOPT_OPENSOCKETFUNCTION is about to connect to), copied
// into `bytes` in network order: returns 4 for IPv4, 16 for IPv6, 0 for any other family. Casting
// `struct sockaddr` to its family's struct is plain C; here it needs no unsafe pointer arithmetic.
size_t CCurlShim_sockaddr_bytes(const struct curl_sockaddr *address, unsigned char bytes[16]);

// The same address as text (inet_ntop) in `text` of `size` bytes; an empty string for another family.
void CCurlShim_sockaddr_text(const struct curl_sockaddr *address, char *text, size_t size);

// Opens the socket libcurl asked for, as libcurl itself would (socket(2) with its family, type and
// protocol), for an OPENSOCKETFUNCTION that has decided to allow the address.
curl_socket_t CCurlShim_open_socket(const struct curl_sockaddr *address);

#endif
