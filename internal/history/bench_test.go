package history

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"lpg/internal/testrepo"
)

// BenchmarkScan measures receipt times on a history of 3,000 commits that
// adds 1,000 data files (20 enterprises × 50 months) and then revises them,
// one file per commit. Goal (issue 5): under 0.5 s per scan. The packed
// variant is the repository as a clone has it; loose is as go-git writes it.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2022, 1, 1, 9, 0, 0, 0, sh)
	path := func(i int) string {
		m := time.Date(2022, time.Month(1+i/20), 1, 0, 0, 0, 0, sh)
		return fmt.Sprintf("data/hazards/%s/E%02d.csv", m.Format("2006-01"), i%20)
	}
	for c := 0; c < 3000; c++ {
		i := c % 1000
		content := []byte(fmt.Sprintf("隐患编号,街镇\nE%02d-%04d,%d\n", i%20, i, c))
		if _, err := g.Commit("c", "e", start.Add(time.Duration(c)*time.Hour), map[string][]byte{path(i): content}); err != nil {
			b.Fatal(err)
		}
	}
	scan := func(b *testing.B) {
		for k := 0; k < b.N; k++ {
			r, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			c, err := r.HeadCommit()
			if err != nil {
				b.Fatal(err)
			}
			ix, err := r.Scan(c.Hash)
			if err != nil {
				b.Fatal(err)
			}
			if n := len(ix.Paths()); n != 1000 {
				b.Fatalf("%d paths", n)
			}
			r.Close()
		}
	}
	b.Run("loose", scan)
	if err := g.Repo.RepackObjects(&git.RepackConfig{}); err != nil {
		b.Fatal(err)
	}
	b.Run("packed", scan)
}
