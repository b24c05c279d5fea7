package render

import (
	"sort"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/loop"
)

// countRow is one line of a "by …" table.
type countRow struct {
	Code, Name, Href string
	N                int
}

// cohortRow is one town's line of the rectification table of a report.
type cohortRow struct {
	Code, Name, Href string
	loop.Counts
	Rate     string
	NoReport bool // the town's 汇总表 is 逾期未报 (loop.CohortMissing): said beside Rate
}

// openRow is one town's line of the open figures.
type openRow struct {
	Code, Name, Href string
	loop.OpenTown
	Rate string // closure rate of the town in the cohort (dashboard)
	Rank int
}

// monthLink is a report month in a list.
type monthLink struct {
	Period, Href                         string
	New, CohortTotal, Open, Overdue, Esc int
	Rate                                 string
	NewNotDue                            bool // New is 0 because no 排查表 is due yet (loop.NewNotDue)
	NewMissing                           bool // New is 0 because no 排查表 was received (loop.NewMissing)
}

// reportPage is the data of report.html.
type reportPage struct {
	Period, AsOf, NewMonth, CohortMonth string
	Rep                                 loop.Report
	Rate                                string
	BySeverity, ByTown                  []countRow
	ByEnterprise, ByType                []countRow
	Cohort                              []cohortRow
	CohortTotal                         cohortRow
	OpenByTown                          []openRow
	Submissions                         []subRow
	PrevHref, NextHref                  string // relative to the site root; "" at the ends
	Prev, Next                          string
	Edition                             string       // "v1" on an edition's own page, "" on the live page
	BuiltinNote                         string       // an edition rendered with the built-in templates: why (Options.BuiltinNote)
	Editions                            []editionRow // published editions of this month (live page), rendered
	EditionList                         []editionRow // every edition of this month, also those not rendered (Skipped)
	Draft                               *changesView // from the last edition to the live draft
	X                                   reportExtra  // summary, charts, lists (monthly.go)
	More                                issue13View  // coverage, repeat households, departments (issue 13; issue13.go)
	Head                                formalHead   // the document wrapper (formal.go)
	Action                              needAction   // 需督办
	Comp                                completeness // caveats beside the figures
	Fair                                []fairRow    // towns ranked by fair measures
	FairAvg                             string       // district closure rate of what is due
	PrevIncomplete                      bool         // the previous report's 排查表 were incomplete
}

// dashboard is the data of index.html.
type dashboard struct {
	Latest      *reportPage // nil when there is no report month
	Months      []monthLink // newest first
	Submissions []subRow
}

func (s *site) monthLinks() []monthLink {
	out := make([]monthLink, 0, len(s.reports))
	for i := len(s.reports) - 1; i >= 0; i-- {
		r := s.reports[i]
		out = append(out, monthLink{Period: r.Period, Href: reportHref(r.Period), New: r.NewHazards.Total,
			CohortTotal: r.Rectification.Total, Open: r.Open.Total, Overdue: r.Open.Overdue, Esc: r.Open.Escalated, NewNotDue: loop.NewNotDue(r), NewMissing: loop.NewMissing(r),
			Rate: percent(r.Rectification.ClosureRate, r.Rectification.Total)})
	}
	return out
}

func (s *site) renderIndex() error {
	db := dashboard{Months: s.monthLinks()}
	if n := len(s.reports); n > 0 {
		p := s.reportPage(n - 1)
		// The dashboard is at the site root: the 需督办 rows link to the
		// hazard pages from there, not from a report folder.
		p.Action.Lists = append([]actionList(nil), p.Action.Lists...)
		for i := range p.Action.Lists {
			rows := append([]listRow(nil), p.Action.Lists[i].Rows...)
			for j := range rows {
				rows[j].Href = strings.TrimPrefix(rows[j].Href, "../../")
			}
			p.Action.Lists[i].Rows = rows
		}
		// No table below the trend chart here: its numbers are in the
		// report's section 六.
		p.X.ChartTrend = trendChartNote("全区近 12 期月报趋势", p.X.Trend, false, "数值见 "+p.Period+" 月报“六、近 12 期趋势”的表格“近 12 期月报数值”。")
		db.Latest = &p
		db.Submissions = p.Submissions
	}
	if err := s.emit("index.html", "index.html", "隐患闭环管理总览", "home", db); err != nil {
		return err
	}
	return s.emit("reports/index.html", "reports.html", "隐患处置月报", "reports", db)
}

