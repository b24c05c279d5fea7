package validate

import (
	"fmt"
	"sort"
	"strconv"

	"lpg/internal/form"
	"lpg/internal/household"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// readInspections reads one 入户安检量表 (issue 13; README “入户安检量表”):
// one row per town (or village) and user type, each at most once, and a
// town given either as a total (村居 empty) or village by village for a
// user type, never both.
func (v *validator) readInspections(file string) error {
	sub, ok := v.submission(file)
	if !ok {
		return nil
	}
	month, ent := sub.Month, sub.Submitter
	v.checkEnterprise(file, sub)
	s, err := v.load(file, form.Inspections, false)
	if err != nil || s == nil {
		return err
	}
	v.data.Files = append(v.data.Files, model.File{Path: file, Form: model.FormInspections, Month: month, Submitter: ent, Rows: len(s.rows)})
	if !s.ok {
		return nil
	}
	type key struct{ town, village, userType string }
	seen := map[key]int{}  // → line
	level := map[key]int{} // town and user type → line of a town total (-line for a village row)
	for _, r := range s.rows {
		in := &model.Inspection{Enterprise: ent, Month: month, UserType: r.val("user_type"), Refused: -1,
			Remarks: r.val("remarks"), File: file, Line: r.rec.Line, Row: r.rec.Row}
		in.Town, in.Village = v.place(s, r)
		if c := r.val("inspected"); c != "" && !r.isBad("inspected") {
			in.Inspected, _ = strconv.Atoi(c)
		}
		if c := r.val("refused"); c != "" && !r.isBad("refused") {
			in.Refused, _ = strconv.Atoi(c)
		}
		if in.Town == "" || r.isBad("village") || r.isBad("user_type") || in.UserType == "" {
			continue // reported on its cell; not counted
		}
		k := key{in.Town, in.Village, in.UserType}
		where := v.townName(in.Town)
		if in.Village != "" {
			where += v.villageName(in.Village)
		}
		if first, ok := seen[k]; ok {
			s.errorf(r, "user_type", "inspection.duplicate", fmt.Sprintf("每个街镇（或村居）的每种用户类型只占一行：把这一行的户数合并到第 %d 行后删除这一行", first),
				"%s的“%s”用户已在第 %d 行填写", where, in.UserType, first)
			continue
		}
		seen[k] = r.rec.Line
		tk := key{in.Town, "", in.UserType}
		if other, ok := level[tk]; ok && (other > 0) != (in.Village == "") {
			line := other
			if line < 0 {
				line = -line
			}
			col, what := "village", "按村居分列"
			if in.Village == "" {
				col, what = "town", "按街镇合计"
			}
			s.errorf(r, col, "inspection.mixed",
				"同一街镇的同一用户类型，要么只填一行街镇合计（村居留空），要么逐个村居填写，两者都填会重复计数",
				"%s的“%s”用户在第 %d 行已按另一种方式填写，这一行又%s", v.townName(in.Town), in.UserType, line, what)
			continue
		}
		if in.Village == "" {
			level[tk] = r.rec.Line
		} else if _, ok := level[tk]; !ok {
			level[tk] = -r.rec.Line
		}
		v.data.Inspections = append(v.data.Inspections, in)
	}
	return nil
}

// coverage is what the coverage rules (checkCoverage) take from the
// 入户安检量表 of the repository, all read before the first 排查表.
type coverage struct {
	counted     map[tv]int  // 安检户数 by inspection file, town and village ("" = the town)
	villageOnly map[tv]bool // (file, town): every row of the town names a village
	firstRow    map[tv]int  // (file, town) → first line of the town
	read        map[string]bool
}

type tv struct{ file, town, village string }

func (v *validator) coverageOf() *coverage {
	c := &coverage{counted: map[tv]int{}, villageOnly: map[tv]bool{}, firstRow: map[tv]int{}, read: map[string]bool{}}
	for _, in := range v.data.Inspections {
		t := tv{in.File, in.Town, ""}
		c.counted[t] += in.Inspected
		if in.Village != "" {
			c.counted[tv{in.File, in.Town, in.Village}] += in.Inspected
		}
		if _, ok := c.firstRow[t]; !ok {
			c.firstRow[t] = in.Line
			c.villageOnly[t] = true
		}
		c.villageOnly[t] = c.villageOnly[t] && in.Village != ""
	}
	for _, f := range v.data.Files {
		if f.Form == model.FormInspections {
			if s := v.sheets[f.Path]; s != nil && s.ok {
				c.read[f.Path] = true
			}
		}
	}
	return c
}

// checkCoverage applies the cross-file rules between an enterprise's
// 排查表 hf (its hazards hs, as kept by checkUniqueIDs) and its 入户安检量表
// of the same month, when both were read:
//   - inspection.zero (error, on the 排查表): a hazard in a town for which
//     the 入户安检量表 gives no households (no row, or 0); with village rows
//     only for that town, the same for a hazard's village;
//   - inspection.fewer (warning, on the 入户安检量表): fewer households
//     inspected in a town than households found with hazards there.
//
// A 排查表 without its 入户安检量表 is not an error: the monthly report lists
// it as incomplete.
func (v *validator) checkCoverage(c *coverage, hf string, hs []*model.Hazard) {
	if len(hs) == 0 {
		return
	}
	counted, villageOnly, firstRow := c.counted, c.villageOnly, c.firstRow
	sub, err := layout.ParseSubmission(hf)
	if err != nil {
		return
	}
	inf := layout.InspectionPath(sub.Month, sub.Submitter)
	if !c.read[inf] {
		return
	}
	hs = append([]*model.Hazard(nil), hs...)
	sort.Slice(hs, func(i, j int) bool { return hs[i].Line < hs[j].Line })
	nTown, nVillage := map[string]int{}, map[string]int{}
	for _, h := range hs {
		nTown[h.Town]++
		nVillage[h.Village]++
	}
	done := map[string]bool{}
	for _, h := range hs {
		if h.Town == "" || done[h.Town] {
			continue
		}
		t := tv{inf, h.Town, ""}
		if counted[t] == 0 {
			done[h.Town] = true
			v.sheetDiag(h, "town", "inspection.zero",
				fmt.Sprintf("在 %s 中补填%s的安检户数；如果这些隐患的街镇填错了，改正排查表中的街镇", inf, v.townName(h.Town)),
				"本企业 %s 的入户安检量表（%s）中%s的安检户数为 0，但本表在%s有 %d 条隐患", sub.Month, inf, v.townName(h.Town), v.townName(h.Town), nTown[h.Town])
			continue
		}
		if h.Village == "" || !villageOnly[t] || done[h.Village] {
			continue
		}
		if counted[tv{inf, h.Town, h.Village}] == 0 {
			done[h.Village] = true
			v.sheetDiag(h, "village", "inspection.zero",
				fmt.Sprintf("入户安检量表按村居填写了%s：补填%s的安检户数；如果村居填错了，改正排查表中的村居", v.townName(h.Town), v.villageName(h.Village)),
				"本企业 %s 的入户安检量表（%s）中%s的安检户数为 0，但本表在该村居有 %d 条隐患", sub.Month, inf, v.villageName(h.Village), nVillage[h.Village])
		}
	}
	// inspection.fewer: households with hazards against households inspected, per town.
	rows := make([]household.Row, len(hs))
	for i, h := range hs {
		rows[i] = household.Row{Enterprise: h.Enterprise, CustomerID: h.CustomerID, Town: h.Town, Address: h.Address}
	}
	groups := household.Group(rows, v.townPrefix)
	found := map[string]map[int]bool{}
	for i, h := range hs {
		if h.Town == "" {
			continue
		}
		if found[h.Town] == nil {
			found[h.Town] = map[int]bool{}
		}
		found[h.Town][groups[i]] = true
	}
	towns := make([]string, 0, len(found))
	for t := range found {
		towns = append(towns, t)
	}
	sort.Strings(towns)
	s := v.sheets[inf]
	for _, town := range towns {
		t := tv{inf, town, ""}
		n := counted[t]
		if n == 0 || n >= len(found[town]) {
			continue
		}
		r := s.rowAt(firstRow[t])
		if r == nil {
			continue
		}
		s.warnf(r, "inspected", "inspection.fewer", "安检户数是本月入户安检的全部户数（有隐患和没有隐患的都算）：请核对",
			"%s的安检户数共 %d 户，少于本企业本月排查表中在%s发现隐患的 %d 户", v.townName(town), n, v.townName(town), len(found[town]))
	}
}

// notQuality are the warning codes that ask the reviewer to look at a
// choice the form allows rather than report a defect of the data: they are
// shown wherever warnings are, but an enterprise's data quality on the
// scorecard does not count them. due_date.late: DESIGN.md lets 整改期限 be
// any date on or after the 安检日期 (the notice given to the household
// decides), so a longer period than the type's default is no error of the
// file (README 设计卡未规定之处的决定, 整改期限的上限).
var notQuality = map[string]bool{"due_date.late": true}

// countWarnings sets the Warnings of every submission file of the model:
// how many warnings validation gives on it (the scorecard's data quality),
// leaving out the notQuality codes.
func (v *validator) countWarnings() {
	n := map[string]int{}
	for _, d := range v.all.Warnings() {
		if !notQuality[d.Code] {
			n[d.File]++
		}
	}
	for i := range v.data.Files {
		v.data.Files[i].Warnings = n[v.data.Files[i].Path]
	}
}

// townPrefix is the address prefix a household key drops: the town's name.
func (v *validator) townPrefix(r household.Row) []string {
	if t := v.ref.Town(r.Town); t != nil {
		return []string{t.Name}
	}
	return nil
}

// sheetDiag reports a problem on field of hazard h's row in its sheet.
func (v *validator) sheetDiag(h *model.Hazard, field, code, hint, format string, a ...any) {
	s := v.sheets[h.File]
	if s == nil {
		return
	}
	if r := s.rowAt(h.Line); r != nil {
		s.errorf(r, field, code, hint, format, a...)
	}
}

// rowAt returns the row of s starting at physical line, or nil.
func (s *sheet) rowAt(line int) *row {
	i := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].rec.Line >= line })
	if i < len(s.rows) && s.rows[i].rec.Line == line {
		return s.rows[i]
	}
	return nil
}
