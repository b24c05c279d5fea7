package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
	"lpg/internal/reference"
)

func date(y, m, d int) calendar.Date { return calendar.NewDate(y, time.Month(m), d) }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestStatusAtTime: DESIGN.md "Status model" (report/2) — status at t,
// 用户逾期未整改 vs 街镇逾期未办结, pending vs unreported.
func TestStatusAtTime(t *testing.T) {
	sep := calendar.Month{Year: 2026, Month: 9}
	// a 2026-09 hazard, household deadline 2026-09-20; the town's 汇总表
	// for 2026-09 is due 2026-11-30 23:59:59.
	h := &model.Hazard{ID: "E01-202609-0001", Month: sep, InspectionDate: date(2026, 9, 10),
		DueDate: date(2026, 9, 20), OnsiteAction: "书面告知限期整改"}
	onsite := &model.Hazard{ID: "E01-202609-0002", Month: sep, InspectionDate: date(2026, 9, 30),
		DueDate: date(2026, 9, 30), OnsiteAction: "当场整改"}
	row := func(status string, d calendar.Date, joint bool) *model.Rectification {
		return &model.Rectification{Status: status, RectifiedDate: d, Joint: joint}
	}
	tests := []struct {
		name      string
		h         *model.Hazard
		r         *model.Rectification
		t         string
		class     Class
		overdue   bool
		townOver  bool
		escalated bool
		daysLate  int
		townDays  int
	}{
		{"no row, household deadline not passed", h, nil, "2026-09-20T23:59:59+08:00", NotYetDue, false, false, false, 0, 0},
		{"no row, one second after the household deadline: 用户逾期 only", h, nil, "2026-09-21T00:00:00+08:00", NotYetDue, true, false, false, 1, 0},
		{"no row, exactly at the town's deadline: unreported, not yet 街镇逾期", h, nil, "2026-11-30T23:59:59+08:00", Unreported, true, false, false, 71, 0},
		{"no row, after the town's deadline: both kinds", h, nil, "2026-12-01T00:00:00+08:00", Unreported, true, true, false, 72, 1},
		{"closed on 11-05, seen at 11-04: 整改中 then", h, row("已整改", date(2026, 11, 5), false), "2026-11-04T23:59:59+08:00", InProgress, true, false, false, 45, 0},
		{"closed on 11-05, seen on 11-05", h, row("已整改", date(2026, 11, 5), false), "2026-11-05T00:00:00+08:00", Rectified, false, false, false, 0, 0},
		{"closed after the cut-off and 是: escalated at t", h, row("用户已搬离", date(2026, 12, 3), true), "2026-12-02T12:00:00+08:00", InProgress, true, true, true, 73, 2},
		{"void is closed whatever its date", h, row("核实无此隐患", date(2026, 12, 30), true), "2026-10-01T00:00:00+08:00", Void, false, false, false, 0, 0},
		{"open row with 是", h, row("拒不整改", calendar.Date{}, true), "2026-10-01T00:00:00+08:00", Refused, true, false, true, 11, 0},
		{"当场整改 default closes on the inspection date", onsite, nil, "2026-09-30T00:00:00+08:00", Rectified, false, false, false, 0, 0},
		{"当场整改 default not yet at t", onsite, nil, "2026-09-29T23:59:59+08:00", InProgress, false, false, false, 0, 0},
		{"a town row wins over 当场整改", onsite, row("未整改", calendar.Date{}, false), "2026-12-05T00:00:00+08:00", NotRectified, true, true, false, 66, 5},
	}
	for _, tt := range tests {
		s := Evaluate(tt.h, tt.r, time.Time{}, at(tt.t))
		got := []any{s.Class, s.Overdue, s.TownOverdue, s.Escalated, s.DaysLate, s.TownDaysLate}
		want := []any{tt.class, tt.overdue, tt.townOver, tt.escalated, tt.daysLate, tt.townDays}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, want)
		}
	}
}

// TestClosureRateRounding: half away from zero at 4 places, on integers.
func TestClosureRateRounding(t *testing.T) {
	tests := []struct {
		closed, total int
		want          float64
	}{
		{1, 32, 0.0313}, // 0.03125
		{3, 32, 0.0938}, // 0.09375
		{1, 3, 0.3333},
		{2, 3, 0.6667},
		{0, 0, 0},
		{5, 5, 1},
		{1, 20000, 0.0001}, // 0.00005
		{1, 20001, 0},
	}
	for _, tt := range tests {
		if got := ClosureRate(tt.closed, tt.total); got != tt.want {
			t.Errorf("ClosureRate(%d, %d) = %v, want %v", tt.closed, tt.total, got, tt.want)
		}
	}
}

