package loop

import (
	"sort"
	"sync"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/household"
	"lpg/internal/model"
)

// Timeline is the state of every hazard of a dataset over time, worked out
// once (issue 14): for each hazard what its status depends on — its town
// row, its class, the day from which a closed row counts as closed, the
// town's deadline, the end of its 整改期限 — and the hazards grouped by
// inspection month. Every report month reads it instead of re-deriving
// them: State(i, t) is Evaluate without a map look-up or a time-zone
// conversion, and a report walks only the months it covers.
//
// A Timeline is built from a dataset already Known at the build's as_of
// and is read-only afterwards (safe for concurrent readers).
type Timeline struct {
	d       *model.Dataset
	rec     Receipts                 // the receipts the rows' receipt times come from (may be nil)
	facts   []facts                  // parallel to d.Hazards
	index   map[string]int           // hazard id → index in d.Hazards
	byMonth map[calendar.Month][]int // inspection month → indices, in d.Hazards order
	months  []calendar.Month         // the inspection months, ascending
	// keys are each hazard's household keys (package household) as small
	// integers, for the chronic households of every report; nkeys is how
	// many distinct keys there are.
	keysOnce sync.Once
	keys     [][]int32
	nkeys    int
	// byID is every index of d.Hazards ordered by hazard id, then by
	// index, worked out once (idOnce) for Side: a build takes one side
	// per month with editions.
	idOnce sync.Once
	byID   []int32
}

// idOrder returns tl.byID (see there).
func (tl *Timeline) idOrder() []int32 {
	tl.idOnce.Do(func() {
		tl.byID = make([]int32, len(tl.d.Hazards))
		for i := range tl.byID {
			tl.byID[i] = int32(i)
		}
		hs := tl.d.Hazards
		sort.SliceStable(tl.byID, func(a, b int) bool { return hs[tl.byID[a]].ID < hs[tl.byID[b]].ID })
	})
	return tl.byID
}

// facts is what the status of one hazard depends on besides the instant.
type facts struct {
	rect     *model.Rectification
	class    Class         // Classify
	closedOn calendar.Date // ClosedOn, when closedOK
	closedOK bool
	hasDue   bool
	dueEnd   time.Time // end of the 整改期限 (23:59:59 Asia/Shanghai)
	received time.Time // RowReceived, zero when unknown
	townDue  time.Time // TownDue
	townDay  calendar.Date
}

// NewTimeline works out the timeline of d (Known at the build's as_of)
// with the receipts rec (nil: every receipt unknown): each hazard's row
// receipt (RowReceived) is kept here, not written into the model.
func NewTimeline(d *model.Dataset, rec Receipts) *Timeline {
	tl := &Timeline{d: d, rec: rec, facts: make([]facts, len(d.Hazards)), index: make(map[string]int, len(d.Hazards)),
		byMonth: map[calendar.Month][]int{}}
	seen := map[calendar.Month]bool{}
	for i, h := range d.Hazards {
		r := d.Rects[h.ID]
		f := facts{rect: r, class: Classify(h, r)}
		f.closedOn, f.closedOK = ClosedOn(h, r)
		if !h.DueDate.IsZero() {
			f.hasDue, f.dueEnd = true, h.DueDate.EndOfDay()
		}
		if !seen[h.Month] {
			seen[h.Month] = true
			tl.months = append(tl.months, h.Month)
		}
		f.received, _ = RowReceived(rec, h)
		td := TownDue(h, f.received)
		f.townDue, f.townDay = td, calendar.DateOf(td)
		tl.facts[i] = f
		tl.index[h.ID] = i
		tl.byMonth[h.Month] = append(tl.byMonth[h.Month], i)
	}
	sort.Slice(tl.months, func(i, j int) bool { return tl.months[i].Compare(tl.months[j]) < 0 })
	return tl
}

// Data returns the dataset of the timeline.
func (tl *Timeline) Data() *model.Dataset { return tl.d }

// Index returns the index in Data().Hazards of the hazard id.
func (tl *Timeline) Index(id string) (int, bool) {
	i, ok := tl.index[id]
	return i, ok
}

// Hazard returns the hazard id, nil when there is none.
func (tl *Timeline) Hazard(id string) *model.Hazard {
	if i, ok := tl.index[id]; ok {
		return tl.d.Hazards[i]
	}
	return nil
}

// Month returns the indices of the hazards of inspection month m, in the
// order of Data().Hazards (by id). The slice must not be modified.
func (tl *Timeline) Month(m calendar.Month) []int { return tl.byMonth[m] }

// Through calls fn with the index of every hazard of months ≤ last, month
// by month ascending, by id within a month.
func (tl *Timeline) Through(last calendar.Month, fn func(i int)) {
	for _, m := range tl.months {
		if m.Compare(last) > 0 {
			return
		}
		for _, i := range tl.byMonth[m] {
			fn(i)
		}
	}
}

// Instant is an instant with its civil date in Asia/Shanghai, worked out
// once for the many hazards evaluated at it.
type Instant struct {
	T   time.Time
	Day calendar.Date
}

// At returns the Instant of t.
func At(t time.Time) Instant { return Instant{T: t, Day: calendar.DateOf(t)} }

