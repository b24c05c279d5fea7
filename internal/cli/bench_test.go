package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"lpg/internal/testrepo"
)

func benchBuild(b *testing.B, root string) {
	c := &Command{Stdout: io.Discard, Stderr: io.Discard}
	out := filepath.Join(b.TempDir(), "site")
	b.ReportAllocs()
	var n int
	for b.Loop() {
		var err error
		n, err = buildSite(c, rootFlag{dir: root}, out, buildOptions{asOf: "2026-11-29T12:00:00+08:00"})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "files")
}

// clockAt is a Command clock stopped at asOf (RFC 3339): a generated
// repository's last submissions (testrepo.Years, up to 2026-12) can lie
// after the wall clock, and validate refuses receipts.csv lines later
// than now (received_at.future), so the benchmarks judge the repository
// at its own as_of, whatever the day they run.
func clockAt(b *testing.B, asOf string) func() time.Time {
	t, err := time.Parse(time.RFC3339, asOf)
	if err != nil {
		b.Fatal(err)
	}
	return func() time.Time { return t }
}

// BenchmarkBuildSample runs `lpg build` (validate + render + atomic write)
// on the sample repository.
func BenchmarkBuildSample(b *testing.B) { benchBuild(b, "../..") }

// BenchmarkBuild50x runs `lpg build` on a 50× larger generated copy.
// BenchmarkBuild10x is the same on a 10× copy.
func BenchmarkBuild10x(b *testing.B) {
	dir := b.TempDir()
	if err := testrepo.Scaled("../..", dir, 10); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, dir)
}

func BenchmarkBuild50x(b *testing.B) {
	dir := b.TempDir()
	if err := testrepo.Scaled("../..", dir, 50); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, dir)
}

