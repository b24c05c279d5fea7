package check

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/reference"
	"lpg/internal/rowdiff"
	"lpg/internal/validate"
)

// Alteration is a change to data that is already received and counted,
// which the figures follow silently unless someone looks (the adversarial
// review of the receipt rules): rows added to a 排查表 or 入户安检量表 after
// its deadline (逾期补报), counted columns of received 排查表 rows rewritten,
// long-open 汇总表 rows turned 核实无此隐患, closures dated before the
// previous version of the 汇总表 was received, rows already closed whose
// status, date or 移交联合整治 changed, and 拒不整改 / 联合整治 withdrawn
// from rows still open (review round 4 H10). None of them blocks a merge
// (each can be a genuine correction); all are shown in one block at the
// top of the summary and as one warning per file and kind.
type Alteration struct {
	File  string       `json:"file"`
	Kind  string       `json:"kind"`  // late_rows, rewritten, voided, backdated, closed_rewritten, withdrawn
	Title string       `json:"title"` // Chinese, one line
	Rows  []AlteredRow `json:"rows"`
}

// AlteredRow is one row of an Alteration: its 隐患编号 (for an 入户安检量表
// row, its 街镇 and 用户类型) and what happened to it, in Chinese.
type AlteredRow struct {
	ID     string `json:"id"`
	Change string `json:"change"`
}

// Alteration kinds (and their warning codes).
const (
	LateRows  = "late_rows" // rows.late
	Rewritten = "rewritten" // row.rewritten
	Voided    = "voided"    // closure.voided
	Backdated = "backdated" // closure.backdated
	// ClosedRewritten: a row closed in the previous version whose 整改状态,
	// 整改完成日期 or 移交联合整治 changed (closure.rewritten; review round 4 H10).
	ClosedRewritten = "closed_rewritten"
	// Withdrawn: a row 拒不整改 or 移交联合整治 in the previous version that
	// stays open without it (escalation.withdrawn; review round 4 H10).
	Withdrawn = "withdrawn"
)

// countedHazardFields are the 排查表 columns the figures count by (town,
// village, user type, household (internal/household: 用户编号 or 用气地址;
// the name is not counted), inspection date, type, severity, whether
// it was rectified on the spot, the household's deadline), in file order.
var countedHazardFields = []struct{ field, header string }{
	{"town", "街镇"}, {"village", "村居"}, {"user_type", "用户类型"}, {"customer_id", "用户编号"},
	{"address", "用气地址"}, {"inspection_date", "安检日期"},
	{"hazard_type", "隐患类别"}, {"severity", "隐患等级"}, {"onsite_action", "现场处置"}, {"due_date", "整改期限"},
}

// maxListed is how many rows one warning message lists (the summary block
// lists all of them).
const maxListed = 20

// month rule: a 排查表 or 入户安检量表 reports the inspections of a month, so
// it cannot be submitted before that month has ended (an empty placeholder
// sent early would otherwise carry an on-time receipt for rows filled in
// after the deadline); a 汇总表 reports on the hazards of its month, which
// reach the centre after the month has ended, so it cannot be submitted
// earlier either (adversarial review F15). Judged at the time the merge
// will record as the receipt — the pull request's creation time (OpenedAt)
// when the forge gives it, else the check's own time (Now): a pull request
// opened before the month ended cannot carry the month's file, however
// late the check is re-run (review round 3, G24: its receipt would be
// refused as received_at.early and stop every build). Zero both: skipped.
func (c *checker) monthEnded(changes []change) {
	now, when := c.opt.Now, "检查时间"
	if !c.opt.OpenedAt.IsZero() {
		now, when = c.opt.OpenedAt, "本 pull request 的创建时间，合并后登记为收件时间"
	}
	if now.IsZero() {
		return
	}
	for _, ch := range changes {
		if ch.To.IsZero() {
			continue
		}
		if d, ok := validate.NotEnded(ch.Path, now, when); ok {
			c.diags.Add(d)
		}
	}
}

