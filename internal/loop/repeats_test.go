package loop

import (
	"testing"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// TestRepeats: "repeat_households" of report 2026-11 (at 2026-11-28) on
// one household per rule:
//
//	A  same customer id, two addresses: found again while the first is open → chronic, open
//	B  found again 12 months and 1 day after the first was closed → not chronic
//	C  another enterprise, the address written otherwise, exactly 12 months after closing → chronic, closed
//	D  two hazards on the same visit → not chronic
//	E  the first verified void (核实无此隐患) → not chronic
//	F  the first closed after the second was found (整改中 then) → chronic, open
//	G  a repeat in 2025-09, before the 12 months up to 2026-10 → not listed
//	H  found again in 2026-11, after R-1 → not counted
func TestRepeats(t *testing.T) {
	const xy, zj = "310118001", "310118102"
	h := func(id, town, cid, addr, date, action string) *model.Hazard {
		p, _ := layout.ParseHazardID(id)
		d, err := calendar.ParseISODate(date)
		if err != nil {
			t.Fatal(err)
		}
		return &model.Hazard{ID: id, Enterprise: p.Enterprise, Month: p.Month, Town: town, CustomerID: cid, Address: addr,
			InspectionDate: d, DueDate: d.AddDays(30), OnsiteAction: action, File: p.File()}
	}
	rect := func(id, status, date string) *model.Rectification {
		d, _ := calendar.ParseISODate(date)
		return &model.Rectification{HazardID: id, Status: status, RectifiedDate: d}
	}
	const notice, onsite = "书面告知限期整改", "当场整改"
	hs := []*model.Hazard{
		h("E01-202603-0001", xy, "K1", "华青路1号", "2026-03-05", notice),    // A
		h("E01-202610-0001", xy, "K1", "华青路9号", "2026-10-05", notice),    // A
		h("E01-202509-0001", zj, "", "北大街1号", "2025-09-05", notice),      // B
		h("E01-202609-0001", zj, "", "北大街1号", "2026-09-21", onsite),      // B
		h("E01-202510-0001", zj, "", "北大街3号", "2025-10-05", notice),      // C
		h("E02-202610-0001", zj, "", "朱家角镇 北大街３号", "2026-10-20", onsite), // C
		h("E01-202610-0002", xy, "", "华青路3号", "2026-10-05", notice),      // D
		h("E01-202610-0003", xy, "", "华青路3号", "2026-10-05", notice),      // D
		h("E01-202608-0001", xy, "", "华青路4号", "2026-08-05", notice),      // E
		h("E01-202610-0004", xy, "", "华青路4号", "2026-10-05", notice),      // E
		h("E01-202608-0002", xy, "", "华青路5号", "2026-08-05", notice),      // F
		h("E01-202610-0005", xy, "", "青浦区华青路 ５号", "2026-10-01", notice),  // F
		h("E01-202506-0001", xy, "", "华青路6号", "2025-06-05", notice),      // G
		h("E01-202509-0002", xy, "", "华青路6号", "2025-09-05", onsite),      // G
		h("E01-202610-0006", xy, "", "华青路7号", "2026-10-05", notice),      // H
		h("E01-202611-0001", xy, "", "华青路7号", "2026-11-03", notice),      // H
	}
	d := &model.Dataset{Ref: smallRef(), Hazards: hs, Rects: map[string]*model.Rectification{
		"E01-202509-0001": rect("E01-202509-0001", "已整改", "2025-09-20"),
		"E01-202510-0001": rect("E01-202510-0001", "已整改", "2025-10-20"),
		"E01-202608-0001": rect("E01-202608-0001", "核实无此隐患", ""),
		"E01-202608-0002": rect("E01-202608-0002", "已整改", "2026-10-10"),
		"E01-202506-0001": rect("E01-202506-0001", "已整改", "2025-12-01"),
	}}
	rep := MonthlyReport(d, nil, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	assertJSON(t, rep.Extensions, `{"repeat_households": {"total": 3, "open": 2, "by_town": {"310118001": 2, "310118102": 1},
	  "households": [
	    {"town": "310118001", "village": "", "hazard_ids": ["E01-202603-0001", "E01-202610-0001"], "repeat_ids": ["E01-202610-0001"], "open_ids": ["E01-202603-0001", "E01-202610-0001"]},
	    {"town": "310118001", "village": "", "hazard_ids": ["E01-202608-0002", "E01-202610-0005"], "repeat_ids": ["E01-202610-0005"], "open_ids": ["E01-202610-0005"]},
	    {"town": "310118102", "village": "", "hazard_ids": ["E01-202510-0001", "E02-202610-0001"], "repeat_ids": ["E02-202610-0001"], "open_ids": []}]}}`,
		"repeat_households")
}
