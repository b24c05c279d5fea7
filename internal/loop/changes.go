package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Input is one side of a comparison of report R: the validated data of a
// commit, its receipt times and the as_of it is evaluated at (DESIGN.md
// "Site": "what changed" between editions is computed from the two report
// inputs, never by diffing pages).
type Input struct {
	Data     *model.Dataset
	Receipts Receipts
	AsOf     time.Time
}

// StatusChange is a hazard whose class moved between the two sides.
type StatusChange struct {
	ID, Town string
	From, To Class
}

// FigureChange is one figure of report R that moved. Town is "" for the
// district totals. Rate figures are fractions (closure_rate).
type FigureChange struct {
	Key      string // report.json path: open.overdue, rectification.by_town.closure_rate, …
	Label    string // Chinese label
	Town     string
	From, To float64
	Rate     bool
}

// Delta is To − From.
func (f FigureChange) Delta() float64 { return f.To - f.From }

// SubmissionChange is an expected submission whose status moved.
type SubmissionChange struct {
	Form, Month, Submitter string
	From, To               string // submission statuses ("" when not expected on that side)
}

// Changes is what changed in report R from one input to the next.
type Changes struct {
	// AsOfA and AsOfB are the as_of_R each side was evaluated at. When they
	// differ (TimeMoved), part of a change is due to time passing — deadlines
	// passing, pending becoming unreported — not to new data, and a page
	// must say so (issue 9: compare like with like).
	AsOfA, AsOfB time.Time
	Added        []string // hazard ids (months ≤ R-1) only in the newer input
	Removed      []string // hazard ids only in the older input
	Status       []StatusChange
	Figures      []FigureChange
	Submissions  []SubmissionChange
}

// TimeMoved reports whether the two sides were evaluated at different
// instants.
func (c Changes) TimeMoved() bool { return !c.AsOfA.Equal(c.AsOfB) }

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Status) == 0 && len(c.Figures) == 0 && len(c.Submissions) == 0
}

// figure is one top-level figure of a report.
type figure struct {
	key, label string
	rate       bool
	get        func(Report) float64
}

var figures = []figure{
	{"new_hazards.total", "新发现隐患", false, func(r Report) float64 { return float64(r.NewHazards.Total) }},
	{"rectification.total", "整改批次隐患数", false, func(r Report) float64 { return float64(r.Rectification.Total) }},
	{"rectification.rectified", "已整改", false, func(r Report) float64 { return float64(r.Rectification.Rectified) }},
	{"rectification.eliminated", "已消除", false, func(r Report) float64 { return float64(r.Rectification.Eliminated) }},
	{"rectification.void", "核实无此隐患", false, func(r Report) float64 { return float64(r.Rectification.Void) }},
	{"rectification.in_progress", "整改中", false, func(r Report) float64 { return float64(r.Rectification.InProgress) }},
	{"rectification.not_rectified", "未整改", false, func(r Report) float64 { return float64(r.Rectification.NotRectified) }},
	{"rectification.refused", "拒不整改", false, func(r Report) float64 { return float64(r.Rectification.Refused) }},
	{"rectification.pending", "待报送（未到期）", false, func(r Report) float64 { return float64(r.Rectification.Pending) }},
	{"rectification.unreported", "未报送", false, func(r Report) float64 { return float64(r.Rectification.Unreported) }},
	{"rectification.closure_rate", "闭环率", true, func(r Report) float64 { return r.Rectification.ClosureRate }},
	{"open.total", "未闭环", false, func(r Report) float64 { return float64(r.Open.Total) }},
	{"open.overdue", "用户逾期未整改", false, func(r Report) float64 { return float64(r.Open.Overdue) }},
	{"open.town_overdue", "街镇逾期未办结", false, func(r Report) float64 { return float64(r.Open.TownOverdue) }},
	{"open.escalated", "移交联合整治", false, func(r Report) float64 { return float64(r.Open.Escalated) }},
}