// added lists the changed paths the merge makes received, as the publish
// workflow will (history.Repo.Added): new files, and a 汇总表 that gets its
// first filled row (a header-only 汇总表 or an untouched 预填汇总表 is no
// submission: rowdiff.Received).
func (c *checker) added(changes []change) ([]string, error) {
	var out []string
	for _, ch := range changes {
		if ch.To.IsZero() {
			continue
		}
		if k, ok := layout.KindOf(ch.Path); !ok || k != layout.Rectifications || ch.To.Special() {
			if ch.From.IsZero() {
				out = append(out, ch.Path)
			}
			continue
		}
		nb, err := c.rp.Blob(ch.To)
		if err != nil {
			return nil, err
		}
		if !rowdiff.Received(ch.Path, nb) {
			continue
		}
		if !ch.From.IsZero() && !ch.From.Special() {
			ob, err := c.rp.Blob(ch.From)
			if err != nil {
				return nil, err
			}
			if rowdiff.Received(ch.Path, ob) {
				continue
			}
		}
		out = append(out, ch.Path)
	}
	return out, nil
}

// received finds the alterations of data already received among the
// changed files that exist on the base branch (a file on the base branch
// has been received: its receipt is at or before the base's tip).
func (c *checker) received(changes []change, res *validate.Result) error {
	var ref *reference.Data
	var byID map[string]*model.Hazard
	if res != nil && res.Data != nil {
		ref, byID = res.Data.Ref, res.Data.HazardByID()
	}
	for _, ch := range changes {
		if ch.From.IsZero() || ch.To.IsZero() || ch.From.Special() || ch.To.Special() {
			continue
		}
		sub, err := layout.ParseSubmission(ch.Path)
		if err != nil {
			continue
		}
		oldB, err := c.rp.Blob(ch.From)
		if err != nil {
			return err
		}
		newB, err := c.rp.Blob(ch.To)
		if err != nil {
			return err
		}
		c.lostZeros(sub, oldB, newB)
		switch sub.Kind {
		case layout.Hazards, layout.Inspections:
			c.lateRows(sub, oldB, newB)
			if sub.Kind == layout.Hazards {
				c.rewritten(sub, oldB, newB, ref)
			}
		case layout.Rectifications:
			c.lateRows(sub, oldB, newB)
			ix, err := c.m.BaseHistory() // the base's first-parent history, scanned once (repository)
			if err != nil {
				return err
			}
			var prev time.Time
			if revs, err := ix.Revisions(ch.Path); err == nil && len(revs) > 0 {
				prev = revs[len(revs)-1].When
			} else if err != nil {
				return err
			}
			c.closures(sub, oldB, newB, byID, prev)
		}
	}
	return nil
}

// lostZeros warns (value.leading_zero, rowdiff.LostZeros) about the rows
// whose code lost its leading zeros since the base (review of 2026-12-02,
// round 3, G1).
func (c *checker) lostZeros(sub layout.Submission, oldB, newB []byte) {
	if d, ok := rowdiff.LostZeros(sub.Path(), oldB, newB); ok {
		c.diags.Add(d)
	}
}

