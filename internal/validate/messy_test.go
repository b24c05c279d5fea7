package validate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lpg/internal/diag"
)

// copyData copies the repository's data/ into a temporary repository and
// returns its root.
func copyData(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "data"), os.DirFS("../../data")); err != nil {
		t.Fatal(err)
	}
	return root
}

type messyCase struct {
	Case    string `json:"case"`
	Target  string `json:"target"`
	Verdict string `json:"verdict"`
	Errors  []struct {
		Line   int    `json:"line"`
		Column string `json:"column"`
	} `json:"errors"`
	Rows *int `json:"rows"`
}

// TestMessySamples runs every case of testdata/messy (a copy of
// shared/samples/messy) the way shared/tools/messy-check does: the verdict,
// the rows read and the required errors of cases.json, and the exact text a
// clerk sees, pinned in testdata/messy/<case>.out (go test -update).
func TestMessySamples(t *testing.T) {
	b, err := os.ReadFile("testdata/messy/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []messyCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Case, func(t *testing.T) {
			root := copyData(t)
			if strings.HasPrefix(c.Target, "data/hazards/") {
				month := strings.Split(c.Target, "/")[2]
				os.RemoveAll(filepath.Join(root, "data", "rectifications", month))
			}
			src, err := os.ReadFile(filepath.Join("testdata/messy", c.Case+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, c.Target), src, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Repository(os.DirFS(root), []string{c.Target})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata/messy", c.Case+".out"), res)
			errs := res.Diags.Errors()
			if c.Verdict == "accept" {
				if len(errs) > 0 {
					t.Fatalf("want accept, got %d errors, first: %+v", len(errs), errs[0])
				}
				if c.Rows != nil && res.Rows != *c.Rows {
					t.Errorf("rows = %d, want %d", res.Rows, *c.Rows)
				}
				return
			}
			for _, want := range c.Errors {
				found := false
				for _, e := range errs {
					if e.Line == want.Line && (want.Column == "" || e.Column == want.Column) {
						found = true
						if e.Message == "" || e.Hint == "" || e.File != c.Target {
							t.Errorf("diagnostic lacks message, hint or file: %+v", e)
						}
					}
				}
				if !found {
					t.Errorf("missing error at line %d column %q; got %s", want.Line, want.Column, brief(errs))
				}
			}
		})
	}
}

func brief(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "[%d %s %s: %s] ", d.Line, d.Column, d.Code, d.Message)
	}
	return b.String()
}
