package validate

import (
	"testing"
	"time"

	"lpg/internal/calendar"
)

// TestLateDueDate (adversarial review F19): an explicit 整改期限 after the
// type's default is a warning naming the default; more than 90 days after
// the 安检日期 for a 重大 hazard, or 365 for any other, an error.
func TestLateDueDate(t *testing.T) {
	d := func(y, m, day int) calendar.Date { return calendar.NewDate(y, time.Month(m), day) }
	insp := d(2026, 10, 23)
	for _, tt := range []struct {
		name, typeName string
		due            calendar.Date
		days           int
		severity       string
		code, msg      string
	}{
		{"at the default", "橡胶管变硬、龟裂、损坏、老化", d(2026, 11, 22), 30, "一般", "", ""},
		{"earlier", "橡胶管变硬、龟裂、损坏、老化", d(2026, 11, 1), 30, "一般", "", ""},
		{"a day later", "橡胶管变硬、龟裂、损坏、老化", d(2026, 11, 23), 30, "一般", "due_date.late",
			"整改期限 2026-11-23 比默认期限晚 1 天（隐患类别“橡胶管变硬、龟裂、损坏、老化”的默认期限为 30 天，即 2026-11-22）"},
		{"365 days", "橡胶管变硬、龟裂、损坏、老化", d(2027, 10, 23), 30, "一般", "due_date.late",
			"整改期限 2027-10-23 比默认期限晚 335 天（隐患类别“橡胶管变硬、龟裂、损坏、老化”的默认期限为 30 天，即 2026-11-22）"},
		{"366 days", "橡胶管变硬、龟裂、损坏、老化", d(2027, 10, 24), 30, "一般", "due_date.far",
			"整改期限 2027-10-24 在安检日期 2026-10-23 之后 366 天，隐患的整改期限最长为安检日期后 365 天（隐患类别“橡胶管变硬、龟裂、损坏、老化”的默认期限为 30 天，即 2026-11-22）：这样的期限使这条隐患长期不算逾期"},
		{"2099", "橡胶管变硬、龟裂、损坏、老化", d(2099, 12, 31), 30, "严重", "due_date.far",
			"整改期限 2099-12-31 在安检日期 2026-10-23 之后 26732 天，隐患的整改期限最长为安检日期后 365 天（隐患类别“橡胶管变硬、龟裂、损坏、老化”的默认期限为 30 天，即 2026-11-22）：这样的期限使这条隐患长期不算逾期"},
		{"重大 90 days", "地下室", d(2027, 1, 21), 3, "重大", "due_date.late",
			"整改期限 2027-01-21 比默认期限晚 87 天（隐患类别“地下室”的默认期限为 3 天，即 2026-10-26）"},
		{"重大 91 days", "地下室", d(2027, 1, 22), 3, "重大", "due_date.far",
			"整改期限 2027-01-22 在安检日期 2026-10-23 之后 91 天，重大隐患的整改期限最长为安检日期后 90 天（隐患类别“地下室”的默认期限为 3 天，即 2026-10-26）：这样的期限使这条隐患长期不算逾期"},
		{"重大 2030", "地下室", d(2030, 1, 1), 3, "重大", "due_date.far",
			"整改期限 2030-01-01 在安检日期 2026-10-23 之后 1166 天，重大隐患的整改期限最长为安检日期后 90 天（隐患类别“地下室”的默认期限为 3 天，即 2026-10-26）：这样的期限使这条隐患长期不算逾期"},
	} {
		dg, ok := LateDueDate(insp, tt.due, tt.typeName, tt.days, tt.severity)
		if ok != (tt.code != "") || dg.Code != tt.code || dg.Message != tt.msg {
			t.Errorf("%s: %v %s %q\nwant %s %q", tt.name, ok, dg.Code, dg.Message, tt.code, tt.msg)
		}
	}
	if dg, _ := LateDueDate(insp, d(2030, 1, 1), "地下室", 3, "重大"); dg.Hint != "核对年份和月份（例如把 2026 写成了 2062）；整改期限不能晚于 2027-01-21；留空则按默认期限 2026-10-26" {
		t.Errorf("hint %q", dg.Hint)
	}
}