// Compare computes what changed in report R from input a (an earlier
// edition) to input b (the next edition, or the live draft): hazards added
// and removed, hazards whose class moved (each side evaluated at its own
// as_of_R), the district figures and each town's 未闭环 / 用户逾期 /
// 街镇逾期 / 移交联合整治 / 闭环率 that moved (every district figure that
// is a sum over towns has its towns' lines), and submissions whose status moved. Each side
// counts the rows known at its own as_of. Lists are sorted.
func Compare(r calendar.Month, a, b Input) Changes {
	da, db := Known(a.Data, a.Receipts, a.AsOf), Known(b.Data, b.Receipts, b.AsOf)
	return CompareSides(newSide(r, da, a.Receipts, a.AsOf, monthlyReport(da, a.Receipts, r, a.AsOf, "")),
		newSide(r, db, b.Receipts, b.AsOf, monthlyReport(db, b.Receipts, r, b.AsOf, "")))
}

// CompareReports is Compare with report R of each side already computed:
// ra must be MonthlyReport(a.Data, a.Receipts, r, a.AsOf, …) and rb the
// same of b (the commit and edition fields are not read). A build has
// them at hand — each edition's page and the live site compute them —
// and so saves two reports per comparison (issue 14).
func CompareReports(r calendar.Month, a, b Input, ra, rb Report) Changes {
	return CompareSides(NewSide(r, a, ra), NewSide(r, b, rb))
}

// Side is all that Compare reads of one side of a comparison of report R
// (issue 14): as_of_R, report R, and for every hazard of months ≤ R-1
// known at the side's as_of its class at as_of_R and its town. It is a
// small fraction of the Input it is made from, so a build can keep the
// side of an edition instead of its whole dataset, and store it (every
// field is exported: encoding/gob or JSON).
type Side struct {
	AsOfR  time.Time
	Report Report
	// IDs are the hazard ids, ascending; Classes and Towns are parallel.
	IDs     []string
	Classes []Class
	Towns   []string
}

// NewSide returns the side of in for report R, whose report R (as
// MonthlyReport gives it) is rep.
func NewSide(r calendar.Month, in Input, rep Report) Side {
	return newSide(r, Known(in.Data, in.Receipts, in.AsOf), in.Receipts, in.AsOf, rep)
}

// newSide is NewSide of d, already Known at asOf, with receipts rec.
func newSide(r calendar.Month, d *model.Dataset, rec Receipts, asOf time.Time, rep Report) Side {
	s := Side{AsOfR: AsOfFor(r, asOf), Report: rep}
	last := r.Add(-1)
	at := map[string]int{} // id → index in d.Hazards (a repeated id: the last, as a map keeps it)
	for i, h := range d.Hazards {
		if h.Month.Compare(last) <= 0 {
			if _, dup := at[h.ID]; !dup {
				s.IDs = append(s.IDs, h.ID)
			}
			at[h.ID] = i
		}
	}
	sort.Strings(s.IDs)
	s.Classes, s.Towns = make([]Class, len(s.IDs)), make([]string, len(s.IDs))
	for k, id := range s.IDs {
		h := d.Hazards[at[id]]
		received, _ := RowReceived(rec, h)
		s.Classes[k], s.Towns[k] = Evaluate(h, d.Rects[id], received, s.AsOfR).Class, h.Town
	}
	return s
}

// Side is NewSide of the timeline's data, which must be Known at asOf (as
// a build's is), with its report R rep: the same side, each class read from
// the timeline (State) instead of evaluated again, and the data not
// filtered again (issue 14: a build takes one side per edition and one per
// month with editions).
func (tl *Timeline) Side(r calendar.Month, asOf time.Time, rep Report) Side {
	s := Side{AsOfR: AsOfFor(r, asOf), Report: rep}
	last := r.Add(-1)
	hs := tl.d.Hazards
	// The hazards inspected up to R-1 in id order (idOrder: no map, no
	// sort per side); a repeated id: its last index, as newSide.
	var at []int32
	order := tl.idOrder()
	for k := 0; k < len(order); {
		id, best := hs[order[k]].ID, int32(-1)
		for ; k < len(order) && hs[order[k]].ID == id; k++ {
			if hs[order[k]].Month.Compare(last) <= 0 {
				best = order[k]
			}
		}
		if best >= 0 {
			s.IDs, at = append(s.IDs, id), append(at, best)
		}
	}
	s.Classes, s.Towns = make([]Class, len(s.IDs)), make([]string, len(s.IDs))
	ai := At(s.AsOfR)
	for k, i := range at {
		// flags(i) is StateOf(hs[i]) for any index i, the one id maps to
		// or another hazard with the same id (facts are worked out for
		// every index), without looking the id up (issue 14)
		s.Classes[k], s.Towns[k] = tl.flags(int(i), ai).Class, hs[i].Town
	}
	return s
}

