package validate

import (
	"fmt"

	"lpg/internal/calendar"
	"lpg/internal/diag"
)

// Longest 整改期限 allowed after the 安检日期, in calendar days (README
// "设计卡未规定之处的决定", 整改期限的上限; adversarial review F19): a 重大
// hazard must be dealt with within a quarter, any other within a year. A
// later 整改期限 exempts the hazard from both kinds of 逾期 (DESIGN.md
// "Status model": both need t > 整改期限) for as long.
const (
	MaxDueDaysMajor = 90
	MaxDueDays      = 365
)

// LateDueDate judges an explicit 整改期限 due of a hazard inspected on
// inspection whose type (typeName, from data/reference/hazard_types.csv)
// has the default period days and whose severity is severity: nothing
// (ok false) when due is at or before the default (inspection + days);
// an error due_date.far when it is more than MaxDueDaysMajor (重大) or
// MaxDueDays days after inspection; else a warning due_date.late naming
// the default. Pure.
func LateDueDate(inspection, due calendar.Date, typeName string, days int, severity string) (d diag.Diagnostic, ok bool) {
	def := inspection.AddDays(days)
	if !def.Before(due) {
		return diag.Diagnostic{}, false
	}
	after := calendar.DaysBetween(inspection, due)
	limit, which := MaxDueDays, "隐患"
	if severity == "重大" {
		limit, which = MaxDueDaysMajor, "重大隐患"
	}
	base := fmt.Sprintf("隐患类别“%s”的默认期限为 %d 天，即 %s", typeName, days, def)
	if after > limit {
		return diag.Diagnostic{Code: "due_date.far", Severity: diag.Error, Value: due.String(),
			Message: fmt.Sprintf("整改期限 %s 在安检日期 %s 之后 %d 天，%s的整改期限最长为安检日期后 %d 天（%s）：这样的期限使这条隐患长期不算逾期",
				due, inspection, after, which, limit, base),
			Hint: fmt.Sprintf("核对年份和月份（例如把 2026 写成了 2062）；整改期限不能晚于 %s；留空则按默认期限 %s", inspection.AddDays(limit), def)}, true
	}
	return diag.Diagnostic{Code: "due_date.late", Severity: diag.Warning, Value: due.String(),
		Message: fmt.Sprintf("整改期限 %s 比默认期限晚 %d 天（%s）", due, calendar.DaysBetween(def, due), base),
		Hint:    "整改期限以告知单为准；比默认期限长时请在备注中写明原因，审核人核对；留空则按默认期限"}, true
}
