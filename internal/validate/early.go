package validate

import (
	"fmt"
	"time"

	"lpg/internal/calendar"
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
