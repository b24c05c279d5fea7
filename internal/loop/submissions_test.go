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

// TestEvaluateHeaderOnlyRectifications (adversarial review F15, G3): a
// 汇总表 without a filled row (header only, or the 预填汇总表 uploaded
// untouched: rows with 整改状态 empty) is no submission — pending before the
// town's deadline, missing after it — whatever its receipt; a header-only
// 排查表 is one.
func TestEvaluateHeaderOnlyRectifications(t *testing.T) {
	sh := calendar.Shanghai
	m := calendar.Month{Year: 2026, Month: 9}
	early := time.Date(2026, 9, 15, 10, 0, 0, 0, sh)
	rp, hp := "data/rectifications/2026-09/310118102.csv", "data/hazards/2026-09/E01.csv"
	rec := ReceiptMap{rp: early, hp: early}
	for _, tt := range []struct {
		name     string
		form     string
		sub      string
		rows     int
		filled   int
		at       time.Time
		status   string
		received bool
	}{
		{"header-only 汇总表 before the deadline", model.FormRectifications, "310118102", 0, 0, time.Date(2026, 11, 30, 23, 59, 58, 0, sh), Pending, false},
		{"header-only 汇总表 after the deadline", model.FormRectifications, "310118102", 0, 0, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), Missing, false},
		{"预填汇总表 untouched before the deadline", model.FormRectifications, "310118102", 62, 0, time.Date(2026, 11, 30, 23, 59, 58, 0, sh), Pending, false},
		{"预填汇总表 untouched after the deadline", model.FormRectifications, "310118102", 62, 0, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), Missing, false},
		{"汇总表 with a filled row", model.FormRectifications, "310118102", 62, 1, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), OnTime, true},
		{"header-only 排查表", model.FormHazards, "E01", 0, 0, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), OnTime, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := rp
			if tt.form == model.FormHazards {
				p = hp
			}
			d := &model.Dataset{Files: []model.File{{Path: p, Form: tt.form, Month: m, Submitter: tt.sub, Rows: tt.rows, Filled: tt.filled}}}
			s := Evaluate1(d, rec, tt.form, m, tt.sub, tt.at, tt.at)
			if s.Status != tt.status || (s.ReceivedAt != nil) != tt.received {
				t.Errorf("status %s, received_at %v; want %s, received %v", s.Status, s.ReceivedAt, tt.status, tt.received)
			}
		})
	}
}

