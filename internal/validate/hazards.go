package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// checkEnterprise applies the rule of an enterprise's file (排查表,
// 入户安检量表): its name is an enterprise of enterprises.csv, active in the
// file's month.
func (v *validator) checkEnterprise(file string, sub layout.Submission) {
	e := v.ref.Enterprise(sub.Submitter)
	if e == nil {
		hint := "文件名应为本企业的编号，如 E01.csv；新企业请先联系区燃气中心登记"
		if up := strings.ToUpper(sub.Submitter); up != sub.Submitter && v.ref.Enterprise(up) != nil {
			hint = fmt.Sprintf("企业编号用大写字母：把文件改名为 %s.csv（文件内容不用改）", up)
		}
		v.fileDiag(file, diag.Error, "file.enterprise", fmt.Sprintf("文件名中的企业编号“%s”不在 data/reference/enterprises.csv 中", sub.Submitter), hint)
	} else if !e.ActiveIn(sub.Month) {
		v.fileDiag(file, diag.Warning, "file.inactive", fmt.Sprintf("企业“%s”在 %s 不在经营期内（enterprises.csv 的 active_from/active_to）", e.Name, sub.Month),
			"核对月份文件夹是否正确")
	}
}

// readHazards reads one 排查表 and applies the rules of DESIGN.md "排查表".
func (v *validator) readHazards(file string) error {
	sub, ok := v.submission(file)
	if !ok {
		v.markBroken(file)
		return nil
	}
	month, ent := sub.Month, sub.Submitter
	v.checkEnterprise(file, sub)
	s, err := v.load(file, form.Hazards, false)
	if err != nil || s == nil {
		return err
	}
	f := model.File{Path: file, Form: model.FormHazards, Month: month, Submitter: ent, Rows: len(s.rows)}
	v.data.Files = append(v.data.Files, f)
	if !s.ok {
		v.markBroken(file)
		return nil
	}
	hs := s.hazards
	if !s.prepped {
		hs = v.hazardsOf(s, month, ent)
	}
	v.data.Hazards = append(v.data.Hazards, hs...)
	return nil
}

// prepHazards runs in stream's workers, before readHazards: the rows of a
// 排查表 whose path parses are made hazards there, on all CPUs, since they
// depend only on the file and the reference data (read before any 排查表).
// readHazards uses them when it accepts the file; otherwise they are
// dropped with the file, as their diagnostics would have been.
func (v *validator) prepHazards(file string, s *sheet) {
	if s == nil || !s.ok {
		return
	}
	if sub, err := layout.ParseSubmission(file); err == nil {
		s.hazards, s.prepped = v.hazardsOf(s, sub.Month, sub.Submitter), true
	}
}

// hazardsOf makes the rows of the 排查表 s (of month, by enterprise ent)
// hazards, reporting on s.
func (v *validator) hazardsOf(s *sheet, month calendar.Month, ent string) []*model.Hazard {
	hs := make([]*model.Hazard, len(s.rows))
	slab := make([]model.Hazard, len(s.rows)) // one allocation for the file's hazards (issue 14)
	for k, r := range s.rows {
		hs[k] = &slab[k]
		v.hazard(hs[k], s, r, month, ent)
	}
	return hs
}

// hazardProps are the indices of the 排查表's properties that become
// model.Hazard fields as they are, looked up once (form.Index): hazard
// reads them for every row.
var hazardProps = sync.OnceValue(func() (p struct {
	id, inspectionID, userType, customerID, userName, phone, address, buildingType,
	inspector, description, severity, onsiteAction, noticeNo, remarks int
	hazardType, inspectionDate, dueDate, cylinders int // read and checked, not copied as they are
}) {
	f := form.Get(form.Hazards)
	p.id, p.inspectionID, p.userType, p.customerID = f.Index("hazard_id"), f.Index("inspection_id"), f.Index("user_type"), f.Index("customer_id")
	p.userName, p.phone, p.address, p.buildingType = f.Index("user_name"), f.Index("phone"), f.Index("address"), f.Index("building_type")
	p.inspector, p.description, p.severity, p.onsiteAction = f.Index("inspector"), f.Index("description"), f.Index("severity"), f.Index("onsite_action")
	p.noticeNo, p.remarks = f.Index("notice_no"), f.Index("remarks")
	p.hazardType, p.inspectionDate, p.dueDate, p.cylinders = f.Index("hazard_type"), f.Index("inspection_date"), f.Index("due_date"), f.Index("cylinder_count")
	return p
})

