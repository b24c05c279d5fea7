package history

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"lpg/internal/testrepo"
)

func TestTmpGen(t *testing.T) {
	dir := os.Getenv("GEN_DIR")
	if dir == "" {
		t.Skip()
	}
	if _, err := os.Stat(dir + "/.git"); err != nil {
		g, _ := testrepo.NewBuilder(dir)
		start := time.Date(2022, 1, 1, 9, 0, 0, 0, sh)
		path := func(i int) string {
			m := time.Date(2022, time.Month(1+i/20), 1, 0, 0, 0, 0, sh)
			return fmt.Sprintf("data/hazards/%s/E%02d.csv", m.Format("2006-01"), i%20)
		}
		for c := 0; c < 3000; c++ {
			i := c % 1000
			content := []byte(fmt.Sprintf("隐患编号,街镇\nE%02d-%04d,%d\n", i%20, i, c))
			g.Commit("c", "e", start.Add(time.Duration(c)*time.Hour), map[string][]byte{path(i): content})
		}
		if os.Getenv("PACK") != "" {
			g.Repo.RepackObjects(&git.RepackConfig{})
		}
	}
	for k := 0; k < 5; k++ {
		var ru0, ru1 syscall.Rusage
		syscall.Getrusage(0, &ru0)
		t0 := time.Now()
		r, _ := Open(dir)
		c, _ := r.HeadCommit()
		ix, err := r.Scan(c.Hash)
		if err != nil {
			t.Fatal(err)
		}
		syscall.Getrusage(0, &ru1)
		cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
		t.Logf("wall %v cpu %v %d", time.Since(t0), cpu, len(ix.Paths()))
		r.Close()
	}
}
