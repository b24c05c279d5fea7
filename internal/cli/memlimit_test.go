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

// TestNextLimit: the limit stays while the live heap is at most 3/4 of it
// and then follows twice the live heap, up to the limit before the build.
func TestNextLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		limit, live, ceiling, want int64
	}{
		{768 * mib, 300 * mib, math.MaxInt64, 768 * mib},
		{768 * mib, 576 * mib, math.MaxInt64, 768 * mib},
		{768 * mib, 577 * mib, math.MaxInt64, 1154 * mib},
		{768 * mib, 1000 * mib, math.MaxInt64, 2000 * mib},
		{768 * mib, 1000 * mib, 1500 * mib, 1500 * mib},
		{2000 * mib, 1200 * mib, math.MaxInt64, 2000 * mib},
	} {
		if got := nextLimit(c.limit, c.live, c.ceiling); got != c.want {
			t.Errorf("nextLimit(%d MiB, %d MiB, %d) = %d MiB, want %d MiB", c.limit/mib, c.live/mib, c.ceiling, got/mib, c.want/mib)
		}
	}
}
