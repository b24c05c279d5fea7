package render

import (
	"fmt"
	"html/template"
	"sort"

	"lpg/internal/calendar"
	"lpg/internal/chart"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// The town dossier (issue 6): what a town leader needs for the joint
// meeting, on towns/<code>/index.html beside the open hazards of towns.go.

// dossier is the part of a town page added for issue 6.
type dossier struct {
	Rank, Towns   int       // rank among the towns (1 = most overdue) and how many
	Ranking       []fairRow // every town by fair measures (formal.go), the same order as the dashboard
	RankingAvg    string    // district closure rate of what is due
	Period        string    // the latest report month ("" when none)
	Villages      []villageLine
	Rows          []dossierRow // every open hazard, one table (filterable)
	Escalated     []dossierRow
	Punctual      []subRow // 汇总表 of the last 12 reports
	Tally         []tallyRow
	Trend         []loop.TrendPoint
	ChartTrend    template.HTML
	ChartVillages template.HTML
}

// villageLine is one village with open hazards.
type villageLine struct {
	Name                     string
	Open, Overdue, Escalated int
	Oldest                   int // age in days of its oldest open hazard
}

// dossierRow is an open hazard of the town with its village and age.
type dossierRow struct {
	hazardRow
	Village string
	Age     int // days since the inspection
}

// dossier builds the additions to p, the page of town code.
func (s *site) dossier(p townPage) dossier {
	code := p.Code
	x := dossier{Towns: len(s.d.Ref.Towns)}
	if n := len(s.reports); n > 0 {
		x.Period = s.reports[n-1].Period
		x.Ranking, x.RankingAvg = s.fairRanking(n - 1)
		for i := range x.Ranking {
			if x.Ranking[i].Code == code {
				x.Rank = x.Ranking[i].Rank
			}
		}
	}
	today := calendar.DateOf(s.opt.AsOf)
	for _, g := range p.Groups {
		v := villageLine{Name: g.Name, Open: len(g.Rows), Overdue: g.Overdue}
		for _, r := range g.Rows {
			h := s.tl.Hazard(r.ID)
			age := 0
			if h != nil {
				age = calendar.DaysBetween(h.InspectionDate, today)
			}
			v.Oldest = max(v.Oldest, age)
			if r.Escalated {
				v.Escalated++
			}
			row := dossierRow{hazardRow: r, Village: g.Name, Age: age}
			x.Rows = append(x.Rows, row)
			if r.Escalated {
				x.Escalated = append(x.Escalated, row)
			}
		}
		x.Villages = append(x.Villages, v)
	}
	sort.SliceStable(x.Escalated, func(i, j int) bool { return x.Escalated[i].DaysLate > x.Escalated[j].DaysLate })
	if len(x.Villages) > 0 {
		top := append([]villageLine(nil), x.Villages...)
		sort.SliceStable(top, func(i, j int) bool {
			if top[i].Open != top[j].Open {
				return top[i].Open > top[j].Open
			}
			return top[i].Overdue > top[j].Overdue
		})
		title := p.Name + " 各村居未闭环与逾期隐患"
		if len(top) > 15 {
			top, title = top[:15], p.Name+" 未闭环隐患最多的 15 个村居"
		}
		var labels []string
		var open, over []float64
		for _, v := range top {
			labels = append(labels, v.Name)
			open, over = append(open, float64(v.Open)), append(over, float64(v.Overdue))
		}
		x.ChartVillages = chart.Bar{Title: title, Desc: fmt.Sprintf("%d 个村居共有未闭环隐患 %d 处，其中逾期 %d 处；各村居的数值见下表。", len(x.Villages), p.Open, p.Overdue),
			YLabel: "隐患数（处）", Labels: labels, Series: []chart.Series{{Name: "未闭环", Values: open}, {Name: "逾期", Values: over}},
			Horizontal: true, Highlight: -1}.SVG()
	}
	subs := loop.Current(s.d, s.opt.Receipts, loop.SubmissionsOf(s.reports, model.FormRectifications, code, trendMonths), s.opt.AsOf)
	for _, sub := range subs {
		x.Punctual = append(x.Punctual, s.subRow(sub))
	}
	t := loop.Tally(subs)
	for _, st := range []string{loop.OnTime, loop.Late, loop.Missing, loop.Pending, loop.Unknown} {
		if t[st] > 0 || st == loop.OnTime || st == loop.Late || st == loop.Missing {
			x.Tally = append(x.Tally, tallyRow{Label: loop.StatusLabel[st], N: t[st], Bad: st == loop.Late || st == loop.Missing})
		}
	}
	x.Trend = loop.Trend(s.reports, code, trendMonths)
	if len(x.Trend) > 0 {
		x.ChartTrend = trendChart(p.Name+" 近 12 期月报趋势", x.Trend, true)
	}
	return x
}
