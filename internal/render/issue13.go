package render

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"lpg/internal/chart"
	"lpg/internal/loop"
)

// The issue 13 blocks of a report page (templates/issue13.html): the
// 入户安检 coverage and hazard rates of R-1 with their completeness and
// trend, and the chronic households (重复隐患户) with their history. Counts
// and hazard ids only: no household's name, phone or address appears.

// issue13View is reportPage.More.
type issue13View struct {
	Coverage    coverageView
	Repeats     repeatView
	Departments deptSection // templates/departments.html; departments.go
}

// repeatView is the "重复隐患户" block.
type repeatView struct {
	Total, Open int
	ByTown      []countRow
	Households  []repeatRow // at most repeatCap, open ones first
	More        int         // households left out (all are in report.json)
}

// repeatCap and historyCap bound the list on a report page (page weight:
// a month of 1,500 hazards must stay under 300 KB); report.json lists
// every chronic household with its whole history.
const repeatCap, historyCap = 50, 6

// repeatRow is one chronic household: where and its history, oldest first.
type repeatRow struct {
	Town, TownHref, Village string
	History                 []repeatStep // the last historyCap hazards
	Earlier                 int          // earlier hazards not shown
	open                    bool
	n                       int
}

// repeatStep is one hazard of a chronic household's history.
type repeatStep struct {
	listRow
	Repeat bool // found while an earlier one was open or within 12 months of its closing
}

// chronicOpen lists, for the 需督办 block, the latest open hazard of each
// chronic household of report i that still has one, longest open first.
func (s *site) chronicOpen(i int, at time.Time) []listRow {
	var ids []string
	for _, hh := range s.reports[i].RepeatHouseholds.Households {
		if n := len(hh.OpenIDs); n > 0 {
			ids = append(ids, hh.OpenIDs[n-1])
		}
	}
	rows := s.hazardList(ids, at)
	sortByAge(rows)
	return rows
}

func (s *site) repeatView(i int) repeatView {
	r := s.reports[i]
	at := loop.AsOfFor(s.months[i], s.opt.AsOf)
	x := r.RepeatHouseholds
	v := repeatView{Total: x.Total, Open: x.Open}
	for _, t := range s.d.Ref.Towns {
		if n := x.ByTown[t.Code]; n > 0 {
			v.ByTown = append(v.ByTown, countRow{Code: t.Code, Name: t.Name, Href: townHref(t.Code), N: n})
		}
	}
	for _, hh := range x.Households {
		row := repeatRow{Town: s.townName(hh.Town), TownHref: townHref(hh.Town), Village: s.villageName(hh.Village)}
		rep := map[string]bool{}
		for _, id := range hh.RepeatIDs {
			rep[id] = true
		}
		ids := hh.HazardIDs
		row.open, row.n = len(hh.OpenIDs) > 0, len(ids)
		if len(ids) > historyCap {
			row.Earlier, ids = len(ids)-historyCap, ids[len(ids)-historyCap:]
		}
		for _, id := range ids {
			if h := s.tl.Hazard(id); h != nil {
				row.History = append(row.History, repeatStep{listRow: s.listRow(h, at), Repeat: rep[id]})
			}
		}
		v.Households = append(v.Households, row)
	}
	// open households first, then those with more hazards; stable, so by
	// town and first hazard id (report.json's order) within
	sort.SliceStable(v.Households, func(a, b int) bool {
		x, y := v.Households[a], v.Households[b]
		if x.open != y.open {
			return x.open
		}
		return x.n > y.n
	})
	if len(v.Households) > repeatCap {
		v.More, v.Households = len(v.Households)-repeatCap, v.Households[:repeatCap]
	}
	return v
}

// coverageView is the "coverage" block.
type coverageView struct {
	Period                     string // R
	Month                      string
	Total                      coverageRow
	ByTown, ByEnterprise, ByUT []coverageRow
	Chart                      template.HTML
	Expected                   int
	Missing                    []string // names of the enterprises whose 入户安检量表 is pending or missing
	MissingText                string   // who, and whether 逾期未报 or 未到期（待报送） (review, item 3)
	Uncounted                  int
	Trend                      []coverageTrend
	Villages                   int // village entries in report.json
	HasData                    bool
}

// coverageRow is one line of a coverage table.
type coverageRow struct {
	Name, Href                           string
	Inspected, Refused, HazardHouseholds int
	Rate                                 string
	High                                 bool // rate above the district's
}

