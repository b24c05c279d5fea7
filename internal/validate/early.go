package validate

import (
	"fmt"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/layout"
)

// EarlyReceipt is the error text for a receipt time t of the submission
// file path that is too early to be true (adversarial review F8; README
// "设计卡未规定之处的决定", 收件时间不能早于所报月份结束): every form reports
// on its month M — a 排查表 or 入户安检量表 the inspections of M, a 汇总表
// the hazards of M, which reach the centre after M — so none can be
// received before M has ended (the last day of M, 23:59:59 Asia/Shanghai,
// included: a receipt must be later). ok is false when t is possible or
// path is no submission file. Used for receipts.csv (received_at.early)
// and by lpg import --received-at. Pure.
func EarlyReceipt(path string, t time.Time) (msg, hint string, ok bool) {
	sub, err := layout.ParseSubmission(path)
	if err != nil {
		return "", "", false
	}
	end := sub.Month.End()
	if t.After(end) {
		return "", "", false
	}
	what := map[layout.Kind]string{layout.Hazards: "排查表（" + sub.Month.String() + " 的入户安检）",
		layout.Inspections:    "入户安检量表（" + sub.Month.String() + " 的入户安检）",
		layout.Rectifications: "汇总表（" + sub.Month.String() + " 的隐患的整改情况）"}[sub.Kind]
	msg = fmt.Sprintf("收件时间 %s 早于 %s 月末（%s）：%s 是%s，该月结束之前不可能收到",
		calendar.FormatTime(t), sub.Month, calendar.FormatTime(end), path, what)
	hint = "核对年份和月份（例如把 10 月写成了 08 月）；填写实际收到文件的时间（" + sub.Month.String() + " 结束之后）"
	return msg, hint, true
}

// NotEnded is the month.not_ended error for submission file path sent at
// t (when says what t is, e.g. 检查时间): a file of month M cannot be sent
// before M has ended (its last day 23:59:59 Asia/Shanghai included) — a
// 排查表 or 入户安检量表 reports the inspections of M, a 汇总表 the hazards of
// M, which reach the centre after M (adversarial review F15: an early
// placeholder would hold an on-time receipt for rows filled in later).
// ok is false when M has ended at t or path is no submission file. Used
// by lpg check (at the pull request's creation time) and lpg import (at
// the real time). Pure.
func NotEnded(path string, t time.Time, when string) (d diag.Diagnostic, ok bool) {
	sub, err := layout.ParseSubmission(path)
	if err != nil {
		return d, false
	}
	end := sub.Month.End()
	if t.After(end) {
		return d, false
	}
	d = diag.Diagnostic{File: path, Line: 1, Code: "month.not_ended", Severity: diag.Error, Value: sub.Month.String()}
	if sub.Kind == layout.Rectifications {
		d.Message = fmt.Sprintf("%s 是 %s 隐患的汇总表，但 %s 要到 %s 才结束（%s %s）：该月的隐患要在月末之后由企业上报、区燃气中心派发，汇总表不能提前提交",
			path, sub.Month, sub.Month, calendar.FormatTime(end), when, calendar.FormatTime(t))
		d.Hint = fmt.Sprintf("请在收到派发的隐患后填写并提交（截止时间 %s）；只有表头的汇总表不算报送",
			calendar.FormatTime(calendar.RectificationDue(sub.Month)))
		return d, true
	}
	what := "排查表"
	if sub.Kind == layout.Inspections {
		what = "入户安检量表"
	}
	d.Message = fmt.Sprintf("%s 是 %s 的%s，但 %s 要到 %s 才结束（%s %s）：一个月的入户安检要到月末之后才能上报，不能提前提交",
		path, sub.Month, what, sub.Month, calendar.FormatTime(end), when, calendar.FormatTime(t))
	d.Hint = fmt.Sprintf("请在 %s 之后、截止时间 %s 之前提交（当月没有隐患也在月末之后再提交只有表头的文件）",
		sub.Month.Last(), calendar.FormatTime(calendar.HazardDue(sub.Month)))
	return d, true
}

// FractionalReceipt is the error for a receipt time written with a
// fraction of a second (text is an RFC 3339 time as written, such as
// 2026-11-25T23:59:59.5+08:00; adversarial review G4; README
// "设计卡未规定之处的决定", 收件时间只记到秒). Deadlines end at a whole second
// (23:59:59) and pages show receipts to the minute, so 23:59:59.5 was
// shown equal to the deadline yet counted late. Refused rather than cut
// to the second: a receipt is a record, and lpg writes whole seconds
// itself (forge and import lines, calendar.FormatTime). hint gives the
// text without the fraction. ok is false when text has none (".000" is
// one). Used for receipts.csv (received_at.fraction) and by lpg import
// --received-at. Pure.
func FractionalReceipt(text string) (msg, hint string, ok bool) {
	if len(text) < 20 || text[19] != '.' {
		return "", "", false
	}
	i := 20
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	msg = fmt.Sprintf("收件时间“%s”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）", text)
	hint = "写成 " + text[:19] + text[i:] + "（去掉小数部分）"
	return msg, hint, true
}

// FutureReceipt reports whether a receipt at t lies after now (DESIGN.md
// "Files": nobody records a receipt from the future; adversarial review
// G7): msg and hint are the Chinese text of received_at.future. Used for
// receipts.csv and by lpg import --received-at, so an import cannot write
// a line that stops every later build (review round 4, H8). Pure.
func FutureReceipt(t, now time.Time) (msg, hint string, ok bool) {
	if now.IsZero() || !t.After(now) {
		return "", "", false
	}
	return fmt.Sprintf("收件时间 %s 晚于现在（%s）：不能登记将来的收件时间", calendar.FormatTime(t), calendar.FormatTime(now)),
		"填写实际收到文件的时间；文件尚未收到时先不要登记", true
}
