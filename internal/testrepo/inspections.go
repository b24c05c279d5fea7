package testrepo

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/household"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// Sample inspection counts (issue 13). The sample data has hazards but no
// 入户安检量表; SampleInspections makes one, plausibly and deterministically,
// for every 排查表 of d (README “入户安检量表”, “示例数据中的安检户数”):
//
//   - LPG households of a village: a 居委会 (mostly on piped gas) has
//     20–80, a 村委会 150–450, fixed per village by a hash of its code;
//     each is split by user type 居民 88 %, 餐饮 7 %, 其他非居民 3.5 %,
//     单位食堂 1.5 %.
//   - An enterprise serves the towns it reported hazards in (any month),
//     sharing each town equally with the other enterprises serving it.
//   - It inspects 30–45 % of its households a month (随瓶安检: a visit with
//     each delivery; the rate is fixed per enterprise and month by a hash).
//   - Every count is at least the number of households the 排查表 found with
//     hazards in that place and user type, so hazard rates never exceed 1.
//   - 拒绝入户户数 is 0–3 % of the households inspected.
//   - E01 and E03 write one row per village, E02 and E04 one row per town
//     (E02 without the 村居 column), so both forms occur.
//
// It returns path → canonical CSV.
func SampleInspections(d *model.Dataset) map[string][]byte {
	type em struct {
		ent   string
		month calendar.Month
	}
	serves := map[string]map[string]bool{} // enterprise → towns
	hazards := map[em][]*model.Hazard{}
	for _, h := range d.Hazards {
		if h.Town == "" {
			continue
		}
		if serves[h.Enterprise] == nil {
			serves[h.Enterprise] = map[string]bool{}
		}
		serves[h.Enterprise][h.Town] = true
		k := em{h.Enterprise, h.Month}
		hazards[k] = append(hazards[k], h)
	}
	sharers := map[string]int{} // town → enterprises serving it
	for _, towns := range serves {
		for t := range towns {
			sharers[t]++
		}
	}
	var files []em
	for _, f := range d.Files {
		if f.Form == model.FormHazards {
			files = append(files, em{f.Submitter, f.Month})
		}
	}
	out := map[string][]byte{}
	for _, f := range files {
		hs := hazards[f]
		// households with hazards, by place and user type
		rows := make([]household.Row, len(hs))
		for i, h := range hs {
			rows[i] = household.Row{Enterprise: h.Enterprise, CustomerID: h.CustomerID, Town: h.Town, Address: h.Address}
		}
		groups := household.Group(rows, func(r household.Row) []string {
			if t := d.Ref.Town(r.Town); t != nil {
				return []string{t.Name}
			}
			return nil
		})
		type place struct{ town, village, userType string }
		found := map[place]map[int]bool{}
		add := func(p place, g int) {
			if found[p] == nil {
				found[p] = map[int]bool{}
			}
			found[p][g] = true
		}
		for i, h := range hs {
			add(place{h.Town, h.Village, h.UserType}, groups[i])
			add(place{h.Town, "", h.UserType}, groups[i])
		}
		byVillage := f.ent == "E01" || f.ent == "E03"
		rate := 0.30 + 0.15*unit("rate", f.ent, f.month.String())
		counts := map[place]int{}
		for _, v := range d.Ref.Villages {
			if !serves[f.ent][v.TownCode] {
				continue
			}
			users := 20 + 60*unit("users", v.Code)
			if v.Kind == "村委会" {
				users = 150 + 300*unit("users", v.Code)
			}
			users /= float64(sharers[v.TownCode])
			for _, ut := range userTypes {
				n := int(math.Round(users * ut.share * rate * (0.9 + 0.2*unit("n", f.ent, f.month.String(), v.Code, ut.name))))
				vp := place{v.TownCode, v.Code, ut.name}
				n = max(n, len(found[vp]))
				if !byVillage {
					vp.village = ""
				}
				counts[vp] += n
			}
		}
		for p, g := range found { // hazards in a town not served (none in the sample)
			if byVillage == (p.village != "") && counts[p] < len(g) {
				counts[p] = len(g)
			}
		}
		keys := make([]place, 0, len(counts))
		for p, n := range counts {
			if n > 0 {
				keys = append(keys, p)
			}
		}
		order := map[string]int{}
		for i, ut := range userTypes {
			order[ut.name] = i
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := keys[i], keys[j]
			if a.town != b.town {
				return a.town < b.town
			}
			if a.village != b.village {
				return a.village < b.village
			}
			return order[a.userType] < order[b.userType]
		})
		header := []string{"街镇", "村居", "用户类型", "安检户数", "拒绝入户户数"}
		if f.ent == "E02" {
			header = []string{"街镇", "用户类型", "安检户数", "拒绝入户户数"}
		}
		var recs [][]string
		for _, p := range keys {
			n := counts[p]
			refused := int(math.Floor(float64(n) * 0.03 * unit("refused", f.ent, f.month.String(), p.town, p.village, p.userType)))
			town := d.Ref.Town(p.town).Name
			rec := []string{town, "", p.userType, fmt.Sprint(n), fmt.Sprint(refused)}
			if p.village != "" {
				rec[1] = d.Ref.Village(p.village).Name
			}
			if f.ent == "E02" {
				rec = append(rec[:1], rec[2:]...)
			}
			recs = append(recs, rec)
		}
		out[layout.InspectionPath(f.month, f.ent)] = csvio.EncodeCanonical(header, recs)
	}
	return out
}

var userTypes = []struct {
	name  string
	share float64
}{{"居民", 0.88}, {"餐饮", 0.07}, {"单位食堂", 0.015}, {"其他非居民", 0.035}}

// unit is a number in [0, 1) fixed by its arguments (FNV-1a).
func unit(parts ...string) float64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return float64(h.Sum64()>>11) / (1 << 53)
}
