package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// RepeatWindow is how long after a hazard is closed finding the household
// again still makes it chronic: 12 months (issue 13; README “重复隐患户”).
const RepeatWindow = 12

// Repeats is report.json's "repeat_households" (issue 13, an lpg-report/2
// extension): the chronic households of report R — a household (package
// household: same customer id of one enterprise, or same normalised
// address in one town) found with a hazard again, on a later inspection
// day, while an earlier hazard of it was not closed, or within
// RepeatWindow months of its closing; listed when such a repeat was found
// in the 12 months up to R-1. These are the cases the policy sends to
// 联合整治 (第3条(一)(三)). Hazards verified void (核实无此隐患) take no part.
type Repeats struct {
	Total int `json:"total"` // chronic households
	// Open counts the chronic households with a hazard not closed at as_of_R.
	Open       int               `json:"open"`
	ByTown     map[string]int    `json:"by_town"` // by the town of the household's latest hazard
	Households []RepeatHousehold `json:"households"`
}

// RepeatHousehold is one chronic household: where, and its history.
type RepeatHousehold struct {
	Town    string `json:"town"`    // of its latest hazard
	Village string `json:"village"` // of its latest hazard
	// HazardIDs are every hazard of the household (months ≤ R-1, void
	// left out), by inspection date then id: its history.
	HazardIDs []string `json:"hazard_ids"`
	// RepeatIDs are the hazards found while an earlier one was open or
	// within RepeatWindow months of its closing.
	RepeatIDs []string `json:"repeat_ids"`
	// OpenIDs are its hazards not closed at as_of_R.
	OpenIDs []string `json:"open_ids"`
}

// repeats computes "repeat_households" of report r of d (Known), at =
// as_of_R.
func (tl *Timeline) repeats(r calendar.Month, at time.Time) Repeats {
	d := tl.d
	last := r.Add(-1)
	first := last.Add(-(RepeatWindow - 1))
	var idx []int
	for i, h := range d.Hazards {
		if h.Month.Compare(last) > 0 || tl.facts[i].class == Void {
			continue
		}
		idx = append(idx, i)
	}
	groups := tl.group(idx)
	size := make([]int32, len(idx))
	for _, g := range groups {
		size[g]++
	}
	members := map[int][]int{} // households of two or more hazards
	var order []int
	for j, g := range groups {
		if size[g] < 2 {
			continue
		}
		if members[g] == nil {
			order = append(order, g)
		}
		members[g] = append(members[g], idx[j])
	}
	ai := At(at)
	out := Repeats{ByTown: map[string]int{}, Households: []RepeatHousehold{}}
	for _, g := range order {
		mi := members[g]
		sort.Slice(mi, func(i, j int) bool {
			a, b := d.Hazards[mi[i]], d.Hazards[mi[j]]
			if c := a.InspectionDate.Compare(b.InspectionDate); c != 0 {
				return c < 0
			}
			return a.ID < b.ID
		})
		m := make([]*model.Hazard, len(mi))
		for j, i := range mi {
			m[j] = d.Hazards[i]
		}
		var rh RepeatHousehold
		recent := false
		for j, h2 := range m {
			rh.HazardIDs = append(rh.HazardIDs, h2.ID)
			if !tl.flags(mi[j], ai).Class.Closed() {
				rh.OpenIDs = append(rh.OpenIDs, h2.ID)
			}
			for _, h1 := range m[:j] {
				if isRepeat(d, h1, h2) {
					rh.RepeatIDs = append(rh.RepeatIDs, h2.ID)
					if h2.Month.Compare(first) >= 0 {
						recent = true
					}
					break
				}
			}
		}
		if !recent {
			continue
		}
		latest := m[len(m)-1]
		rh.Town, rh.Village = latest.Town, latest.Village
		if rh.OpenIDs == nil {
			rh.OpenIDs = []string{}
		}
		out.Households = append(out.Households, rh)
		out.Total++
		out.ByTown[rh.Town]++
		if len(rh.OpenIDs) > 0 {
			out.Open++
		}
	}
	sort.Slice(out.Households, func(i, j int) bool {
		a, b := out.Households[i], out.Households[j]
		if a.Town != b.Town {
			return a.Town < b.Town
		}
		return a.HazardIDs[0] < b.HazardIDs[0]
	})
	return out
}

// isRepeat reports whether h2, found after h1 on a later inspection day,
// repeats it: at the end of h2's inspection day h1 was not closed, or it
// had been closed no more than RepeatWindow months before.
func isRepeat(d *model.Dataset, h1, h2 *model.Hazard) bool {
	if !h1.InspectionDate.Before(h2.InspectionDate) {
		return false // the same visit
	}
	st := Evaluate(h1, d.Rects[h1.ID], time.Time{}, h2.InspectionDate.EndOfDay()) // whether it is closed does not depend on its receipt
	if !st.Class.Closed() {
		return true
	}
	closed, ok := ClosedOn(h1, d.Rects[h1.ID])
	if !ok {
		return false
	}
	limit := time.Date(closed.Year, closed.Month+RepeatWindow, closed.Day, 0, 0, 0, 0, calendar.Shanghai)
	return !calendar.DateOf(limit).Before(h2.InspectionDate)
}
