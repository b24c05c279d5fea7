package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
)

// DepartmentLoad is one department's entry of report.json's "departments"
// (issue 13, an lpg-report/2 extension; 报相关部门): the hazards in its remit
// (the hazard types departments.csv gives it) — new in R-1, and of months
// ≤ R-1 not closed at as_of_R with the same lateness as "open".
type DepartmentLoad struct {
	New         int            `json:"new"` // hazards of R-1 in its remit
	Open        int            `json:"open"`
	Overdue     int            `json:"overdue"`      // 用户逾期未整改
	TownOverdue int            `json:"town_overdue"` // 街镇逾期未办结
	Escalated   int            `json:"escalated"`
	Major       int            `json:"major"`   // open of severity 重大
	ByTown      map[string]int `json:"by_town"` // open, zero counts left out
	ByType      map[string]int `json:"by_type"` // open, zero counts left out
	OpenIDs     []string       `json:"open_ids"`
}

// departments computes "departments" of report r of d (Known), at =
// as_of_R: one entry for every department of departments.csv, zeros too.
func (tl *Timeline) departments(r calendar.Month, at time.Time) map[string]DepartmentLoad {
	d := tl.d
	out := map[string]DepartmentLoad{}
	for _, dp := range d.Ref.Departments {
		out[dp.Code] = DepartmentLoad{ByTown: map[string]int{}, ByType: map[string]int{}, OpenIDs: []string{}}
	}
	if len(out) == 0 {
		return out
	}
	nm := r.Add(-1)
	ai := At(at)
	tl.Through(nm, func(i int) {
		h := d.Hazards[i]
		if h.Type == "" {
			return
		}
		codes := d.Ref.DepartmentsOf(h.Type)
		if len(codes) == 0 {
			return
		}
		st := tl.flags(i, ai)
		for _, c := range codes {
			x := out[c]
			if h.Month == nm {
				x.New++
			}
			if !st.Class.Closed() {
				x.Open++
				x.ByTown[h.Town]++
				x.ByType[h.Type]++
				x.OpenIDs = append(x.OpenIDs, h.ID)
				if st.Overdue {
					x.Overdue++
				}
				if st.TownOverdue {
					x.TownOverdue++
				}
				if st.Escalated {
					x.Escalated++
				}
				if h.Severity == "重大" {
					x.Major++
				}
			}
			out[c] = x
		}
	})
	for _, x := range out {
		sort.Strings(x.OpenIDs)
	}
	return out
}
