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
	"lpg/internal/validate"
)

// Outcome is what a changed 排查表 or 汇总表 achieves, in one Chinese line
// for the reviewer (issue 12 finding 10): for a 排查表 its hazards by town
// and by severity (each adding up to the total); for a 汇总表 the rows
// filled and the closure rate of the town's share of the month's cohort
// before and after the change.
type Outcome struct {
	File string `json:"file"`
	Text string `json:"text"`
	// 汇总表 only: rows with a 整改状态, hazards of the town's cohort, and
	// the cohort's closure rate before (merge base) and after (head).
	Filled int     `json:"filled,omitempty"`
	Cohort int     `json:"cohort,omitempty"`
	Before float64 `json:"closure_before,omitempty"`
	After  float64 `json:"closure_after,omitempty"`
}

// outcomes fills c.rep.Outcomes for the changed submissions still present
// in the head. old returns a file's content at the merge base (nil when it
// did not exist).
func (c *checker) outcomes(changes []change, res *validate.Result, old func(change) ([]byte, error)) error {
	if res == nil || res.Data == nil {
		return nil
	}
	for _, ch := range changes {
		if ch.To.IsZero() {
			continue
		}
		sub, err := layout.ParseSubmission(ch.Path)
		if err != nil || !res.Data.HasFile(ch.Path) {
			continue
		}
		switch sub.Kind {
		case layout.Hazards:
			c.rep.Outcomes = append(c.rep.Outcomes, hazardOutcome(ch.Path, res.Data))
		case layout.Rectifications:
			b, err := old(ch)
			if err != nil {
				return err
			}
			c.rep.Outcomes = append(c.rep.Outcomes, rectificationOutcome(sub, res.Data, b))
			c.unfilled(sub, res.Data)
		case layout.Inspections:
			c.rep.Outcomes = append(c.rep.Outcomes, inspectionOutcome(ch.Path, res.Data))
		}
	}
	return nil
}

// hazardOutcome: "排查表：N 条隐患；按街镇 朱家角镇 3、夏阳街道 2；按等级 重大 1、一般 4".
func hazardOutcome(p string, d *model.Dataset) Outcome {
	byTown, bySev := map[string]int{}, map[string]int{}
	n := 0
	for _, h := range d.Hazards {
		if h.File != p {
			continue
		}
		n++
		name := "（街镇有误）"
		if t := d.Ref.Town(h.Town); t != nil {
			name = t.Name
		}
		byTown[name]++
		bySev[severityOf(h.Severity)]++
	}
	text := fmt.Sprintf("排查表：%d 条隐患", n)
	if n > 0 {
		text += "；按街镇 " + joinCounts(byTown, nil) + "；按等级 " + joinCounts(bySev, append(append([]string(nil), severities...), unrated))
	}
	return Outcome{File: p, Text: text}
}

// rectificationOutcome: "汇总表：已填 N 行（该街镇本月 M 条隐患，其余按未报送）；闭环率 x% → y%".
func rectificationOutcome(sub layout.Submission, d *model.Dataset, old []byte) Outcome {
	p, town, month := sub.Path(), sub.Submitter, sub.Month
	was := map[string]string{} // hazard id → 整改状态 at the merge base
	if old != nil {
		if t, _ := csvio.Read(p, old, form.Get(form.Rectifications).Columns); t != nil {
			for _, r := range t.Records {
				was[csvio.CleanCode(r.Values["hazard_id"]).Value] = strings.TrimSpace(r.Values["status"])
			}
		}
	}
	var o Outcome
	o.File = p
	for _, r := range d.Rects {
		if r.File == p {
			o.Filled++
		}
	}
	before, after := 0, 0
	for _, h := range d.Hazards {
		if h.Town != town || h.Month != month {
			continue
		}
		o.Cohort++
		if loop.Classify(h, d.Rects[h.ID]).Closed() {
			after++
		}
		var prev *model.Rectification
		if s := was[h.ID]; s != "" {
			prev = &model.Rectification{Status: s}
		}
		if loop.Classify(h, prev).Closed() {
			before++
		}
	}
	o.Before, o.After = loop.ClosureRate(before, o.Cohort), loop.ClosureRate(after, o.Cohort)
	o.Text = fmt.Sprintf("汇总表：已填 %d 行（该街镇 %s 共 %d 条隐患，未填的按未报送）；该批次闭环率 %s → %s",
		o.Filled, month, o.Cohort, percent(o.Before), percent(o.After))
	if loop.NoRowNeeded(d, nil, month, town, time.Time{}) {
		o.Text = fmt.Sprintf("汇总表：已填 %d 行（该街镇 %s 共 %d 条隐患，均为当场整改，不必填写；只有表头也算报送，收件时间按合并进主线的时间）；该批次闭环率 %s → %s",
			o.Filled, month, o.Cohort, percent(o.Before), percent(o.After))
	}
	return o
}

