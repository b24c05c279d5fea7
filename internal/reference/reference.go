// Package reference holds the reference tables of data/reference/ (towns,
// villages, hazard types, enterprises, accounts, departments) and resolves what clerks
// write — a code, a full name or an unambiguous short name — to codes.
// It is pure: the tables are filled by package validate, which reads them.
package reference

import (
	"sort"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
)

// Town is a 街镇 of towns.csv: 9-digit statistical code, name, type (街道/镇).
type Town struct{ Code, Name, Type string }

// Village is a 村/居委会 of villages.csv: 12-digit code whose first 9 digits
// are its town's code.
type Village struct{ Code, Name, TownCode, Kind string }

// HazardType is an entry of the hazard catalogue (hazard_types.csv).
// DeadlineDays is the default rectification period in calendar days,
// counted from the inspection date.
type HazardType struct {
	Code, Name, NameEn, Group, AppliesTo, Severity string
	DeadlineDays                                   int
	Basis                                          string
}

// IsOther reports whether the type is a catch-all OTHER_* type, for which
// 隐患描述 is required (DESIGN.md 排查表).
func (h HazardType) IsOther() bool { return strings.HasPrefix(h.Code, "OTHER") }

// Enterprise is an LPG enterprise of enterprises.csv. ActiveTo is zero when
// the enterprise is still active.
type Enterprise struct {
	ID, Name, CreditCode string
	ActiveFrom, ActiveTo calendar.Month
}

// ActiveIn reports whether the enterprise must submit a 排查表 for month m.
func (e Enterprise) ActiveIn(m calendar.Month) bool {
	if !e.ActiveFrom.IsZero() && m.Compare(e.ActiveFrom) < 0 {
		return false
	}
	return e.ActiveTo.IsZero() || m.Compare(e.ActiveTo) <= 0
}

// Department is a department of departments.csv (issue 13): one the
// policy (第3条) makes responsible for the hazard types in its remit.
// All is true for "*" (every type: the towns, 属地).
type Department struct {
	Code, Name, ShortName, Remit string
	Types                        []string // hazard type codes, in file order; nil when All
	All                          bool
}

// Covers reports whether hazard type code is in the department's remit.
func (d Department) Covers(code string) bool {
	if d.All {
		return true
	}
	for _, t := range d.Types {
		if t == code {
			return true
		}
	}
	return false
}

// Label is the short name, or the name when there is none.
func (d Department) Label() string {
	if d.ShortName != "" {
		return d.ShortName
	}
	return d.Name
}

// DepartmentsOf returns the codes of the departments whose remit covers
// hazard type code, in file order.
func (d *Data) DepartmentsOf(code string) []string {
	var out []string
	for _, dp := range d.Departments {
		if dp.Covers(code) {
			out = append(out, dp.Code)
		}
	}
	return out
}

// Account is a Git platform login of accounts.csv with its role
// (enterprise, town, gas_centre) and the enterprise id or town code it
// submits for.
type Account struct{ Account, Role, Submitter string }

// Data is the whole reference set. Slices are in file order.
type Data struct {
	Towns       []Town
	Villages    []Village
	HazardTypes []HazardType
	Enterprises []Enterprise
	Accounts    []Account
	Departments []Department // departments.csv, optional (issue 13)

	townByCode    map[string]*Town
	villageByCode map[string]*Village
	typeByCode    map[string]*HazardType
	entByID       map[string]*Enterprise
	townByName    map[string]string            // name → code
	villageByName map[string]map[string]string // town code → name → code
	typeByName    map[string]string            // name → code
}

// Index builds the lookup maps; call it after filling the slices.
func (d *Data) Index() {
	d.townByCode = map[string]*Town{}
	for i := range d.Towns {
		d.townByCode[d.Towns[i].Code] = &d.Towns[i]
	}
	d.villageByCode = map[string]*Village{}
	for i := range d.Villages {
		d.villageByCode[d.Villages[i].Code] = &d.Villages[i]
	}
	d.typeByCode = map[string]*HazardType{}
	for i := range d.HazardTypes {
		d.typeByCode[d.HazardTypes[i].Code] = &d.HazardTypes[i]
	}
	d.entByID = map[string]*Enterprise{}
	for i := range d.Enterprises {
		d.entByID[d.Enterprises[i].ID] = &d.Enterprises[i]
	}
	d.townByName = map[string]string{}
	for _, t := range d.Towns {
		d.townByName[t.Name] = t.Code
	}
	d.villageByName = map[string]map[string]string{}
	for _, v := range d.Villages {
		if d.villageByName[v.TownCode] == nil {
			d.villageByName[v.TownCode] = map[string]string{}
		}
		d.villageByName[v.TownCode][v.Name] = v.Code
	}
	d.typeByName = map[string]string{}
	for _, t := range d.HazardTypes {
		d.typeByName[t.Name] = t.Code
	}
}

// Town returns the town with code (nil when unknown).
func (d *Data) Town(code string) *Town { return d.townByCode[code] }

// Village returns the village with code (nil when unknown).
func (d *Data) Village(code string) *Village { return d.villageByCode[code] }

