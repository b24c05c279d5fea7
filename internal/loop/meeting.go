package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// The figures of the 联席会议 pack (issue 12, finding 11): per town its rank
// by the fair measures of the monthly report, the change since the previous
// meeting, the worst villages and the open 重大 hazards.

// FairTown is one town in the ranking of a report by what was in the
// town's hands (the 月报's ranking, issue 9): 街镇逾期未办结, the cohort's
// closure rate with the hazards whose 汇总表 is not yet due left out (and
// shown), and 联合整治.
type FairTown struct {
	Town                                  string // code
	Open, Overdue, TownOverdue, Escalated int
	CohortTotal, Pending, Due, Closed     int     // the cohort R-2: Due = CohortTotal - Pending
	DueRate                               float64 // Closed / Due (ClosureRate), -1 when nothing is due
	// NotDue: the town's 汇总表 of the cohort is not yet due and not
	// received, so nothing but the 当场整改 default is "due": no rate (Due,
	// Closed 0, DueRate -1), never coloured or ranked on (review, item 3).
	NotDue       bool
	BelowAverage bool // DueRate below the district's
	Rank         int  // 1 = furthest behind
}

// FairRanking ranks the towns (codes) by report r: most 街镇逾期未办结
// first, then towns with something due before those with nothing, the lower
// due closure rate, more 联合整治, then code. avg is the district's closure
// rate of what is due, -1 when nothing is due anywhere.
func FairRanking(r Report, towns []string) (rows []FairTown, avg float64) {
	notDue := map[string]bool{} // the cohort's 汇总表 pending: only 当场整改 defaults would count
	for _, x := range r.Submissions {
		if x.Form == model.FormRectifications && x.Month == r.Rectification.Month && x.Status == Pending {
			notDue[x.Submitter] = true
		}
	}
	var dClosed, dDue int
	for _, code := range towns {
		o := r.Open.ByTown[code]
		c := r.Rectification.ByTown[code]
		f := FairTown{Town: code, Open: o.Open, Overdue: o.Overdue, TownOverdue: o.TownOverdue, Escalated: o.Escalated,
			CohortTotal: c.Total, Pending: c.Pending, Due: c.Total - c.Pending, Closed: c.Closed(), DueRate: -1}
		// Not received: no town rows, so whatever is not pending is a
		// 当场整改 default (rectified); a row in the data means otherwise.
		if notDue[code] && c.Total-c.Pending == c.Rectified {
			f.NotDue, f.Due, f.Closed = true, 0, 0
		}
		if f.Due > 0 {
			f.DueRate = ClosureRate(f.Closed, f.Due)
		}
		dClosed += f.Closed
		dDue += f.Due
		rows = append(rows, f)
	}
	avg = -1
	if dDue > 0 {
		avg = ClosureRate(dClosed, dDue)
		for k := range rows {
			rows[k].BelowAverage = rows[k].Due > 0 && rows[k].DueRate < avg
		}
	}
	sort.SliceStable(rows, func(a, b int) bool {
		x, y := rows[a], rows[b]
		if x.TownOverdue != y.TownOverdue {
			return x.TownOverdue > y.TownOverdue
		}
		if (x.DueRate < 0) != (y.DueRate < 0) {
			return x.DueRate >= 0 // towns with something due are judged first
		}
		if x.DueRate != y.DueRate {
			return x.DueRate < y.DueRate
		}
		if x.Escalated != y.Escalated {
			return x.Escalated > y.Escalated
		}
		return x.Town < y.Town
	})
	for k := range rows {
		rows[k].Rank = k + 1
	}
	return rows, avg
}

// VillageFigures is one village's open hazards at an instant.
type VillageFigures struct {
	Village                               string // code
	Open, Overdue, TownOverdue, Escalated int
	Oldest                                int // days since the inspection of its oldest open hazard
}

// MeetingTown is one town's sheet of the joint-meeting pack.
type MeetingTown struct {
	Now FairTown
	// Then is the town at the previous meeting (nil when there was none):
	// the report of the meeting's month evaluated at the end of the
	// meeting day (status at a time, report/2), so a hazard closed later
	// counts as open then.
	Then     *FairTown
	Villages []VillageFigures // villages with open hazards, worst first (at most the n asked for)
	// OpenVillages is how many villages have open hazards.
	OpenVillages int
	// Major lists the town's open 重大 hazards, oldest inspection first.
	Major []*model.Hazard
}

