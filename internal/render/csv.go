package render

import (
	"sort"
	"strconv"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/form"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// Downloads. Every CSV goes through csvio.Encode (UTF-8 BOM, CRLF, formula
// cells neutralised) and through the masker: a column that comes from a
// schema field is published as its x-personal says (the public build masks
// names, addresses and free text and leaves out the "drop" columns: phone,
// customer, inspection and inspector).

// column is one column of a hazard download.
type column struct {
	head  string
	field string // the hazards schema field the value comes from; "" for a computed column
	val   func(st loop.State) string
}

// hazardColumns returns the columns of a hazard download that the build
// publishes, their values masked.
func (s *site) hazardColumns() []column {
	var out []column
	for _, c := range s.allHazardColumns() {
		if c.field == "" {
			out = append(out, c)
			continue
		}
		if !s.m.shown(form.Hazards, c.field) {
			continue
		}
		field, val := c.field, c.val
		c.val = func(st loop.State) string { return s.m.hazard(field, val(st)) }
		out = append(out, c)
	}
	return out
}

// allHazardColumns is every column of a hazard download, values unmasked.
func (s *site) allHazardColumns() []column {
	h := func(f func(*model.Hazard) string) func(loop.State) string {
		return func(st loop.State) string { return f(st.Hazard) }
	}
	return []column{
		{"隐患编号", "hazard_id", h(func(x *model.Hazard) string { return x.ID })},
		{"液化气企业", "", h(func(x *model.Hazard) string { return s.enterpriseName(x.Enterprise) })},
		{"街镇", "town", h(func(x *model.Hazard) string { return s.townName(x.Town) })},
		{"村居", "village", h(func(x *model.Hazard) string { return s.villageName(x.Village) })},
		{"安检单号", "inspection_id", h(func(x *model.Hazard) string { return x.InspectionID })},
		{"用户类型", "user_type", h(func(x *model.Hazard) string { return x.UserType })},
		{"用户编号", "customer_id", h(func(x *model.Hazard) string { return x.CustomerID })},
		{"用户名称", "user_name", h(func(x *model.Hazard) string { return x.UserName })},
		{"联系电话", "phone", h(func(x *model.Hazard) string { return x.Phone })},
		{"用气地址", "address", h(func(x *model.Hazard) string { return x.Address })},
		{"房屋类型", "building_type", h(func(x *model.Hazard) string { return x.BuildingType })},
		{"钢瓶数量", "cylinder_count", h(func(x *model.Hazard) string {
			if x.Cylinders < 0 {
				return ""
			}
			return strconv.Itoa(x.Cylinders)
		})},
		{"安检日期", "inspection_date", h(func(x *model.Hazard) string { return x.InspectionDate.String() })},
		{"安检人员", "inspector", h(func(x *model.Hazard) string { return x.Inspector })},
		{"隐患类别", "hazard_type", h(func(x *model.Hazard) string { return s.typeName(x.Type) })},
		{"隐患描述", "description", h(func(x *model.Hazard) string { return x.Description })},
		{"隐患等级", "severity", h(func(x *model.Hazard) string { return x.Severity })},
		{"现场处置", "onsite_action", h(func(x *model.Hazard) string { return x.OnsiteAction })},
		{"告知单编号", "notice_no", h(func(x *model.Hazard) string { return x.NoticeNo })},
		{"整改期限", "due_date", h(func(x *model.Hazard) string { return x.DueDate.String() })},
		{"备注", "remarks", h(func(x *model.Hazard) string { return x.Remarks })},
		{"整改状态", "", statusText},
		{"整改完成日期", "", func(st loop.State) string {
			if st.Rect == nil {
				return ""
			}
			return st.Rect.RectifiedDate.String()
		}},
		{"逾期", "", func(st loop.State) string { return yesNo(st.Overdue) }},
		{"逾期天数", "", func(st loop.State) string {
			if !st.Overdue {
				return ""
			}
			return strconv.Itoa(st.DaysLate)
		}},
		{"移交联合整治", "", func(st loop.State) string { return yesNo(st.Rect != nil && st.Rect.Joint) }},
	}
}

// hazardsOf returns the hazards of month m (of town, or of every town when
// town is ""), sorted by town, village and id.
func (s *site) hazardsOf(m calendar.Month, town string) []*model.Hazard {
	var out []*model.Hazard
	for _, i := range s.tl.Month(m) {
		if h := s.d.Hazards[i]; town == "" || h.Town == town {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Town != b.Town {
			return a.Town < b.Town
		}
		if a.Village != b.Village {
			return a.Village < b.Village
		}
		return a.ID < b.ID
	})
	return out
}

// hazardsCSV is the list of the hazards of month m (of one town, or all
// when town is "") with their status at at: a report's hazards.csv and a
// town's 派发清单.
func (s *site) hazardsCSV(m calendar.Month, town string, at time.Time) []byte {
	cols := s.hazardColumns()
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.head
	}
	var rows [][]string
	for _, h := range s.hazardsOf(m, town) {
		st := s.tl.Evaluate(h, s.d.Rects[h.ID], at)
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.val(st)
		}
		rows = append(rows, row)
	}
	return csvio.Encode(head, rows)
}

// RectificationHeader is the canonical header of a 汇总表 (DESIGN.md "汇总表").
var RectificationHeader = []string{"隐患编号", "村居", "整改状态", "整改方式", "整改完成日期", "核查人", "未整改原因", "移交联合整治", "备注"}

// rectificationCSV is the pre-filled 汇总表 of town for month m: one row per
// hazard, filled from the town's current row when there is one.
func (s *site) rectificationCSV(m calendar.Month, town string) []byte {
	var rows [][]string
	for _, h := range s.hazardsOf(m, town) {
		row := []string{h.ID, s.villageName(h.Village), "", "", "", "", "", "", ""}
		if r := s.tree.Rects[h.ID]; r != nil { // the tree's row, whatever its receipt (G7)
			row[2], row[3], row[4] = r.Status, r.Method, r.RectifiedDate.String()
			row[5], row[6], row[7], row[8] = s.m.rect("verifier", r.Verifier), s.m.rect("reason", r.Reason), yesNo(r.Joint), s.m.rect("remarks", r.Remarks)
		}
		rows = append(rows, row)
	}
	return csvio.Encode(RectificationHeader, rows)
}
