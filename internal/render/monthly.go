package render

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"sort"
	"strings"
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

// rowCap is Options.ListCap, or listCap when that is 0.
func (s *site) rowCap() int {
	if s.opt.ListCap > 0 {
		return s.opt.ListCap
	}
	return listCap
}

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
	r := s.reports[i]
	x := &p.X
	x.Summary = s.summary(i)
	ml := s.lists(i)
	x.Overdue, x.OverdueMore = s.rowsOf(ml, ml.overdue, s.rowCap())
	x.Escalated, x.EscalatedMore = s.rowsOf(ml, ml.escalated, s.rowCap())
	x.EscalatedTotal = len(ml.escalated)
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
		// the hazards whose 汇总表 is due (pending left out), as table 4
		// ranks; a town whose 汇总表 is not yet due has no rate (only
		// 当场整改 defaults would count: a meaningless 100%) and is left out.
		fair, avg := loop.FairRanking(r, s.townCodes())
		byCode := map[string]loop.FairTown{}
		for _, f := range fair {
			byCode[f.Town] = f
		}
		var names, notDue []string
		var rates []float64
		closed, due := 0, 0
		for _, row := range p.Cohort {
			f := byCode[row.Code]
			if f.NotDue {
				notDue = append(notDue, row.Name)
				continue
			}
			if f.Due == 0 {
				continue
			}
			if row.NoReport {
				names = append(names, row.Name+"（未报）")
			} else {
				names = append(names, row.Name)
			}
			rates = append(rates, f.DueRate)
			closed += f.Closed
			due += f.Due
		}
		rm, _ := calendar.ParseMonth(c.Month)
		if len(names) == 0 {
			x.ChartClosure = template.HTML(`<p class="note">` + template.HTMLEscapeString(fmt.Sprintf("%s 批次：各街镇的汇总表均未到期（截止 %s），除当场整改外没有已到期的隐患，不计算已到期隐患闭环率，也不据此排名。",
				c.Month, dateCN(calendar.RectificationDue(rm)))) + `</p>`)
		} else {
			desc := fmt.Sprintf("已到期隐患闭环率：全区 %s（%d 处已到期中已闭环 %d 处）；虚线为全区平均。", percent(avg, due), due, closed)
			if len(notDue) > 0 {
				desc += fmt.Sprintf("%s 的汇总表未到期（截止 %s），没有闭环率，不列入。", strings.Join(notDue, "、"), dateCN(calendar.RectificationDue(rm)))
			} else if c.Pending > 0 {
				desc += fmt.Sprintf("另有 %d 处尚无整改情况（待报送），不计入。", c.Pending)
			}
			x.ChartClosure = chart.Bar{Title: c.Month + " 批次各街镇已到期隐患闭环率", Desc: desc,
				YLabel: "闭环率", Labels: names, Series: []chart.Series{{Name: "已到期隐患闭环率", Values: rates}}, Horizontal: true, Percent: true, Max: 1,
				Ref: &chart.Ref{Label: "全区", Value: avg}, Highlight: -1}.SVG()
		}
	}
	x.Trend = loop.Trend(s.reports[:i+1], "", trendMonths)
	x.ChartTrend = trendChart("全区近 12 期月报趋势", x.Trend, false)
}

// trendChart draws new, closed (of the cohort), 用户逾期 and 街镇逾期 per
// report month; a town's chart (town) leaves 用户逾期 to the table below it
// and draws what the town is judged by. It sits above the table "trend"
// (近 12 期月报数值) of its page.
func trendChart(title string, tr []loop.TrendPoint, town bool) template.HTML {
	return trendChartNote(title, tr, town, "数值见下表。")
}

