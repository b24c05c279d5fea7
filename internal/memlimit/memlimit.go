// Package memlimit sets the Go runtime's soft memory limit
// (runtime/debug.SetMemoryLimit: heap, stacks and the runtime's own, in
// bytes) for the length of one command and lets it follow the live heap,
// so that a command with more live data than the limit foresaw slows down
// no more than it would without a limit (issue 14, README 性能). lpg build
// uses it to keep its peak memory below 1 GB; lpg validate uses it
// instead of the proportional collector (GOGC), which at five years of
// data runs many small collections while the model grows.
//
// It depends on the standard library only; it sets process-wide state, so
// only commands (package cli) and benchmarks that mirror them call it.
package memlimit

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Follow sets the soft memory limit to base bytes unless a limit of at
// most base is in force (GOMEMLIMIT in the environment, or set before),
// in which case it changes nothing. With gcOff it also turns the
// proportional collector off (debug.SetGCPercent(-1)) when GOGC is at its
// default of 100, so that the collector runs only as the heap nears the
// limit. It then reads the live heap every 100 ms and raises the limit by
// Next. The returned function stops the watch and puts the previous limit
// and GOGC back.
func Follow(base int64, gcOff bool) (restore func()) {
	prev := debug.SetMemoryLimit(-1) // -1 reads the limit
	if prev <= base {
		return func() {}
	}
	debug.SetMemoryLimit(base)
	gcPrev := -2 // GOGC untouched
	if gcOff {
		if p := debug.SetGCPercent(-1); p == 100 {
			gcPrev = p
		} else {
			debug.SetGCPercent(p) // set by the user: kept
		}
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		limit := base
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if n := Next(limit, int64(sample[0].Value.Uint64()), prev); n != limit {
				limit = n
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		if gcPrev != -2 {
			debug.SetGCPercent(gcPrev)
		}
		debug.SetMemoryLimit(prev)
	}
}

// Next is the memory limit (bytes) after the collector reported live
// bytes of live heap under limit: unchanged while live is at most three
// quarters of it; else twice live (the heap GOGC=100 would allow, so the
// collector runs as often as without a limit), never above ceiling (the
// limit in force before Follow). Pure.
func Next(limit, live, ceiling int64) int64 {
	if live*4 <= limit*3 {
		return limit
	}
	if n := 2 * live; n < ceiling {
		return n
	}
	return ceiling
}
