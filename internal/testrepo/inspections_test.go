package testrepo_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lpg/internal/layout"
	"lpg/internal/testrepo"
	"lpg/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the sample's data/inspections and their receipts.csv lines")

// TestSampleInspections: the sample's data/inspections/ is exactly what
// SampleInspections makes of its 排查表 (go test -update rewrites it), and
// each 入户安检量表 was received with its 排查表: receipts.csv lists it with
// the same time, channel and note, on the line after the 排查表's.
func TestSampleInspections(t *testing.T) {
	root := "../.."
	res, err := validate.Repository(os.DirFS(root), []string{layout.HazardsDir})
	if err != nil {
		t.Fatal(err)
	}
	want := testrepo.SampleInspections(res.Data)
	if len(want) != 20 {
		t.Errorf("%d inspection files, want one per 排查表 (20)", len(want))
	}
	if *update {
		os.RemoveAll(filepath.Join(root, layout.InspectionsDir))
		for p, b := range want {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, p), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var have []string
	filepath.WalkDir(filepath.Join(root, layout.InspectionsDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			have = append(have, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(have) != len(want) {
		t.Errorf("data/inspections has %d files, the generator makes %d", len(have), len(want))
	}
	for p, b := range want {
		got, err := os.ReadFile(filepath.Join(root, p))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s differs from the generator (go test ./internal/testrepo -run SampleInspections -update)", p)
		}
	}

	// receipts: the line after each 排查表's line
	rp := filepath.Join(root, layout.ReceiptsFile)
	b, err := os.ReadFile(rp)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range recs {
		if strings.HasPrefix(r[0], layout.InspectionsDir+"/") {
			continue
		}
		out = append(out, r)
		if ip := strings.Replace(r[0], layout.HazardsDir+"/", layout.InspectionsDir+"/", 1); ip != r[0] && want[ip] != nil {
			out = append(out, append([]string{ip}, r[1:]...))
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(out)
	if *update {
		if err := os.WriteFile(rp, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		b = buf.Bytes()
	}
	if !bytes.Equal(b, buf.Bytes()) {
		t.Errorf("%s: the 入户安检量表 lines do not follow their 排查表 lines (go test -update)", rp)
	}
	var listed []string
	for _, r := range out {
		if want[r[0]] != nil {
			listed = append(listed, r[0])
		}
	}
	sort.Strings(listed)
	if len(listed) != len(want) {
		t.Errorf("receipts.csv lists %d inspection files, want %d", len(listed), len(want))
	}
}
