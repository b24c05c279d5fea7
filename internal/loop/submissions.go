package loop

import (
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// Receipts tells when a submission file was received. ok is false when
// nothing is known (no receipts.csv entry and no git history): the
// submission status is then "unknown", never "late".
type Receipts interface {
	ReceivedAt(path string) (t time.Time, ok bool)
}

// ReceiptMap is a Receipts backed by a map (receipts.csv).
type ReceiptMap map[string]time.Time

// ReceivedAt implements Receipts.
func (m ReceiptMap) ReceivedAt(p string) (time.Time, bool) {
	t, ok := m[p]
	return t, ok
}

// Chain consults each Receipts in turn: receipts.csv first, then git
// (DESIGN.md "Time": receipts.csv wins when it lists the path).
type Chain []Receipts

// ReceivedAt implements Receipts.
func (c Chain) ReceivedAt(p string) (time.Time, bool) {
	for _, r := range c {
		if r == nil {
			continue
		}
		if t, ok := r.ReceivedAt(p); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// Ledger is data/receipts.csv read against git (README "收件记录只能把收件时间
// 提前"; adversarial review G7). Lines and Channels are the received_at and
// channel of each listed path (model.Dataset.Receipts, ReceiptChannels);
// Git is the first appearance on the main line (history.Index.ReceivedAt),
// nil without git. A line can only move a receipt earlier (代报: the file
// came by e-mail before it was committed): when git's time is earlier, the
// receipt is git's (Overruled), so a mistyped or invented later date
// cannot make a file on time late nor hide, until that date, a file the
// repository holds. A forge line (channel pr, ForgeChannel) stands as
// written: it is the pull request's creation time, recorded only for
// files its merge added, and a rebase merge may keep a commit date set
// back by hand. ReceivedAt is false for an unlisted path (Chain asks git
// next).
type Ledger struct {
	Lines    map[string]time.Time
	Channels map[string]string
	Git      Receipts
}

// ReceivedAt implements Receipts.
func (l Ledger) ReceivedAt(p string) (time.Time, bool) {
	t, ok := l.Lines[p]
	if !ok {
		return time.Time{}, false
	}
	if g, over := l.Overruled(p); over {
		return g, true
	}
	return t, true
}

// Overruled reports whether the line of p records a later time than git's
// first appearance and is not a forge line: g is git's time, which
// ReceivedAt gives instead.
func (l Ledger) Overruled(p string) (g time.Time, ok bool) {
	t, listed := l.Lines[p]
	if !listed || l.Git == nil || strings.EqualFold(strings.TrimSpace(l.Channels[p]), ForgeChannel) {
		return time.Time{}, false
	}
	if g, ok := l.Git.ReceivedAt(p); ok && g.Before(t) {
		return g, true
	}
	return time.Time{}, false
}

// FirstVersions is a Receipts that also knows when the first version of a
// file was received, whatever it held: for a 汇总表 that is its first
// version even without a filled row (header only), which ReceivedAt does
// not count (rowdiff.Received). Evaluate1 uses it for a 汇总表 of a town
// whose hazards of the month need no row (NoRowNeeded; review round 4 H9).
type FirstVersions interface {
	FirstVersionAt(path string) (t time.Time, ok bool)
}

// FirstVersionAt implements FirstVersions: a receipts.csv line is the
// receipt of the file, whatever version it came with.
func (m ReceiptMap) FirstVersionAt(p string) (time.Time, bool) { return m.ReceivedAt(p) }

// FirstVersionAt implements FirstVersions: the line of p, or git's first
// appearance of any version of p when that is earlier and the line is not
// a forge line (the rule of Overruled, applied to the first version).
func (l Ledger) FirstVersionAt(p string) (time.Time, bool) {
	t, ok := l.Lines[p]
	if !ok {
		return time.Time{}, false
	}
	if fv, isFV := l.Git.(FirstVersions); isFV && !strings.EqualFold(strings.TrimSpace(l.Channels[p]), ForgeChannel) {
		if g, ok := fv.FirstVersionAt(p); ok && g.Before(t) {
			return g, true
		}
	}
	return t, true
}

// FirstVersionAt implements FirstVersions: the first member that knows p.
func (c Chain) FirstVersionAt(p string) (time.Time, bool) {
	for _, r := range c {
		if fv, ok := r.(FirstVersions); ok {
			if t, ok := fv.FirstVersionAt(p); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// RowReceipts is a Receipts that also knows rows a later version of a
// 排查表 added (逾期补报): RowReceivedAt(path, id) is that version's receipt,
// ok false for a row of the file's first version (received with the file).
type RowReceipts interface {
	RowReceivedAt(path, id string) (t time.Time, ok bool)
}

// RowMap is a RowReceipts of the rows later versions added: path → 隐患编号
// → the receipt of the version that added the row (git: the commit that
// brought it onto the main line). It lists no file receipts.
type RowMap map[string]map[string]time.Time

// ReceivedAt implements Receipts: a RowMap knows no file.
func (RowMap) ReceivedAt(string) (time.Time, bool) { return time.Time{}, false }

// RowReceivedAt implements RowReceipts.
func (m RowMap) RowReceivedAt(p, id string) (time.Time, bool) {
	t, ok := m[p][id]
	return t, ok
}

// RowReceivedAt implements RowReceipts: the first member that knows the row.
func (c Chain) RowReceivedAt(p, id string) (time.Time, bool) {
	for _, r := range c {
		if rr, ok := r.(RowReceipts); ok {
			if t, ok := rr.RowReceivedAt(p, id); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// RowReceived is the receipt of hazard h's row (README "设计卡未规定之处的
// 决定", 街镇期限): the receipt of the version of its 排查表 that added the row
// when rec knows one (RowReceipts, 逾期补报), else the file's receipt; ok
// false when neither is known (no receipt record, no git).
func RowReceived(rec Receipts, h *model.Hazard) (time.Time, bool) {
	if rec == nil {
		return time.Time{}, false
	}
	if rr, ok := rec.(RowReceipts); ok {
		if t, ok := rr.RowReceivedAt(h.File, h.ID); ok {
			return t, true
		}
	}
	return rec.ReceivedAt(h.File)
}

// Submission statuses (DESIGN.md "Time").
const (
	OnTime  = "on_time"
	Late    = "late"
	Pending = "pending"
	Missing = "missing"
	Unknown = "unknown"
)

// StatusLabel is the Chinese label of each submission status.
var StatusLabel = map[string]string{OnTime: "按时", Late: "逾期报送", Pending: "未到期", Missing: "逾期未报", Unknown: "收件时间不详"}

// Submission is one expected file and how it stands at an instant.
type Submission struct {
	Form       string     `json:"form"`  // hazards or rectifications
	Month      string     `json:"month"` // the month the file is about (YYYY-MM)
	Submitter  string     `json:"submitter"`
	Due        string     `json:"due"`         // RFC 3339, +08:00
	ReceivedAt *string    `json:"received_at"` // null when not received by as_of or unknown
	Status     string     `json:"status"`
	Path       string     `json:"-"`
	DueTime    time.Time  `json:"-"`
	Received   *time.Time `json:"-"`
}

// expected lists the submissions expected in report month r (DESIGN.md
// "Time"): a hazard file for r-1 from every enterprise active in r-1, and a
// rectification file for r-2 from every town with at least one hazard of
// r-2 known at asOf (d must already be Known at asOf) — leaving out a row
// that rec (RowReceipts) says a later version of its 排查表 added, or gave
// its current 街镇, after at (README "设计卡未规定之处的决定", 街镇期限: the
// town did not have it then); evaluated at at =
// as_of_R, a file received by asOf counting as received; sorted by form,
// month, submitter.
func (tl *Timeline) expected(rec Receipts, r calendar.Month, at, asOf time.Time) []Submission {
	d := tl.d
	var out []Submission
	hm := r.Add(-1)
	for _, e := range d.Ref.Enterprises {
		if e.ActiveIn(hm) {
			out = append(out, Evaluate1(d, rec, model.FormHazards, hm, e.ID, at, asOf))
		}
	}
	rm := r.Add(-2)
	towns := map[string]bool{}
	rr, _ := rec.(RowReceipts)
	for _, i := range tl.Month(rm) {
		h := d.Hazards[i]
		if rr != nil {
			// a row a later version added, or moved to this town, after
			// as_of_R was not the town's at as_of_R (adversarial review F11)
			if t, ok := rr.RowReceivedAt(h.File, h.ID); ok && t.After(at) {
				continue
			}
		}
		towns[h.Town] = true
	}
	for t := range towns {
		out = append(out, Evaluate1(d, rec, model.FormRectifications, rm, t, at, asOf))
	}
	sortSubmissions(out)
	return out
}

func sortSubmissions(s []Submission) {
	sort.Slice(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Form != b.Form {
			return a.Form < b.Form
		}
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Submitter < b.Submitter
	})
}

// Evaluate1 returns the status of the submission of form for month m by
// submitter (DESIGN.md "Time", report/2). A file received at or before
// asOf (the build's as_of) is received — on_time or late against its due
// time, with its real receipt time, even when that is after at; a file not
// received by asOf is pending while at (as_of_R) is before the due time and
// missing from then on. A file in the tree without any receipt time is
// unknown. A 汇总表 without a filled row (model.File.Filled: 整改状态 not
// empty; header only, or the 预填汇总表 uploaded untouched) is not received
// (README "设计卡未规定之处的决定", 汇总表的收件; adversarial review F15, G3;
// history.Index.ReceivedAt likewise counts a 汇总表 from its first version
// with a filled row, rowdiff.Received) — unless none of the town's hazards
// of m needs a row (NoRowNeeded: all 当场整改, closed by the default): then
// every version is a submission and the file is received with its first
// version (FirstVersions; review round 4 H9).
func Evaluate1(d *model.Dataset, rec Receipts, form string, m calendar.Month, submitter string, at, asOf time.Time) Submission {
	s := Submission{Form: form, Month: m.String(), Submitter: submitter}
	switch form {
	case model.FormHazards:
		s.Path, s.DueTime = layout.HazardPath(m, submitter), calendar.HazardDue(m)
	case model.FormInspections: // due with the 排查表 (issue 13)
		s.Path, s.DueTime = layout.InspectionPath(m, submitter), calendar.HazardDue(m)
	default:
		s.Path, s.DueTime = layout.RectificationPath(m, submitter), calendar.RectificationDue(m)
	}
	s.Due = calendar.FormatTime(s.DueTime)
	exists := d.HasFile(s.Path)
	var t time.Time
	known := false
	if exists && rec != nil {
		t, known = rec.ReceivedAt(s.Path)
	}
	if form == model.FormRectifications && exists {
		filled := d.FileFilled(s.Path) > 0
		first, firstKnown := t, known
		if fv, ok := rec.(FirstVersions); ok {
			first, firstKnown = fv.FirstVersionAt(s.Path)
		}
		// a town whose hazards of m all closed on the spot has nothing to
		// fill: any version of its file is a submission, from the first
		// (review round 4 H9); looked at only when it changes the answer
		if (!filled || firstKnown && (!known || first.Before(t))) && NoRowNeeded(d, rec, m, submitter, at) {
			filled, t, known = true, first, firstKnown
		}
		if !filled {
			exists = false // a 汇总表 without a filled row is no submission (rowdiff.Received)
		}
	}
	switch {
	case exists && !known:
		s.Status = Unknown
	case exists && !t.After(asOf):
		v := calendar.FormatTime(t)
		s.ReceivedAt, s.Received = &v, &t
		if t.After(s.DueTime) {
			s.Status = Late
		} else {
			s.Status = OnTime
		}
	case at.Before(s.DueTime):
		s.Status = Pending
	default:
		s.Status = Missing
	}
	return s
}

// NeedsRow reports whether hazard h needs a row in its town's 汇总表: every
// hazard does except one rectified on the spot (现场处置 当场整改), which
// counts as rectified on its inspection date without one (DESIGN.md
// "Status model"; Classify).
func NeedsRow(h *model.Hazard) bool { return !Classify(h, nil).Closed() }

// RowsNeeded counts the hazards of month m that town had at at (total)
// and those among them that need a row in its 汇总表 (NeedsRow: all but
// 当场整改) — leaving out, as expected does, a row that rec (RowReceipts)
// says a later version of its 排查表 added, or gave its current 街镇, after
// at; rec nil or at zero: every hazard of the data. O(hazards).
func RowsNeeded(d *model.Dataset, rec Receipts, m calendar.Month, town string, at time.Time) (need, total int) {
	rr, _ := rec.(RowReceipts)
	for _, h := range d.Hazards {
		if h.Town != town || h.Month != m {
			continue
		}
		if rr != nil && !at.IsZero() {
			if t, ok := rr.RowReceivedAt(h.File, h.ID); ok && t.After(at) {
				continue
			}
		}
		total++
		if NeedsRow(h) {
			need++
		}
	}
	return need, total
}

// NoRowNeeded reports whether town had at least one hazard of month m at
// at and none that needs a row (RowsNeeded): such a town's 汇总表 is a
// submission without a filled row — a header-only file is the natural
// answer of a town with nothing open (README "设计卡未规定之处的决定",
// 汇总表的收件; review round 4 H9).
func NoRowNeeded(d *model.Dataset, rec Receipts, m calendar.Month, town string, at time.Time) bool {
	need, total := RowsNeeded(d, rec, m, town, at)
	return total > 0 && need == 0
}

// TownSubmission is Evaluate1 of town's 汇总表 of month m at asOf (the
// build's as_of) as the town itself must read it (its page's 本月要报):
// when the file is Missing against the form's due time (end of M+2) but
// every hazard of m the town has is still before its own deadline —
// TownDue, later for a 排查表 row received late or a hazard moved to the
// town by a later correction (README "设计卡未规定之处的决定", 街镇期限) —
// it is Pending with the earliest of those deadlines as its due time, not
// 逾期未报: a town is never told it is late before its own deadline
// (DESIGN.md "Status model"). Otherwise it is Evaluate1's answer.
func (tl *Timeline) TownSubmission(rec Receipts, m calendar.Month, town string, asOf time.Time) Submission {
	sub := Evaluate1(tl.d, rec, model.FormRectifications, m, town, asOf, asOf)
	if sub.Status != Missing {
		return sub
	}
	var due time.Time
	for _, i := range tl.byMonth[m] {
		if tl.d.Hazards[i].Town != town {
			continue
		}
		if td := tl.facts[i].townDue; due.IsZero() || td.Before(due) {
			due = td
		}
	}
	if due.After(asOf) {
		sub.Status, sub.DueTime, sub.Due = Pending, due, calendar.FormatTime(due)
	}
	return sub
}
