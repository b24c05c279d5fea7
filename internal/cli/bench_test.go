package cli

import (
	"io"
	"path/filepath"
	"testing"

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
// submission: once without the editions (noEditions) and once with them,
// so their cost shows in one run. It reports rows/s, CPU seconds per build
// (user + system, less noisy than wall-clock time on a shared machine),
// allocations and peak-RSS-MB (Linux only):
//
//	go test ./internal/cli/ -run '^$' -bench BuildYears -benchtime 1x
func BenchmarkBuildYears(b *testing.B) {
	for _, years := range []int{1, 5} {
		for _, eds := range []bool{false, true} {
			name := map[int]string{1: "1y", 5: "5y"}[years] + map[bool]string{false: "/no-editions", true: "/editions"}[eds]
			b.Run(name, func(b *testing.B) {
				info := testrepo.Cached(b, "../..", years)
				noEditions = !eds
				defer func() { noEditions = false }()
				c := &Command{Stdout: io.Discard, Stderr: io.Discard}
				out := filepath.Join(b.TempDir(), "site")
				b.ReportAllocs()
				peak := testrepo.ResetPeakRSS()
				cpu := testrepo.CPUTime()
				var n int
				for b.Loop() {
					var err error
					n, err = buildSite(c, rootFlag{dir: info.Dir}, out, buildOptions{asOf: info.AsOf})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric((testrepo.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
				b.ReportMetric(float64(n), "files")
				if eds {
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
