package validate

import (
	"testing"
	"time"

	"lpg/internal/calendar"
)

// TestEarlyReceipt (adversarial review F8): a receipt at or before the end
// of the month a file reports on is impossible; one second later is fine;
// other files are never judged.
func TestEarlyReceipt(t *testing.T) {
	sh := calendar.Shanghai
	for _, tt := range []struct {
		path string
		at   time.Time
		msg  string
	}{
		{"data/hazards/2026-08/E01.csv", time.Date(2026, 7, 1, 0, 0, 0, 0, sh),
			"收件时间 2026-07-01T00:00:00+08:00 早于 2026-08 月末（2026-08-31T23:59:59+08:00）：data/hazards/2026-08/E01.csv 是排查表（2026-08 的入户安检），该月结束之前不可能收到"},
		{"data/hazards/2026-08/E01.csv", time.Date(2026, 8, 31, 23, 59, 59, 0, sh),
			"收件时间 2026-08-31T23:59:59+08:00 早于 2026-08 月末（2026-08-31T23:59:59+08:00）：data/hazards/2026-08/E01.csv 是排查表（2026-08 的入户安检），该月结束之前不可能收到"},
		{"data/hazards/2026-08/E01.csv", time.Date(2026, 9, 1, 0, 0, 0, 0, sh), ""},
		{"data/hazards/2026-08/E01.csv", time.Date(2026, 8, 31, 16, 0, 0, 0, time.UTC), ""}, // 09-01 00:00 in Shanghai
		{"data/inspections/2026-08/E01.csv", time.Date(2026, 8, 20, 9, 0, 0, 0, sh),
			"收件时间 2026-08-20T09:00:00+08:00 早于 2026-08 月末（2026-08-31T23:59:59+08:00）：data/inspections/2026-08/E01.csv 是入户安检量表（2026-08 的入户安检），该月结束之前不可能收到"},
		{"data/rectifications/2026-08/310118102.csv", time.Date(2026, 8, 1, 0, 0, 0, 0, sh),
			"收件时间 2026-08-01T00:00:00+08:00 早于 2026-08 月末（2026-08-31T23:59:59+08:00）：data/rectifications/2026-08/310118102.csv 是汇总表（2026-08 的隐患的整改情况），该月结束之前不可能收到"},
		{"data/rectifications/2026-08/310118102.csv", time.Date(2026, 9, 20, 0, 0, 0, 0, sh), ""},
		{"data/liaisons.csv", time.Date(2020, 1, 1, 0, 0, 0, 0, sh), ""},
	} {
		msg, hint, ok := EarlyReceipt(tt.path, tt.at)
		if msg != tt.msg || ok != (tt.msg != "") {
			t.Errorf("%s at %s: %q %v, want %q", tt.path, tt.at, msg, ok, tt.msg)
		}
		if ok && hint != "核对年份和月份（例如把 10 月写成了 08 月）；填写实际收到文件的时间（2026-08 结束之后）" {
			t.Errorf("hint %q", hint)
		}
	}
}

// TestFractionalReceipt (adversarial review G4): a receipt with a fraction
// of a second is refused — the deadline (25th 23:59:59) and every page
// show whole seconds, so 23:59:59.5 was shown equal to the deadline yet
// counted late.
func TestFractionalReceipt(t *testing.T) {
	for _, tt := range []struct {
		text string
		want string // "" : accepted
	}{
		{"2026-11-25T23:59:59+08:00", ""},
		{"2026-11-25T15:59:59Z", ""},
		{"2026-11-25T23:59:59.5+08:00", "收件时间“2026-11-25T23:59:59.5+08:00”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）|写成 2026-11-25T23:59:59+08:00（去掉小数部分）"},
		{"2026-11-25T23:59:59.000+08:00", "收件时间“2026-11-25T23:59:59.000+08:00”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）|写成 2026-11-25T23:59:59+08:00（去掉小数部分）"},
		{"2026-11-25T15:59:59.999999Z", "收件时间“2026-11-25T15:59:59.999999Z”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）|写成 2026-11-25T15:59:59Z（去掉小数部分）"},
	} {
		msg, hint, bad := FractionalReceipt(tt.text)
		got := ""
		if bad {
			got = msg + "|" + hint
		}
		if got != tt.want {
			t.Errorf("FractionalReceipt(%q)\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}