func (s *site) renderReports() error {
	for i, r := range s.reports {
		dir := "reports/" + r.Period + "/"
		if !s.wantsIn(dir) {
			continue
		}
		if s.wants(dir + "report.json") {
			js, err := encodeJSON(r)
			if err != nil {
				return err
			}
			s.put(dir+"report.json", js)
		}
		m := s.months[i]
		if s.wants(dir + "hazards.csv") {
			s.put(dir+"hazards.csv", s.hazardsCSV(m.Add(-1), "", loop.AsOfFor(m, s.opt.AsOf)))
		}
		if !s.wants(dir + "index.html") {
			continue
		}
		if err := s.emit(dir+"index.html", "report.html", monthCN(m)+" 隐患处置月报", "reports", s.reportPage(i)); err != nil {
			return err
		}
	}
	return nil
}

// reportPage returns the page data of report s.reports[i], built once:
// the report page, the dashboard and report.xlsx read the same. The
// caller must not modify what its slices hold.
func (s *site) reportPage(i int) reportPage {
	s.pageOnce[i].Do(func() { s.reportPages[i] = s.buildReportPage(i) })
	return s.reportPages[i]
}

// buildReportPage builds the page data of report s.reports[i].
func (s *site) buildReportPage(i int) reportPage {
	r, m := s.reports[i], s.months[i]
	at := loop.AsOfFor(m, s.opt.AsOf)
	p := reportPage{Period: r.Period, AsOf: formatTime(at), NewMonth: r.NewHazards.Month,
		CohortMonth: r.Rectification.Month, Rep: r, Rate: percent(r.Rectification.ClosureRate, r.Rectification.Total)}
	if i > 0 {
		p.Prev, p.PrevHref = s.reports[i-1].Period, reportHref(s.reports[i-1].Period)
	}
	if i+1 < len(s.reports) {
		p.Next, p.NextHref = s.reports[i+1].Period, reportHref(s.reports[i+1].Period)
	}
	n := r.NewHazards
	for _, sev := range []string{"重大", "严重", "一般"} {
		p.BySeverity = append(p.BySeverity, countRow{Code: sev, Name: sev, N: n.BySeverity[sev]})
	}
	for _, t := range s.d.Ref.Towns { // every town, zeros too: the table beside the chart gives the chart's numbers
		if n.Total > 0 {
			p.ByTown = append(p.ByTown, countRow{Code: t.Code, Name: t.Name, Href: townHref(t.Code), N: n.ByTown[t.Code]})
		}
	}
	for _, e := range s.d.Ref.Enterprises {
		if c := n.ByEnterprise[e.ID]; c > 0 {
			p.ByEnterprise = append(p.ByEnterprise, countRow{Code: e.ID, Name: e.Name, N: c})
		}
	}
	for _, t := range s.d.Ref.HazardTypes {
		if c := n.ByType[t.Code]; c > 0 {
			p.ByType = append(p.ByType, countRow{Code: t.Code, Name: t.Name, N: c})
		}
	}
	sort.SliceStable(p.ByType, func(a, b int) bool { return p.ByType[a].N > p.ByType[b].N })
	missing := loop.CohortMissing(r)
	for _, t := range s.d.Ref.Towns {
		if c, ok := r.Rectification.ByTown[t.Code]; ok && c.Total > 0 {
			p.Cohort = append(p.Cohort, cohortRow{Code: t.Code, Name: t.Name, Href: townHref(t.Code), Counts: c, Rate: percent(c.ClosureRate, c.Total), NoReport: missing[t.Code]})
		}
		if o, ok := r.Open.ByTown[t.Code]; ok && o.Open > 0 {
			p.OpenByTown = append(p.OpenByTown, openRow{Code: t.Code, Name: t.Name, Href: townHref(t.Code), OpenTown: o})
		}
	}
	p.CohortTotal = cohortRow{Name: "合计", Counts: r.Rectification.Counts, Rate: p.Rate}
	for _, x := range r.Submissions {
		p.Submissions = append(p.Submissions, s.subRow(x))
	}
	p.Editions, p.EditionList, p.Draft = s.editionsOf(i)
	p.Head = s.formalHead(i)
	p.Action = s.needAction(i, "")
	p.Comp = s.completeness(i)
	p.Fair, p.FairAvg = s.fairRanking(i)
	p.PrevIncomplete = i > 0 && len(s.reports[i-1].Incomplete.Hazards) > 0
	s.addExtra(i, &p)
	s.addIssue13(i, &p)
	return p
}

// monthsOf lists the months, ascending, in which town has hazards.
func (s *site) monthsOf(town string) []calendar.Month {
	seen := map[calendar.Month]bool{}
	var out []calendar.Month
	for _, h := range s.d.Hazards {
		if h.Town == town && !seen[h.Month] {
			seen[h.Month] = true
			out = append(out, h.Month)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Compare(out[j]) < 0 })
	return out
}
