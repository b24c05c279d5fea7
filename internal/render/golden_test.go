package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGoldenTownPage compares the internal town page of the tiny dataset
// with testdata/town-310118102.golden.html (go test -update to rewrite it
// after a deliberate template change).
func TestGoldenTownPage(t *testing.T) {
	files, err := Site(tinyDataset(), Options{Internal: true, AsOf: tinyAsOf, Commit: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	got := files["towns/310118102/index.html"]
	golden := filepath.Join("testdata", "town-310118102.golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("town page differs from %s (run go test -update after a deliberate change):\n%s", golden, got)
	}
}