// coverageTrend is one report month of the coverage trend.
type coverageTrend struct {
	Period, Month               string
	Inspected, HazardHouseholds int
	Rate                        string
	Incomplete                  int
}

// addIssue13 fills p.More for report s.reports[i].
func (s *site) addIssue13(i int, p *reportPage) {
	p.More.Coverage = s.coverageView(i)
	p.More.Repeats = s.repeatView(i)
	p.More.Departments = s.deptSection(i)
}

func (s *site) coverageView(i int) coverageView {
	c := s.reports[i].Inspections
	v := coverageView{Period: s.reports[i].Period, Month: c.Month, Expected: len(c.Submissions), Uncounted: c.UncountedHazardHouseholds,
		Villages: len(c.ByVillage), HasData: c.Inspected > 0 || c.HazardHouseholds > 0}
	row := func(name, href string, x loop.Coverage) coverageRow {
		return coverageRow{Name: name, Href: href, Inspected: x.Inspected, Refused: x.Refused, HazardHouseholds: x.HazardHouseholds,
			Rate: percent(x.HazardRate, x.Inspected), High: x.Inspected > 0 && x.HazardRate > c.HazardRate}
	}
	v.Total = row("全区", "", c.Coverage)
	var names []string
	var rates []float64
	for _, t := range s.d.Ref.Towns {
		x, ok := c.ByTown[t.Code]
		if !ok {
			continue
		}
		v.ByTown = append(v.ByTown, row(t.Name, townHref(t.Code), x))
		names = append(names, t.Name)
		rates = append(rates, x.HazardRate)
	}
	ents := make([]string, 0, len(c.ByEnterprise))
	for e := range c.ByEnterprise {
		ents = append(ents, e)
	}
	sort.Strings(ents)
	for _, e := range ents {
		v.ByEnterprise = append(v.ByEnterprise, row(s.enterpriseName(e), "enterprises/"+e+"/index.html", c.ByEnterprise[e]))
	}
	for _, ut := range []string{"居民", "餐饮", "单位食堂", "其他非居民"} {
		if x, ok := c.ByUserType[ut]; ok {
			v.ByUT = append(v.ByUT, row(ut, "", x))
		}
	}
	for _, sub := range c.Submissions {
		if sub.Status == loop.Pending || sub.Status == loop.Missing {
			v.Missing = append(v.Missing, s.enterpriseName(sub.Submitter))
		}
	}
	v.MissingText = coverageMissing(c.Submissions, s.enterpriseName)
	if len(names) > 0 {
		v.Chart = chart.Bar{Title: c.Month + " 各街镇隐患率（隐患户数 ÷ 安检户数）",
			Desc:   fmt.Sprintf("全区安检 %d 户，隐患户 %d 户，隐患率 %s；虚线为全区平均。", c.Inspected, c.HazardHouseholds, v.Total.Rate),
			YLabel: "隐患率", Labels: names, Series: []chart.Series{{Name: "隐患率", Values: rates}}, Horizontal: true, Percent: true,
			Ref: &chart.Ref{Label: "全区", Value: c.HazardRate}, Highlight: -1}.SVG()
	}
	from := max(0, i+1-trendMonths)
	for _, r := range s.reports[from : i+1] {
		x := r.Inspections
		v.Trend = append(v.Trend, coverageTrend{Period: r.Period, Month: x.Month, Inspected: x.Inspected,
			HazardHouseholds: x.HazardHouseholds, Rate: percent(x.HazardRate, x.Inspected), Incomplete: len(r.IncompleteInspections)})
	}
	return v
}

// coverageMissing says whose 入户安检量表 is not received: 逾期未报, or
// 未到期（待报送） before the deadline — nobody is blamed for a deadline that
// has not passed (review, item 3).
func coverageMissing(subs []loop.Submission, name func(string) string) string {
	var pend, miss []string
	due := ""
	for _, x := range subs {
		switch x.Status {
		case loop.Pending:
			pend = append(pend, name(x.Submitter))
			due = formatTime(x.DueTime)
		case loop.Missing:
			miss = append(miss, name(x.Submitter))
		}
	}
	var parts []string
	if len(miss) > 0 {
		parts = append(parts, strings.Join(miss, "、")+" 逾期未报")
	}
	if len(pend) > 0 {
		parts = append(parts, strings.Join(pend, "、")+" 未到期（待报送，截止 "+due+"）")
	}
	return strings.Join(parts, "；")
}
