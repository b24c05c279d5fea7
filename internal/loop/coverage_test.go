package loop

import (
	"encoding/json"
	"testing"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
	"lpg/internal/reference"
)

// smallRef: two towns, three villages, E01 and E02 active, E03 stopped in
// 2026-08.
func smallRef() *reference.Data {
	ref := &reference.Data{
		Towns: []reference.Town{{Code: "310118001", Name: "夏阳街道"}, {Code: "310118102", Name: "朱家角镇"}},
		Villages: []reference.Village{{Code: "310118001001", Name: "东盛社区居委会", TownCode: "310118001"},
			{Code: "310118001002", Name: "东方社区居委会", TownCode: "310118001"}, {Code: "310118102001", Name: "胜利街居委会", TownCode: "310118102"}},
		Enterprises: []reference.Enterprise{{ID: "E01", ActiveFrom: calendar.Month{Year: 2026, Month: 1}},
			{ID: "E02", ActiveFrom: calendar.Month{Year: 2026, Month: 1}},
			{ID: "E03", ActiveFrom: calendar.Month{Year: 2026, Month: 1}, ActiveTo: calendar.Month{Year: 2026, Month: 8}}},
	}
	ref.Index()
	return ref
}

func hz(id, town, village, userType, address string) *model.Hazard {
	h, _ := layout.ParseHazardID(id)
	return &model.Hazard{ID: id, Enterprise: h.Enterprise, Month: h.Month, Town: town, Village: village, UserType: userType,
		Address: address, InspectionDate: calendar.NewDate(h.Month.Year, h.Month.Month, 5), OnsiteAction: "当场整改", File: h.File()}
}

// TestCoverage: "inspections" and "incomplete_inspections" of report
// 2026-11 on a small data set, every figure by hand:
//   - E01 gives 夏阳街道 village by village (东盛 居民 100 + 餐饮 10, 东方 居民
//     50) and 朱家角镇 as a town total (居民 200); refusals 2 + 5 (东方 gives
//     none);
//   - E01's five hazards of 2026-10 are four households (two rows at one
//     address written two ways); its 2026-09 hazard is another month;
//   - E02's 入户安检量表 was received after as_of: left out, so its two
//     households are uncounted and its submission missing; E03 stopped in
//     2026-08 and is not expected.
func TestCoverage(t *testing.T) {
	d, rec := coverageFixture()
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	want := `{
	  "inspections": {"month": "2026-10", "inspected": 360, "refused": 7, "hazard_households": 4, "hazard_rate": 0.0111,
	    "uncounted_hazard_households": 2,
	    "by_town": {"310118001": {"inspected": 160, "refused": 2, "hazard_households": 3, "hazard_rate": 0.0188},
	                "310118102": {"inspected": 200, "refused": 5, "hazard_households": 1, "hazard_rate": 0.005}},
	    "by_village": {"310118001001": {"inspected": 110, "refused": 2, "hazard_households": 2, "hazard_rate": 0.0182},
	                   "310118001002": {"inspected": 50, "refused": 0, "hazard_households": 1, "hazard_rate": 0.02}},
	    "by_enterprise": {"E01": {"inspected": 360, "refused": 7, "hazard_households": 4, "hazard_rate": 0.0111}},
	    "by_user_type": {"居民": {"inspected": 350, "refused": 7, "hazard_households": 3, "hazard_rate": 0.0086},
	                     "餐饮": {"inspected": 10, "refused": 0, "hazard_households": 1, "hazard_rate": 0.1}},
	    "submissions": [
	      {"form": "inspections", "month": "2026-10", "submitter": "E01", "due": "2026-11-25T23:59:59+08:00", "received_at": "2026-11-20T10:00:00+08:00", "status": "on_time"},
	      {"form": "inspections", "month": "2026-10", "submitter": "E02", "due": "2026-11-25T23:59:59+08:00", "received_at": null, "status": "missing"}]},
	  "incomplete_inspections": ["E02"]
	}`
	assertJSON(t, rep.Extensions, want, "inspections", "incomplete_inspections")
	if len(rep.Incomplete.Hazards) != 0 {
		t.Errorf("incomplete.hazards = %v: the existing key must not change", rep.Incomplete.Hazards)
	}

	// Before anything was received (2026-11-10): both pending, no
	// denominator, nothing rated, empty maps (never null).
	early := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-10T12:00:00+08:00"), "")
	assertJSON(t, early.Extensions, `{
	  "inspections": {"month": "2026-10", "inspected": 0, "refused": 0, "hazard_households": 0, "hazard_rate": 0,
	    "uncounted_hazard_households": 0, "by_town": {}, "by_village": {}, "by_enterprise": {}, "by_user_type": {},
	    "submissions": [
	      {"form": "inspections", "month": "2026-10", "submitter": "E01", "due": "2026-11-25T23:59:59+08:00", "received_at": null, "status": "pending"},
	      {"form": "inspections", "month": "2026-10", "submitter": "E02", "due": "2026-11-25T23:59:59+08:00", "received_at": null, "status": "pending"}]},
	  "incomplete_inspections": ["E01", "E02"]
	}`, "inspections", "incomplete_inspections")
}