// TestMovedHazard (adversarial review F11): a 排查表 correction on
// 2026-12-03 moves E01-202608-0002 from T1 to T2. Its receipt for T2 is
// the correction's (RowMap), so T2's deadline is the end of 2027-01, and
// the past reports (2026-10: 汇总表 of 2026-08 expected; 2026-11:
// 街镇逾期未办结) do not blame T2 for a hazard it did not have then. The
// hazard itself is counted under its current town.
func TestMovedHazard(t *testing.T) {
	aug := calendar.Month{Year: 2026, Month: 8}
	p := layout.HazardPath(aug, "E01")
	hz := func(id, town string) *model.Hazard {
		return &model.Hazard{ID: id, Enterprise: "E01", Month: aug, Town: town, Severity: "一般", Type: "X",
			OnsiteAction: "书面告知限期整改", InspectionDate: date(2026, 8, 10), DueDate: date(2026, 8, 25), File: p}
	}
	d := &model.Dataset{
		Ref:     &reference.Data{Enterprises: []reference.Enterprise{{ID: "E01"}}},
		Hazards: []*model.Hazard{hz("E01-202608-0001", "T1"), hz("E01-202608-0002", "T2")},
		Rects:   map[string]*model.Rectification{},
		Files:   []model.File{{Path: p, Form: model.FormHazards, Month: aug, Submitter: "E01", Rows: 2}},
	}
	moved := RowMap{p: {"E01-202608-0002": at("2026-12-03T10:00:00+08:00")}}
	asOf := at("2026-12-05T10:00:00+08:00")
	for _, tt := range []struct {
		name     string
		rec      Receipts
		expected []string // 汇总表 of 2026-08 expected in report 2026-10
		overdue  map[string]int
	}{
		{"moved on 12-03", Chain{ReceiptMap{p: at("2026-09-20T10:00:00+08:00")}, moved}, []string{"T1"}, map[string]int{"T1": 1}},
		{"always in T2", ReceiptMap{p: at("2026-09-20T10:00:00+08:00")}, []string{"T1", "T2"}, map[string]int{"T1": 1, "T2": 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := Known(d, tt.rec, asOf)
			tl := NewTimeline(k, tt.rec)
			var got []string
			for _, s := range tl.Report(tt.rec, calendar.Month{Year: 2026, Month: 10}, asOf, "").Submissions {
				if s.Form == model.FormRectifications {
					got = append(got, s.Submitter)
				}
			}
			if !reflect.DeepEqual(got, tt.expected) {
				t.Errorf("2026-10: 汇总表 expected from %v, want %v", got, tt.expected)
			}
			// the town page's 本月要报 (TownSubmission at the build's as_of)
			// agrees: T2's 汇总表 of 2026-08 is due at the end of 2027-01
			// (one full month after the move) when the hazard was moved, and
			// 逾期未报 when it was always T2's
			t2 := tl.TownSubmission(tt.rec, aug, "T2", asOf)
			wantT2 := map[bool]string{true: Pending + " 2027-01-31T23:59:59+08:00", false: Missing + " 2026-10-31T23:59:59+08:00"}[tt.name == "moved on 12-03"]
			if got := t2.Status + " " + t2.Due; got != wantT2 {
				t.Errorf("T2's 汇总表 of 2026-08 at %s: %s, want %s", asOf, got, wantT2)
			}
			if t1 := tl.TownSubmission(tt.rec, aug, "T1", asOf); t1.Status != Missing || t1.Due != "2026-10-31T23:59:59+08:00" {
				t.Errorf("T1's 汇总表 of 2026-08: %s %s, want missing 2026-10-31T23:59:59+08:00", t1.Status, t1.Due)
			}
			for _, r := range []calendar.Month{{Year: 2026, Month: 11}, {Year: 2026, Month: 12}} {
				rep := tl.Report(tt.rec, r, asOf, "")
				over := map[string]int{}
				for town, o := range rep.Open.ByTown {
					if o.TownOverdue > 0 {
						over[town] = o.TownOverdue
					}
				}
				if !reflect.DeepEqual(over, tt.overdue) {
					t.Errorf("%s: town_overdue by town %v, want %v", r, over, tt.overdue)
				}
				if rep.Open.ByTown["T2"].Open != 1 {
					t.Errorf("%s: T2 open %d, want 1 (counted under its current town)", r, rep.Open.ByTown["T2"].Open)
				}
			}
		})
	}
}

// gitFirst stands in for git (history.Index) in Chain: first filled
// version (ReceivedAt) and first version of any content (FirstVersionAt).
type gitFirst struct{ filled, first map[string]time.Time }

func (g gitFirst) ReceivedAt(p string) (time.Time, bool) {
	t, ok := g.filled[p]
	return t, ok
}

func (g gitFirst) FirstVersionAt(p string) (time.Time, bool) {
	t, ok := g.first[p]
	return t, ok
}

