package render

import (
	"strconv"

	"lpg/internal/loop"
	"lpg/internal/reference"
)

// 报相关部门 (issue 13): the departments of 第3条 (data/reference/
// departments.csv) and the hazards in each one's remit — a section of the
// report page (templates/departments.html, block "departments"), an index
// departments/index.html and a page per department
// departments/<code>/index.html. Hazard lists carry no personal data.

// deptSection is the "departments" block: one row per department.
type deptSection struct {
	Month, Period string // R-1 and R
	Rows          []deptRow
}

// deptRow is one department's line.
type deptRow struct {
	Code, Name, Label, Href string
	Types                   int // hazard types in its remit (0 with All)
	All                     bool
	loop.DepartmentLoad
	Change string // open against the previous report: "+3", "-2", "0", "—" (no previous)
}

// deptIndexPage is the data of departmentindex.html: the latest report's
// section, so it reads the block the report page reads.
type deptIndexPage struct {
	More issue13View
}

// deptPage is the data of department.html.
type deptPage struct {
	deptRow
	Remit      string
	TypeRows   []countRow // its hazard types with their open hazards
	ByTown     []countRow
	List       []listRow // its open hazards, at most listCap, longest overdue first
	ListMore   int
	Trend      []deptTrend
	Liaisons   []liaisonRow
	Period     string
	ReportHref string
}

// deptTrend is one report month of a department's trend.
type deptTrend struct {
	Period                           string
	New, Open, Overdue, Major, Escal int
}

func deptHref(code string) string { return "departments/" + code + "/index.html" }

// deptSection returns the section of report s.reports[i].
func (s *site) deptSection(i int) deptSection {
	r := s.reports[i]
	sec := deptSection{Month: r.NewHazards.Month, Period: r.Period}
	for _, dp := range s.d.Ref.Departments {
		x := r.Departments[dp.Code]
		row := deptRow{Code: dp.Code, Name: dp.Name, Label: dp.Label(), Href: deptHref(dp.Code), Types: len(dp.Types), All: dp.All,
			DepartmentLoad: x, Change: "—"}
		if i > 0 {
			if prev, ok := s.reports[i-1].Departments[dp.Code]; ok {
				row.Change = signed(x.Open - prev.Open)
			}
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec
}

func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// renderDepartments writes departments/index.html and a page per
// department, from the latest report; nothing without departments.csv.
func (s *site) renderDepartments() error {
	n := len(s.reports)
	if len(s.d.Ref.Departments) == 0 || n == 0 {
		return nil
	}
	i := n - 1
	sec := s.deptSection(i)
	idx := deptIndexPage{}
	idx.More.Departments = sec
	if err := s.emit("departments/index.html", "departmentindex.html", "报相关部门", "reports", idx); err != nil {
		return err
	}
	at := loop.AsOfFor(s.months[i], s.opt.AsOf)
	for k, dp := range s.d.Ref.Departments {
		p := deptPage{deptRow: sec.Rows[k], Remit: dp.Remit, Period: s.reports[i].Period, ReportHref: reportHref(s.reports[i].Period)}
		x := sec.Rows[k].DepartmentLoad
		for _, t := range s.d.Ref.HazardTypes {
			if dp.Covers(t.Code) && (!dp.All || x.ByType[t.Code] > 0) {
				p.TypeRows = append(p.TypeRows, countRow{Code: t.Code, Name: t.Name, Href: typeHref(t.Code), N: x.ByType[t.Code]})
			}
		}
		for _, t := range s.d.Ref.Towns {
			if c := x.ByTown[t.Code]; c > 0 {
				p.ByTown = append(p.ByTown, countRow{Code: t.Code, Name: t.Name, Href: townHref(t.Code), N: c})
			}
		}
		for _, id := range x.OpenIDs {
			if h := s.tl.Hazard(id); h != nil {
				p.List = append(p.List, s.listRow(h, at))
			}
		}
		sortList(p.List)
		if n := s.rowCap(); len(p.List) > n {
			p.List, p.ListMore = p.List[:n], len(p.List)-n
		}
		for _, r := range s.reports[max(0, n-trendMonths):] {
			y := r.Departments[dp.Code]
			p.Trend = append(p.Trend, deptTrend{Period: r.Period, New: y.New, Open: y.Open, Overdue: y.Overdue, Major: y.Major, Escal: y.Escalated})
		}
		for _, l := range s.d.Liaisons {
			if isDeptLiaison(dp, l.Level, l.Unit) {
				p.Liaisons = append(p.Liaisons, s.liaisonRow(l))
			}
		}
		if err := s.emit(deptHref(dp.Code), "department.html", dp.Label()+" · 报相关部门", "reports", p); err != nil {
			return err
		}
	}
	return nil
}

// isDeptLiaison reports whether a liaison of level and unit belongs to
// department dp: a 部门 liaison whose 单位 is its name or short name (a
// department with every type, the towns, has the 街镇 liaisons on the town
// pages instead).
func isDeptLiaison(dp reference.Department, level, unit string) bool {
	return level == "部门" && (unit == dp.Name || dp.ShortName != "" && unit == dp.ShortName)
}
