package loop

import (
	"testing"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
	"lpg/internal/reference"
)

// TestDepartments: "departments" of report 2026-11 at 2026-11-28. Each
// hazard counts for every department whose remit has its type: TOWN has
// all ("*"); YJ and GA share CYL_NON_OWN; FGJ has nothing this time but is
// listed with zeros.
func TestDepartments(t *testing.T) {
	const xy, zj = "310118001", "310118102"
	ref := smallRef()
	ref.Departments = []reference.Department{{Code: "TOWN", All: true}, {Code: "SCJG", Types: []string{"APP_NO_FFD", "REG_ILLEGAL"}},
		{Code: "GA", Types: []string{"CYL_NON_OWN"}}, {Code: "YJ", Types: []string{"CYL_NON_OWN", "LOC_BASEMENT"}}, {Code: "FGJ", Types: []string{"LOC_GARAGE"}}}
	h := func(id, town, typ, sev, date, due, action string) *model.Hazard {
		p, _ := layout.ParseHazardID(id)
		d, _ := calendar.ParseISODate(date)
		dd, _ := calendar.ParseISODate(due)
		return &model.Hazard{ID: id, Enterprise: p.Enterprise, Month: p.Month, Town: town, Type: typ, Severity: sev,
			InspectionDate: d, DueDate: dd, OnsiteAction: action, File: p.File()}
	}
	const notice, onsite = "书面告知限期整改", "当场整改"
	d := &model.Dataset{Ref: ref, Hazards: []*model.Hazard{
		h("E01-202608-0001", zj, "REG_ILLEGAL", "严重", "2026-08-05", "2026-08-12", notice),
		h("E01-202609-0001", xy, "CYL_NON_OWN", "重大", "2026-09-05", "2026-09-08", notice),
		h("E01-202610-0001", xy, "APP_NO_FFD", "一般", "2026-10-05", "2026-11-04", notice),
		h("E01-202610-0002", zj, "CYL_NON_OWN", "重大", "2026-10-06", "2026-10-09", onsite),
		h("E01-202610-0003", xy, "HOSE_AGED", "一般", "2026-10-31", "2026-11-30", notice),
		h("E01-202610-0004", xy, "LOC_BASEMENT", "重大", "2026-10-07", "2026-10-10", notice),
		h("E01-202611-0001", xy, "CYL_NON_OWN", "重大", "2026-11-02", "2026-11-05", notice),
	}, Rects: map[string]*model.Rectification{
		"E01-202608-0001": {HazardID: "E01-202608-0001", Status: "拒不整改", Joint: true},
		"E01-202610-0004": {HazardID: "E01-202610-0004", Status: "已整改", RectifiedDate: calendar.NewDate(2026, 11, 20)},
	}}
	rep := MonthlyReport(d, nil, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	assertJSON(t, rep.Extensions, `{"departments": {
	  "TOWN": {"new": 4, "open": 4, "overdue": 3, "town_overdue": 1, "escalated": 1, "major": 1,
	           "by_town": {"310118001": 3, "310118102": 1}, "by_type": {"APP_NO_FFD": 1, "CYL_NON_OWN": 1, "HOSE_AGED": 1, "REG_ILLEGAL": 1},
	           "open_ids": ["E01-202608-0001", "E01-202609-0001", "E01-202610-0001", "E01-202610-0003"]},
	  "SCJG": {"new": 1, "open": 2, "overdue": 2, "town_overdue": 1, "escalated": 1, "major": 0,
	           "by_town": {"310118001": 1, "310118102": 1}, "by_type": {"APP_NO_FFD": 1, "REG_ILLEGAL": 1},
	           "open_ids": ["E01-202608-0001", "E01-202610-0001"]},
	  "GA":   {"new": 1, "open": 1, "overdue": 1, "town_overdue": 0, "escalated": 0, "major": 1,
	           "by_town": {"310118001": 1}, "by_type": {"CYL_NON_OWN": 1}, "open_ids": ["E01-202609-0001"]},
	  "YJ":   {"new": 2, "open": 1, "overdue": 1, "town_overdue": 0, "escalated": 0, "major": 1,
	           "by_town": {"310118001": 1}, "by_type": {"CYL_NON_OWN": 1}, "open_ids": ["E01-202609-0001"]},
	  "FGJ":  {"new": 0, "open": 0, "overdue": 0, "town_overdue": 0, "escalated": 0, "major": 0, "by_town": {}, "by_type": {}, "open_ids": []}
	}}`, "departments")
}
