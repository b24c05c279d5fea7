package validate

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"lpg/internal/memlimit"
	"lpg/internal/testrepo"
)

func benchRepository(b *testing.B, root string) {
	var size int64
	_ = fs.WalkDir(os.DirFS(root), "data", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportAllocs()
	var rows int
	for b.Loop() {
		res, err := Repository(os.DirFS(root), nil)
		if err != nil {
			b.Fatal(err)
		}
		if res.Diags.HasErrors() {
			b.Fatalf("invalid: %+v", res.Diags.Errors()[0])
		}
		rows = res.Rows
	}
	b.ReportMetric(float64(rows), "rows")
}

// BenchmarkValidateSample validates the sample repository (≈ 4,500 rows).
func BenchmarkValidateSample(b *testing.B) { benchRepository(b, "../..") }

// BenchmarkValidate50x validates a 50× larger generated copy (≈ 200,000 rows).
func BenchmarkValidate50x(b *testing.B) {
	dir := b.TempDir()
	if err := testrepo.Scaled("../..", dir, 50); err != nil {
		b.Fatal(err)
	}
	benchRepository(b, dir)
}

// BenchmarkValidateYears validates generated repositories of one and five
// years (testrepo.Cached: ~1,500 hazard rows and 15 files a month, cached
// below the temp dir) beside the floor: bare encoding/csv reading every
// CSV file of the same repository on one goroutine. Run both to get the
// ratio, which the lpg benchmark reports as x-floor (wall clock; lpg uses
// every CPU, the floor one) and cpu-x-floor (CPU time, user + system, which
// a shared machine disturbs far less):
//
//	go test ./internal/validate/ -run '^$' -bench ValidateYears -benchtime 2x
//
// Each reports rows/s, MB/s, allocations and peak-RSS-MB (the process's
// peak resident set, reset before the benchmark; Linux only).
func BenchmarkValidateYears(b *testing.B) {
	for _, years := range []int{1, 5} {
		name := map[int]string{1: "1y", 5: "5y"}[years]
		var info testrepo.YearsInfo
		var files []string
		var size int64
		setup := func(b *testing.B) {
			if info.Dir != "" {
				return
			}
			info = testrepo.Cached(b, "../..", years)
			_ = fs.WalkDir(os.DirFS(info.Dir), "data", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".csv") {
					files = append(files, p)
					if st, err := d.Info(); err == nil {
						size += st.Size()
					}
				}
				return nil
			})
		}
		var floor, floorCPU time.Duration
		b.Run(name+"/csv-floor", func(b *testing.B) {
			setup(b)
			fsys := os.DirFS(info.Dir)
			b.SetBytes(size)
			b.ReportAllocs()
			peak := startPeak()
			cpu := testrepo.CPUTime()
			var rows int
			for b.Loop() {
				rows = 0
				for _, f := range files {
					r, err := fsys.Open(f)
					if err != nil {
						b.Fatal(err)
					}
					cr := csv.NewReader(r)
					cr.FieldsPerRecord = -1
					cr.ReuseRecord = true
					for {
						if _, err := cr.Read(); errors.Is(err, io.EOF) {
							break
						} else if err != nil {
							b.Fatal(err)
						}
						rows++
					}
					_ = r.Close()
					rows-- // the header
				}
			}
			floor = b.Elapsed() / time.Duration(b.N)
			floorCPU = (testrepo.CPUTime() - cpu) / time.Duration(b.N)
			report(b, rows, peak)
			b.ReportMetric(floorCPU.Seconds(), "cpu-s/op")
		})
		b.Run(name+"/lpg", func(b *testing.B) {
			setup(b)
			fsys := os.DirFS(info.Dir)
			b.SetBytes(size)
			b.ReportAllocs()
			defer memlimit.Follow(MemoryLimit, true)() // as lpg validate does
			peak := startPeak()
			cpu := testrepo.CPUTime()
			var rows int
			for b.Loop() {
				res, err := Repository(fsys, nil)
				if err != nil {
					b.Fatal(err)
				}
				if res.Diags.HasErrors() {
					b.Fatalf("invalid: %+v", res.Diags.Errors()[0])
				}
				rows = res.Rows
			}
			lpgCPU := (testrepo.CPUTime() - cpu) / time.Duration(b.N)
			report(b, rows, peak)
			b.ReportMetric(lpgCPU.Seconds(), "cpu-s/op")
			if floor > 0 {
				b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(floor), "x-floor")
			}
			if floorCPU > 0 {
				b.ReportMetric(float64(lpgCPU)/float64(floorCPU), "cpu-x-floor")
			}
		})
	}
}

func startPeak() bool {
	return testrepo.ResetPeakRSS()
}

func report(b *testing.B, rows int, peak bool) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if peak {
		b.ReportMetric(float64(testrepo.PeakRSS())/(1<<20), "peak-RSS-MB")
	}
}
