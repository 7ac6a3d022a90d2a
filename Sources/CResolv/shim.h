// glibc's stub resolver: res_ninit/res_nquery/res_nclose (in libc since glibc 2.34, under the
// __res_* names for the first and last) and the answer parser ns_initparse/ns_parserr
// (libresolv). No pkg-config file exists for it, hence `link "resolv"` in the module map.
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <resolv.h>
