#!/usr/bin/env bash
# Runs one of the project's executables under valgrind memcheck with the project's suppressions:
#
#   scripts/valgrind/memcheck.sh LOG_FILE EXECUTABLE [ARGUMENTS...]
#
# e.g. scripts/valgrind/memcheck.sh /tmp/vg-worker.%p.log .build/debug/worker  (with the service's
# environment). Errors (invalid reads/writes, uses of uninitialised values, invalid frees, overlapping
# copies) make the run exit 99; the log ends with "ERROR SUMMARY: N errors". The process is 20-50x
# slower: raise HTTP_TIMEOUT_MS (and REPLY_CLAIM_TTL_MS above twice that).
#
# Two things of valgrind 3.19 (Debian 12) are worked around here:
# - it aborts in every Swift executable that waits in dispatchMain(): sigsuspend-copy.c, preloaded;
# - it cannot read the DWARF 5 that clang writes for the C targets ("unhandled dwarf2 abbrev form
#   code 0x25 ... I can't recover"): build with `swift build -Xcc -gdwarf-4` for line numbers, or this
#   script runs a copy without debug information (function names only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 LOG_FILE EXECUTABLE [ARGUMENTS...]" >&2; exit 64; }
log="$1"; executable="$2"; shift 2
work="$root/.build/valgrind"
mkdir -p "$work"

shim="$work/sigsuspend-copy.so"
if [ ! -f "$shim" ] || [ "$root/scripts/valgrind/sigsuspend-copy.c" -nt "$shim" ]; then
  cc -O2 -shared -fPIC -o "$shim" "$root/scripts/valgrind/sigsuspend-copy.c" -ldl
fi

if readelf -S "$executable" | grep -q '\.debug_addr'; then  # DWARF 5 units present
  stripped="$work/$(basename "$executable")"
  if [ ! -f "$stripped" ] || [ "$executable" -nt "$stripped" ]; then
    echo "memcheck: $executable has DWARF 5 debug information, which valgrind 3.19 cannot read;" \
      "running a copy without it ($stripped). Build with -Xcc -gdwarf-4 for line numbers." >&2
    objcopy --strip-debug "$executable" "$stripped"
  fi
  executable="$stripped"
fi

export LD_PRELOAD="$shim${LD_PRELOAD:+:$LD_PRELOAD}"
exec valgrind --tool=memcheck --error-exitcode=99 --track-origins=yes --num-callers=40 --error-limit=no \
  --leak-check=no --suppressions="$root/scripts/valgrind/swift-runtime.supp" --log-file="$log" \
  ${VALGRIND_OPTIONS:-} "$executable" "$@"
