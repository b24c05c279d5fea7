package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// TestTownDue: README "设计卡未规定之处的决定", 街镇期限 — the town's deadline
// for a hazard of 2026-10 is the end of 2026-12 (DESIGN.md "Time"), or the
// end of the month after the month its 排查表 row was received when that is
// later; the 派发 deadline moves with it (end of the month of receipt).
func TestTownDue(t *testing.T) {
	tests := []struct {
		name, received, town, dist string
		late                       bool
	}{
		{"receipt unknown", "", "2026-12-31T23:59:59+08:00", "2026-11-30T23:59:59+08:00", false},
		{"on time (11-20)", "2026-11-20T10:00:00+08:00", "2026-12-31T23:59:59+08:00", "2026-11-30T23:59:59+08:00", false},
		{"late but in M+1 (11-30 23:00)", "2026-11-30T23:00:00+08:00", "2026-12-31T23:59:59+08:00", "2026-11-30T23:59:59+08:00", false},
		{"12-01 00:00 Shanghai, given in UTC", "2026-11-30T16:00:00Z", "2027-01-31T23:59:59+08:00", "2026-12-31T23:59:59+08:00", true},
		{"2027-01-05 (the review's repro)", "2027-01-05T10:00:00+08:00", "2027-02-28T23:59:59+08:00", "2027-01-31T23:59:59+08:00", true},
	}
	for _, tt := range tests {
		h := &model.Hazard{ID: "E03-202610-0004", Month: calendar.Month{Year: 2026, Month: 10}}
		var received time.Time
		if tt.received != "" {
			received = at(tt.received)
		}
		got := []any{calendar.FormatTime(TownDue(h, received)), calendar.FormatTime(DistributionDue(h, received)), TownDueLate(h, received)}
		want := []any{tt.town, tt.dist, tt.late}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: town due, distribution due, late = %v; want %v", tt.name, got, want)
		}
	}
}

// TestLateHazardFileTownDeadline (review, item 1): E01's 2026-10 排查表 is
// received 2027-01-05. Report 2027-01 built at 2027-01-06 10:00: its
// hazards are past their household deadline and had no town row, yet the
// town's deadline for them is 2027-02-28, so they are 待报送, not 街镇逾期未办结
// (the 汇总表 of 2026-10 was due 2026-12-31, before the town had them).
// E02's on-time 2026-10 rows in the same town are 街镇逾期未办结 as before. A
// row a later version added (RowMap, 逾期补报) takes that version's receipt.
func TestLateHazardFileTownDeadline(t *testing.T) {
	oct := calendar.Month{Year: 2026, Month: 10}
	d, rec := coverageFixture()
	for _, h := range d.Hazards {
		h.OnsiteAction, h.DueDate = "书面告知限期整改", h.InspectionDate.AddDays(15)
	}
	rec[layout.HazardPath(oct, "E01")] = at("2027-01-05T10:00:00+08:00")
	asOf := at("2027-01-06T10:00:00+08:00")
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2027, Month: 1}, asOf, "")
	// open: E01-202609-0001 (on time: unknown receipt) and E02's two are the
	// towns' fault; E01's five 2026-10 rows are not.
	if got := []int{rep.Open.Total, rep.Open.Overdue, rep.Open.TownOverdue}; !reflect.DeepEqual(got, []int{8, 8, 3}) {
		t.Errorf("open, overdue, town_overdue = %v; want [8 8 3] (was [8 8 8] before the town deadline moved)", got)
	}
	tl := NewTimeline(Known(d, rec, asOf), rec)
	ai := At(AsOfFor(calendar.Month{Year: 2027, Month: 1}, asOf))
	for i, h := range tl.Data().Hazards {
		st, ev := tl.State(i, ai), Evaluate(h, nil, tl.Received(h), ai.T)
		wantClass := Unreported
		if h.Enterprise == "E01" && h.Month == oct {
			wantClass = NotYetDue
		}
		if st.Class != wantClass || st.TownOverdue != (wantClass == Unreported) || !reflect.DeepEqual(st, ev) {
			t.Errorf("%s: timeline %+v, Evaluate %+v; want class %s", h.ID, st, ev, wantClass)
		}
	}

	// 逾期补报: E02-202610-0002 was added by a later version received
	// 2026-12-10; E02-202610-0001 came with the file (on time).
	d, rec2 := coverageFixture()
	for _, h := range d.Hazards {
		h.OnsiteAction, h.DueDate = "书面告知限期整改", h.InspectionDate.AddDays(15)
	}
	rows := RowMap{layout.HazardPath(oct, "E02"): {"E02-202610-0002": at("2026-12-10T09:00:00+08:00")}}
	tl = NewTimeline(Known(d, Chain{rec2, rows}, at("2027-01-06T10:00:00+08:00")), Chain{rec2, rows})
	for _, h := range tl.Data().Hazards {
		want := "2026-12-31T23:59:59+08:00"
		if h.ID == "E02-202610-0002" {
			want = "2027-01-31T23:59:59+08:00"
		} else if h.Month != oct {
			want = "2026-11-30T23:59:59+08:00"
		}
		if got := calendar.FormatTime(TownDue(h, tl.Received(h))); got != want {
			t.Errorf("%s (received %s): town due %s, want %s", h.ID, tl.Received(h).Format(time.RFC3339), got, want)
		}
	}
}

// TestKnownWritesNothing: Known and NewTimeline leave the model as it is
// (the rows' receipt times live in the Timeline, issue 10): the same
// dataset read with two receipt sets, as a build's live site and an
// edition do, gives each its own town deadlines.
func TestKnownWritesNothing(t *testing.T) {
	oct := calendar.Month{Year: 2026, Month: 10}
	d, rec := coverageFixture()
	before := make([]model.Hazard, len(d.Hazards))
	for i, h := range d.Hazards {
		before[i] = *h
	}
	late := ReceiptMap{}
	for p, at := range rec {
		late[p] = at
	}
	late[layout.HazardPath(oct, "E01")] = at("2027-01-05T10:00:00+08:00")
	asOf := at("2027-01-06T10:00:00+08:00")
	onTime, isLate := NewTimeline(Known(d, rec, asOf), rec), NewTimeline(Known(d, late, asOf), late)
	for i, h := range d.Hazards {
		if *h != before[i] {
			t.Fatalf("%s changed: %+v, was %+v", h.ID, *h, before[i])
		}
	}
	for _, h := range d.Hazards {
		if h.Enterprise != "E01" || h.Month != oct {
			continue
		}
		got := []string{calendar.FormatTime(TownDue(h, onTime.Received(h))), calendar.FormatTime(TownDue(h, isLate.Received(h)))}
		if want := []string{"2026-12-31T23:59:59+08:00", "2027-02-28T23:59:59+08:00"}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: town due %v, want %v", h.ID, got, want)
		}
	}
}
