package render

import (
	"fmt"
	"html/template"
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/chart"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// The monthly report page as the 隐患处置月报 the gas centre sends (issue
// 6): a generated summary paragraph, charts with their tables, the
// escalations, the tally of submissions and the 12-month trend.

// listCap is how many rows of a hazard list a report page shows; the full
// lists are in report.xlsx and on the town pages (page weight: a month of
// 1,500 hazards must stay under 300 KB).
const listCap = 100

// trendMonths is the length of the trends.
const trendMonths = 12

// reportExtra is the part of a report page added for issue 6.
type reportExtra struct {
	Summary                                            string
	ChartSeverity, ChartTown, ChartClosure, ChartTrend template.HTML
	Trend                                              []loop.TrendPoint
	Overdue, Escalated                                 []listRow // at most listCap rows each
	OverdueMore, EscalatedMore, EscalatedTotal         int
	Tally                                              []tallyRow
	TopTypes                                           []countRow // the 10 most frequent types of the new hazards
	OtherTypes, OtherTypesN                            int        // how many other types, with how many hazards
}

// tallyRow is one submission status with its count.
type tallyRow struct {
	Label string
	N     int
	Bad   bool
}

// addExtra fills p.X for report s.reports[i].
func (s *site) addExtra(i int, p *reportPage) {
	r, m := s.reports[i], s.months[i]
	at := loop.AsOfFor(m, s.opt.AsOf)
	x := &p.X
	x.Summary = s.summary(i)
	over := s.hazardList(r.Open.OverdueIDs, at)
	sortList(over)
	if len(over) > listCap {
		over, x.OverdueMore = over[:listCap], len(over)-listCap
	}
	x.Overdue = over
	esc := s.escalated(m.Add(-1), "", at)
	x.EscalatedTotal = len(esc)
	if len(esc) > listCap {
		esc, x.EscalatedMore = esc[:listCap], len(esc)-listCap
	}
	x.Escalated = esc
	t := loop.Tally(r.Submissions)
	for _, st := range []string{loop.OnTime, loop.Late, loop.Missing, loop.Pending, loop.Unknown} {
		if t[st] > 0 || st == loop.OnTime || st == loop.Late || st == loop.Missing {
			x.Tally = append(x.Tally, tallyRow{Label: loop.StatusLabel[st], N: t[st], Bad: st == loop.Late || st == loop.Missing})
		}
	}
	for j, c := range p.ByType {
		if j < 10 {
			x.TopTypes = append(x.TopTypes, c)
		} else {
			x.OtherTypes++
			x.OtherTypesN += c.N
		}
	}
	n := r.NewHazards
	x.ChartSeverity = chart.Bar{Title: n.Month + " 新发现隐患（按等级）",
		Desc:   fmt.Sprintf("重大 %d 处，严重 %d 处，一般 %d 处。", n.BySeverity["重大"], n.BySeverity["严重"], n.BySeverity["一般"]),
		XLabel: "隐患等级", YLabel: "隐患数（处）", Labels: []string{"重大", "严重", "一般"},
		Series: []chart.Series{{Name: "隐患数", Values: []float64{float64(n.BySeverity["重大"]), float64(n.BySeverity["严重"]), float64(n.BySeverity["一般"])}}}, Highlight: 0}.SVG()
	var names []string
	var vals []float64
	for _, tw := range s.d.Ref.Towns {
		names = append(names, tw.Name)
		vals = append(vals, float64(n.ByTown[tw.Code]))
	}
	x.ChartTown = chart.Bar{Title: n.Month + " 新发现隐患（按街镇）", Desc: fmt.Sprintf("11 个街镇共 %d 处，数值见下表。", n.Total),
		YLabel: "隐患数（处）", Labels: names, Series: []chart.Series{{Name: "隐患数", Values: vals}}, Horizontal: true, Highlight: -1}.SVG()
	if c := r.Rectification; c.Total > 0 {
		// The chart shows what was in the towns' hands: the closure rate of
		// the hazards whose 汇总表 is due (pending left out), as table 4 ranks.
		var names []string
		var rates []float64
		closed, due := 0, 0
		for _, row := range p.Cohort {
			names = append(names, row.Name)
			d := row.Total - row.Pending
			rates = append(rates, loop.ClosureRate(row.Closed(), d))
			closed += row.Closed()
			due += d
		}
		avg := loop.ClosureRate(closed, due)
		desc := fmt.Sprintf("已到期隐患闭环率：全区 %s（%d 处已到期中已闭环 %d 处）；虚线为全区平均。", percent(avg, due), due, closed)
		if c.Pending > 0 {
			desc += fmt.Sprintf("另有 %d 处所在街镇的汇总表未到期（待报送），不计入；汇总表未到期的街镇显示为 0。", c.Pending)
		}
		x.ChartClosure = chart.Bar{Title: c.Month + " 批次各街镇已到期隐患闭环率", Desc: desc,
			YLabel: "闭环率", Labels: names, Series: []chart.Series{{Name: "已到期隐患闭环率", Values: rates}}, Horizontal: true, Percent: true, Max: 1,
			Ref: &chart.Ref{Label: "全区", Value: avg}, Highlight: -1}.SVG()
	}
	x.Trend = loop.Trend(s.reports[:i+1], "", trendMonths)
	x.ChartTrend = trendChart("全区近 12 期月报趋势", x.Trend, false)
}

// trendChart draws new, closed (of the cohort), 用户逾期 and 街镇逾期 per
// report month; a town's chart (town) leaves 用户逾期 to the table below it
// and draws what the town is judged by.
func trendChart(title string, tr []loop.TrendPoint, town bool) template.HTML {
	var labels []string
	var nw, cl, od, tw []float64
	for _, p := range tr {
		labels = append(labels, p.Period)
		nw = append(nw, float64(p.New))
		cl = append(cl, float64(p.Closed))
		od = append(od, float64(p.Overdue))
		tw = append(tw, float64(p.TownOver))
	}
	if town {
		return chart.Line{Title: title, Desc: "每期月报的新发现隐患、整改批次已闭环数和街镇逾期未办结数；用户逾期未整改数见下表。",
			XLabel: "月报期次", YLabel: "隐患数（处）", Labels: labels,
			Series: []chart.Series{{Name: "新发现", Values: nw}, {Name: "批次已闭环", Values: cl}, {Name: "街镇逾期", Values: tw}}}.SVG()
	}
	return chart.Line{Title: title, Desc: "每期月报的新发现隐患（上月安检）、整改批次（前两月）已闭环数、用户逾期未整改数和街镇逾期未办结数；数值见下表。",
		XLabel: "月报期次", YLabel: "隐患数（处）", Labels: labels,
		Series: []chart.Series{{Name: "新发现", Values: nw}, {Name: "批次已闭环", Values: cl}, {Name: "用户逾期", Values: od}, {Name: "街镇逾期", Values: tw}}}.SVG()
}

// listRow is one hazard in a list of a report or dossier page: no personal
// data, so the same row serves the public and the internal build.
type listRow struct {
	ID, Month, Town, TownHref, Village, Type, TypeHref, Severity string
	Inspected, Due, Status                                       string
	Age, DaysLate                                                int
	Overdue, Escalated                                           bool
	// Href is the hazard's page relative to a page two folders below the
	// site root (reports/R/index.html, meetings/pack/index.html), where
	// the lists are shown; "" when it has none (hazard.go; editions).
	Href string
}

func (s *site) listRow(h *model.Hazard, at time.Time) listRow {
	st := loop.Evaluate(h, s.d.Rects[h.ID], at)
	return listRow{ID: h.ID, Month: h.Month.String(), Town: s.townName(h.Town), TownHref: townHref(h.Town),
		Village: s.villageName(h.Village), Type: s.typeName(h.Type), TypeHref: typeHref(h.Type), Severity: h.Severity,
		Inspected: h.InspectionDate.String(), Due: h.DueDate.String(), Status: statusText(st),
		Age: calendar.DaysBetween(h.InspectionDate, calendar.DateOf(at)), DaysLate: st.DaysLate,
		Overdue: st.Overdue, Escalated: st.Escalated, Href: upTwo(s.hazardLinks[h.ID])}
}

// upTwo makes a link from the site root relative to a page two folders
// below it ("" stays "").
func upTwo(href string) string {
	if href == "" {
		return ""
	}
	return "../../" + href
}

// hazardList returns the rows of the hazards with the given ids at at.
func (s *site) hazardList(ids []string, at time.Time) []listRow {
	byID := s.d.HazardByID()
	var out []listRow
	for _, id := range ids {
		if h := byID[id]; h != nil {
			out = append(out, s.listRow(h, at))
		}
	}
	return out
}

// sortList puts the longest overdue first, then by id.
func sortList(rows []listRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.DaysLate != b.DaysLate {
			return a.DaysLate > b.DaysLate
		}
		return a.ID < b.ID
	})
}

// escalated lists the hazards of months ≤ last (of town, or of every town
// when town is "") that are escalated to joint enforcement at at, longest
// overdue first.
func (s *site) escalated(last calendar.Month, town string, at time.Time) []listRow {
	var out []listRow
	for _, h := range s.d.Hazards {
		if h.Month.Compare(last) > 0 || town != "" && h.Town != town {
			continue
		}
		if st := loop.Evaluate(h, s.d.Rects[h.ID], at); st.Escalated {
			out = append(out, s.listRow(h, at))
		}
	}
	sortList(out)
	return out
}