// coverageFixture is the data set of TestCoverage and TestScorecard.
func coverageFixture() (*model.Dataset, ReceiptMap) {
	oct := calendar.Month{Year: 2026, Month: 10}
	inE01, inE02 := layout.InspectionPath(oct, "E01"), layout.InspectionPath(oct, "E02")
	row := func(file, ent, town, village, ut string, n, refused int) *model.Inspection {
		return &model.Inspection{Enterprise: ent, Month: oct, Town: town, Village: village, UserType: ut, Inspected: n, Refused: refused, File: file}
	}
	d := &model.Dataset{Ref: smallRef(), Rects: map[string]*model.Rectification{},
		Hazards: []*model.Hazard{
			hz("E01-202609-0001", "310118001", "310118001001", "居民", "华青路7号"),
			hz("E01-202610-0001", "310118001", "310118001001", "居民", "夏阳街道华青路1号101室"),
			hz("E01-202610-0002", "310118001", "310118001001", "居民", "华青路1号 101"),
			hz("E01-202610-0003", "310118001", "310118001002", "居民", "华青路2号"),
			hz("E01-202610-0004", "310118001", "310118001001", "餐饮", "华青路3号"),
			hz("E01-202610-0005", "310118102", "310118102001", "居民", "北大街1号"),
			hz("E02-202610-0001", "310118102", "310118102001", "居民", "北大街1号"),
			hz("E02-202610-0002", "310118102", "310118102001", "餐饮", "北大街9号"),
		},
		Inspections: []*model.Inspection{
			row(inE01, "E01", "310118001", "310118001001", "居民", 100, 2),
			row(inE01, "E01", "310118001", "310118001001", "餐饮", 10, 0),
			row(inE01, "E01", "310118001", "310118001002", "居民", 50, -1),
			row(inE01, "E01", "310118102", "", "居民", 200, 5),
			row(inE02, "E02", "310118102", "", "居民", 300, 0),
		},
		Files: []model.File{
			{Path: layout.HazardPath(oct, "E01"), Form: model.FormHazards, Month: oct, Submitter: "E01", Rows: 5, Warnings: 2},
			{Path: layout.HazardPath(oct, "E02"), Form: model.FormHazards, Month: oct, Submitter: "E02", Rows: 2},
			{Path: inE01, Form: model.FormInspections, Month: oct, Submitter: "E01"},
			{Path: inE02, Form: model.FormInspections, Month: oct, Submitter: "E02"},
		},
	}
	rec := ReceiptMap{
		layout.HazardPath(oct, "E01"): at("2026-11-20T10:00:00+08:00"), inE01: at("2026-11-20T10:00:00+08:00"),
		layout.HazardPath(oct, "E02"): at("2026-11-27T10:00:00+08:00"), inE02: at("2026-11-29T10:00:00+08:00"),
	}
	// for the scorecard: one 停止供气 in an elevator building, one written
	// notice in a basement (both 违规配送 types)
	d.Hazards[3].OnsiteAction, d.Hazards[3].Type = "停止供气", "LOC_ELEVATOR"
	d.Hazards[4].OnsiteAction, d.Hazards[4].Type = "书面告知限期整改", "LOC_BASEMENT"
	return d, rec
}

// assertJSON compares the given top-level keys of v, encoded as JSON, with
// want.
func assertJSON(t *testing.T, v any, want string, keys ...string) {
	t.Helper()
	got := roundTrip(t, v)
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want: %v", err)
	}
	for _, k := range keys {
		gb, _ := json.Marshal(got[k])
		wb, _ := json.Marshal(w[k])
		if string(gb) != string(wb) {
			t.Errorf("%s:\n got: %s\nwant: %s", k, gb, wb)
		}
	}
}
