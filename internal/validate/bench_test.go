package validate

import (
	"io/fs"
	"os"
	"testing"

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
