package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"

	"lpg/internal/model"
)

// Figures over several reports, for the charts of the site (issue 6). They
// are read off the monthly reports themselves, so a trend never disagrees
// with report.json.

// TrendPoint is one report month of a trend, for the district or one town.
type TrendPoint struct {
	Period    string // report month R
	New       int    // hazards found in R-1
	Cohort    int    // hazards of the cohort R-2
	Closed    int    // of them closed at as_of_R
	Open      int    // not closed, months ≤ R-1, at as_of_R
	Overdue   int    // of them 用户逾期未整改
	TownOver  int    // of them 街镇逾期未办结
	Pending   int    // of the cohort: no town row, 汇总表 not yet due
	Escalated int    // of them escalated
	// NewNotDue: no 排查表 of R-1 received at as_of_R and every one still
	// before its deadline (the 25th of R, DESIGN.md "Time"): New is 0
	// because nothing is due yet, not because nothing was found, so it is
	// shown as 未到期 and left out of charts.
	NewNotDue bool
	// NewMissing: New is 0 only because 排查表 of R-1 are missing — for
	// the district no 排查表 of R-1 received and at least one past its
	// deadline (NewMissing); for a town, New is 0 and some 排查表 of R-1
	// are not received, at least one past its deadline (the town's 0 may
	// be the missing files). Shown as 未收到 and left out of charts
	// (review, item 3). A town's 0 while the files not received are all
	// before their deadline is NewNotDue.
	NewMissing bool
	// NewLate and NewPending list the enterprises whose 排查表 of R-1 were
	// not received at as_of_R, past their deadline (逾期未报) or still
	// before it, when New is a figure (not NewNotDue, not NewMissing): New
	// counts only the files received, so the figure says so beside it
	// (for a town: its count may lack those files' hazards).
	NewLate, NewPending []string
	// CohortNoData: Cohort is 0 only because the 排查表 of the cohort month
	// were not received — the previous report's point has NewMissing
	// (for a town: the town's 0 may be the missing files) and the cohort is
	// still empty at as_of_R. Cohort and Closed are then no figures: shown
	// as 排查表未收到 and left out of charts (a figure that depends on a
	// missing file says so; review of 2026-12-02, noticed: 华新镇 2026-12
	// drew 批次已闭环 0). False for the first report of the repository.
	CohortNoData bool
	// Town is the town code of the point, "" for the district.
	Town string
	// RectMissing lists, sorted, the towns whose 汇总表 of the cohort
	// month is 逾期未报 at as_of_R (CohortMissing): Closed counts every
	// hazard without a row as not closed, so the figure is shown with a
	// note beside it (a figure that depends on a missing file says so). A
	// town's point lists at most the town itself.
	RectMissing []string
}

// NewFiles is how the expected 排查表 of the month of a report's new
// hazards stand at its as_of_R (DESIGN.md "Time"): the submitters
// not received and still before their deadline (Pending), those past it
// (Missing), in the order of Report.Submissions, how many are expected,
// and their deadline (the 25th of R, 23:59:59 Asia/Shanghai; zero when
// none is expected). It is the one reading of these submissions for the
// trend, the summary and the caveats.
type NewFiles struct {
	Expected         int
	Pending, Missing []string
	Due              time.Time
}

// NewFilesOf reads NewFiles off r.Submissions.
func NewFilesOf(r Report) NewFiles {
	var f NewFiles
	for _, x := range r.Submissions {
		if x.Form != model.FormHazards || x.Month != r.NewHazards.Month {
			continue
		}
		f.Expected++
		f.Due = x.DueTime
		switch {
		case x.Status == Missing:
			f.Missing = append(f.Missing, x.Submitter)
		case x.Status == Pending && x.Received == nil:
			f.Pending = append(f.Pending, x.Submitter)
		}
	}
	return f
}

// NoneReceived reports whether no expected 排查表 is received (true also
// when none is expected).
func (f NewFiles) NoneReceived() bool { return len(f.Pending)+len(f.Missing) == f.Expected }

// NotDue reports whether none is received and every expected one is
// before its deadline; false when none is expected.
func (f NewFiles) NotDue() bool { return f.Expected > 0 && len(f.Pending) == f.Expected }

// NoData reports whether none is received and at least one is past its
// deadline: the month has no new-hazard data, and a 0 would claim that
// nothing was found.
func (f NewFiles) NoData() bool { return f.NoneReceived() && len(f.Missing) > 0 }

// NewMissing is NewFilesOf(r).NoData().
func NewMissing(r Report) bool { return NewFilesOf(r).NoData() }

// NewNotDue is NewFilesOf(r).NotDue().
func NewNotDue(r Report) bool { return NewFilesOf(r).NotDue() }

