package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Format is the value of report.json's "format" field.
const Format = "lpg-report/1"

// Report is report.json of report month R (DESIGN.md "Monthly report R"):
// new hazards are those of R-1, the rectification cohort is R-2, and the
// open figures cover every hazard of months ≤ R-1. Maps are encoded with
// sorted keys by encoding/json; zero counts are left out of the by_* maps.
type Report struct {
	Format        string        `json:"format"`
	Period        string        `json:"period"`
	AsOf          string        `json:"as_of"`
	Edition       *string       `json:"edition"`
	Commit        *string       `json:"commit"`
	NewHazards    NewHazards    `json:"new_hazards"`
	Rectification Rectification `json:"rectification"`
	Open          Open          `json:"open"`
	Submissions   []Submission  `json:"submissions"`
}

// NewHazards counts the hazards found in the inspection month R-1.
type NewHazards struct {
	Month        string         `json:"month"`
	Total        int            `json:"total"`
	BySeverity   map[string]int `json:"by_severity"`
	ByTown       map[string]int `json:"by_town"`
	ByEnterprise map[string]int `json:"by_enterprise"`
	ByType       map[string]int `json:"by_type"`
}

// Counts is the rectification breakdown of a cohort (or of one town in it).
type Counts struct {
	Total        int     `json:"total"`
	Rectified    int     `json:"rectified"`
	Eliminated   int     `json:"eliminated"`
	Void         int     `json:"void"`
	InProgress   int     `json:"in_progress"`
	NotRectified int     `json:"not_rectified"`
	Refused      int     `json:"refused"`
	Unreported   int     `json:"unreported"`
	ClosureRate  float64 `json:"closure_rate"`
}

// Closed returns rectified + eliminated + void.
func (c Counts) Closed() int { return c.Rectified + c.Eliminated + c.Void }

func (c *Counts) add(cl Class) {
	c.Total++
	switch cl {
	case Rectified:
		c.Rectified++
	case Eliminated:
		c.Eliminated++
	case Void:
		c.Void++
	case InProgress:
		c.InProgress++
	case NotRectified:
		c.NotRectified++
	case Refused:
		c.Refused++
	default:
		c.Unreported++
	}
	c.ClosureRate = ClosureRate(c.Closed(), c.Total)
}

// Rectification is the status of the cohort of month R-2.
type Rectification struct {
	Month string `json:"month"`
	Counts
	ByTown map[string]Counts `json:"by_town"`
}

// OpenTown is one town's line of the open figures.
type OpenTown struct {
	Open      int `json:"open"`
	Overdue   int `json:"overdue"`
	Escalated int `json:"escalated"`
}

// Open counts every hazard of months ≤ R-1 that is not closed, at as_of_R.
type Open struct {
	Total      int                 `json:"total"`
	Overdue    int                 `json:"overdue"`
	Escalated  int                 `json:"escalated"`
	ByTown     map[string]OpenTown `json:"by_town"`
	OverdueIDs []string            `json:"overdue_ids"`
}

// AsOfFor returns as_of_R = min(asOf, end of R): the instant at which the
// time-dependent figures of report R are evaluated.
func AsOfFor(r calendar.Month, asOf time.Time) time.Time {
	if end := r.End(); end.Before(asOf) {
		return end
	}
	return asOf
}

// ReportMonths lists the report months of d at asOf: from the month after
// the earliest hazard month to the month of asOf (Asia/Shanghai). Empty
// when there are no hazards files.
func ReportMonths(d *model.Dataset, asOf time.Time) []calendar.Month {
	var first calendar.Month
	for _, f := range d.Files {
		if f.Form == model.FormHazards && f.Rows > 0 && (first.IsZero() || f.Month.Compare(first) < 0) {
			first = f.Month
		}
	}
	if first.IsZero() {
		return nil
	}
	var out []calendar.Month
	last := calendar.MonthOf(asOf)
	for m := first.Add(1); m.Compare(last) <= 0; m = m.Add(1) {
		out = append(out, m)
	}
	return out
}

// MonthlyReport computes report R of d at asOf. commit is the commit the
// data was read from ("" when unknown: encoded as null). The result
// depends on nothing else: the same inputs give the same report.
func MonthlyReport(d *model.Dataset, rec Receipts, r calendar.Month, asOf time.Time, commit string) Report {
	at := AsOfFor(r, asOf)
	rep := Report{Format: Format, Period: r.String(), AsOf: calendar.FormatTime(at)}
	if commit != "" {
		rep.Commit = &commit
	}
	nm, rm := r.Add(-1), r.Add(-2)
	rep.NewHazards = NewHazards{Month: nm.String(), BySeverity: map[string]int{}, ByTown: map[string]int{},
		ByEnterprise: map[string]int{}, ByType: map[string]int{}}
	rep.Rectification = Rectification{Month: rm.String(), ByTown: map[string]Counts{}}
	rep.Open = Open{ByTown: map[string]OpenTown{}, OverdueIDs: []string{}}
	for _, h := range d.Hazards {
		if h.Month.Compare(nm) > 0 {
			continue
		}
		st := Evaluate(h, d.Rects[h.ID], at)
		if h.Month == nm {
			n := &rep.NewHazards
			n.Total++
			n.BySeverity[h.Severity]++
			n.ByTown[h.Town]++
			n.ByEnterprise[h.Enterprise]++
			n.ByType[h.Type]++
		}
		if h.Month == rm {
			rep.Rectification.Counts.add(st.Class)
			c := rep.Rectification.ByTown[h.Town]
			c.add(st.Class)
			rep.Rectification.ByTown[h.Town] = c
		}
		if !st.Class.Closed() {
			o := &rep.Open
			t := o.ByTown[h.Town]
			o.Total++
			t.Open++
			if st.Overdue {
				o.Overdue++
				t.Overdue++
				o.OverdueIDs = append(o.OverdueIDs, h.ID)
			}
			if st.Escalated {
				o.Escalated++
				t.Escalated++
			}
			o.ByTown[h.Town] = t
		}
	}
	sort.Strings(rep.Open.OverdueIDs)
	rep.Submissions = Expected(d, rec, r, at)
	if rep.Submissions == nil {
		rep.Submissions = []Submission{}
	}
	return rep
}