// CompareSides is Compare of two sides of report R: a the older, b the
// newer.
func CompareSides(a, b Side) Changes {
	c := Changes{AsOfA: a.AsOfR, AsOfB: b.AsOfR}
	ra, rb := a.Report, b.Report
	i, j := 0, 0
	for i < len(a.IDs) || j < len(b.IDs) {
		switch {
		case j == len(b.IDs) || (i < len(a.IDs) && a.IDs[i] < b.IDs[j]):
			c.Removed = append(c.Removed, a.IDs[i])
			i++
		case i == len(a.IDs) || b.IDs[j] < a.IDs[i]:
			c.Added = append(c.Added, b.IDs[j])
			j++
		default:
			if from, to := a.Classes[i], b.Classes[j]; from != to {
				c.Status = append(c.Status, StatusChange{ID: b.IDs[j], Town: b.Towns[j], From: from, To: to})
			}
			i++
			j++
		}
	}

	for _, f := range figures {
		if x, y := f.get(ra), f.get(rb); x != y {
			c.Figures = append(c.Figures, FigureChange{Key: f.key, Label: f.label, From: x, To: y, Rate: f.rate})
		}
	}
	towns := map[string]bool{}
	for t := range ra.Open.ByTown {
		towns[t] = true
	}
	for t := range rb.Open.ByTown {
		towns[t] = true
	}
	for t := range ra.Rectification.ByTown {
		towns[t] = true
	}
	for t := range rb.Rectification.ByTown {
		towns[t] = true
	}
	codes := make([]string, 0, len(towns))
	for t := range towns {
		codes = append(codes, t)
	}
	sort.Strings(codes)
	for _, t := range codes {
		oa, ob := ra.Open.ByTown[t], rb.Open.ByTown[t]
		ca, cb := ra.Rectification.ByTown[t], rb.Rectification.ByTown[t]
		for _, f := range []FigureChange{
			{Key: "open.by_town.open", Label: "未闭环", From: float64(oa.Open), To: float64(ob.Open)},
			{Key: "open.by_town.overdue", Label: "用户逾期未整改", From: float64(oa.Overdue), To: float64(ob.Overdue)},
			{Key: "open.by_town.town_overdue", Label: "街镇逾期未办结", From: float64(oa.TownOverdue), To: float64(ob.TownOverdue)},
			{Key: "open.by_town.escalated", Label: "移交联合整治", From: float64(oa.Escalated), To: float64(ob.Escalated)},
			{Key: "rectification.by_town.closure_rate", Label: "闭环率", From: ca.ClosureRate, To: cb.ClosureRate, Rate: true},
		} {
			if f.From != f.To {
				f.Town = t
				c.Figures = append(c.Figures, f)
			}
		}
	}

	type key struct{ form, month, sub string }
	subs := map[key][2]string{}
	for _, s := range ra.Submissions {
		k := key{s.Form, s.Month, s.Submitter}
		v := subs[k]
		v[0] = s.Status
		subs[k] = v
	}
	for _, s := range rb.Submissions {
		k := key{s.Form, s.Month, s.Submitter}
		v := subs[k]
		v[1] = s.Status
		subs[k] = v
	}
	for k, v := range subs {
		if v[0] != v[1] {
			c.Submissions = append(c.Submissions, SubmissionChange{Form: k.form, Month: k.month, Submitter: k.sub, From: v[0], To: v[1]})
		}
	}
	sort.Slice(c.Submissions, func(i, j int) bool {
		a, b := c.Submissions[i], c.Submissions[j]
		if a.Form != b.Form {
			return a.Form < b.Form
		}
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Submitter < b.Submitter
	})
	return c
}