// trendChartNote is trendChart whose district <desc> ends with note, which
// says where the chart's numbers are (the dashboard has no table below it).
func trendChartNote(title string, tr []loop.TrendPoint, town bool, note string) template.HTML {
	var labels []string
	var nw, cl, od, tw []float64
	for _, p := range tr {
		labels = append(labels, p.Period)
		if p.NewNotDue || p.NewMissing {
			nw = append(nw, math.NaN()) // not drawn: nothing due yet, or no file received
		} else {
			nw = append(nw, float64(p.New))
		}
		if town && len(p.RectMissing) > 0 || p.CohortNoData {
			cl = append(cl, math.NaN()) // not drawn: the town's 汇总表 is 逾期未报, or the cohort's 排查表 were not received
		} else {
			cl = append(cl, float64(p.Closed))
		}
		od = append(od, float64(p.Overdue))
		tw = append(tw, float64(p.TownOver))
	}
	if town {
		return chart.Line{Title: title, Desc: "每期月报的新发现隐患、整改批次已闭环数和街镇逾期未办结数；用户逾期未整改数见下表。",
			XLabel: "月报期次", YLabel: "隐患数（处）", Labels: labels,
			Series: []chart.Series{{Name: "新发现", Values: nw}, {Name: "批次已闭环", Values: cl}, {Name: "街镇逾期", Values: tw}}}.SVG()
	}
	return chart.Line{Title: title, Desc: "每期月报的新发现隐患（上月安检）、整改批次（前两月）已闭环数、用户逾期未整改数和街镇逾期未办结数；" + note,
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
	ai := loop.At(at)
	return s.stateRow(s.tl.StateOf(h, ai), ai)
}

// stateRow is the listRow of a hazard in state st at ai.
func (s *site) stateRow(st loop.State, ai loop.Instant) listRow {
	h := st.Hazard
	return listRow{ID: h.ID, Month: h.Month.String(), Town: s.townName(h.Town), TownHref: townHref(h.Town),
		Village: s.villageName(h.Village), Type: s.typeName(h.Type), TypeHref: typeHref(h.Type), Severity: h.Severity,
		Inspected: h.InspectionDate.String(), Due: h.DueDate.String(), Status: statusText(st),
		Age: calendar.DaysBetween(h.InspectionDate, ai.Day), DaysLate: st.DaysLate,
		Overdue: st.Overdue, Escalated: st.Escalated, Href: upTwo(s.hazardLinks[h.ID])}
}

// monthLists are the hazard lists of report i (months ≤ R-1 at as_of_R),
// worked out once per report month (issue 14) in one pass over the
// timeline and kept as sorted hazard indices: a page turns the first rows
// it shows into listRows, report.xlsx all of them.
type monthLists struct {
	at        loop.Instant
	overdue   []int32 // 用户逾期未整改, longest overdue first, then by id (sortList)
	escalated []int32 // 移交联合整治, in the same order
	refused   []int32 // 拒不整改, open longest first, then by id (sortByAge)
	major     []int32 // open 重大, in the same order
	longest   int     // the longest DaysLate
}

// lists returns the monthLists of report i, working them out on first use
// (safe for concurrent use).
func (s *site) lists(i int) *monthLists {
	s.listOnce[i].Do(func() {
		m := s.months[i]
		ml := &monthLists{at: loop.At(loop.AsOfFor(m, s.opt.AsOf))}
		// each list with its sort key (DaysLate, or days since found),
		// sorted at the end: no map per list (issue 14)
		var overdue, escalated, refused, major []keyedIndex
		s.tl.Through(m.Add(-1), func(i int) {
			st := s.tl.State(i, ml.at)
			if st.Class.Closed() {
				return
			}
			h, k := st.Hazard, int32(i)
			ml.longest = max(ml.longest, st.DaysLate)
			if st.Overdue {
				overdue = append(overdue, keyedIndex{k, st.DaysLate})
			}
			if st.Escalated {
				escalated = append(escalated, keyedIndex{k, st.DaysLate})
			}
			if st.Class == loop.Refused {
				refused = append(refused, keyedIndex{k, calendar.DaysBetween(h.InspectionDate, ml.at.Day)})
			}
			if h.Severity == "重大" {
				major = append(major, keyedIndex{k, calendar.DaysBetween(h.InspectionDate, ml.at.Day)})
			}
		})
		hz := s.tl.Data().Hazards
		ml.overdue = sortKeyed(hz, overdue)
		ml.escalated = sortKeyed(hz, escalated)
		ml.refused = sortKeyed(hz, refused)
		ml.major = sortKeyed(hz, major)
		s.monthLists[i] = ml
	})
	return s.monthLists[i]
}

// keyedIndex is a hazard index with the key a list sorts it by.
type keyedIndex struct {
	k   int32
	key int
}

// sortKeyed returns the indices of x ordered by key, largest first, then
// by hazard id (then by index, for a repeated id); nil for none.
func sortKeyed(hz []*model.Hazard, x []keyedIndex) []int32 {
	if len(x) == 0 {
		return nil
	}
	slices.SortFunc(x, func(a, b keyedIndex) int {
		if a.key != b.key {
			return cmp.Compare(b.key, a.key)
		}
		if c := strings.Compare(hz[a.k].ID, hz[b.k].ID); c != 0 {
			return c
		}
		return cmp.Compare(a.k, b.k)
	})
	out := make([]int32, len(x))
	for j, e := range x {
		out[j] = e.k
	}
	return out
}

// rowsOf returns the listRows of the first n hazards of list (all when n <
// 0) and how many more there are.
func (s *site) rowsOf(ml *monthLists, list []int32, n int) ([]listRow, int) {
	more := 0
	if n >= 0 && len(list) > n {
		list, more = list[:n], len(list)-n
	}
	if len(list) == 0 {
		return nil, more
	}
	out := make([]listRow, 0, len(list))
	for _, k := range list {
		out = append(out, s.stateRow(s.tl.State(int(k), ml.at), ml.at))
	}
	return out, more
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
	ai := loop.At(at)
	var out []listRow
	for _, id := range ids {
		if i, ok := s.tl.Index(id); ok {
			out = append(out, s.stateRow(s.tl.State(i, ai), ai))
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
