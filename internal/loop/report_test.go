package loop

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lpg/internal/validate"
)

// TestReportMatchesOracle compares every report.json (lpg-report/2) with
// the output of an independent Python implementation of DESIGN.md
// (testdata/oracle2/report_oracle.py, which lists how it resolves each
// ambiguity), on the sample data at two instants (before and after the
// 2026-11 cut-off) and on a generated data set that spans a year change and
// exercises every report/2 rule (testdata/oracle2/gen, made by gen_data.py;
// its README says which rule shows where). Receipt times come from
// receipts.csv alone, as in the oracle.
func TestReportMatchesOracle(t *testing.T) {
	tests := []struct {
		root, want, asOf string
		months           int
	}{
		{"../..", "testdata/oracle2/sample-2026-11-29", "2026-11-29T12:00:00+08:00", 6},
		{"../..", "testdata/oracle2/sample-2026-12-02", "2026-12-02T12:00:00+08:00", 7},
		{"testdata/oracle2/gen", "testdata/oracle2/gen/want", "2026-03-10T00:00:00+08:00", 4},
	}
	for _, tt := range tests {
		res, err := validate.Repository(os.DirFS(tt.root), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Diags.HasErrors() {
			t.Fatalf("%s: data invalid: %+v", tt.root, res.Diags.Errors()[0])
		}
		asOf, _ := time.Parse(time.RFC3339, tt.asOf)
		rec := ReceiptMap(res.Data.Receipts)
		months := ReportMonths(Known(res.Data, rec, asOf), asOf)
		if len(months) != tt.months {
			t.Errorf("%s: %d report months, want %d", tt.root, len(months), tt.months)
		}
		for _, m := range months {
			rep := MonthlyReport(res.Data, rec, m, asOf, "")
			got := roundTrip(t, rep)
			b, err := os.ReadFile(filepath.Join(tt.want, m.String()+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"format", "period", "as_of", "edition", "commit", "new_hazards", "rectification", "open", "incomplete", "submissions"} {
				if !reflect.DeepEqual(got[k], want[k]) {
					gb, _ := json.MarshalIndent(got[k], "", " ")
					wb, _ := json.MarshalIndent(want[k], "", " ")
					t.Errorf("%s %s: %s differs\n got: %s\nwant: %s", tt.root, m, k, gb, wb)
				}
			}
			// every key of the oracle, plus the issue 13 extension keys, nothing else
			ext := extensionKeys()
			for k := range got {
				if _, ok := want[k]; !ok && !ext[k] {
					t.Errorf("%s %s: key %q is neither the oracle's nor an extension", tt.root, m, k)
				}
			}
			if len(got) != len(want)+len(ext) {
				t.Errorf("%s %s: %d top-level keys, oracle has %d and there are %d extension keys", tt.root, m, len(got), len(want), len(ext))
			}
		}
	}
}

// extensionKeys are the json names of the fields of Extensions: the keys
// issue 13 adds to report.json, which the oracle does not compute.
func extensionKeys() map[string]bool {
	out := map[string]bool{}
	ty := reflect.TypeOf(Extensions{})
	for i := 0; i < ty.NumField(); i++ {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		out[name] = true
	}
	return out
}

func roundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
