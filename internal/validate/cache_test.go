package validate

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"lpg/internal/form"
)

// TestCacheRepeated validates the sample repository through one Cache,
// then twice more after every other submission file changed (a blank
// line added at the end: new blobs, the same diagnostics), as lpg build
// does for editions that share most files: each run gives the
// diagnostics, hazards and rectifications of a run without a cache. The
// arrays of released sheets are reused (freeArrays), so a sheet taken
// from the cache must never hand back arrays another sheet uses.
func TestCacheRepeated(t *testing.T) {
	mem := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../.."), "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("../../" + p)
		mem[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	for round := range 3 {
		if round > 0 {
			i := 0
			for p, f := range mem {
				if strings.HasPrefix(p, "data/hazards/") || strings.HasPrefix(p, "data/rectifications/") {
					if i++; i%2 == round%2 {
						f.Data = append(f.Data, '\n')
					}
				}
			}
		}
		want, err := Run(mem, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Run(mem, Options{Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if resultJSON(t, got) != resultJSON(t, want) {
			t.Fatalf("round %d through the cache differs from a run without it", round+1)
		}
	}
}

func resultJSON(t *testing.T, r *Result) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Diags   any
		Hazards any
		Rects   any
		Files   any
	}{r.Diags.Items(), r.Data.Hazards, r.Data.Rects, r.Data.Files})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCloneOwnsArrays: a clone (what the cache keeps and hands out) has
// arrays of its own for release to give back, never those of the sheet
// it was made from, which its own release gives back (and freeArrays
// hands to the next file).
func TestCloneOwnsArrays(t *testing.T) {
	var free freeArrays
	const file = "data/hazards/2026-05/E01.csv"
	b, err := os.ReadFile("../../" + file)
	if err != nil {
		t.Fatal(err)
	}
	s := readSheet(file, b, form.Get(form.Hazards), &free)
	if len(s.rowArr) == 0 || len(s.valArr) == 0 {
		t.Fatalf("readSheet kept no arrays: %d rows, %d values", len(s.rowArr), len(s.valArr))
	}
	c := s.clone()
	if &c.rowArr[0] == &s.rowArr[0] || &c.valArr[0] == &s.valArr[0] {
		t.Fatal("the clone hands back the arrays of the sheet it was made from")
	}
	if &c.rowArr[0] != c.rows[0] || &c.valArr[0] != &c.rows[0].vals[0] {
		t.Fatal("the clone's arrays are not those of its rows")
	}
}