// TestOnSiteOnlyCohort (review round 4 H9): a town whose hazards of the
// month were all rectified on the spot (当场整改, closed by the default)
// has nothing to fill, so its 汇总表 is a submission without a filled row
// — received with its first version (a receipts.csv line, git's first
// appearance of any version, whichever is earlier unless the line is a
// forge line). One hazard that needs a row, known at as_of_R, and a
// header-only file is no submission again (G3). Report 2026-11 expects
// the 汇总表 of 2026-09 (due 2026-11-30T23:59:59+08:00).
func TestOnSiteOnlyCohort(t *testing.T) {
	sep := calendar.Month{Year: 2026, Month: 9}
	hp, rp := layout.HazardPath(sep, "E03"), layout.RectificationPath(sep, "310118106")
	hz := func(id, action string) *model.Hazard {
		return &model.Hazard{ID: id, Enterprise: "E03", Month: sep, Town: "310118106", Severity: "一般", Type: "X",
			OnsiteAction: action, InspectionDate: date(2026, 9, 10), DueDate: date(2026, 10, 10), File: hp}
	}
	onSite := []*model.Hazard{hz("E03-202609-0001", "当场整改"), hz("E03-202609-0002", "当场整改")}
	mixed := append([]*model.Hazard{hz("E03-202609-0003", "书面告知限期整改")}, onSite...)
	hpAt := at("2026-10-20T10:00:00+08:00")
	nov20, nov25, dec2 := at("2026-11-20T10:00:00+08:00"), at("2026-11-25T10:00:00+08:00"), at("2026-12-02T10:00:00+08:00")
	for _, tt := range []struct {
		name    string
		hazards []*model.Hazard
		file    bool // the town's 汇总表 is in the tree
		filled  int  // its rows with 整改状态
		rec     Receipts
		status  string
		at      string // received_at in report.json ("" null)
	}{
		{"all on site, header only, receipts.csv line", onSite, true, 0, ReceiptMap{hp: hpAt, rp: nov20}, OnTime, "2026-11-20T10:00:00+08:00"},
		{"all on site, header only, received late", onSite, true, 0, ReceiptMap{hp: hpAt, rp: dec2}, Late, "2026-12-02T10:00:00+08:00"},
		{"all on site, no file", onSite, false, 0, ReceiptMap{hp: hpAt}, Missing, ""},
		{"one needs a row, header only", mixed, true, 0, ReceiptMap{hp: hpAt, rp: nov20}, Missing, ""},
		{"all on site, header only, git's first version", onSite, true, 0,
			Chain{ReceiptMap{hp: hpAt}, gitFirst{first: map[string]time.Time{rp: nov20}}}, OnTime, "2026-11-20T10:00:00+08:00"},
		{"all on site, filled on 12-02, header only since 11-20", onSite, true, 1,
			Chain{ReceiptMap{hp: hpAt}, gitFirst{filled: map[string]time.Time{rp: dec2}, first: map[string]time.Time{rp: nov20}}}, OnTime, "2026-11-20T10:00:00+08:00"},
		{"one needs a row, filled on 12-02, header only since 11-20", mixed, true, 1,
			Chain{ReceiptMap{hp: hpAt}, gitFirst{filled: map[string]time.Time{rp: dec2}, first: map[string]time.Time{rp: nov20}}}, Late, "2026-12-02T10:00:00+08:00"},
		{"all on site, a later receipts.csv line overruled by git", onSite, true, 0,
			Chain{Ledger{Lines: map[string]time.Time{hp: hpAt, rp: nov25}, Git: gitFirst{first: map[string]time.Time{rp: nov20}}}}, OnTime, "2026-11-20T10:00:00+08:00"},
		{"all on site, a forge line stands", onSite, true, 0,
			Chain{Ledger{Lines: map[string]time.Time{hp: hpAt, rp: nov25}, Channels: map[string]string{rp: ForgeChannel}, Git: gitFirst{first: map[string]time.Time{rp: nov20}}}}, OnTime, "2026-11-25T10:00:00+08:00"},
		// the row that needs one came with a version of the 排查表 after
		// as_of_R (2026-11-30): the town did not have it in report 2026-11
		{"one needs a row added on 12-03, header only", mixed, true, 0,
			Chain{ReceiptMap{hp: hpAt, rp: nov20}, RowMap{hp: {"E03-202609-0003": at("2026-12-03T10:00:00+08:00")}}}, OnTime, "2026-11-20T10:00:00+08:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := &model.Dataset{
				Ref:     &reference.Data{Enterprises: []reference.Enterprise{{ID: "E03"}}},
				Hazards: tt.hazards,
				Rects:   map[string]*model.Rectification{},
				Files:   []model.File{{Path: hp, Form: model.FormHazards, Month: sep, Submitter: "E03", Rows: len(tt.hazards)}},
			}
			if tt.file {
				d.Files = append(d.Files, model.File{Path: rp, Form: model.FormRectifications, Month: sep, Submitter: "310118106", Rows: tt.filled, Filled: tt.filled})
			}
			asOf := at("2026-12-05T10:00:00+08:00")
			rep := NewTimeline(Known(d, tt.rec, asOf), tt.rec).Report(tt.rec, calendar.Month{Year: 2026, Month: 11}, asOf, "")
			var got *Submission
			for i, s := range rep.Submissions {
				if s.Form == model.FormRectifications && s.Submitter == "310118106" {
					got = &rep.Submissions[i]
				}
			}
			if got == nil {
				t.Fatalf("no 汇总表 of 310118106 expected: %+v", rep.Submissions)
			}
			gotAt := ""
			if got.ReceivedAt != nil {
				gotAt = *got.ReceivedAt
			}
			if got.Status != tt.status || gotAt != tt.at {
				t.Errorf("status %s received_at %q; want %s %q", got.Status, gotAt, tt.status, tt.at)
			}
			wantIncomplete := []string{}
			if tt.status == Missing {
				wantIncomplete = []string{"310118106"}
			}
			if !reflect.DeepEqual(rep.Incomplete.Rectifications, wantIncomplete) {
				t.Errorf("incomplete.rectifications %q, want %q", rep.Incomplete.Rectifications, wantIncomplete)
			}
		})
	}
}