// State returns Evaluate(h, its town row, at.T) for hazard i of Data().Hazards.
func (tl *Timeline) State(i int, at Instant) State {
	s := tl.flags(i, at)
	if s.Overdue {
		s.DaysLate = calendar.DaysBetween(s.Hazard.DueDate, at.Day)
	}
	if s.TownOverdue {
		s.TownDaysLate = calendar.DaysBetween(tl.facts[i].townDay, at.Day)
	}
	return s
}

// flags is State without DaysLate and TownDaysLate (left 0): all that the
// counts of a report read, for each hazard of every month it covers.
func (tl *Timeline) flags(i int, at Instant) State {
	h, f := tl.d.Hazards[i], &tl.facts[i]
	s := State{Hazard: h, Rect: f.rect, Class: f.class}
	if s.Class.Closed() && f.closedOK && at.Day.Before(f.closedOn) {
		s.Class = InProgress
	}
	if s.Class == Unreported && at.T.Before(f.townDue) {
		s.Class = NotYetDue
	}
	if s.Class.Closed() {
		return s
	}
	userLate := f.hasDue && f.dueEnd.Before(at.T)
	s.Overdue = userLate
	s.TownOverdue = at.T.After(f.townDue) && (!f.hasDue || userLate)
	s.Escalated = f.rect != nil && f.rect.Joint
	return s
}

// StateOf returns the state of hazard h of Data() at at.
func (tl *Timeline) StateOf(h *model.Hazard, at Instant) State {
	if i, ok := tl.index[h.ID]; ok && tl.d.Hazards[i] == h {
		return tl.State(i, at)
	}
	return Evaluate(h, tl.d.Rects[h.ID], tl.Received(h), at.T)
}

// Received is when hazard h's 排查表 row reached the centre (RowReceived
// of the timeline's receipts; zero when unknown), the time TownDue and
// DistributionDue depend on.
func (tl *Timeline) Received(h *model.Hazard) time.Time {
	if i, ok := tl.index[h.ID]; ok && tl.d.Hazards[i] == h {
		return tl.facts[i].received
	}
	t, _ := RowReceived(tl.rec, h)
	return t
}

// Evaluate returns Evaluate(h, r, Received(h), t): the status of hazard h
// of Data() with town row r at t.
func (tl *Timeline) Evaluate(h *model.Hazard, r *model.Rectification, t time.Time) State {
	return Evaluate(h, r, tl.Received(h), t)
}

// keyMemo keeps the household keys (household.Row.Keys, whose address
// normalisation is the costly part) of the hazard rows the process has
// seen, by the fields they depend on: a build makes one timeline for the
// live site and one or two per edition, and they share almost every row
// (issue 14). It is emptied when it grows past keyMemoMax rows (about
// 250 bytes each), so a long-running lpg serve stays bounded.
var keyMemo = struct {
	sync.Mutex
	m map[keyRow][]string
}{m: map[keyRow][]string{}}

const keyMemoMax = 1 << 19

// keyRow is what the household keys of a hazard row depend on: the row
// and its town's name (the address prefix dropped).
type keyRow struct {
	row    household.Row
	prefix string
}

// householdKeys numbers the household keys of every hazard (once).
func (tl *Timeline) householdKeys() [][]int32 {
	tl.keysOnce.Do(tl.numberKeys)
	return tl.keys
}

func (tl *Timeline) numberKeys() {
	ids := map[string]int32{}
	keys := make([][]int32, len(tl.d.Hazards))
	keyMemo.Lock()
	defer keyMemo.Unlock()
	if len(keyMemo.m) > keyMemoMax {
		clear(keyMemo.m)
	}
	for i, h := range tl.d.Hazards {
		var p string
		if t := tl.d.Ref.Town(h.Town); t != nil {
			p = t.Name
		}
		kr := keyRow{household.Row{Enterprise: h.Enterprise, CustomerID: h.CustomerID, Town: h.Town, Address: h.Address}, p}
		ks, ok := keyMemo.m[kr]
		if !ok {
			if p != "" {
				ks = kr.row.Keys(p)
			} else {
				ks = kr.row.Keys()
			}
			keyMemo.m[kr] = ks
		}
		for _, k := range ks {
			n, ok := ids[k]
			if !ok {
				n = int32(len(ids))
				ids[k] = n
			}
			keys[i] = append(keys[i], n)
		}
	}
	tl.keys, tl.nkeys = keys, len(ids)
}

// group is household.Group over the hazards idx (indices of Data().Hazards)
// with their precomputed keys: the household number of idx[j] is the
// position in idx of the first hazard of its household.
func (tl *Timeline) group(idx []int) []int {
	keys := tl.householdKeys()
	f := household.NewForest(len(idx))
	owner := make([]int32, tl.nkeys) // key → 1 + position of its first hazard, 0 when none yet
	for j, i := range idx {
		for _, k := range keys[i] {
			if o := int(owner[k]) - 1; o >= 0 {
				f.Join(j, o)
			} else {
				owner[k] = int32(j + 1)
			}
		}
	}
	return f.Roots()
}