// unfilled warns (file.unfilled) about a changed 汇总表 without a row whose
// 整改状态 is filled while its town has hazards of the month that need one
// (loop.RowsNeeded: not 当场整改): after the merge it is still no
// submission (README "设计卡未规定之处的决定", 汇总表的收件; review round 4
// H9: a header-only file passed the gate without a word and the town was
// 逾期未报). A town whose hazards were all rectified on the spot has
// nothing to fill: its file is a submission (loop.Evaluate1).
func (c *checker) unfilled(sub layout.Submission, d *model.Dataset) {
	p := sub.Path()
	if d.FileFilled(p) > 0 {
		return
	}
	need, total := loop.RowsNeeded(d, nil, sub.Month, sub.Submitter, time.Time{})
	if need == 0 {
		return
	}
	var ids []string
	for _, h := range d.Hazards {
		if h.Town == sub.Submitter && h.Month == sub.Month && loop.NeedsRow(h) {
			ids = append(ids, h.ID)
		}
	}
	sort.Strings(ids)
	if len(ids) > 5 {
		ids = append(ids[:5], fmt.Sprintf("等 %d 条", need))
	}
	c.diags.Add(diag.Diagnostic{File: p, Line: 1, Column: "整改状态", Code: "file.unfilled", Severity: diag.Warning,
		Message: fmt.Sprintf("%s 没有一行填了整改状态（整改状态一列全空），合并后仍算未报送：该街镇 %s 的 %d 条隐患中有 %d 条不是当场整改，需要报整改情况（%s）；汇总表截止时间 %s",
			p, sub.Month, total, need, strings.Join(ids, "、"), calendar.FormatTime(calendar.RectificationDue(sub.Month))),
		Hint: "为已有进展的隐患填写整改状态和核查人（还没有进展的可以填“未整改”并写明原因）后再提交；只有表头或整改状态全空的汇总表不是报送，月报中仍为“未到期”或“逾期未报”"})
}

// inspectionOutcome: "入户安检量表：安检 N 户，拒绝入户 n 户；按街镇 朱家角镇 1200、夏阳街道 800".
func inspectionOutcome(p string, d *model.Dataset) Outcome {
	byTown := map[string]int{}
	n, refused := 0, 0
	for _, in := range d.Inspections {
		if in.File != p {
			continue
		}
		n += in.Inspected
		refused += max(in.Refused, 0)
		name := in.Town
		if t := d.Ref.Town(in.Town); t != nil {
			name = t.Name
		}
		byTown[name] += in.Inspected
	}
	text := fmt.Sprintf("入户安检量表：安检 %d 户，拒绝入户 %d 户", n, refused)
	if n > 0 {
		text += "；按街镇 " + joinCounts(byTown, nil)
	}
	return Outcome{File: p, Text: text}
}

func percent(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }

// unrated is the severity column of hazards whose 隐患等级 could not be
// determined (a row with errors): without it the table does not add up.
const unrated = "未定"

func severityOf(s string) string {
	for _, x := range severities {
		if s == x {
			return s
		}
	}
	return unrated
}

// joinCounts writes "a 3、b 2" in the given order (others by name after).
func joinCounts(m map[string]int, order []string) string {
	var keys []string
	seen := map[string]bool{}
	for _, k := range order {
		if m[k] > 0 {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	var parts []string
	for _, k := range append(keys, rest...) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, "、")
}