// Meeting is the pack of a joint meeting prepared at asOf.
type Meeting struct {
	Period   string    // the report month whose figures are "now" (report.json period)
	At       time.Time // as_of of that report
	Previous calendar.Date
	// PreviousPeriod and PreviousAt are the report month and instant of
	// the figures "then" (zero without a previous meeting).
	PreviousPeriod string
	PreviousAt     time.Time
	PreviousAvg    float64 // the district's due closure rate then, -1 when none
	Avg            float64 // the district's due closure rate now, -1 when none
	Towns          []MeetingTown
}

// MeetingPack computes the pack at asOf from now, the report of the month
// of asOf (MonthlyReport of d at asOf), for the towns (codes, reference
// order; the result keeps that order). prev is the date of the previous
// meeting (zero: none); its figures are those of the report of prev's
// month evaluated at the end of prev (never after asOf), counting the rows
// known then (Known). Worst villages: most 街镇逾期未办结, then 用户逾期,
// open, 联合整治, code; at most n per town. d must be Known at asOf.
func MeetingPack(d *model.Dataset, rec Receipts, now Report, towns []string, asOf time.Time, prev calendar.Date, n int) Meeting {
	r, _ := calendar.ParseMonth(now.Period)
	at := AsOfFor(r, asOf)
	m := Meeting{Period: now.Period, At: at, Previous: prev, PreviousAvg: -1}
	nowRows, avg := FairRanking(now, towns)
	m.Avg = avg
	byTown := map[string]*MeetingTown{}
	m.Towns = make([]MeetingTown, len(towns))
	for i, code := range towns {
		byTown[code] = &m.Towns[i]
	}
	for _, f := range nowRows {
		byTown[f.Town].Now = f
	}
	if !prev.IsZero() {
		t := prev.EndOfDay()
		if t.After(asOf) {
			t = asOf
		}
		pm := prev.MonthOf()
		then := MonthlyReport(d, rec, pm, t, "")
		thenRows, pavg := FairRanking(then, towns)
		m.PreviousPeriod, m.PreviousAt, m.PreviousAvg = pm.String(), AsOfFor(pm, t), pavg
		for _, f := range thenRows {
			f := f
			byTown[f.Town].Then = &f
		}
	}
	last := r.Add(-1)
	today := calendar.DateOf(at)
	villages := map[string]map[string]*VillageFigures{}
	for _, h := range d.Hazards {
		mt := byTown[h.Town]
		if mt == nil || h.Month.Compare(last) > 0 {
			continue
		}
		received, _ := RowReceived(rec, h)
		st := Evaluate(h, d.Rects[h.ID], received, at)
		if st.Class.Closed() {
			continue
		}
		if h.Severity == "重大" {
			mt.Major = append(mt.Major, h)
		}
		vs := villages[h.Town]
		if vs == nil {
			vs = map[string]*VillageFigures{}
			villages[h.Town] = vs
		}
		v := vs[h.Village]
		if v == nil {
			v = &VillageFigures{Village: h.Village}
			vs[h.Village] = v
		}
		v.Open++
		if st.Overdue {
			v.Overdue++
		}
		if st.TownOverdue {
			v.TownOverdue++
		}
		if st.Escalated {
			v.Escalated++
		}
		v.Oldest = max(v.Oldest, calendar.DaysBetween(h.InspectionDate, today))
	}
	for code, vs := range villages {
		mt := byTown[code]
		list := make([]VillageFigures, 0, len(vs))
		for _, v := range vs {
			list = append(list, *v)
		}
		sort.Slice(list, func(a, b int) bool {
			x, y := list[a], list[b]
			switch {
			case x.TownOverdue != y.TownOverdue:
				return x.TownOverdue > y.TownOverdue
			case x.Overdue != y.Overdue:
				return x.Overdue > y.Overdue
			case x.Open != y.Open:
				return x.Open > y.Open
			case x.Escalated != y.Escalated:
				return x.Escalated > y.Escalated
			}
			return x.Village < y.Village
		})
		mt.OpenVillages = len(list)
		if n > 0 && len(list) > n {
			list = list[:n]
		}
		mt.Villages = list
	}
	for i := range m.Towns {
		sort.SliceStable(m.Towns[i].Major, func(a, b int) bool {
			x, y := m.Towns[i].Major[a], m.Towns[i].Major[b]
			if c := x.InspectionDate.Compare(y.InspectionDate); c != 0 {
				return c < 0
			}
			return x.ID < y.ID
		})
	}
	return m
}
