package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Format is the value of report.json's "format" field.
const Format = "lpg-report/2"

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
	Incomplete    Incomplete    `json:"incomplete"`
	Submissions   []Submission  `json:"submissions"`
	Extensions
}

// Incomplete lists, sorted, the submitters whose expected submission of
// report R is pending or missing: enterprise ids for the 排查表 of R-1,
// town codes for the 汇总表 of R-2. Both lists are always present (never
// null) so a reader can tell "complete" from "not computed".
type Incomplete struct {
	Hazards        []string `json:"hazards"`
	Rectifications []string `json:"rectifications"`
}

// Empty reports whether every expected submission has been received.
func (i Incomplete) Empty() bool { return len(i.Hazards) == 0 && len(i.Rectifications) == 0 }

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
	Pending      int     `json:"pending"`
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
	case NotYetDue:
		c.Pending++
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
	Open        int `json:"open"`
	Overdue     int `json:"overdue"`      // 用户逾期未整改
	TownOverdue int `json:"town_overdue"` // 街镇逾期未办结
	Escalated   int `json:"escalated"`
}

// Open counts every hazard of months ≤ R-1 that is not closed at as_of_R
// (open statuses, no town row, closed statuses dated after as_of_R alike).
type Open struct {
	Total       int                 `json:"total"`
	Overdue     int                 `json:"overdue"`      // 用户逾期未整改
	TownOverdue int                 `json:"town_overdue"` // 街镇逾期未办结
	Escalated   int                 `json:"escalated"`
	BySeverity  map[string]int      `json:"by_severity"`
	ByTown      map[string]OpenTown `json:"by_town"`
	OverdueIDs  []string            `json:"overdue_ids"`
	MajorIDs    []string            `json:"major_ids"` // open hazards of severity 重大
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
// the earliest month with a hazard to the month of asOf (Asia/Shanghai).
// Empty when there are no hazards. d should already be Known at asOf, so
// that "earliest" means earliest known at asOf (DESIGN.md "Monthly report R").
func ReportMonths(d *model.Dataset, asOf time.Time) []calendar.Month {
	var first calendar.Month
	for _, h := range d.Hazards {
		if first.IsZero() || h.Month.Compare(first) < 0 {
			first = h.Month
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

// Known returns the part of d known at asOf (DESIGN.md "Time"): the rows
// of every file received after asOf are left out, hazards and
// rectifications alike, exactly as its submission counts as not received.
// A file whose receipt time is unknown is kept. With the default as_of
// (the last commit) nothing is dropped and d itself is returned; otherwise
// a shallow copy shares the unchanged records.
// Known writes nothing into d: the rows' receipt times, which the town's
// deadline depends on (TownDue), are the Timeline's (NewTimeline(d, rec)).
func Known(d *model.Dataset, rec Receipts, asOf time.Time) *model.Dataset {
	if rec == nil {
		return d
	}
	late := map[string]bool{}
	for _, f := range d.Files {
		if t, ok := rec.ReceivedAt(f.Path); ok && t.After(asOf) {
			late[f.Path] = true
		}
	}
	if len(late) == 0 {
		return d
	}
	k := *d
	k.Hazards = make([]*model.Hazard, 0, len(d.Hazards))
	ids := map[string]bool{}
	for _, h := range d.Hazards {
		if !late[h.File] {
			k.Hazards = append(k.Hazards, h)
			ids[h.ID] = true
		}
	}
	k.Rects = make(map[string]*model.Rectification, len(d.Rects))
	for id, r := range d.Rects {
		if !late[r.File] && ids[id] {
			k.Rects[id] = r
		}
	}
	k.Files = make([]model.File, 0, len(d.Files))
	for _, f := range d.Files {
		if !late[f.Path] {
			k.Files = append(k.Files, f)
		}
	}
	return &k
}

// MonthlyReport computes report R of d at asOf, the build's as_of
// (DESIGN.md "Monthly report R", lpg-report/2). It counts the rows known at
// asOf (Known) and evaluates every status at as_of_R = min(asOf, end of R).
// commit is the commit the data was read from ("" when unknown: encoded as
// null). The result depends on nothing else: the same inputs give the same
// report. A build computing many reports of one dataset builds its
// Timeline once and calls Timeline.Report.
func MonthlyReport(d *model.Dataset, rec Receipts, r calendar.Month, asOf time.Time, commit string) Report {
	return NewTimeline(Known(d, rec, asOf), rec).Report(rec, r, asOf, commit)
}

// monthlyReport is MonthlyReport of a d already Known at asOf.
func monthlyReport(d *model.Dataset, rec Receipts, r calendar.Month, asOf time.Time, commit string) Report {
	return NewTimeline(d, rec).Report(rec, r, asOf, commit)
}

// Report computes report R of the timeline's dataset (Known at asOf, the
// build's as_of) as MonthlyReport does: ReportParts with AllParts.
func (tl *Timeline) Report(rec Receipts, r calendar.Month, asOf time.Time, commit string) Report {
	return tl.ReportParts(rec, r, asOf, commit, AllParts)
}

// Parts are the parts of a report that ReportParts computes only when
// asked (issue 14: an edition's page reads a few figures of the 11 reports
// before its own, for its trends and its comparisons with the month
// before). Every report has the rest: format, period, as_of, commit,
// new_hazards' month and total, rectification's month and counts (not
// by_town), open's total, overdue, town_overdue and escalated,
// submissions, incomplete, inspections and incomplete_inspections.
type Parts uint8

const (
	// PartBreakdowns: new_hazards' by_severity, by_town, by_enterprise
	// and by_type, rectification.by_town, and open's by_severity,
	// by_town, overdue_ids and major_ids.
	PartBreakdowns Parts = 1 << iota
	// PartRepeats: repeat_households.
	PartRepeats
	// PartDepartments: departments.
	PartDepartments
	// PartScorecard: scorecard.
	PartScorecard

	// AllParts is every part: report.json.
	AllParts = PartBreakdowns | PartRepeats | PartDepartments | PartScorecard
)

// Only returns r without the parts not in p (their fields zero: nil maps
// and slices), as ReportParts(…, p) computes it. A report without every
// part is not report.json (its missing keys would encode as null): only
// the figures it has may be read.
func (r Report) Only(p Parts) Report { return r.Fill(p, Report{}) }

// Fill returns r with the parts not in p taken from x (the tests of an
// edition fill them with another report's to show that nothing reads
// them).
func (r Report) Fill(p Parts, x Report) Report {
	if p&PartBreakdowns == 0 {
		n, xn := &r.NewHazards, x.NewHazards
		n.BySeverity, n.ByTown, n.ByEnterprise, n.ByType = xn.BySeverity, xn.ByTown, xn.ByEnterprise, xn.ByType
		r.Rectification.ByTown = x.Rectification.ByTown
		o, xo := &r.Open, x.Open
		o.BySeverity, o.ByTown, o.OverdueIDs, o.MajorIDs = xo.BySeverity, xo.ByTown, xo.OverdueIDs, xo.MajorIDs
	}
	if p&PartRepeats == 0 {
		r.RepeatHouseholds = x.RepeatHouseholds
	}
	if p&PartDepartments == 0 {
		r.Departments = x.Departments
	}
	if p&PartScorecard == 0 {
		r.Scorecard = x.Scorecard
	}
	return r
}

// ReportParts computes report R as Report does, with only the parts p:
// Report(…).Only(p), without the work of the other parts.
func (tl *Timeline) ReportParts(rec Receipts, r calendar.Month, asOf time.Time, commit string, p Parts) Report {
	d := tl.d
	at := AsOfFor(r, asOf)
	ai := At(at)
	rep := Report{Format: Format, Period: r.String(), AsOf: calendar.FormatTime(at)}
	if commit != "" {
		rep.Commit = &commit
	}
	nm, rm := r.Add(-1), r.Add(-2)
	full := p&PartBreakdowns != 0
	rep.NewHazards = NewHazards{Month: nm.String()}
	rep.Rectification = Rectification{Month: rm.String()}
	if full {
		n := &rep.NewHazards
		n.BySeverity, n.ByTown, n.ByEnterprise, n.ByType = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		rep.Rectification.ByTown = map[string]Counts{}
		rep.Open = Open{BySeverity: map[string]int{}, ByTown: map[string]OpenTown{}, OverdueIDs: []string{}, MajorIDs: []string{}}
	}
	tl.Through(nm, func(i int) {
		h := d.Hazards[i]
		st := tl.flags(i, ai)
		if h.Month == nm {
			n := &rep.NewHazards
			n.Total++
			if full {
				n.BySeverity[h.Severity]++
				n.ByTown[h.Town]++
				n.ByEnterprise[h.Enterprise]++
				n.ByType[h.Type]++
			}
		}
		if h.Month == rm {
			rep.Rectification.Counts.add(st.Class)
			if full {
				c := rep.Rectification.ByTown[h.Town]
				c.add(st.Class)
				rep.Rectification.ByTown[h.Town] = c
			}
		}
		if !st.Class.Closed() {
			o := &rep.Open
			o.Total++
			if st.Overdue {
				o.Overdue++
			}
			if st.TownOverdue {
				o.TownOverdue++
			}
			if st.Escalated {
				o.Escalated++
			}
			if !full {
				return
			}
			o.BySeverity[h.Severity]++
			if h.Severity == "重大" {
				o.MajorIDs = append(o.MajorIDs, h.ID)
			}
			t := o.ByTown[h.Town]
			t.Open++
			if st.Overdue {
				t.Overdue++
				o.OverdueIDs = append(o.OverdueIDs, h.ID)
			}
			if st.TownOverdue {
				t.TownOverdue++
			}
			if st.Escalated {
				t.Escalated++
			}
			o.ByTown[h.Town] = t
		}
	})
	if full {
		sort.Strings(rep.Open.OverdueIDs)
		sort.Strings(rep.Open.MajorIDs)
	}
	rep.Submissions = tl.expected(rec, r, at, asOf)
	if rep.Submissions == nil {
		rep.Submissions = []Submission{}
	}
	rep.Incomplete = Incomplete{Hazards: []string{}, Rectifications: []string{}}
	for _, s := range rep.Submissions {
		if s.Status != Pending && s.Status != Missing {
			continue
		}
		if s.Form == model.FormHazards {
			rep.Incomplete.Hazards = append(rep.Incomplete.Hazards, s.Submitter)
		} else {
			rep.Incomplete.Rectifications = append(rep.Incomplete.Rectifications, s.Submitter)
		}
	}
	sort.Strings(rep.Incomplete.Hazards)
	sort.Strings(rep.Incomplete.Rectifications)
	rep.Extensions = tl.extensions(rec, r, at, asOf, p)
	return rep
}
