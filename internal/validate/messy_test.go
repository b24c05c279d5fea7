package validate

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"lpg/internal/diag"
)

// dataFS returns the repository's data/ as an in-memory repository: a new
// map each call, whose files (read from disk once per test binary) are
// shared and must be replaced, not modified in place. The rule tables
// validate it with a file written, replaced or removed, as they did a
// copy of data/ on disk (copyData), without copying and re-reading some
// 190 files per case: that was a third of the package's CPU.
func dataFS(t *testing.T) fstest.MapFS {
	t.Helper()
	dataOnce.Do(func() {
		dataFiles = fstest.MapFS{}
		dataErr = fs.WalkDir(os.DirFS("../.."), "data", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if !d.Type().IsRegular() {
				return fmt.Errorf("%s: not a regular file", p)
			}
			b, err := os.ReadFile(filepath.Join("../..", p))
			dataFiles[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
	})
	if dataErr != nil {
		t.Fatal(dataErr)
	}
	return maps.Clone(dataFiles)
}

var (
	dataOnce  sync.Once
	dataFiles fstest.MapFS
	dataErr   error
)

// removeAll removes every file below folder dir of fsys.
func removeAll(fsys fstest.MapFS, dir string) {
	for p := range fsys {
		if strings.HasPrefix(p, dir+"/") {
			delete(fsys, p)
		}
	}
}

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
			fsys := dataFS(t)
			if strings.HasPrefix(c.Target, "data/hazards/") {
				month := strings.Split(c.Target, "/")[2]
				removeAll(fsys, "data/rectifications/"+month)
			}
			src, err := os.ReadFile(filepath.Join("testdata/messy", c.Case+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			fsys[c.Target] = &fstest.MapFile{Data: src, Mode: 0o644}
			res, err := Repository(fsys, []string{c.Target})
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
