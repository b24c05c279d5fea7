package memlimit

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestNext: the limit stays while the live heap is at most 3/4 of it and
// then follows twice the live heap, up to the limit before Follow.
func TestNext(t *testing.T) {
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
		{192 * mib, 0, math.MaxInt64, 192 * mib},
		{192 * mib, 150 * mib, math.MaxInt64, 300 * mib},
	} {
		if got := Next(c.limit, c.live, c.ceiling); got != c.want {
			t.Errorf("Next(%d MiB, %d MiB, %d) = %d MiB, want %d MiB", c.limit/mib, c.live/mib, c.ceiling, got/mib, c.want/mib)
		}
	}
}

// TestFollow: Follow sets the limit when none or a higher one is in
// force, turns GOGC off only from its default of 100 when asked, and puts
// both back; a lower limit (GOMEMLIMIT=100MiB, say) leaves both as they
// are. Not parallel: the limit and GOGC are the process's.
func TestFollow(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	const base = 200 << 20
	for _, c := range []struct {
		name     string
		before   int64 // the limit before and during
		gcBefore int   // GOGC before
		gcOff    bool
		want     int64
		wantGC   int // GOGC during (as SetGCPercent reports it)
	}{
		{name: "none", before: math.MaxInt64, gcBefore: 100, want: base, wantGC: 100},
		{name: "higher", before: 2 << 30, gcBefore: 100, want: base, wantGC: 100},
		{name: "gc off", before: math.MaxInt64, gcBefore: 100, gcOff: true, want: base, wantGC: -1},
		{name: "user GOGC kept", before: math.MaxInt64, gcBefore: 300, gcOff: true, want: base, wantGC: 300},
		{name: "same", before: base, gcBefore: 100, gcOff: true, want: base, wantGC: 100},
		{name: "lower", before: 100 << 20, gcBefore: 100, gcOff: true, want: 100 << 20, wantGC: 100},
	} {
		debug.SetMemoryLimit(c.before)
		debug.SetGCPercent(c.gcBefore)
		restore := Follow(base, c.gcOff)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("%s: limit during %d, want %d", c.name, got, c.want)
		}
		gc := debug.SetGCPercent(-1)
		debug.SetGCPercent(gc)
		if gc != c.wantGC {
			t.Errorf("%s: GOGC during %d, want %d", c.name, gc, c.wantGC)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != c.before {
			t.Errorf("%s: limit after %d, want %d", c.name, got, c.before)
		}
		gc = debug.SetGCPercent(-1)
		debug.SetGCPercent(gc)
		if gc != c.gcBefore {
			t.Errorf("%s: GOGC after %d, want %d", c.name, gc, c.gcBefore)
		}
	}
}
