package loop

import (
	"slices"
	"testing"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// TestScorecard: "scorecard" of report 2026-11 on the data set of
// TestCoverage. E01: 排查表 on time (5 rows, 2 warnings), 入户安检量表 in, five
// hazards of which three 当场整改, one 停止供气 (E01-202610-0003, in an
// elevator building) and two 违规配送 types; four households over 360
// inspected, exactly the district's rate. E02: 排查表 two days late, no
// 入户安检量表 (received after as_of), so inspected, hazard_rate and
// rate_vs_district are null. E03 is not active.
func TestScorecard(t *testing.T) {
	d, rec := coverageFixture()
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	assertJSON(t, rep.Extensions, `{"scorecard": {"month": "2026-10", "district_hazard_rate": 0.0111, "enterprises": {
	  "E01": {"hazards_file": "data/hazards/2026-10/E01.csv", "hazards_status": "on_time", "hazards_received_at": "2026-11-20T10:00:00+08:00", "days_late": 0, "days_late_until": null,
	          "inspections_file": "data/inspections/2026-10/E01.csv", "inspections_status": "on_time",
	          "rows": 5, "warnings": 2, "warnings_per_row": 0.4, "hazards": 5, "hazard_households": 4, "inspected": 360, "hazard_rate": 0.0111,
	          "rate_vs_district": 1, "onsite": 3, "onsite_share": 0.6, "stop_supply": 1, "prohibited": 2,
	          "prohibited_ids": ["E01-202610-0003", "E01-202610-0004"], "stop_supply_ids": ["E01-202610-0003"]},
	  "E02": {"hazards_file": "data/hazards/2026-10/E02.csv", "hazards_status": "late", "hazards_received_at": "2026-11-27T10:00:00+08:00", "days_late": 2, "days_late_until": "2026-11-27T10:00:00+08:00",
	          "inspections_file": "data/inspections/2026-10/E02.csv", "inspections_status": "missing",
	          "rows": 2, "warnings": 0, "warnings_per_row": 0, "hazards": 2, "hazard_households": 2, "inspected": null, "hazard_rate": null,
	          "rate_vs_district": null, "onsite": 2, "onsite_share": 1, "stop_supply": 0, "prohibited": 0,
	          "prohibited_ids": [], "stop_supply_ids": []}}}}`, "scorecard")
}

// TestScorecardMissingFile (review, item 2): an enterprise whose 排查表 is
// not received has no figures (null, not 0), and its days overdue run to
// as_of_R, so it never looks better than one that submitted a day late.
// E02's 排查表 is missing at 2026-11-28 12:00 (due 11-25): 3 days, counted
// to as_of_R; E01's is received 11-26: 1 day. Before the due date E02's is
// pending: 0 days, still no figures.
func TestScorecardMissingFile(t *testing.T) {
	d, rec := coverageFixture()
	oct := calendar.Month{Year: 2026, Month: 10}
	delete(rec, layout.HazardPath(oct, "E02"))
	d.Files = slices.DeleteFunc(d.Files, func(f model.File) bool { return f.Path == layout.HazardPath(oct, "E02") })
	d.Hazards = slices.DeleteFunc(d.Hazards, func(h *model.Hazard) bool { return h.Enterprise == "E02" })
	rec[layout.HazardPath(oct, "E01")] = at("2026-11-26T09:00:00+08:00")
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	e1, e2 := rep.Scorecard.Enterprises["E01"], rep.Scorecard.Enterprises["E02"]
	if e1.DaysLate != 1 || e2.DaysLate != 3 || *e2.DaysLateUntil != "2026-11-28T12:00:00+08:00" {
		t.Errorf("days late: E01 %d, E02 %d until %v; want 1, 3 until 2026-11-28T12:00:00+08:00", e1.DaysLate, e2.DaysLate, e2.DaysLateUntil)
	}
	assertJSON(t, map[string]any{"e02": e2}, `{"e02": {"hazards_file": "data/hazards/2026-10/E02.csv", "hazards_status": "missing", "hazards_received_at": null,
	  "days_late": 3, "days_late_until": "2026-11-28T12:00:00+08:00", "inspections_file": "data/inspections/2026-10/E02.csv", "inspections_status": "missing",
	  "rows": null, "warnings": null, "warnings_per_row": null, "hazards": null, "hazard_households": null, "inspected": null, "hazard_rate": null,
	  "rate_vs_district": null, "onsite": null, "onsite_share": null, "stop_supply": null, "prohibited": null, "prohibited_ids": null, "stop_supply_ids": null}}`, "e02")

	rep = MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-24T12:00:00+08:00"), "")
	if e2 := rep.Scorecard.Enterprises["E02"]; e2.HazardsStatus != Pending || e2.DaysLate != 0 || e2.DaysLateUntil != nil || e2.Hazards != nil {
		t.Errorf("pending E02: %+v", e2)
	}
}

// TestScorecardMissingAfterEndOfR (review, scorecard item 2): report
// 2026-11 built at 2026-12-02 10:00 (as_of_R = 11-30 23:59:59). E01's 排查表
// of 2026-10 (due 11-25) arrives 12-01: 逾期报送 6 days. E02's never arrives:
// its days run to the build's as_of, 7 days until 12-02 10:00 — counted
// to as_of_R it said 5 and looked better than E01.
func TestScorecardMissingAfterEndOfR(t *testing.T) {
	d, rec := coverageFixture()
	oct := calendar.Month{Year: 2026, Month: 10}
	delete(rec, layout.HazardPath(oct, "E02"))
	d.Files = slices.DeleteFunc(d.Files, func(f model.File) bool { return f.Path == layout.HazardPath(oct, "E02") })
	d.Hazards = slices.DeleteFunc(d.Hazards, func(h *model.Hazard) bool { return h.Enterprise == "E02" })
	rec[layout.HazardPath(oct, "E01")] = at("2026-12-01T09:00:00+08:00")
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-12-02T10:00:00+08:00"), "")
	e1, e2 := rep.Scorecard.Enterprises["E01"], rep.Scorecard.Enterprises["E02"]
	got := []any{e1.HazardsStatus, e1.DaysLate, *e1.DaysLateUntil, e2.HazardsStatus, e2.DaysLate, *e2.DaysLateUntil}
	want := []any{Late, 6, "2026-12-01T09:00:00+08:00", Missing, 7, "2026-12-02T10:00:00+08:00"}
	if !slices.Equal(got, want) {
		t.Errorf("E01, E02 (status, days late, until) = %v; want %v", got, want)
	}
}
