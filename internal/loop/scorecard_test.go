package loop

import (
	"testing"

	"lpg/internal/calendar"
)

// TestScorecard: "scorecard" of report 2026-11 on the data set of
// TestCoverage. E01: 排查表 on time (5 rows, 2 warnings), 入户安检量表 in, five
// hazards of which three 当场整改, one 停止供气 (E01-202610-0003, in an
// elevator building) and two 违规配送 types; four households over 360
// inspected, exactly the district's rate. E02: 排查表 two days late, no
// 入户安检量表 (received after as_of), so no rate. E03 is not active.
func TestScorecard(t *testing.T) {
	d, rec := coverageFixture()
	rep := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, at("2026-11-28T12:00:00+08:00"), "")
	assertJSON(t, rep.Extensions, `{"scorecard": {"month": "2026-10", "district_hazard_rate": 0.0111, "enterprises": {
	  "E01": {"hazards_file": "data/hazards/2026-10/E01.csv", "hazards_status": "on_time", "hazards_received_at": "2026-11-20T10:00:00+08:00", "days_late": 0,
	          "inspections_file": "data/inspections/2026-10/E01.csv", "inspections_status": "on_time",
	          "rows": 5, "warnings": 2, "warnings_per_row": 0.4, "hazards": 5, "hazard_households": 4, "inspected": 360, "hazard_rate": 0.0111,
	          "rate_vs_district": 1, "onsite": 3, "onsite_share": 0.6, "stop_supply": 1, "prohibited": 2,
	          "prohibited_ids": ["E01-202610-0003", "E01-202610-0004"], "stop_supply_ids": ["E01-202610-0003"]},
	  "E02": {"hazards_file": "data/hazards/2026-10/E02.csv", "hazards_status": "late", "hazards_received_at": "2026-11-27T10:00:00+08:00", "days_late": 2,
	          "inspections_file": "data/inspections/2026-10/E02.csv", "inspections_status": "missing",
	          "rows": 2, "warnings": 0, "warnings_per_row": 0, "hazards": 2, "hazard_households": 2, "inspected": 0, "hazard_rate": 0,
	          "rate_vs_district": 0, "onsite": 2, "onsite_share": 1, "stop_supply": 0, "prohibited": 0,
	          "prohibited_ids": [], "stop_supply_ids": []}}}}`, "scorecard")
}
