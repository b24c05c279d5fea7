package loop

import (
	"os"
	"reflect"
	"testing"
	"time"

	"lpg/internal/validate"
)

// TestReportParts (issue 14): a report computed with only some parts is
// the full report without the others (Report.Only), field for field, for
// every combination of parts, every report month of the sample (at two
// as_of, one inside the last month) and of the generated report/2 data;
// and on the last month of each every part holds something, so that
// leaving it out is seen.
func TestReportParts(t *testing.T) {
	tests := []struct{ root, asOf string }{
		{"../..", "2026-11-29T12:00:00+08:00"},
		{"../..", "2026-12-02T12:00:00+08:00"},
		{"testdata/oracle2/gen", "2026-03-10T00:00:00+08:00"},
	}
	parts := map[Parts]string{PartBreakdowns: "breakdowns", PartRepeats: "repeats", PartDepartments: "departments", PartScorecard: "scorecard"}
	for _, tt := range tests {
		res, err := validate.Repository(os.DirFS(tt.root), nil)
		if err != nil {
			t.Fatal(err)
		}
		asOf, _ := time.Parse(time.RFC3339, tt.asOf)
		rec := ReceiptMap(res.Data.Receipts)
		d := Known(res.Data, rec, asOf)
		tl := NewTimeline(d, rec)
		months := ReportMonths(d, asOf)
		if len(months) < 4 {
			t.Fatalf("%s: %d report months", tt.root, len(months))
		}
		for _, m := range months {
			full := tl.Report(rec, m, asOf, "c0ffee")
			for p := Parts(0); p <= AllParts; p++ {
				if got, want := tl.ReportParts(rec, m, asOf, "c0ffee", p), full.Only(p); !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s at %s, parts %04b: ReportParts is not Report.Only in %v", tt.root, m, tt.asOf, p, fieldsDiffering(got, want))
				}
			}
			if got := full.Only(AllParts); !reflect.DeepEqual(got, full) {
				t.Errorf("%s %s: Only(AllParts) changed the report", tt.root, m)
			}
		}
		if tt.root != "../.." {
			continue
		}
		last := tl.Report(rec, months[len(months)-1], asOf, "")
		for p, name := range parts {
			if reflect.DeepEqual(last.Only(AllParts&^p), last) {
				t.Errorf("%s %s: the %s part is empty: leaving it out is not seen", tt.root, last.Period, name)
			}
		}
	}
}

// TestReportFill: Fill takes exactly the parts not asked for from the
// other report.
func TestReportFill(t *testing.T) {
	res, err := validate.Repository(os.DirFS("../.."), nil)
	if err != nil {
		t.Fatal(err)
	}
	asOf, _ := time.Parse(time.RFC3339, "2026-11-29T12:00:00+08:00")
	rec := ReceiptMap(res.Data.Receipts)
	d := Known(res.Data, rec, asOf)
	tl := NewTimeline(d, rec)
	months := ReportMonths(d, asOf)
	a, b := tl.Report(rec, months[len(months)-1], asOf, ""), tl.Report(rec, months[1], asOf, "")
	for p := Parts(0); p <= AllParts; p++ {
		got := a.Only(p).Fill(p, b)
		// the fields every report has and the parts p are a's, the other
		// parts b's (Report{}.Fill(p, x): x's parts not in p, nothing else)
		if !reflect.DeepEqual(got.Only(p), a.Only(p)) {
			t.Errorf("parts %04b: the parts asked for are not a's", p)
		}
		if !reflect.DeepEqual(Report{}.Fill(p, got), Report{}.Fill(p, b)) {
			t.Errorf("parts %04b: the other parts are not b's", p)
		}
		if p != AllParts && reflect.DeepEqual(Report{}.Fill(p, got), Report{}.Fill(p, a)) {
			t.Errorf("parts %04b: the other parts are a's too: the test shows nothing", p)
		}
	}
}

// fieldsDiffering names the fields of Report, and of the structs it
// holds, in which a and b differ (Extensions' fields by their own name).
func fieldsDiffering(a, b Report) []string {
	var out []string
	var walk func(prefix string, x, y reflect.Value)
	walk = func(prefix string, x, y reflect.Value) {
		for i := 0; i < x.NumField(); i++ {
			f := x.Type().Field(i)
			name := prefix + f.Name
			if f.Anonymous {
				name = prefix
			}
			if reflect.DeepEqual(x.Field(i).Interface(), y.Field(i).Interface()) {
				continue
			}
			if f.Type.Kind() == reflect.Struct {
				if !f.Anonymous {
					name += "."
				}
				walk(name, x.Field(i), y.Field(i))
				continue
			}
			out = append(out, name)
		}
	}
	walk("", reflect.ValueOf(a), reflect.ValueOf(b))
	return out
}