// hazard fills h with the hazard of row r of the 排查表 s (of month, by
// enterprise ent), reporting on s.
func (v *validator) hazard(h *model.Hazard, s *sheet, r *row, month calendar.Month, ent string) {
	p := hazardProps()
	*h = model.Hazard{ID: r.at(p.id), Enterprise: ent, Month: month, InspectionID: r.at(p.inspectionID),
		UserType: r.at(p.userType), CustomerID: r.at(p.customerID), UserName: r.at(p.userName), Phone: r.at(p.phone),
		Address: r.at(p.address), BuildingType: r.at(p.buildingType), Cylinders: -1, Inspector: r.at(p.inspector),
		Description: r.at(p.description), Severity: r.at(p.severity), OnsiteAction: r.at(p.onsiteAction), NoticeNo: r.at(p.noticeNo),
		Remarks: r.at(p.remarks), File: s.file, Line: r.rec.Line, Row: r.rec.Row}

	// hazard_id: <enterprise>-<YYYYMM>-<NNNN> of this file.
	// Not judged when the file name is not an enterprise (file.enterprise
	// says so once): the name is wrong, not every id.
	if h.ID != "" && !r.isBadAt(p.id) && v.ref.Enterprise(ent) != nil {
		if s.prefix == "" {
			s.prefix = layout.Prefix(ent, month)
		}
		want := s.prefix
		if !strings.HasPrefix(h.ID, want) {
			s.errorf(r, "hazard_id", "hazard_id.file", fmt.Sprintf("本文件是 %s 的 %s 排查表，隐患编号应以“%s”开头，如 %s0001", ent, month, want, want),
				"隐患编号“%s”与文件不符：企业编号或月份不对", h.ID)
		}
	}
	h.Town, h.Village = v.place(s, r)
	// hazard type, severity, description
	var deadline int
	typeName := ""
	if ty := r.at(p.hazardType); ty != "" {
		m := v.ref.ResolveHazardType(ty)
		switch {
		case m.Code == "":
			s.errorf(r, "hazard_type", "hazard_type.unknown", candidatesHint(m, "隐患类别")+"（见 data/reference/hazard_types.csv）", "隐患类别“%s”不在隐患目录中", ty)
		default:
			if m.Short {
				r.set("hazard_type", m.Name)
				s.warnf(r, "hazard_type", "hazard_type.short", "规范写法为“"+m.Name+"”", "隐患类别“%s”按“%s”读取", ty, m.Name)
			}
			t := v.ref.HazardType(m.Code)
			h.Type = t.Code
			deadline, typeName = t.DeadlineDays, t.Name

			if h.Severity == "" {
				h.Severity = t.Severity
			}
			if t.IsOther() && h.Description == "" {
				s.errorf(r, "description", "description.required", "用一句话写明发现的隐患，如“钢瓶放置在楼梯间”",
					"隐患类别为“%s”时必须填写隐患描述", t.Name)
			}
		}
	}
	// dates
	if d := r.at(p.inspectionDate); d != "" && !r.isBadAt(p.inspectionDate) {
		h.InspectionDate, _ = calendar.ParseISODate(d)
		if !month.Contains(h.InspectionDate) {
			s.errorf(r, "inspection_date", "inspection_date.month",
				fmt.Sprintf("%s 月的安检请放到 data/hazards/%s/ 下的排查表中", h.InspectionDate.MonthOf(), h.InspectionDate.MonthOf()),
				"安检日期 %s 不在本表所属月份 %s 内", d, month)
		}
	}
	if d := r.at(p.dueDate); d != "" && !r.isBadAt(p.dueDate) {
		h.DueDate, _ = calendar.ParseISODate(d)
		if !h.InspectionDate.IsZero() && h.DueDate.Before(h.InspectionDate) {
			s.errorf(r, "due_date", "due_date.before", "整改期限不能早于安检日期；留空则按隐患类别的默认期限",
				"整改期限 %s 早于安检日期 %s", d, h.InspectionDate)
		} else if !h.InspectionDate.IsZero() && h.Type != "" {
			if dg, late := LateDueDate(h.InspectionDate, h.DueDate, typeName, deadline, h.Severity); late {
				s.report(r, "due_date", dg.Severity, dg.Code, dg.Message, dg.Hint)
			}
		}
	} else if !h.InspectionDate.IsZero() && h.Type != "" {
		h.DueDate = h.InspectionDate.AddDays(deadline)
		h.DueDefaulted = true
	}
	if c := r.at(p.cylinders); c != "" && !r.isBadAt(p.cylinders) {
		h.Cylinders, _ = strconv.Atoi(c)
	}
}

