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
