// LD_PRELOAD helper for running the project's executables under valgrind 3.19 (Debian 12); not part
// of the product.
//
// Every Swift executable that parks its main thread in dispatchMain() ends in libdispatch's
// _dispatch_sigsuspend(), which calls sigsuspend() with a `static const sigset_t` (read-only memory).
// valgrind 3.19's wrapper of rt_sigsuspend rewrites the caller's mask in place (to keep its own
// signals deliverable), takes a SIGSEGV on the read-only page and aborts with "VALGRIND INTERNAL
// ERROR: Valgrind received a signal 11 (SIGSEGV)" before the program does anything. Passing a
// writable copy of the same mask changes nothing for the program.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    static int (*real_sigsuspend)(const sigset_t *);
    if (real_sigsuspend == NULL) {
        real_sigsuspend = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    }
    sigset_t copy = *mask;
    return real_sigsuspend(&copy);
}
