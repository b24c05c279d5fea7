package loop

import (
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Extensions are the keys issue 13 adds to report.json, an lpg-report/2
// extension: new keys only, the keys of DESIGN.md are unchanged (README
// “report.json 的扩展键”). Embedded in Report, so they encode at its top
// level.
type Extensions struct {
	// Inspections is the 入户安检量 of R-1 and the hazard rates
	// (docs/inspections.md).
	Inspections Inspections `json:"inspections"`
	// IncompleteInspections lists, sorted, the enterprises whose 入户安检量表
	// of R-1 is pending or missing; always present. The existing
	// "incomplete" is unchanged.
	IncompleteInspections []string `json:"incomplete_inspections"`
	// RepeatHouseholds are the chronic households (重复隐患户).
	RepeatHouseholds Repeats `json:"repeat_households"`
	// Departments are the hazards in each department's remit (报相关部门),
	// by department code of departments.csv; {} without that file.
	Departments map[string]DepartmentLoad `json:"departments"`
	// Scorecard is the enterprise scorecard of R-1 (企业记分卡).
	Scorecard Scorecard `json:"scorecard"`
}

// extensions computes the Extensions of report r of d (Known at asOf),
// at = as_of_R.
func extensions(d *model.Dataset, rec Receipts, r calendar.Month, at, asOf time.Time) Extensions {
	var x Extensions
	x.Inspections, x.IncompleteInspections = coverage(d, rec, r, at, asOf)
	x.RepeatHouseholds = repeats(d, r, at)
	x.Departments = departments(d, r, at)
	x.Scorecard = scorecard(d, rec, r, x.Inspections, at, asOf)
	return x
}
