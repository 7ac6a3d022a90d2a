#include "CCurlShim.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

// libcurl's entry points, found in the library opened by CCurlShim_load.
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} curl;

#define FIND(field, name)                                                                     \
    do {                                                                                      \
        *(void **)(&curl.field) = dlsym(library, name);                                       \
        if (curl.field == NULL) {                                                             \
            snprintf(error, size, "libcurl.so.4 has no %s", name);                            \
            return -1;                                                                        \
        }                                                                                     \
    } while (0)

int CCurlShim_load(char *error, size_t size) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, size, "cannot load libcurl: %s", reason != NULL ? reason : "dlopen failed");
        return -1;
    }
    FIND(global_init, "curl_global_init");
    FIND(easy_init, "curl_easy_init");
    FIND(easy_cleanup, "curl_easy_cleanup");
    FIND(easy_perform, "curl_easy_perform");
    FIND(easy_strerror, "curl_easy_strerror");
    FIND(easy_setopt, "curl_easy_setopt");
    FIND(easy_getinfo, "curl_easy_getinfo");
    FIND(slist_append, "curl_slist_append");
    FIND(slist_free_all, "curl_slist_free_all");
    CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(error, size, "curl_global_init failed: %s", curl.easy_strerror(code));
        return -1;
    }
    return 0;
}

CURL *CCurlShim_easy_init(void) { return curl.easy_init(); }

void CCurlShim_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }

CURLcode CCurlShim_easy_perform(CURL *handle) { return curl.easy_perform(handle); }

const char *CCurlShim_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }

struct curl_slist *CCurlShim_slist_append(struct curl_slist *list, const char *string) {
    return curl.slist_append(list, string);
}

void CCurlShim_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode CCurlShim_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode CCurlShim_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode CCurlShim_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode CCurlShim_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode CCurlShim_setopt_debug_callback(CURL *handle, CCurlShim_debug_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

CURLcode CCurlShim_setopt_read_callback(CURL *handle, CCurlShim_read_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

CURLcode CCurlShim_setopt_opensocket_callback(CURL *handle, CCurlShim_opensocket_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

CURLcode CCurlShim_setopt_write_callback(CURL *handle, CCurlShim_write_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode CCurlShim_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}

CURLcode CCurlShim_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl.easy_getinfo(handle, info, value);
}

size_t CCurlShim_sockaddr_bytes(const struct curl_sockaddr *address, unsigned char bytes[16]) {
    if (address->family == AF_INET && address->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *ipv4 = (const struct sockaddr_in *)&address->addr;
        memcpy(bytes, &ipv4->sin_addr, 4);
        return 4;
    }
    if (address->family == AF_INET6 && address->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *ipv6 = (const struct sockaddr_in6 *)&address->addr;
        memcpy(bytes, &ipv6->sin6_addr, 16);
        return 16;
    }
    return 0;
}

void CCurlShim_sockaddr_text(const struct curl_sockaddr *address, char *text, size_t size) {
    unsigned char bytes[16];
    size_t count = CCurlShim_sockaddr_bytes(address, bytes);
    if (size == 0) return;
    text[0] = 0;
    if (count == 4) inet_ntop(AF_INET, bytes, text, (socklen_t)size);
    if (count == 16) inet_ntop(AF_INET6, bytes, text, (socklen_t)size);
}

curl_socket_t CCurlShim_open_socket(const struct curl_sockaddr *address) {
    return socket(address->family, address->socktype, address->protocol);
}
