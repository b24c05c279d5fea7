package testrepo

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
)

// ResetPeakRSS returns the heap's free memory to the system and resets the
// process's peak resident set size (Linux: /proc/self/clear_refs "5"), so
// that PeakRSS then measures the code run in between. It reports whether
// the reset worked (not on other systems, nor without /proc).
func ResetPeakRSS() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// PeakRSS returns the peak resident set size of the process in bytes
// (VmHWM of /proc/self/status), or 0 where that is not available.
func PeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(l, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