// place resolves the 街镇 and 村居 cells of r (names, short names or
// statistical codes; the village inside the town) to codes, reporting
// every problem on its cell. A code is "" when its cell is empty or wrong.
func (v *validator) place(s *sheet, r *row) (town, village string) {
	// town
	if t := r.val("town"); t != "" {
		m := v.ref.ResolveTown(t)
		switch {
		case m.Code != "" && m.Short:
			town = m.Code
			r.set("town", m.Name)
			s.warnf(r, "town", "town.short", "规范写法为“"+m.Name+"”", "街镇“%s”按“%s”读取", t, m.Name)
		case m.Code != "":
			town = m.Code
		default:
			if m.Ambiguous {
				s.errorf(r, "town", "town.ambiguous", candidatesHint(m, "街镇"), "街镇“%s”可能指不止一个街镇", t)
			} else {
				s.errorf(r, "town", "town.unknown", candidatesHint(m, "街镇"), "街镇“%s”不是青浦区的街镇", t)
			}
		}
	}
	// village, inside the town
	if vi := r.val("village"); vi != "" && town != "" {
		if len(vi) == 12 && isDigits(vi) {
			vl := v.ref.Village(vi)
			switch {
			case vl == nil:
				s.errorf(r, "village", "village.unknown", "核对 12 位村居代码，或改填村居名称", "村居代码“%s”不在 villages.csv 中", vi)
			case vl.TownCode != town:
				s.errorf(r, "village", "village.town", fmt.Sprintf("“%s”属于%s，不属于%s；核对街镇或村居", vl.Name, v.townName(vl.TownCode), v.townName(town)),
					"村居代码“%s”不在所填街镇内", vi)
			default:
				village = vl.Code
			}
		} else {
			m := v.ref.ResolveVillage(town, vi)
			switch {
			case m.Code != "" && m.Short:
				village = m.Code
				r.set("village", m.Name)
				s.warnf(r, "village", "village.short", "规范写法为“"+m.Name+"”", "村居“%s”按“%s”读取", vi, m.Name)
			case m.Code != "":
				village = m.Code
			default:
				msg := fmt.Sprintf("村居“%s”不在%s的村居名单中", vi, v.townName(town))
				if m.Ambiguous {
					msg = fmt.Sprintf("村居“%s”在%s有不止一个可能的村居", vi, v.townName(town))
				} else if other := v.villageElsewhere(vi); other != "" {
					msg += "（" + other + "有同名村居，请核对街镇）"
				}
				code := "village.unknown"
				if m.Ambiguous {
					code = "village.ambiguous"
				}
				s.errorf(r, "village", code, candidatesHint(m, "村居"), "%s", msg)
			}
		}
	}
	return town, village
}

func (v *validator) townName(code string) string {
	if t := v.ref.Town(code); t != nil {
		return t.Name
	}
	return code
}

// villageElsewhere names the towns that have a village called name.
func (v *validator) villageElsewhere(name string) string {
	var towns []string
	for _, vl := range v.ref.Villages {
		if vl.Name == name || stemEq(vl.Name, name) {
			towns = append(towns, v.townName(vl.TownCode))
		}
	}
	return strings.Join(towns, "、")
}

func stemEq(a, b string) bool {
	return strings.TrimSuffix(strings.TrimSuffix(a, "村委会"), "居委会") == strings.TrimSuffix(strings.TrimSuffix(b, "村委会"), "居委会")
}

