package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a build sets the soft memory limit of buildMemoryLimit
// when none or a higher one is in force and puts the previous one back;
// a lower limit (GOMEMLIMIT=500MiB, say) is kept. Not parallel: the limit
// is the process's.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, c := range []struct {
		name         string
		before, want int64 // the limit before and during the build
	}{
		{"none", math.MaxInt64, buildMemoryLimit},
		{"higher", 2 << 30, buildMemoryLimit},
		{"same", buildMemoryLimit, buildMemoryLimit},
		{"lower", 500 << 20, 500 << 20},
	} {
		debug.SetMemoryLimit(c.before)
		restore := limitMemory()
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("%s: limit during the build %d, want %d", c.name, got, c.want)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != c.before {
			t.Errorf("%s: limit after the build %d, want %d", c.name, got, c.before)
		}
	}
}