// TestMonthlyReport2 checks report/2 on a fixture small enough to reason
// about by hand: report 2026-11 at 11-20 (as_of_R = as_of).
func TestMonthlyReport2(t *testing.T) {
	sep, oct := calendar.Month{Year: 2026, Month: 9}, calendar.Month{Year: 2026, Month: 10}
	jul := calendar.Month{Year: 2026, Month: 7}
	pJul, pSep, pOct := layout.HazardPath(jul, "E01"), layout.HazardPath(sep, "E01"), layout.HazardPath(oct, "E01")
	pOct2 := layout.HazardPath(oct, "E02")
	rSep := layout.RectificationPath(sep, "T1")
	rJul := layout.RectificationPath(jul, "T1")
	hz := func(id string, m calendar.Month, town, sev string, due calendar.Date, file string) *model.Hazard {
		return &model.Hazard{ID: id, Enterprise: id[:3], Month: m, Town: town, Severity: sev, Type: "X",
			OnsiteAction: "书面告知限期整改", InspectionDate: m.First(), DueDate: due, File: file}
	}
	d := &model.Dataset{
		Ref: &reference.Data{Enterprises: []reference.Enterprise{{ID: "E01"}, {ID: "E02"}, {ID: "E03"}}},
		Hazards: []*model.Hazard{
			hz("E01-202607-0001", jul, "T1", "重大", date(2026, 7, 10), pJul),   // T1 deadline 09-30 passed: 街镇逾期
			hz("E01-202609-0001", sep, "T1", "一般", date(2026, 9, 10), pSep),   // closed 11-29 > as_of: 整改中
			hz("E01-202609-0002", sep, "T2", "严重", date(2026, 12, 1), pSep),   // no row, not due: pending
			hz("E01-202610-0001", oct, "T1", "重大", date(2026, 11, 19), pOct),  // 用户逾期 only
			hz("E02-202610-0001", oct, "T2", "一般", date(2026, 11, 30), pOct2), // file received after as_of: left out
		},
		Rects: map[string]*model.Rectification{
			"E01-202607-0001": {HazardID: "E01-202607-0001", Status: "拒不整改", Joint: true, File: rJul},
			"E01-202609-0001": {HazardID: "E01-202609-0001", Status: "已整改", RectifiedDate: date(2026, 11, 29), File: rSep},
		},
		Files: []model.File{{Path: pJul}, {Path: rJul, Rows: 1, Filled: 1}, {Path: pSep}, {Path: rSep, Rows: 1, Filled: 1}, {Path: pOct}, {Path: pOct2}},
	}
	rec := ReceiptMap{
		pOct:  at("2026-11-26T10:00:00+08:00"), // late, received after as_of_R … but before as_of below
		pOct2: at("2026-11-30T10:00:00+08:00"), // after as_of: not received, rows left out
		rSep:  at("2026-11-10T10:00:00+08:00"),
	}
	r := calendar.Month{Year: 2026, Month: 11}

	// Built on 11-28 for report 2026-11: as_of_R = as_of = 11-28 12:00.
	rep := MonthlyReport(d, rec, r, at("2026-11-28T12:00:00+08:00"), "")
	if rep.Format != "lpg-report/2" || rep.AsOf != "2026-11-28T12:00:00+08:00" {
		t.Errorf("format %s as_of %s", rep.Format, rep.AsOf)
	}
	if rep.NewHazards.Total != 1 || rep.NewHazards.ByEnterprise["E02"] != 0 {
		t.Errorf("new hazards: %+v (E02's file arrived after as_of)", rep.NewHazards)
	}
	wantRect := Counts{Total: 2, InProgress: 1, Pending: 1}
	if rep.Rectification.Counts != wantRect {
		t.Errorf("rectification: %+v, want %+v", rep.Rectification.Counts, wantRect)
	}
	wantOpen := Open{Total: 4, Overdue: 3, TownOverdue: 1, Escalated: 1,
		BySeverity: map[string]int{"重大": 2, "一般": 1, "严重": 1},
		ByTown:     map[string]OpenTown{"T1": {Open: 3, Overdue: 3, TownOverdue: 1, Escalated: 1}, "T2": {Open: 1}},
		OverdueIDs: []string{"E01-202607-0001", "E01-202609-0001", "E01-202610-0001"},
		MajorIDs:   []string{"E01-202607-0001", "E01-202610-0001"}}
	if !reflect.DeepEqual(rep.Open, wantOpen) {
		t.Errorf("open:\n got %+v\nwant %+v", rep.Open, wantOpen)
	}
	wantInc := Incomplete{Hazards: []string{"E02", "E03"}, Rectifications: []string{"T2"}}
	if !reflect.DeepEqual(rep.Incomplete, wantInc) {
		t.Errorf("incomplete: %+v, want %+v", rep.Incomplete, wantInc)
	}
	var subs []string
	for _, s := range rep.Submissions {
		rcv := "null"
		if s.ReceivedAt != nil {
			rcv = *s.ReceivedAt
		}
		subs = append(subs, s.Form+" "+s.Month+" "+s.Submitter+" "+s.Status+" "+rcv)
	}
	wantSubs := []string{
		"hazards 2026-10 E01 late 2026-11-26T10:00:00+08:00",
		"hazards 2026-10 E02 missing null",
		"hazards 2026-10 E03 missing null",
		"rectifications 2026-09 T1 on_time 2026-11-10T10:00:00+08:00",
		"rectifications 2026-09 T2 pending null",
	}
	if !reflect.DeepEqual(subs, wantSubs) {
		t.Errorf("submissions:\n got %q\nwant %q", subs, wantSubs)
	}

	// Report 2026-10 rebuilt on 12-02: as_of_R = 10-31 23:59:59, yet E01's
	// 2026-10 file, received on 11-26, is counted and shows as late with
	// its real receipt time (figures and submissions describe one data set).
	rep = MonthlyReport(d, rec, oct, at("2026-12-02T12:00:00+08:00"), "")
	if rep.AsOf != "2026-10-31T23:59:59+08:00" {
		t.Errorf("as_of_R %s", rep.AsOf)
	}
	// cohort 2026-08 is empty; open = 2026-07 and 2026-09 hazards at 10-31.
	if rep.Open.Total != 3 || rep.Open.TownOverdue != 1 || rep.NewHazards.Total != 2 {
		t.Errorf("2026-10 at 12-02: open %d town_overdue %d new %d, want 3 1 2", rep.Open.Total, rep.Open.TownOverdue, rep.NewHazards.Total)
	}
	for _, s := range rep.Submissions {
		if s.Submitter == "E01" && (s.Status != Unknown || s.Month != "2026-09") {
			t.Errorf("E01's 2026-09 排查表 is in the tree without a receipt time: unknown, never late: %+v", s)
		}
	}
}
