//go:build unix

package testrepo

import (
	"syscall"
	"time"
)

// CPUTime returns the user + system CPU time the process has used so far
// (getrusage RUSAGE_SELF), or 0 where that is not available. Benchmarks
// report its difference per operation: on a shared machine it varies far
// less than wall-clock time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
