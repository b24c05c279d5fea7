package render

import (
	"sort"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// hazardRow is one open hazard on a town page.
type hazardRow struct {
	ID, Month, UserType, UserName, Phone, Address string
	Type, Severity, Inspected, Due, Status        string
	Reason, Remarks                               string
	Href                                          string // its page from the town page ("" when it has none: hazard.go)
	Overdue, Escalated                            bool
	DaysLate                                      int
}

// villageGroup is the open hazards of one village.
type villageGroup struct {
	Code, Name string
	Overdue    int
	Rows       []hazardRow
}

// townSub is one month of a town: its 汇总表 submission and downloads.
type townSub struct {
	Month                          string
	Total, Closed, Open            int
	Due, Received, Status, Label   string
	Bad                            bool
	HazardsHref, RectificationHref string // relative to the town page; "" when there is none
	RectificationXLSX              string // the pre-filled 汇总表 as a workbook, beside RectificationHref
	month                          calendar.Month
}

// townPage is the data of town.html.
type townPage struct {
	Code, Name               string
	Open, Overdue, Escalated int
	Groups                   []villageGroup
	Subs                     []townSub
	Liaisons                 []liaisonRow
	ShowPhone                bool
	X                        dossier  // ranking, trend, villages, punctuality, downloads (dossier.go)
	Due                      dueBlock // 本月要报 (due.go)
}

// townsPage is the data of towns.html.
type townsPage struct {
	Towns       []townPage
	Fair        []fairRow // the latest report's ranking by fair measures (nil without reports)
	FairAvg     string
	Period      string
	CohortMonth string
}

func (s *site) renderTowns() error {
	if s.want != "" && s.isHazardPage(s.want) {
		return nil // renderHazards
	}
	index := s.wants("towns/index.html")
	var all townsPage
	if n := len(s.reports); n > 0 && index {
		all.Fair, all.FairAvg = s.fairRanking(n - 1)
		all.Period, all.CohortMonth = s.reports[n-1].Period, s.reports[n-1].Rectification.Month
	}
	for _, t := range s.d.Ref.Towns {
		dir := "towns/" + t.Code + "/"
		if !index && !s.wantsIn(dir) {
			continue
		}
		p := s.townPage(t.Code)
		p.X = s.dossier(p)
		p.Due = s.townDue(t.Code)
		if err := s.townWorkbooks(dir, p); err != nil {
			return err
		}
		for _, m := range s.monthsOf(t.Code) {
			if f := dir + "hazards-" + m.String() + ".csv"; s.wants(f) {
				s.put(f, s.hazardsCSV(m, t.Code, s.opt.AsOf))
			}
		}
		for _, m := range s.prefilledMonths(p) {
			if f := dir + uploadName(m, t.Code, "csv"); s.wants(f) {
				s.put(f, s.rectificationCSV(m, t.Code))
			}
		}
		if err := s.emit(dir+"index.html", "town.html", t.Name+" 隐患整改情况", "towns", p); err != nil {
			return err
		}
		all.Towns = append(all.Towns, p)
	}
	return s.emit("towns/index.html", "towns.html", "各街镇隐患整改情况", "towns", all)
}

// townPage builds the page of town code at opt.AsOf.
func (s *site) townPage(code string) townPage {
	p := townPage{Code: code, Name: s.townName(code), ShowPhone: s.m.shown(form.Hazards, "phone")}
	groups := map[string]*villageGroup{}
	for _, h := range s.d.Hazards {
		if h.Town != code {
			continue
		}
		st := s.tl.Evaluate(h, s.d.Rects[h.ID], s.opt.AsOf)
		if st.Class.Closed() {
			continue
		}
		p.Open++
		if st.Overdue {
			p.Overdue++
		}
		if st.Escalated {
			p.Escalated++
		}
		g := groups[h.Village]
		if g == nil {
			g = &villageGroup{Code: h.Village, Name: s.villageName(h.Village)}
			groups[h.Village] = g
		}
		if st.Overdue {
			g.Overdue++
		}
		row := hazardRow{ID: h.ID, Href: s.pageInTown(h), Month: h.Month.String(), UserType: h.UserType,
			UserName: s.m.hazard("user_name", h.UserName), Phone: s.m.hazard("phone", h.Phone), Address: s.m.hazard("address", h.Address),
			Type: s.typeName(h.Type), Severity: h.Severity, Inspected: h.InspectionDate.String(),
			Due: h.DueDate.String(), Status: statusText(st), Remarks: s.m.hazard("remarks", h.Remarks),
			Overdue: st.Overdue, Escalated: st.Escalated, DaysLate: st.DaysLate}
		if r := st.Rect; r != nil {
			row.Reason = s.m.rect("reason", r.Reason)
			if r.Remarks != "" {
				if row.Remarks != "" {
					row.Remarks += "；"
				}
				row.Remarks += s.m.rect("remarks", r.Remarks)
			}
		}
		g.Rows = append(g.Rows, row)
	}
	for _, g := range groups {
		sort.SliceStable(g.Rows, func(i, j int) bool {
			a, b := g.Rows[i], g.Rows[j]
			if a.Overdue != b.Overdue {
				return a.Overdue
			}
			if a.DaysLate != b.DaysLate {
				return a.DaysLate > b.DaysLate
			}
			return a.ID < b.ID
		})
		p.Groups = append(p.Groups, *g)
	}
	// Villages in code order (as villages.csv lists them), as clerks expect.
	sort.Slice(p.Groups, func(i, j int) bool { return p.Groups[i].Code < p.Groups[j].Code })
	for _, m := range s.monthsOf(code) {
		sub := loop.Evaluate1(s.d, s.opt.Receipts, model.FormRectifications, m, code, s.opt.AsOf, s.opt.AsOf)
		row := s.subRow(sub)
		ts := townSub{Month: m.String(), Due: row.Due, Received: row.Received, Status: sub.Status,
			Label: row.StatusLabel, Bad: row.Bad, month: m, HazardsHref: "hazards-" + m.String() + ".csv"}
		for _, h := range s.hazardsOf(m, code) {
			ts.Total++
			if s.tl.Evaluate(h, s.d.Rects[h.ID], s.opt.AsOf).Class.Closed() {
				ts.Closed++
			} else {
				ts.Open++
			}
		}
		if ts.Open > 0 {
			ts.RectificationHref, ts.RectificationXLSX = uploadName(m, code, "csv"), uploadName(m, code, "xlsx")
		}
		p.Subs = append(p.Subs, ts)
	}
	for _, l := range s.d.Liaisons {
		if l.TownCode == code {
			p.Liaisons = append(p.Liaisons, s.liaisonRow(l))
		}
	}
	return p
}