// Trend returns the last n (n ≤ 0: all) points of reps, which must be in
// ascending report order, for the district when town is "" or else for the
// town with that code.
func Trend(reps []Report, town string, n int) []TrendPoint {
	from := 0 // the point before the first shown says whether its cohort has data
	if n > 0 && len(reps) > n+1 {
		from = len(reps) - n - 1
	}
	reps = reps[from:]
	out := make([]TrendPoint, len(reps))
	for i, r := range reps {
		f := NewFilesOf(r)
		p := TrendPoint{Period: r.Period, NewNotDue: f.NotDue(), NewMissing: f.NoData(), Town: town}
		missing := CohortMissing(r)
		for _, code := range r.Incomplete.Rectifications {
			if missing[code] && (town == "" || code == town) {
				p.RectMissing = append(p.RectMissing, code)
			}
		}
		if town == "" {
			p.New = r.NewHazards.Total
			p.Cohort, p.Closed = r.Rectification.Total, r.Rectification.Closed()
			p.Open, p.Overdue, p.TownOver, p.Escalated = r.Open.Total, r.Open.Overdue, r.Open.TownOverdue, r.Open.Escalated
			p.Pending = r.Rectification.Pending
		} else {
			p.New = r.NewHazards.ByTown[town]
			if p.New == 0 && len(r.Incomplete.Hazards) > 0 {
				// the town's 0 may be the files not received
				p.NewNotDue, p.NewMissing = len(f.Missing) == 0, len(f.Missing) > 0
			}
			c := r.Rectification.ByTown[town]
			p.Cohort, p.Closed = c.Total, c.Closed()
			o := r.Open.ByTown[town]
			p.Open, p.Overdue, p.TownOver, p.Escalated = o.Open, o.Overdue, o.TownOverdue, o.Escalated
			p.Pending = c.Pending
		}
		if !p.NewNotDue && !p.NewMissing {
			p.NewLate, p.NewPending = f.Missing, f.Pending
		}
		p.CohortNoData = i > 0 && out[i-1].NewMissing && p.Cohort == 0
		out[i] = p
	}
	if n > 0 && len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// CohortMissing is the set of towns whose 汇总表 of report r's cohort month
// (r.Rectification.Month) is 逾期未报 at r's as_of: the towns of
// r.Incomplete.Rectifications whose submission is not Pending (not yet
// due). Their closure rates count every hazard without a row as 未报送.
// It is the one reading of these submissions for section 二's
// completeness sentence, the marks beside the rates and the trend.
func CohortMissing(r Report) map[string]bool {
	pending := map[string]bool{}
	for _, x := range r.Submissions {
		if x.Form == model.FormRectifications && x.Month == r.Rectification.Month && x.Status == Pending {
			pending[x.Submitter] = true
		}
	}
	out := map[string]bool{}
	for _, code := range r.Incomplete.Rectifications {
		if !pending[code] {
			out[code] = true
		}
	}
	return out
}

// SubmissionsOf returns the expected submissions of form by submitter in
// the last n (n ≤ 0: all) reports of reps, in report order: the submitter's
// punctuality record.
func SubmissionsOf(reps []Report, form, submitter string, n int) []Submission {
	if n > 0 && len(reps) > n {
		reps = reps[len(reps)-n:]
	}
	var out []Submission
	for _, r := range reps {
		for _, s := range r.Submissions {
			if s.Form == form && s.Submitter == submitter {
				out = append(out, s)
			}
		}
	}
	return out
}

// Current re-evaluates submissions at asOf (usually the build's as_of):
// a punctuality record shows how each file finally stands, so a file that
// arrived after its report month shows as late with its receipt time, not
// as missing as the report of that month saw it.
func Current(d *model.Dataset, rec Receipts, subs []Submission, asOf time.Time) []Submission {
	out := make([]Submission, len(subs))
	for i, s := range subs {
		m, err := calendar.ParseMonth(s.Month)
		if err != nil {
			out[i] = s
			continue
		}
		out[i] = Evaluate1(d, rec, s.Form, m, s.Submitter, asOf, asOf)
	}
	return out
}

// Tally counts submissions by status (on_time, late, pending, missing,
// unknown); every status is present, zero or not.
func Tally(subs []Submission) map[string]int {
	out := map[string]int{OnTime: 0, Late: 0, Pending: 0, Missing: 0, Unknown: 0}
	for _, s := range subs {
		out[s.Status]++
	}
	return out
}

// TypeMonth is how often a hazard type occurred in one inspection month.
type TypeMonth struct {
	Month string
	N     int
}

// CountByType counts the hazards of d by type code and by type and
// inspection month (ascending months, only months with hazards of the
// type). Hazards of every month are counted.
func CountByType(d *model.Dataset) (total map[string]int, byMonth map[string][]TypeMonth) {
	total = map[string]int{}
	counts := map[string]map[string]int{}
	for _, h := range d.Hazards {
		total[h.Type]++
		if counts[h.Type] == nil {
			counts[h.Type] = map[string]int{}
		}
		counts[h.Type][h.Month.String()]++
	}
	byMonth = map[string][]TypeMonth{}
	for t, ms := range counts {
		for m, n := range ms {
			byMonth[t] = append(byMonth[t], TypeMonth{m, n})
		}
		sort.Slice(byMonth[t], func(i, j int) bool { return byMonth[t][i].Month < byMonth[t][j].Month })
	}
	return total, byMonth
}
