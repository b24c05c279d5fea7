package render

import (
	"fmt"
	"html/template"
	"sort"

	"lpg/internal/chart"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// Hazard-type pages (the catalogue of data/reference/hazard_types.csv and
// how often each type occurs) and enterprise pages (submissions,
// punctuality, hazards found by type) of issue 6.

// typeHref is the link from the site root to the page of a hazard type.
func typeHref(code string) string { return "types/" + code + "/index.html" }

// enterpriseHref is the link from the site root to an enterprise page.
func enterpriseHref(id string) string { return "enterprises/" + id + "/index.html" }

// typeRow is one entry of the catalogue with its counts.
type typeRow struct {
	Code, Name, NameEn, Group, AppliesTo, Severity, Basis, Href string
	DeadlineDays, Total, Latest                                 int
}

// typesPage is the data of types.html.
type typesPage struct {
	LatestMonth string // the inspection month of the latest report ("" when none)
	Types       []typeRow
	Chart       template.HTML
}

// typePage is the data of type.html.
type typePage struct {
	typeRow
	Months               []countRow // by inspection month, ascending
	ByTown, ByEnterprise []countRow
	Chart                template.HTML
}

func (s *site) renderTypes() error {
	total, byMonth := loop.CountByType(s.d)
	var p typesPage
	latest := ""
	if n := len(s.reports); n > 0 {
		latest = s.reports[n-1].NewHazards.Month
		p.LatestMonth = latest
	}
	byTown := map[string]map[string]int{}
	byEnt := map[string]map[string]int{}
	for _, h := range s.d.Hazards {
		if byTown[h.Type] == nil {
			byTown[h.Type], byEnt[h.Type] = map[string]int{}, map[string]int{}
		}
		byTown[h.Type][h.Town]++
		byEnt[h.Type][h.Enterprise]++
	}
	for _, t := range s.d.Ref.HazardTypes {
		row := typeRow{Code: t.Code, Name: t.Name, NameEn: t.NameEn, Group: t.Group, AppliesTo: t.AppliesTo,
			Severity: t.Severity, Basis: t.Basis, DeadlineDays: t.DeadlineDays, Href: typeHref(t.Code), Total: total[t.Code]}
		tp := typePage{typeRow: row}
		var labels []string
		var vals []float64
		for _, m := range byMonth[t.Code] {
			tp.Months = append(tp.Months, countRow{Code: m.Month, Name: m.Month, N: m.N})
			labels = append(labels, m.Month)
			vals = append(vals, float64(m.N))
			if m.Month == latest {
				row.Latest = m.N
			}
		}
		tp.Latest = row.Latest
		for _, tw := range s.d.Ref.Towns {
			if n := byTown[t.Code][tw.Code]; n > 0 {
				tp.ByTown = append(tp.ByTown, countRow{Code: tw.Code, Name: tw.Name, Href: townHref(tw.Code), N: n})
			}
		}
		for _, e := range s.d.Ref.Enterprises {
			if n := byEnt[t.Code][e.ID]; n > 0 {
				tp.ByEnterprise = append(tp.ByEnterprise, countRow{Code: e.ID, Name: e.Name, Href: enterpriseHref(e.ID), N: n})
			}
		}
		if len(labels) > 0 {
			tp.Chart = chart.Bar{Title: "“" + t.Name + "”各月发现数", Desc: fmt.Sprintf("按安检月份统计，累计 %d 处；数值见下表。", row.Total),
				XLabel: "安检月份", YLabel: "隐患数（处）", Labels: labels, Series: []chart.Series{{Name: "隐患数", Values: vals}}, Highlight: -1}.SVG()
		}
		if err := s.emit(typeHref(t.Code), "type.html", "隐患类别："+t.Name, "types", tp); err != nil {
			return err
		}
		p.Types = append(p.Types, row)
	}
	top := append([]typeRow(nil), p.Types...)
	sort.SliceStable(top, func(i, j int) bool { return top[i].Total > top[j].Total })
	var labels []string
	var vals []float64
	for i := 0; i < len(top) && i < 10 && top[i].Total > 0; i++ {
		labels = append(labels, shorten(top[i].Name, 14))
		vals = append(vals, float64(top[i].Total))
	}
	if len(labels) > 0 {
		p.Chart = chart.Bar{Title: "最常见的隐患类别（累计）", Desc: "各月合计最多的 10 类隐患；全部类别的数值见下表。",
			YLabel: "隐患数（处）", Labels: labels, Series: []chart.Series{{Name: "隐患数", Values: vals}}, Horizontal: true, Highlight: -1}.SVG()
	}
	return s.emit("types/index.html", "types.html", "隐患类别目录", "types", p)
}

// shorten cuts s to n characters with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// entRow is one enterprise with its punctuality and hazard count.
type entRow struct {
	ID, Name, Href, Active                        string
	Expected, OnTime, Late, Missing, Pending, Unk int
	Hazards                                       int
}

// entPage is the data of enterprise.html.
type entPage struct {
	entRow
	Due        dueBlock // 本月要报 (due.go)
	Subs       []subRow
	ByType     []countRow
	ByMonth    []countRow
	ChartType  template.HTML
	ChartMonth template.HTML
}

func (s *site) renderEnterprises() error {
	var rows []entRow
	for _, e := range s.d.Ref.Enterprises {
		row := entRow{ID: e.ID, Name: e.Name, Href: enterpriseHref(e.ID), Active: e.ActiveFrom.String() + " 起"}
		if !e.ActiveTo.IsZero() {
			row.Active = e.ActiveFrom.String() + " 至 " + e.ActiveTo.String()
		}
		subs := loop.Current(s.d, s.opt.Receipts, loop.SubmissionsOf(s.reports, model.FormHazards, e.ID, 0), s.opt.AsOf)
		t := loop.Tally(subs)
		row.Expected, row.OnTime, row.Late, row.Missing, row.Pending, row.Unk = len(subs), t[loop.OnTime], t[loop.Late], t[loop.Missing], t[loop.Pending], t[loop.Unknown]
		p := entPage{}
		byType, byMonth := map[string]int{}, map[string]int{}
		for _, h := range s.d.Hazards {
			if h.Enterprise == e.ID {
				row.Hazards++
				byType[h.Type]++
				byMonth[h.Month.String()]++
			}
		}
		p.entRow = row
		p.Due = s.enterpriseDue(e)
		for _, x := range subs {
			p.Subs = append(p.Subs, s.subRow(x))
		}
		for _, ht := range s.d.Ref.HazardTypes {
			if n := byType[ht.Code]; n > 0 {
				p.ByType = append(p.ByType, countRow{Code: ht.Code, Name: ht.Name, Href: typeHref(ht.Code), N: n})
			}
		}
		sort.SliceStable(p.ByType, func(i, j int) bool { return p.ByType[i].N > p.ByType[j].N })
		var months []string
		for m := range byMonth {
			months = append(months, m)
		}
		sort.Strings(months)
		var ml []string
		var mv []float64
		for _, m := range months {
			p.ByMonth = append(p.ByMonth, countRow{Code: m, Name: m, N: byMonth[m]})
			ml, mv = append(ml, m), append(mv, float64(byMonth[m]))
		}
		if len(ml) > 0 {
			p.ChartMonth = chart.Bar{Title: e.Name + " 各月发现隐患", Desc: fmt.Sprintf("按安检月份，累计 %d 处；数值见下表。", row.Hazards),
				XLabel: "安检月份", YLabel: "隐患数（处）", Labels: ml, Series: []chart.Series{{Name: "隐患数", Values: mv}}, Highlight: -1}.SVG()
		}
		var tl []string
		var tv []float64
		for i, c := range p.ByType {
			if i == 10 {
				break
			}
			tl, tv = append(tl, shorten(c.Name, 14)), append(tv, float64(c.N))
		}
		if len(tl) > 0 {
			p.ChartType = chart.Bar{Title: "发现的隐患（按类别，前 10 类）", Desc: "全部类别的数值见下表。", YLabel: "隐患数（处）",
				Labels: tl, Series: []chart.Series{{Name: "隐患数", Values: tv}}, Horizontal: true, Highlight: -1}.SVG()
		}
		if err := s.emit(enterpriseHref(e.ID), "enterprise.html", e.Name, "enterprises", p); err != nil {
			return err
		}
		rows = append(rows, row)
	}
	return s.emit("enterprises/index.html", "enterprises.html", "液化气企业排查表报送与隐患发现", "enterprises", rows)
}