// HazardType returns the type with code (nil when unknown).
func (d *Data) HazardType(code string) *HazardType { return d.typeByCode[code] }

// Enterprise returns the enterprise with id (nil when unknown).
func (d *Data) Enterprise(id string) *Enterprise { return d.entByID[id] }

// VillagesOf returns the villages of a town in file order.
func (d *Data) VillagesOf(town string) []Village {
	var out []Village
	for _, v := range d.Villages {
		if v.TownCode == town {
			out = append(out, v)
		}
	}
	return out
}

// Match is the outcome of resolving a written name or code.
type Match struct {
	Code       string   // resolved code; "" when not resolved
	Name       string   // canonical name of the match
	Short      bool     // resolved from an unambiguous short or variant name: warn
	Candidates []string // for an ambiguous or unknown value: the nearest names, best first
	Ambiguous  bool
}

type entry struct{ code, name string }

// resolve implements the common rule: exact code, exact name, then a
// unique entry whose name starts with or contains the written value (or
// vice versa, after dropping common suffixes); otherwise the nearest names.
func resolve(s string, entries []entry) Match {
	s = strings.TrimSpace(s)
	for _, e := range entries {
		if e.code == s {
			return Match{Code: e.code, Name: e.name}
		}
	}
	for _, e := range entries {
		if e.name == s {
			return Match{Code: e.code, Name: e.name}
		}
	}
	key := stem(s)
	var hits []entry
	if key != "" {
		for _, e := range entries {
			if stem(e.name) == key || strings.HasPrefix(e.name, s) {
				hits = append(hits, e)
			}
		}
	}
	if len(hits) == 1 {
		return Match{Code: hits[0].code, Name: hits[0].name, Short: true}
	}
	if len(hits) > 1 {
		m := Match{Ambiguous: true}
		for _, h := range hits {
			m.Candidates = append(m.Candidates, h.name)
		}
		return m
	}
	return Match{Candidates: nearest(s, entries, 3)}
}

// stem drops the suffixes clerks leave out or add (村委会, 居委会, 社区,
// 街道, 镇, 村 …) so that 张马村 and 张马村村委会 compare equal.
func stem(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	for _, suf := range []string{"村民委员会", "居民委员会", "村委会", "居委会", "村委", "居委", "社区", "街道", "镇", "村"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// nearest returns up to n names closest to s: most characters in common
// first (so 胶管老化 finds 橡胶管变硬、龟裂、损坏、老化), then the smallest edit
// distance. When no name shares a character with s, the names with the
// smallest edit distance are given, so a hint always names candidates.
func nearest(s string, entries []entry, n int) []string {
	type scored struct {
		name         string
		common, dist int
	}
	key := stem(s)
	var all []scored
	for _, e := range entries {
		all = append(all, scored{e.name, commonRunes(key, stem(e.name)), csvio.Distance(key, stem(e.name))})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].common != all[j].common {
			return all[i].common > all[j].common
		}
		return all[i].dist < all[j].dist
	})
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

// commonRunes counts the characters a and b share (as multisets).
func commonRunes(a, b string) int {
	have := map[rune]int{}
	for _, r := range a {
		have[r]++
	}
	n := 0
	for _, r := range b {
		if have[r] > 0 {
			have[r]--
			n++
		}
	}
	return n
}

// ResolveTown resolves a 街镇 cell: a 9-digit code, the full name
// (朱家角镇) or a short one (朱家角).
func (d *Data) ResolveTown(s string) Match {
	if t := d.townByCode[s]; t != nil {
		return Match{Code: t.Code, Name: t.Name}
	}
	if c, ok := d.townByName[s]; ok {
		return Match{Code: c, Name: s}
	}
	es := make([]entry, len(d.Towns))
	for i, t := range d.Towns {
		es[i] = entry{t.Code, t.Name}
	}
	return resolve(s, es)
}

// ResolveVillage resolves a 村居 cell inside town: a 12-digit code (which
// must belong to the town) or a name among the town's villages.
func (d *Data) ResolveVillage(town, s string) Match {
	if v := d.villageByCode[s]; v != nil && v.TownCode == town {
		return Match{Code: v.Code, Name: v.Name}
	}
	if c, ok := d.villageByName[town][s]; ok {
		return Match{Code: c, Name: s}
	}
	var es []entry
	for _, v := range d.Villages {
		if v.TownCode == town {
			es = append(es, entry{v.Code, v.Name})
		}
	}
	return resolve(s, es)
}

// ResolveHazardType resolves a 隐患类别 cell: a code (HOSE_AGED) or the
// Chinese name of the catalogue.
func (d *Data) ResolveHazardType(s string) Match {
	if t := d.typeByCode[s]; t != nil {
		return Match{Code: t.Code, Name: t.Name}
	}
	if c, ok := d.typeByName[s]; ok {
		return Match{Code: c, Name: s}
	}
	es := make([]entry, len(d.HazardTypes))
	for i, t := range d.HazardTypes {
		es[i] = entry{t.Code, t.Name}
	}
	if m := resolve(strings.ToUpper(s), es); m.Code != "" {
		return m
	}
	return resolve(s, es)
}
