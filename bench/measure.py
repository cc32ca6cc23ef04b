"""Run one command; print its wall time, its peak memory, its exit code and its CPU time.

    python -S -E bench/measure.py OUTPUT_FILE COMMAND [ARGS...]

The command's standard output goes to OUTPUT_FILE, its standard error passes through. This
wrapper is a fresh, small process for every run because a process's peak memory as seen
from outside is only reliable for a child's first and only wait: `getrusage(RUSAGE_CHILDREN)`
keeps the largest child ever seen, and a child forked from a big parent starts with the
parent's resident size. The floor of what it can report is this wrapper's own size (a few
MiB), far below anything measured here.

Prints one line: `SECONDS PEAK_KIB EXIT_CODE CPU_SECONDS` (CPU: user and system time).
"""

import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__ or "")
        return 2
    output, command = sys.argv[1], sys.argv[2:]
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(fd, 1)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(fd)
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    sys.stdout.write(f"{elapsed:.6f} {usage.ru_maxrss} {code} {cpu:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