// lateRows: rows added to a 排查表 or 入户安检量表 that is already received,
// after its deadline (the 25th of M+1), and rows of a 汇总表 on the base
// branch that become filled after the town's deadline (end of M+2): added
// with a 整改状态, or with 整改状态 empty before and filled now (form.Filled;
// adversarial review F15: a header-only 汇总表 sent early, filled in late;
// G3: the 预填汇总表 uploaded untouched, filled in late). A row added with
// 整改状态 empty reports nothing and is not listed. The time is the pull
// request's creation (the forge's receipt, when given), else the check's
// own time.
func (c *checker) lateRows(sub layout.Submission, oldB, newB []byte) {
	at := c.opt.OpenedAt
	if at.IsZero() {
		at = c.opt.Now
	}
	due := calendar.HazardDue(sub.Month)
	if sub.Kind == layout.Rectifications {
		due = calendar.RectificationDue(sub.Month)
	}
	if at.IsZero() || !at.After(due) {
		return
	}
	p := sub.Path()
	o, n := rowdiff.Read(p, oldB), rowdiff.Read(p, newB)
	var rows []AlteredRow
	added, filled := 0, 0
	for id, nr := range n.ByID {
		or, ok := o.ByID[id]
		if sub.Kind != layout.Rectifications {
			if !ok {
				rows = append(rows, AlteredRow{ID: id, Change: "新增"})
			}
			continue
		}
		status := nr.Fields["status"]
		switch {
		case !form.Filled(status):
		case !ok:
			added++
			rows = append(rows, AlteredRow{ID: id, Change: "新增：" + status})
		case !form.Filled(or.Fields["status"]):
			filled++
			rows = append(rows, AlteredRow{ID: id, Change: "补填：" + status})
		}
	}
	if sub.Kind == layout.Inspections {
		for _, r := range rowdiff.AddedRows(p, oldB, newB) {
			rows = append(rows, AlteredRow{ID: strings.TrimSpace(r["town"] + " " + r["village"] + " " + r["user_type"]),
				Change: "新增：安检户数 " + r["inspected"]})
		}
	}
	if len(rows) == 0 {
		return
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	what := "排查表"
	switch sub.Kind {
	case layout.Inspections:
		what = "入户安检量表"
	case layout.Rectifications:
		what = "汇总表"
	}
	title := fmt.Sprintf("逾期补报：截止时间 %s 之后向已收到的%s新增 %d 行", calendar.FormatTime(due), what, len(rows))
	if sub.Kind == layout.Rectifications {
		switch {
		case filled == 0:
			title = fmt.Sprintf("逾期补报：街镇的截止时间 %s 之后向汇总表新增 %d 行", calendar.FormatTime(due), added)
		case added == 0:
			title = fmt.Sprintf("逾期补报：街镇的截止时间 %s 之后在汇总表中补填 %d 行的整改状态", calendar.FormatTime(due), filled)
		default:
			title = fmt.Sprintf("逾期补报：街镇的截止时间 %s 之后向汇总表新增 %d 行、补填 %d 行的整改状态", calendar.FormatTime(due), added, filled)
		}
		c.alter(Alteration{File: p, Kind: LateRows, Title: title, Rows: rows}, "rows.late",
			fmt.Sprintf("%s（%s 时）：这些隐患的整改情况在街镇的截止时间之后才报", title, calendar.FormatTime(at)),
			"请在 pull request 说明中写明逾期的原因；审核人应核实，必要时在月报中说明（没有填写整改状态的汇总表不算报送，收件时间从第一次填了整改状态的版本算起）")
		return
	}
	c.alter(Alteration{File: p, Kind: LateRows, Title: title, Rows: rows}, "rows.late",
		fmt.Sprintf("%s（%s 时）；这些行没有自己的收件时间，文件的收件时间仍是第一次收到的时间，月报会按“按时”计入它们", title, calendar.FormatTime(at)),
		"逾期发现或漏报的隐患可以补报，但请在 pull request 说明中写明原因；审核人应核实，必要时在记分卡或月报中说明逾期补报")
}

// rewritten: counted columns of rows already received changed.
func (c *checker) rewritten(sub layout.Submission, oldB, newB []byte, ref *reference.Data) {
	p := sub.Path()
	o, n := rowdiff.Read(p, oldB), rowdiff.Read(p, newB)
	var rows []AlteredRow
	for id, nr := range n.ByID {
		or, ok := o.ByID[id]
		if !ok || or.Same(nr) {
			continue
		}
		var parts []string
		for _, f := range countedHazardFields {
			a, b := or.Fields[f.field], nr.Fields[f.field]
			if sameValue(f.field, a, b, or.Fields, nr.Fields, ref) {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s %s → %s", f.header, shown(f.field, a, or.Fields, ref), shown(f.field, b, nr.Fields, ref)))
		}
		if len(parts) > 0 {
			rows = append(rows, AlteredRow{ID: id, Change: strings.Join(parts, "；")})
		}
	}
	if len(rows) == 0 {
		return
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	title := fmt.Sprintf("改动了已收到的 %d 条隐患中计入统计的列（隐患类别、等级、安检日期、用户等）", len(rows))
	c.alter(Alteration{File: p, Kind: Rewritten, Title: title, Rows: rows}, "row.rewritten", title,
		"更正登记错误可以，但月报、违规配送、需督办等都随之改变：请在 pull request 说明中逐条写明原因，审核人逐条核对")
}

// closures: 汇总表 rows that were not closed in the previous version and
// now are 核实无此隐患 after the town's deadline for the month (void counts
// as closed at every time, so past reports' 街镇逾期未办结 change), or are
// closed with a 整改完成日期 before the day the previous version was
// received (a backdated closure, which also rewrites past reports); rows
// closed in the previous version whose 整改状态, 整改完成日期 or 移交联合整治
// changed at all (closedChanges), and rows 拒不整改 or 移交联合整治 in it
// that stay open without (withdrawnChanges) — review round 4 H10: the
// previous rules looked only at rows that were open, so a closed row
// re-dated earlier or turned void passed with no word.
func (c *checker) closures(sub layout.Submission, oldB, newB []byte, byID map[string]*model.Hazard, prevAt time.Time) {
	p := sub.Path()
	o, n := rowdiff.Read(p, oldB), rowdiff.Read(p, newB)
	deadline := calendar.RectificationDue(sub.Month)
	var voided, backdated, rewritten, withdrawn []AlteredRow
	for id, nr := range n.ByID {
		or, had := o.ByID[id]
		if had && or.Same(nr) {
			continue
		}
		h := byID[id]
		if h == nil {
			h = &model.Hazard{ID: id}
		}
		var before *model.Rectification
		was := "未报送"
		if had && form.Filled(or.Fields["status"]) {
			before = &model.Rectification{Status: strings.TrimSpace(or.Fields["status"])}
			was = before.Status
		}
		if loop.Classify(h, before).Closed() {
			if before != nil {
				if parts := closedChanges(or.Fields, nr.Fields, prevAt); len(parts) > 0 {
					rewritten = append(rewritten, AlteredRow{ID: id, Change: strings.Join(parts, "；")})
				}
			}
			continue
		}
		if before != nil {
			if parts := withdrawnChanges(h, or.Fields, nr.Fields); len(parts) > 0 {
				withdrawn = append(withdrawn, AlteredRow{ID: id, Change: strings.Join(parts, "；")})
			}
		}
		status := nr.Fields["status"]
		after := &model.Rectification{Status: status}
		if !loop.Classify(h, after).Closed() {
			continue
		}
		if loop.Classify(h, after) == loop.Void {
			if now := c.opt.Now; !now.IsZero() && now.After(deadline) {
				voided = append(voided, AlteredRow{ID: id, Change: fmt.Sprintf("%s → %s", was, status)})
			}
			continue
		}
		if prevAt.IsZero() {
			continue
		}
		d, _, err := csvio.ParseDate(csvio.CleanCode(nr.Fields["rectified_date"]).Value)
		if err != nil || d.IsZero() {
			continue
		}
		if received := calendar.DateOf(prevAt); d.Before(received) {
			backdated = append(backdated, AlteredRow{ID: id, Change: fmt.Sprintf("%s → %s，整改完成日期 %s（上一版 %s 收到时仍为%s）", was, status, d, received, was)})
		}
	}
	c.alterSorted(p, Voided, "closure.voided", voided,
		fmt.Sprintf("汇总表截止时间 %s 之后，把 %d 条未办结的隐患改为“核实无此隐患”", calendar.FormatTime(deadline), len(voided)),
		"：“核实无此隐患”在任何时间都算闭环，所以过去各期月报（未发布版本的重新生成）中这些隐患的街镇逾期未办结会消失",
		"请在 pull request 说明中逐条写明核实的依据（核查人、时间、情况）；审核人应核实。已发布的正式版本不变")
	c.alterSorted(p, Backdated, "closure.backdated", backdated,
		fmt.Sprintf("%d 条隐患上一版仍未办结，本次改为已办结，整改完成日期却早于上一版的收件日期 %s", len(backdated), calendar.DateOf(prevAt)),
		"（倒填日期）：过去各期月报中的逾期会随之改变",
		"如确实早已整改、只是迟报，请在 pull request 说明中写明原因；审核人应核实整改完成日期")
	c.alterSorted(p, ClosedRewritten, "closure.rewritten", rewritten,
		fmt.Sprintf("改动了上一版已办结的 %d 条隐患的整改状态、整改完成日期或移交联合整治", len(rewritten)),
		"：已办结的整改情况已计入过去各期月报，重新生成的月报（正式版本除外）随之改变",
		"更正登记错误可以，但请在 pull request 说明中逐条写明原因和依据（核查人、时间、情况）；审核人应逐条核对")
	c.alterSorted(p, Withdrawn, "escalation.withdrawn", withdrawn,
		fmt.Sprintf("%d 条隐患上一版为拒不整改或已移交联合整治，本次仍未办结却撤销了", len(withdrawn)),
		"：未办结的状态没有日期，过去各期月报（正式版本除外）重新生成时，拒不整改和移交联合整治的名单随之改变",
		"用户已同意整改或移交有误时，请在 pull request 说明中写明原因和依据；审核人应核实（已移交联合整治的隐患整改后可直接改为已办结并填写整改完成日期，不必撤销移交）")
}

// closedChanges lists, for a row closed in the previous version (old),
// the changes of the columns that decide its status at a past time
// (DESIGN.md "Status model"): 整改状态, 整改完成日期 (dates in any accepted
// form are the same; one moved before the day the previous version was
// received, prevAt, is marked) and 移交联合整治 (empty is 否), each
// "列 原值 → 新值" (review round 4 H10).
func closedChanges(old, cur map[string]string, prevAt time.Time) []string {
	var parts []string
	if a, b := strings.TrimSpace(old["status"]), strings.TrimSpace(cur["status"]); a != b {
		parts = append(parts, fmt.Sprintf("整改状态 %s → %s", a, orEmpty(b)))
	}
	a, b := dateOf(old["rectified_date"]), dateOf(cur["rectified_date"])
	if a != b {
		change := fmt.Sprintf("整改完成日期 %s → %s", orEmpty(a), orEmpty(b))
		if d, _, err := csvio.ParseDate(csvio.CleanCode(b).Value); err == nil && !d.IsZero() && !prevAt.IsZero() {
			if received := calendar.DateOf(prevAt); d.Before(received) && (a == "" || b < a) {
				change += fmt.Sprintf("，早于上一版 %s 的收件日期", received)
			}
		}
		parts = append(parts, change)
	}
	if a, b := jointOf(old["joint_enforcement"]), jointOf(cur["joint_enforcement"]); a != b {
		parts = append(parts, fmt.Sprintf("移交联合整治 %s → %s", a, b))
	}
	return parts
}

// withdrawnChanges lists, for a row open in the previous version (old),
// what withdrew an escalation while the row stays open: 拒不整改 turned
// into another open status, 移交联合整治 是 turned 否 (an open status has no
// date, so every past report is rewritten; a closure with a date is the
// normal end of a refusal and is not listed, review round 4 H10).
func withdrawnChanges(h *model.Hazard, old, cur map[string]string) []string {
	status := strings.TrimSpace(cur["status"])
	if !form.Filled(status) || loop.Classify(h, &model.Rectification{Status: status}).Closed() {
		return nil
	}
	var parts []string
	if was := strings.TrimSpace(old["status"]); was == "拒不整改" && status != was {
		parts = append(parts, fmt.Sprintf("整改状态 %s → %s", was, status))
	}
	if a, b := jointOf(old["joint_enforcement"]), jointOf(cur["joint_enforcement"]); a == "是" && b != "是" {
		parts = append(parts, fmt.Sprintf("移交联合整治 %s → %s", a, b))
	}
	return parts
}

// dateOf is a date cell as the figures read it (YYYY-MM-DD), or the cell
// trimmed when it is no date.
func dateOf(v string) string {
	v = strings.TrimSpace(v)
	if d, _, err := csvio.ParseDate(csvio.CleanCode(v).Value); err == nil && !d.IsZero() {
		return d.String()
	}
	return v
}

// jointOf is a 移交联合整治 cell as the figures read it: 是, else 否.
func jointOf(v string) string {
	if strings.TrimSpace(v) == "是" {
		return "是"
	}
	return "否"
}

func orEmpty(v string) string {
	if v == "" {
		return "（空）"
	}
	return v
}

// alter records an alteration and its warning (one per file and kind).
// alterSorted reports rows (sorted by id, none: nothing) of file p as an
// Alteration of kind with title, and the diagnostic code whose message is
// title followed by tail.
func (c *checker) alterSorted(p, kind, code string, rows []AlteredRow, title, tail, hint string) {
	if len(rows) == 0 {
		return
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	c.alter(Alteration{File: p, Kind: kind, Title: title, Rows: rows}, code, title+tail, hint)
}

func (c *checker) alter(a Alteration, code, message, hint string) {
	c.rep.Alterations = append(c.rep.Alterations, a)
	var parts []string
	for i, r := range a.Rows {
		if i == maxListed {
			parts = append(parts, fmt.Sprintf("等 %d 条", len(a.Rows)))
			break
		}
		if r.Change == "新增" {
			parts = append(parts, r.ID)
		} else {
			parts = append(parts, r.ID+"（"+r.Change+"）")
		}
	}
	c.diags.Add(diag.Diagnostic{File: a.File, Line: 1, Code: code, Severity: diag.Warning,
		Message: message + "：" + strings.Join(parts, "、"), Hint: hint})
}

// sameValue compares two versions of a counted cell as the figures read
// them: codes and names of one town, village or type are the same; dates
// in any accepted form are the same; an empty 隐患等级 is the type's default.
func sameValue(field, a, b string, ra, rb map[string]string, ref *reference.Data) bool {
	if field != "severity" && strings.TrimSpace(a) == strings.TrimSpace(b) {
		return true // a village of the same name under a changed town is not a second change
	}
	return norm(field, a, ra, ref) == norm(field, b, rb, ref)
}

func norm(field, v string, row map[string]string, ref *reference.Data) string {
	v = strings.TrimSpace(v)
	switch field {
	case "inspection_date", "due_date":
		if d, _, err := csvio.ParseDate(csvio.CleanCode(v).Value); err == nil && !d.IsZero() {
			return d.String()
		}
	case "town":
		if ref != nil {
			if m := ref.ResolveTown(v); m.Code != "" {
				return m.Code
			}
		}
	case "village":
		if ref != nil {
			if m := ref.ResolveVillage(norm("town", row["town"], row, ref), v); m.Code != "" {
				return m.Code
			}
		}
	case "hazard_type":
		if ref != nil {
			if m := ref.ResolveHazardType(v); m.Code != "" {
				return m.Code
			}
		}
	case "severity":
		if v == "" && ref != nil {
			if t := ref.HazardType(norm("hazard_type", row["hazard_type"], row, ref)); t != nil {
				return t.Severity
			}
		}
	}
	return v
}

// shown writes a counted cell for the reviewer: "（空）" for an empty cell,
// with the catalogue default of an empty 隐患等级.
func shown(field, v string, row map[string]string, ref *reference.Data) string {
	if v != "" {
		return v
	}
	if field == "severity" {
		if d := norm(field, v, row, ref); d != "" {
			return "（空，按类别默认为" + d + "）"
		}
	}
	return "（空）"
}