// checkUniqueIDs rejects a hazard id used twice in the repository; the
// first occurrence (by path, then line) is kept. Run after each 排查表, in
// path order, on the hazards it added (v.data.Hazards[from:]).
func (v *validator) checkUniqueIDs(from int) {
	if v.ids.prefixes == nil {
		v.ids = idIndex{prefixes: map[string]uint32{}, packed: map[uint64]*model.Hazard{}}
	}
	kept := v.data.Hazards[:from]
	for _, h := range v.data.Hazards[from:] {
		if h.ID == "" {
			continue
		}
		k := v.ids.num(idKey(h.ID))
		if f := v.ids.first(k); f != nil {
			where := fmt.Sprintf("第 %d 行", f.Line)
			if f.File != h.File {
				where = f.File + " " + where
			}
			hint := "每条隐患的编号在整个仓库中唯一：把序号改为未用过的号码"
			if f.ID != h.ID {
				where = fmt.Sprintf("%s（“%s”，序号相同）", where, f.ID)
			}
			v.all.Add(diag.Diagnostic{File: h.File, Line: h.Line, Row: h.Row, Column: v.headerOf(h.File, "hazard_id"), Value: h.ID,
				Code: "hazard_id.duplicate", Severity: diag.Error,
				Message: fmt.Sprintf("隐患编号“%s”重复：%s已经使用", h.ID, where), Hint: hint})
			continue
		}
		v.ids.record(k, h)
		kept = append(kept, h)
	}
	v.data.Hazards = kept
}

// idIndex holds the first hazard of each id (checkUniqueIDs) by idNum.
// Most are in dense, by prefix number and then by sequence: the ids of a
// 排查表 share a prefix and count up from 1, so the hazards a 汇总表 looks
// up (hazardOf) lie in a few short arrays instead of all over a map of
// 90k entries (issue 14: the lookups were a tenth of a five-year
// validation). A sequence too far beyond its prefix's count for a dense
// array (at most 2 × count + 1024 long, so an odd id cannot make one
// large) goes to packed when the idNum fits in one integer (pack), else
// to other. A key is recorded once, in one of the three.
type idIndex struct {
	prefixes map[string]uint32 // the prefixes of hazardKeys, numbered as met
	last     string            // the prefix num met last, and its number
	lastNum  uint32
	haveLast bool
	dense    [][]*model.Hazard // by prefix number, by sequence (nil where none)
	count    []int             // hazards recorded by prefix number
	packed   map[uint64]*model.Hazard
	other    map[idNum]*model.Hazard
}

// pack gives k as one integer: prefix number above 40 bits of sequence.
// ok is false when it does not fit (a sequence of -1 or ≥ 2^40, a 2^24th
// prefix); such an idNum is kept in idIndex.other.
func (k idNum) pack() (uint64, bool) {
	if k.seq < 0 || k.seq >= 1<<40 || k.prefix >= 1<<24 {
		return 0, false
	}
	return uint64(k.prefix)<<40 | uint64(k.seq), true
}

// find returns the hazard recorded for the key k, or nil. It only reads.
func (x *idIndex) find(k hazardKey) *model.Hazard {
	n, ok := x.prefixes[k.prefix]
	if !ok {
		return nil
	}
	return x.first(idNum{n, k.seq})
}

// first returns the hazard recorded for k, or nil.
func (x *idIndex) first(k idNum) *model.Hazard {
	if int(k.prefix) < len(x.dense) && k.seq >= 0 && k.seq < len(x.dense[k.prefix]) {
		if h := x.dense[k.prefix][k.seq]; h != nil {
			return h
		}
	}
	if p, ok := k.pack(); ok {
		return x.packed[p]
	}
	return x.other[k]
}

// record records h as the first hazard of k (k not recorded before).
func (x *idIndex) record(k idNum, h *model.Hazard) {
	for int(k.prefix) >= len(x.dense) {
		x.dense, x.count = append(x.dense, nil), append(x.count, 0)
	}
	x.count[k.prefix]++
	if d := x.dense[k.prefix]; k.seq >= 0 && k.seq < 2*x.count[k.prefix]+1024 {
		if k.seq >= len(d) {
			d = append(d, make([]*model.Hazard, k.seq+1-len(d))...)
			x.dense[k.prefix] = d
		}
		d[k.seq] = h
		return
	}
	if p, ok := k.pack(); ok {
		x.packed[p] = h
		return
	}
	if x.other == nil {
		x.other = map[idNum]*model.Hazard{}
	}
	x.other[k] = h
}

// idNum is a hazardKey with its prefix numbered (idIndex.num): two ids
// have the same idNum exactly when they have the same hazardKey, and the
// map hashes two integers instead of a string (issue 14).
type idNum struct {
	prefix uint32
	seq    int
}

// num numbers the prefix of k, the first time it is met, in order. The
// hazards of one 排查表 mostly share one prefix (layout.Prefix), so the
// last one is compared before the map is asked.
func (x *idIndex) num(k hazardKey) idNum {
	if !x.haveLast || k.prefix != x.last {
		n, ok := x.prefixes[k.prefix]
		if !ok {
			n = uint32(len(x.prefixes))
			x.prefixes[k.prefix] = n
		}
		x.last, x.lastNum, x.haveLast = k.prefix, n, true
	}
	return idNum{x.lastNum, k.seq}
}

