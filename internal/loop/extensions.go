package loop

import (
	"time"

	"lpg/internal/calendar"
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
// at = as_of_R: inspections and incomplete_inspections always, the other
// keys when p has their part.
func (tl *Timeline) extensions(rec Receipts, r calendar.Month, at, asOf time.Time, p Parts) Extensions {
	var x Extensions
	hh := tl.households(r.Add(-1))
	x.Inspections, x.IncompleteInspections = coverage(tl.d, rec, r, hh, at, asOf)
	if p&PartRepeats != 0 {
		x.RepeatHouseholds = tl.repeats(r, at)
	}
	if p&PartDepartments != 0 {
		x.Departments = tl.departments(r, at)
	}
	if p&PartScorecard != 0 {
		x.Scorecard = tl.scorecard(rec, r, x.Inspections, hh, at, asOf)
	}
	return x
}
