package render

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
)

// TestEditionTrendParts (issue 14): an edition computes of the months
// before its own only the parts trendParts says; its files and its side
// are byte for byte those of the same edition with every report of its
// trendMonths months in full, and those with the parts left out filled
// with another month's (the last report's and the first's): nothing an
// edition renders reads a part it does not compute. Editions of the sample
// for three months (one published after its month ended), public and
// internal.
func TestEditionTrendParts(t *testing.T) {
	d := loadSample(t)
	tests := []struct {
		month calendar.Month
		asOf  time.Time
	}{
		{calendar.Month{Year: 2026, Month: 11}, sampleAsOf},
		{calendar.Month{Year: 2026, Month: 11}, time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai)},
		{calendar.Month{Year: 2026, Month: 9}, time.Date(2026, 10, 1, 10, 0, 0, 0, calendar.Shanghai)},
	}
	for _, tt := range tests {
		for _, internal := range []bool{false, true} {
			opt := sampleOptions(d, internal)
			opt.AsOf = tt.asOf
			r := tt.month
			want, wantSide, err := editionReport(d, opt, r, "v1", nil)
			if err != nil {
				t.Fatal(err)
			}
			lite := 0 // trend reports without some part
			window := func(s *site, fn func(k int, p loop.Parts)) {
				for k, m := range s.months {
					if trendWindow(m, r) {
						fn(k, trendParts(m, r))
					}
				}
			}
			full := func(s *site) {
				window(s, func(k int, p loop.Parts) {
					f := s.tl.Report(opt.Receipts, s.months[k], opt.AsOf, opt.Commit)
					if !reflect.DeepEqual(f, s.reports[k]) {
						lite++
					}
					if !reflect.DeepEqual(f.Only(p), s.reports[k]) {
						t.Errorf("%s at %s: report %s is not the full report without the parts %04b", r, tt.asOf, s.months[k], p)
					}
					s.reports[k] = f
				})
			}
			fill := func(other func(s *site) int) func(s *site) {
				return func(s *site) {
					x := s.tl.Report(opt.Receipts, s.months[other(s)], opt.AsOf, opt.Commit)
					window(s, func(k int, p loop.Parts) { s.reports[k] = s.reports[k].Fill(p, x) })
				}
			}
			last := func(s *site) int { return slices.Index(s.months, r) }
			first := func(*site) int { return 0 }
			for name, adjust := range map[string]func(*site){"full": full, "filled with the last": fill(last), "filled with the first": fill(first)} {
				got, side, err := editionReport(d, opt, r, "v1", adjust)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("%s at %s (internal %v), %s: %d files, want %d", r, tt.asOf, internal, name, len(got), len(want))
				}
				for p, b := range want {
					if !bytes.Equal(got[p], b) {
						t.Errorf("%s at %s (internal %v), %s: %s differs", r, tt.asOf, internal, name, p)
					}
				}
				if !reflect.DeepEqual(side, wantSide) {
					t.Errorf("%s at %s (internal %v), %s: the side differs", r, tt.asOf, internal, name)
				}
			}
			if lite < 2 {
				t.Errorf("%s at %s: %d reports computed without some part, want the months before %s", r, tt.asOf, lite, r)
			}
		}
	}
}

// TestTrendWindow: an edition computes the 12 months of its trend and the
// month before them (the first point's CohortNoData reads it), no other.
func TestTrendWindow(t *testing.T) {
	only := calendar.Month{Year: 2026, Month: 11}
	for _, c := range []struct {
		r    calendar.Month
		want bool
	}{
		{only.Add(1), false}, {only, true}, {only.Add(-1), true}, {only.Add(-11), true},
		{calendar.Month{Year: 2025, Month: 11}, true}, {only.Add(-13), false},
	} {
		if got := trendWindow(c.r, only); got != c.want {
			t.Errorf("trendWindow(%s, %s) = %v, want %v", c.r, only, got, c.want)
		}
	}
	// loop.Trend reads one report more than it shows: the window must
	// hold it
	reps := make([]loop.Report, 14)
	for k := range reps {
		reps[k].Period = only.Add(k - 13).String()
	}
	if pts := loop.Trend(reps, "", trendMonths); len(pts) != trendMonths || pts[0].Period != only.Add(1-trendMonths).String() {
		t.Fatalf("loop.Trend shows %d points from %s", len(pts), pts[0].Period)
	}
}