// BenchmarkBuildYears runs `lpg build` on generated repositories of one
// and five years (testrepo.Cached, with their git history and an edition
// tag or two per report month), at an as_of just after the last
// submission, three ways in one run: without the editions (noEditions),
// with them, and with them from a warm persistent cache (--cache, filled
// by one build before the measured ones). It reports rows/s, CPU seconds
// per build (user + system, less noisy than wall-clock time on a shared
// machine), allocations and peak-RSS-MB (Linux only). Each build runs under
// the pprof label mode (no-editions, editions, editions-cached, or fill for
// the unmeasured build that fills the cache), so one -cpuprofile splits by
// -tagfocus mode=editions-cached:
//
//	go test ./internal/cli/ -run '^$' -bench BuildYears -benchtime 1x
//	go test ./internal/cli/ -run '^$' -bench 'BuildYears/1y' -benchtime 1x
func BenchmarkBuildYears(b *testing.B) {
	for _, years := range []int{1, 5} {
		for _, mode := range []string{"no-editions", "editions", "editions-cached"} {
			b.Run(map[int]string{1: "1y", 5: "5y"}[years]+"/"+mode, func(b *testing.B) {
				info := testrepo.Cached(b, "../..", years)
				noEditions = mode == "no-editions"
				defer func() { noEditions = false }()
				c := &Command{Stdout: io.Discard, Stderr: io.Discard, Now: clockAt(b, info.AsOf)}
				out := filepath.Join(b.TempDir(), "site")
				bo := buildOptions{asOf: info.AsOf}
				if mode == "editions-cached" {
					bo.cache = filepath.Join(b.TempDir(), "cache")
					pprof.Do(context.Background(), pprof.Labels("mode", "fill"), func(context.Context) {
						if _, err := buildSite(c, rootFlag{dir: info.Dir}, out, bo); err != nil {
							b.Fatal(err)
						}
					})
				}
				b.ReportAllocs()
				defer limitMemory()() // as lpg build does
				peak := testrepo.ResetPeakRSS()
				cpu := testrepo.CPUTime()
				var n int
				pprof.Do(context.Background(), pprof.Labels("mode", mode), func(context.Context) {
					for b.Loop() {
						var err error
						n, err = buildSite(c, rootFlag{dir: info.Dir}, out, bo)
						if err != nil {
							b.Fatal(err)
						}
					}
				})
				b.ReportMetric((testrepo.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
				b.ReportMetric(float64(n), "files")
				if mode != "no-editions" {
					b.ReportMetric(float64(info.Editions), "editions")
				}
				b.ReportMetric(float64(info.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				if peak {
					b.ReportMetric(float64(testrepo.PeakRSS())/(1<<20), "peak-RSS-MB")
				}
			})
		}
	}
}

// BenchmarkServeYears measures `lpg serve` on generated repositories of
// one and five years (a copy of testrepo.Cached, with its git history and
// edition tags): each iteration edits one 排查表 (data/hazards/<last
// month>/E01.csv: the 隐患描述 of its first hazard) and fetches that
// hazard's page every 10 ms until it shows the edit, while two readers
// fetch the dashboard, the last report, the hazard's town page and its
// own page in a loop, 50 ms apart (-notags: the copy without its edition
// tags). It reports edit-visible-s (mean time from the write to the page
// showing it), max-reader-s (the slowest reader request over all the
// edits), start-s (until serve listens: its first generation), cpu-s/op
// (user+system CPU of the process per edit, readers included),
// peak-RSS-MB (Linux only) and load1 (/proc/loadavg at the end);
// -cached: serve --cache with the editions already in the cache, filled
// beforehand by the preparation of a first generation (what a cold serve
// does before it listens; fill-s and fill-cpu-s, not in the other figures):
//
//	go test ./internal/cli/ -run '^$' -bench ServeYears -benchtime 3x
func BenchmarkServeYears(b *testing.B) {
	for _, sub := range []struct {
		name   string
		years  int
		tags   bool
		cached bool // --cache, filled beforehand (not measured)
	}{{"1y", 1, true, false}, {"1y-notags", 1, false, false}, {"1y-cached", 1, true, true},
		{"5y", 5, true, false}, {"5y-notags", 5, false, false}, {"5y-cached", 5, true, true}} {
		b.Run(sub.name, func(b *testing.B) {
			info := testrepo.Cached(b, "../..", sub.years)
			root := b.TempDir()
			if err := os.CopyFS(root, os.DirFS(info.Dir)); err != nil {
				b.Fatal(err)
			}
			if !sub.tags { // no editions
				if err := os.RemoveAll(filepath.Join(root, ".git", "refs", "tags")); err != nil {
					b.Fatal(err)
				}
			}
			file := filepath.Join(root, "data", "hazards", info.Last.String(), "E01.csv")
			recs := readCSV(b, file)
			id, town := recs[1][0], ""
			for _, t := range readCSV(b, filepath.Join(root, "data", "reference", "towns.csv"))[1:] {
				if t[1] == recs[1][1] {
					town = t[0]
				}
			}
			args := []string{"--root", root, "--addr", "127.0.0.1:0", "--as-of", info.AsOf}
			var fill, fillCPU time.Duration
			if sub.cached { // what a first lpg serve --cache (or lpg build --cache) leaves
				cache := filepath.Join(b.TempDir(), "cache")
				c := &Command{Stdout: io.Discard, Stderr: io.Discard, Now: clockAt(b, info.AsOf)}
				t, cpu := time.Now(), testrepo.CPUTime()
				if _, err := buildSite(c, rootFlag{dir: root}, "", buildOptions{asOf: info.AsOf, keep: &keep{}, cache: cache}); err != nil {
					b.Fatal(err)
				}
				fill, fillCPU = time.Since(t), testrepo.CPUTime()-cpu
				args = append(args, "--cache", cache)
			}
			errb := &syncBuffer{}
			c := &Command{Stdout: io.Discard, Stderr: errb, Now: clockAt(b, info.AsOf)}
			peak := testrepo.ResetPeakRSS()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			t0 := time.Now()
			go func() {
				done <- (&serveCmd{c: c}).Run(ctx, args)
			}()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					b.Error(err)
				}
			}()
			re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
			var base string
			for base == "" {
				if m := re.FindStringSubmatch(errb.String()); m != nil {
					base = "http://" + m[1] + "/"
				}
				time.Sleep(10 * time.Millisecond)
			}
			start := time.Since(t0)
			page := base + "towns/" + town + "/" + id + ".html"
			if !strings.Contains(get(page), id) {
				b.Fatalf("%s does not show %s", page, id)
			}
			pages := []string{base, base + "reports/" + info.Last.Add(1).String() + "/index.html", base + "towns/" + town + "/index.html", page}
			var (
				mu        sync.Mutex
				maxReader time.Duration
				stop      = make(chan struct{})
				readers   sync.WaitGroup
			)
			for r := 0; r < 2; r++ {
				readers.Add(1)
				go func() {
					defer readers.Done()
					for i := r; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						t := time.Now()
						if len(get(pages[i%len(pages)])) == 0 {
							b.Errorf("%s: empty answer", pages[i%len(pages)])
						}
						d := time.Since(t)
						mu.Lock()
						maxReader = max(maxReader, d)
						mu.Unlock()
						time.Sleep(readerPause)
					}
				}()
			}
			cpu0 := testrepo.CPUTime()
			var visible time.Duration
			n := 0
			for b.Loop() {
				n++
				mark := fmt.Sprintf("基准编辑第%d次", n)
				recs[1][10] = mark
				writeCSV(b, file, recs)
				t := time.Now()
				for !strings.Contains(get(page), mark) {
					time.Sleep(10 * time.Millisecond)
				}
				visible += time.Since(t)
			}
			close(stop)
			readers.Wait()
			b.ReportMetric(visible.Seconds()/float64(n), "edit-visible-s")
			b.ReportMetric(maxReader.Seconds(), "max-reader-s")
			b.ReportMetric(start.Seconds(), "start-s")
			if sub.cached {
				b.ReportMetric(fill.Seconds(), "fill-s")
				b.ReportMetric(fillCPU.Seconds(), "fill-cpu-s")
			}
			b.ReportMetric((testrepo.CPUTime()-cpu0).Seconds()/float64(n), "cpu-s/op")
			if peak {
				b.ReportMetric(float64(testrepo.PeakRSS())/(1<<20), "peak-RSS-MB")
			}
			if la, err := os.ReadFile("/proc/loadavg"); err == nil {
				var l float64
				if _, err := fmt.Sscan(string(la), &l); err == nil {
					b.ReportMetric(l, "load1")
				}
			}
		})
	}
}

// readerPause is how long a reader of BenchmarkServeYears waits between
// two requests: a person previewing, not a load test (two readers
// fetching without pause would take the CPU the rebuild needs).
const readerPause = 50 * time.Millisecond

func readCSV(tb testing.TB, p string) [][]string {
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

func writeCSV(tb testing.TB, p string, recs [][]string) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(recs); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}
