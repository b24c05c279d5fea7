package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Inspections is report.json's "inspections" (issue 13, an lpg-report/2
// extension): the 入户安检量 of the inspection month R-1 against the
// households found with hazards then (docs/inspections.md). Only the
// enterprises whose 入户安检量表 of R-1 is known count: the households with
// hazards of the others are uncounted_hazard_households, and their
// submissions are pending or missing (incomplete_inspections).
type Inspections struct {
	Month string `json:"month"`
	Coverage
	// UncountedHazardHouseholds are households with hazards of R-1 found
	// by enterprises without a 入户安检量表 of R-1: no denominator.
	UncountedHazardHouseholds int                 `json:"uncounted_hazard_households"`
	ByTown                    map[string]Coverage `json:"by_town"`
	// ByVillage covers the towns an enterprise reported village by
	// village: its village rows and the households with hazards it found
	// there (a town total cannot be split by village).
	ByVillage    map[string]Coverage `json:"by_village"`
	ByEnterprise map[string]Coverage `json:"by_enterprise"`
	ByUserType   map[string]Coverage `json:"by_user_type"`
	Submissions  []Submission        `json:"submissions"` // the 入户安检量表 of R-1 expected from every enterprise active then
}

// Coverage is households inspected against households with hazards.
type Coverage struct {
	Inspected        int     `json:"inspected"`         // 安检户数
	Refused          int     `json:"refused"`           // 拒绝入户户数 (rows that give it)
	HazardHouseholds int     `json:"hazard_households"` // 隐患户数
	HazardRate       float64 `json:"hazard_rate"`       // hazard_households / inspected, 4 decimals (ClosureRate's rounding), 0 when nothing inspected
}

func (c *Coverage) rate() { c.HazardRate = ClosureRate(c.HazardHouseholds, c.Inspected) }

func (c Coverage) zero() bool { return c.Inspected == 0 && c.Refused == 0 && c.HazardHouseholds == 0 }

// Household is one household with hazards of a month, as counted by
// Households: where and of which user type its first hazard (by id) is.
type Household struct {
	Enterprise, Town, Village, UserType string
	Hazards                             []*model.Hazard // by id
}

// Households groups the hazards of month m by enterprise into households
// (package household: same customer id, or same normalised address in the
// same town), in the order of their first hazard's id.
func Households(d *model.Dataset, m calendar.Month) []Household {
	return NewTimeline(d, nil).households(m) // households do not depend on receipts
}

// households is Households of the timeline's dataset.
func (tl *Timeline) households(m calendar.Month) []Household {
	byEnt := map[string][]int{}
	var ents []string
	for _, i := range tl.Month(m) {
		e := tl.d.Hazards[i].Enterprise
		if byEnt[e] == nil {
			ents = append(ents, e)
		}
		byEnt[e] = append(byEnt[e], i)
	}
	sort.Strings(ents)
	var out []Household
	for _, e := range ents {
		out = append(out, tl.groupHouseholds(byEnt[e])...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Hazards[0].ID < out[j].Hazards[0].ID })
	return out
}

// groupHouseholds returns the households of the hazards idx (sorted by
// id), each with its hazards in id order.
func (tl *Timeline) groupHouseholds(idx []int) []Household {
	g := tl.group(idx)
	at := map[int]int{} // group → index in out
	var out []Household
	for j, i := range idx {
		h := tl.d.Hazards[i]
		k, ok := at[g[j]]
		if !ok {
			k = len(out)
			at[g[j]] = k
			out = append(out, Household{Enterprise: h.Enterprise, Town: h.Town, Village: h.Village, UserType: h.UserType})
		}
		out[k].Hazards = append(out[k].Hazards, h)
	}
	return out
}

// InspectionsKnown returns the 入户安检量表 rows of d whose file is among
// d.Files: after Known, the rows of files received after as_of are left
// out, as their submissions count as not received.
func InspectionsKnown(d *model.Dataset) []*model.Inspection {
	files := map[string]bool{}
	for _, f := range d.Files {
		if f.Form == model.FormInspections {
			files[f.Path] = true
		}
	}
	var out []*model.Inspection
	for _, in := range d.Inspections {
		if files[in.File] {
			out = append(out, in)
		}
	}
	return out
}

// coverage computes "inspections" of report r of d (Known at asOf), from
// the households of R-1 (Households), with at = as_of_R, and the sorted enterprises whose 入户安检量表 of R-1 is
// pending or missing ("incomplete_inspections").
func coverage(d *model.Dataset, rec Receipts, r calendar.Month, households []Household, at, asOfBuild time.Time) (Inspections, []string) {
	m := r.Add(-1)
	c := Inspections{Month: m.String(), ByTown: map[string]Coverage{}, ByVillage: map[string]Coverage{},
		ByEnterprise: map[string]Coverage{}, ByUserType: map[string]Coverage{}, Submissions: []Submission{}}
	type et struct{ ent, town string }
	counted := map[string]bool{} // enterprises with a 入户安检量表 of m
	villageRows := map[et]bool{} // (enterprise, town) given village by village
	townTotals := map[et]bool{}  // (enterprise, town) with a town total row
	add := func(mp map[string]Coverage, k string, f func(*Coverage)) {
		v := mp[k]
		f(&v)
		mp[k] = v
	}
	for _, in := range InspectionsKnown(d) {
		if in.Month != m {
			continue
		}
		counted[in.Enterprise] = true
		refused := max(in.Refused, 0)
		inc := func(v *Coverage) { v.Inspected += in.Inspected; v.Refused += refused }
		inc(&c.Coverage)
		add(c.ByTown, in.Town, inc)
		add(c.ByEnterprise, in.Enterprise, inc)
		add(c.ByUserType, in.UserType, inc)
		if in.Village != "" {
			villageRows[et{in.Enterprise, in.Town}] = true
			add(c.ByVillage, in.Village, inc)
		} else {
			townTotals[et{in.Enterprise, in.Town}] = true
		}
	}
	for _, hh := range households {
		if !counted[hh.Enterprise] {
			c.UncountedHazardHouseholds++
			continue
		}
		inc := func(v *Coverage) { v.HazardHouseholds++ }
		inc(&c.Coverage)
		add(c.ByTown, hh.Town, inc)
		add(c.ByEnterprise, hh.Enterprise, inc)
		add(c.ByUserType, hh.UserType, inc)
		if k := (et{hh.Enterprise, hh.Town}); villageRows[k] && !townTotals[k] && hh.Village != "" {
			add(c.ByVillage, hh.Village, inc)
		}
	}
	c.rate()
	for _, mp := range []map[string]Coverage{c.ByTown, c.ByVillage, c.ByEnterprise, c.ByUserType} {
		for k, v := range mp {
			if v.zero() {
				delete(mp, k)
				continue
			}
			v.rate()
			mp[k] = v
		}
	}
	incomplete := []string{}
	for _, e := range d.Ref.Enterprises {
		if !e.ActiveIn(m) {
			continue
		}
		s := Evaluate1(d, rec, model.FormInspections, m, e.ID, at, asOfBuild)
		c.Submissions = append(c.Submissions, s)
		if s.Status == Pending || s.Status == Missing {
			incomplete = append(incomplete, e.ID)
		}
	}
	sortSubmissions(c.Submissions)
	sort.Strings(incomplete)
	return c, incomplete
}
