// Package workers runs independent pieces of work on all CPUs. It holds
// one small helper so that reading files (validate) and rendering
// workbooks (render) bound their concurrency the same way (STYLE.md:
// actionlint bounds file work by NumCPU and writes results into a slice
// indexed by input).
package workers

import (
	"runtime"
	"sync"
)

// Each calls fn(i) for every i in [0, n) on at most runtime.NumCPU()
// goroutines and returns when all calls have returned. fn must only write
// to state owned by index i (typically element i of a result slice).
func Each(n int, fn func(i int)) {
	idx := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.NumCPU(), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		idx <- i
	}
	close(idx)
	wg.Wait()
}
