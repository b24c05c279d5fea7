package validate

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lpg/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMessyGolden pins the exact text a clerk sees for every messy sample:
// testdata/messy/<case>.out holds `lpg validate` text output for the case.
func TestMessyGolden(t *testing.T) {
	b, _ := os.ReadFile("testdata/messy/cases.json")
	var cases []messyCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Case, func(t *testing.T) {
			root := copyData(t)
			if strings.HasPrefix(c.Target, "data/hazards/") {
				os.RemoveAll(filepath.Join(root, "data/rectifications", strings.Split(c.Target, "/")[2]))
			}
			src, _ := os.ReadFile("testdata/messy/" + c.Case + ".csv")
			if err := os.WriteFile(filepath.Join(root, c.Target), src, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Repository(os.DirFS(root), []string{c.Target})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := diag.WriteText(&out, diag.NewSummary(res.Files, res.Rows, &res.Diags)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/messy", c.Case+".out")
			if *update {
				if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if out.String() != string(want) {
				t.Errorf("output differs from %s:\n--- got\n%s--- want\n%s", golden, out.String(), want)
			}
		})
	}
}