// sortHazards returns hs (ids unique) sorted by id. runs are the ends of
// the runs of hs that came from one 排查表 each (in path order, ascending,
// the last one len(hs)). A 排查表 usually lists its hazards in id order, and
// every id of it starts with its prefix (layout.Prefix: E01-202610-): its run
// is sorted and no other file's id falls between two of its ids: then
// sorting the runs by their first id and putting them end to end is the
// sort, checked in one pass over hs. Otherwise (a file out of order, an
// id with another file's prefix) hs is sorted as a whole. Either way the
// result is the one order of unique ids. At five years this made the
// serial sort of 90k hazards ~25 ms → ~2 ms (issue 14). Pure.
func sortHazards(hs []*model.Hazard, runs []int) []*model.Hazard {
	byID := func(a, b *model.Hazard) int { return strings.Compare(a.ID, b.ID) }
	type run struct{ from, to int }
	rs := make([]run, 0, len(runs))
	from := 0
	for _, to := range runs {
		if to < from || to > len(hs) {
			rs = nil
			break
		}
		if to > from {
			rs = append(rs, run{from, to})
		}
		from = to
	}
	if rs == nil || from != len(hs) {
		slices.SortFunc(hs, byID)
		return hs
	}
	for _, r := range rs {
		if !slices.IsSortedFunc(hs[r.from:r.to], byID) {
			slices.SortFunc(hs, byID)
			return hs
		}
	}
	slices.SortFunc(rs, func(a, b run) int { return byID(hs[a.from], hs[b.from]) })
	for i := 1; i < len(rs); i++ {
		if hs[rs[i-1].to-1].ID >= hs[rs[i].from].ID { // runs overlap
			slices.SortFunc(hs, byID)
			return hs
		}
	}
	out := make([]*model.Hazard, 0, len(hs))
	for _, r := range rs {
		out = append(out, hs[r.from:r.to]...)
	}
	return out
}

// markBroken records a hazard file that could not be read as a whole, so
// that rectification rows pointing at its hazards are not blamed on the
// town (their check waits until the 排查表 is fixed).
func (v *validator) markBroken(file string) {
	if v.broken == nil {
		v.broken = map[string]bool{}
	}
	if m, ent, ok := looseSubmission(file); ok {
		v.broken[layout.Hazards.Dir()+"/"+m+"/"+ent+".csv"] = true
	}
}

// looseSubmission reads month and id from a path even when its form is
// off (upper-case extension, extra folders): data/hazards/2026-07/E01.CSV.
func looseSubmission(file string) (month, id string, ok bool) {
	parts := strings.Split(file, "/")
	if len(parts) < 4 {
		return "", "", false
	}
	name := parts[len(parts)-1]
	if i := strings.LastIndex(name, "."); i > 0 {
		name = name[:i]
	}
	return parts[2], name, true
}

// idKey is the identity of a hazard id: enterprise, month and the numeric
// value of the sequence, so E01-202608-0010 and E01-202608-00010 are the
// same hazard. It is the string layout.HazardID.Key gives (the prefix of
// a parsed id is the id's own up to its last "-"; the month's six digits
// read back the same) — or, for an id that does not parse, the id
// itself — kept as the part up to the last "-" and the number after it,
// so that no string is built per hazard (issue 14): two ids have the
// same hazardKey exactly when those strings are equal (an id that does
// not parse but ends in a number written as strconv.Itoa writes it, such
// as E01-202608-10, is the same hazard as E01-202608-0010).
func idKey(id string) hazardKey {
	i := strings.LastIndexByte(id, '-') + 1
	if h, err := layout.ParseHazardID(id); err == nil {
		return hazardKey{id[:i], h.Seq}
	}
	if d := id[i:]; d != "" && (d == "0" || d[0] != '0') && strings.Trim(d, "0123456789") == "" {
		if n, err := strconv.Atoi(d); err == nil {
			return hazardKey{id[:i], n}
		}
	}
	return hazardKey{id, -1}
}

// hazardKey is what idKey makes of an id: the part up to its last "-"
// and the sequence number (the whole id and -1 when it does not end in
// one).
type hazardKey struct {
	prefix string
	seq    int
}
