package validate

import (
	"fmt"
	"sync"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// readRectifications reads one 汇总表 and applies the rules of DESIGN.md
// "汇总表": every row names an existing hazard of the same month in this
// file's town, once.
func (v *validator) readRectifications(file string) error {
	sub, ok := v.submission(file)
	if !ok {
		return nil
	}
	month, town := sub.Month, sub.Submitter
	if v.ref.Town(town) == nil {
		hint := "文件名应为本街镇的 9 位代码，如 310118102.csv（朱家角镇）"
		if m := v.ref.ResolveTown(town); m.Code != "" {
			hint = fmt.Sprintf("%s的代码是 %s：文件名应为 %s.csv", m.Name, m.Code, m.Code)
		}
		v.fileDiag(file, diag.Error, "file.town", fmt.Sprintf("文件名中的“%s”不是 towns.csv 中的街镇代码", town), hint)
	}
	s, err := v.load(file, form.Rectifications, false)
	if err != nil || s == nil {
		return err
	}
	filled, status := 0, rectProps().status
	for _, r := range s.rows {
		if form.Filled(r.at(status)) {
			filled++
		}
	}
	v.data.Files = append(v.data.Files, model.File{Path: file, Form: model.FormRectifications, Month: month, Submitter: town, Rows: len(s.rows), Filled: filled})
	if !s.ok {
		return nil
	}
	rcs := s.rects
	if !s.prepped {
		rcs = v.rectsOf(s, month, town)
	}
	for _, rc := range rcs {
		v.data.Rects[rc.HazardID] = rc
	}
	return nil
}

// prepRects runs in stream's workers, before readRectifications: the rows
// of a 汇总表 whose path parses are checked against the hazards there, on
// all CPUs (they depend only on the file, the reference data and the
// hazards, all read before any 汇总表, and hazardOf only reads the index
// of ids). readRectifications uses them when it accepts the file.
func (v *validator) prepRects(file string, s *sheet) {
	if s == nil || !s.ok {
		return
	}
	if sub, err := layout.ParseSubmission(file); err == nil {
		s.rects, s.prepped = v.rectsOf(s, sub.Month, sub.Submitter), true
	}
}

// rectProps are the indices of the 汇总表's properties that become
// model.Rectification fields, looked up once (form.Index).
var rectProps = sync.OnceValue(func() (p struct{ id, status, method, verifier, reason, joint, remarks, village, rectifiedDate int }) {
	f := form.Get(form.Rectifications)
	p.id, p.status, p.method, p.verifier = f.Index("hazard_id"), f.Index("status"), f.Index("method"), f.Index("verifier")
	p.reason, p.joint, p.remarks = f.Index("reason"), f.Index("joint_enforcement"), f.Index("remarks")
	p.village, p.rectifiedDate = f.Index("village"), f.Index("rectified_date")
	return p
})

// rectsOf checks the rows of the 汇总表 s (of month, by town) against the
// hazards, reporting on s, and returns the rectifications they report in
// file order (rows not yet reported, and rows with errors, left out).
func (v *validator) rectsOf(s *sheet, month calendar.Month, town string) []*model.Rectification {
	out := make([]*model.Rectification, 0, len(s.rows))
	seen := make(map[string]int, len(s.rows))
	p := rectProps()
	slab := make([]model.Rectification, len(s.rows)) // one allocation for the file's rows (issue 14)
	for k, r := range s.rows {
		rc := &slab[k]
		*rc = model.Rectification{HazardID: r.at(p.id), Town: town, Month: month, Status: r.at(p.status), Method: r.at(p.method),
			Verifier: r.at(p.verifier), Reason: r.at(p.reason), Joint: r.at(p.joint) == "是", Remarks: r.at(p.remarks),
			File: s.file, Line: r.rec.Line, Row: r.rec.Row}
		if rc.HazardID == "" || r.isBadAt(p.id) {
			continue
		}
		if first, ok := seen[rc.HazardID]; ok {
			s.errorf(r, "hazard_id", "hazard_id.duplicate", fmt.Sprintf("每条隐患在汇总表中只占一行：删除重复的一行，或合并到第 %d 行", first),
				"隐患编号“%s”在本表中重复", rc.HazardID)
			continue
		}
		seen[rc.HazardID] = r.rec.Line
		// 核实无此隐患 with 移交联合整治 = 是 contradicts itself (review
		// F13). A warning, not an error: a void hazard is closed, so it is
		// never counted as escalated (DESIGN.md "escalated = not closed and
		// 移交联合整治 = 是"), and an error would drop the row and make the
		// hazard 未报送 for the town.
		if rc.Joint && rc.Status == "核实无此隐患" {
			s.warnf(r, "joint_enforcement", "joint_enforcement.void", "核实无此隐患时把“移交联合整治”改为“否”或留空；隐患确实存在并已移交的，请改正整改状态",
				"整改状态为“核实无此隐患”，“移交联合整治”却填了“是”：核实无此隐患的不计入移交联合整治")
		}
		h := v.hazardOf(rc.HazardID)
		switch {
		case h == nil && v.hazardFileBroken(rc.HazardID):
			s.warnf(r, "hazard_id", "hazard_id.unchecked", "待企业改正排查表后会重新核对，街镇无需处理",
				"隐患“%s”所在的排查表本身有错误，暂时无法核对这一行", rc.HazardID)
			continue
		case h == nil:
			s.errorf(r, "hazard_id", "hazard_id.unknown", "从本街镇的派发清单（网站“街镇”页面下载）复制隐患编号，不要手工输入",
				"隐患编号“%s”在 %s 的排查表中不存在", rc.HazardID, month)
			continue
		case h.Month != month:
			s.errorf(r, "hazard_id", "hazard_id.month", fmt.Sprintf("把这一行移到 data/rectifications/%s/%s.csv", h.Month, town),
				"隐患“%s”是 %s 的隐患，不属于 %s 的汇总表", rc.HazardID, h.Month, month)
			continue
		case h.Town == "":
			s.warnf(r, "hazard_id", "hazard_id.unchecked", "待企业改正排查表后会重新核对，街镇无需处理",
				"隐患“%s”在排查表中的街镇有错误，暂时无法核对这一行", rc.HazardID)
			continue
		case h.Town != town:
			s.errorf(r, "hazard_id", "hazard_id.town", fmt.Sprintf("该隐患由%s负责整改，请删除这一行", v.townName(h.Town)),
				"隐患“%s”属于%s，不属于本街镇", rc.HazardID, v.townName(h.Town))
			continue
		}
		if vi := r.at(p.village); vi != "" {
			m := v.ref.ResolveVillage(town, vi)
			code := m.Code
			if len(vi) == 12 && isDigits(vi) {
				code = vi
			}
			if code != h.Village {
				s.errorf(r, "village", "village.mismatch", "村居可以留空；填写时须与排查表一致：“"+v.villageName(h.Village)+"”",
					"村居“%s”与排查表中该隐患的村居“%s”不一致", vi, v.villageName(h.Village))
			} else {
				rc.Village = code
				if m.Short {
					r.set("village", m.Name)
					s.warnf(r, "village", "village.short", "规范写法为“"+m.Name+"”", "村居“%s”按“%s”读取", vi, m.Name)
				}
			}
		}
		if d := r.at(p.rectifiedDate); d != "" && !r.isBadAt(p.rectifiedDate) {
			rc.RectifiedDate, _ = calendar.ParseISODate(d)
			if !h.InspectionDate.IsZero() && rc.RectifiedDate.Before(h.InspectionDate) {
				s.errorf(r, "rectified_date", "rectified_date.before", "整改完成日期不能早于安检日期，请核对",
					"整改完成日期 %s 早于安检日期 %s", d, h.InspectionDate)
			}
			if !v.asOf.IsZero() && calendar.DateOf(v.asOf).Before(rc.RectifiedDate) {
				s.errorf(r, "rectified_date", "rectified_date.future", "填写实际完成整改的日期；尚未完成的写“整改中”，不填整改完成日期",
					"整改完成日期 %s 晚于报送时间 %s：不能填写将来的日期", d, calendar.FormatTime(v.asOf))
			}
		}
		if r.notYet {
			continue // checked (the hazard exists in this town) but not a report: unreported
		}
		out = append(out, rc)
	}
	return out
}

func (v *validator) villageName(code string) string {
	if vl := v.ref.Village(code); vl != nil {
		return vl.Name
	}
	return code
}

// hazardOf returns the hazard whose id is id exactly (not only the same
// hazard: E01-202608-00010 is not E01-202608-0010), or nil. It reads the
// index checkUniqueIDs built (one hazard per idKey, the one kept), so it
// is what a map of the kept hazards by id would give, without building
// one (issue 14: 90k entries, serial). Only reads: safe on several
// goroutines once the 排查表 are all read.
func (v *validator) hazardOf(id string) *model.Hazard {
	if h := v.ids.find(idKey(id)); h != nil && h.ID == id {
		return h
	}
	return nil
}

// hazardFileBroken reports whether the 排查表 that hazard id belongs to
// (by its enterprise and month prefix) could not be read.
func (v *validator) hazardFileBroken(id string) bool {
	h, err := layout.ParseHazardID(id)
	return err == nil && v.broken[h.File()]
}
