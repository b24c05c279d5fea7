package validate

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
)

// TestReportingTheFuture: a 整改完成日期 after the time the row is
// submitted is an error; a receipts.csv line dated after it is an error in
// lpg validate and build as in lpg check (DESIGN.md "Status model",
// "Files"; issue 9 item 6; adversarial review G7: as a warning it let a
// mistyped date hide a file the repository holds).
func TestReportingTheFuture(t *testing.T) {
	const rect = "data/rectifications/2026-07/310118102.csv"
	const header = "隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\n"
	now := time.Date(2026, 8, 20, 15, 0, 0, 0, calendar.Shanghai)
	tests := []struct {
		name string
		path string
		body string
		want []string // "severity|line|column|code|message"
	}{
		{"rectified today", rect, header + "E01-202607-0069,胜利街居委会,已整改,修复,2026-08-20,王,,否,\n", nil},
		{"rectified tomorrow", rect, header + "E01-202607-0069,胜利街居委会,已整改,修复,2026-08-21,王,,否,\n",
			[]string{"error|2|整改完成日期|rectified_date.future|整改完成日期 2026-08-21 晚于报送时间 2026-08-20T15:00:00+08:00：不能填写将来的日期"}},
		{"receipt in the future", "data/receipts.csv",
			"path,received_at,channel,note\ndata/rectifications/2026-07/310118102.csv,2026-08-20T15:00:01+08:00,email,代报\n",
			[]string{"error|2|received_at|received_at.future|收件时间 2026-08-20T15:00:01+08:00 晚于现在（2026-08-20T15:00:00+08:00）：不能登记将来的收件时间"}},
		{"receipt with a fraction of a second (G4)", "data/receipts.csv",
			"path,received_at,channel,note\ndata/rectifications/2026-07/310118102.csv,2026-08-20T14:00:00.5+08:00,email,代报\n",
			[]string{"error|2|received_at|received_at.fraction|收件时间“2026-08-20T14:00:00.5+08:00”带有不足一秒的部分：收件时间只记到秒（截止时间是 23:59:59，网站也只显示到分）"}},
		{"receipt exactly now", "data/receipts.csv",
			"path,received_at,channel,note\ndata/rectifications/2026-07/310118102.csv,2026-08-20T07:00:00Z,email,代报\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.body), Mode: 0o644}
			res, err := Run(fsys, Options{Only: []string{tt.path}, AsOf: now})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags.Items() {
				if strings.HasSuffix(d.Code, ".future") || d.Code == "received_at.fraction" {
					sev := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning"}[d.Severity]
					got = append(got, strings.Join([]string{sev, itoa(d.Line), d.Column, d.Code, d.Message}, "|"))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLaterReceipt: with Options.FirstSeen (when each file first reached
// the main line), a receipts.csv line that records a later time is a
// warning (received_at.later): receipts.csv wins over git, so the line
// would push the receipt back. An earlier line (代报), a forge line
// (channel pr), a file the main line has not seen, and a line already
// recorded (RecordedReceipts) are not warned about.
func TestLaterReceipt(t *testing.T) {
	const e01, e02, rect = "data/hazards/2026-07/E01.csv", "data/hazards/2026-07/E02.csv", "data/rectifications/2026-07/310118102.csv"
	first := map[string]time.Time{
		e01:  time.Date(2026, 8, 1, 9, 0, 0, 0, calendar.Shanghai),
		e02:  time.Date(2026, 8, 1, 9, 0, 0, 0, calendar.Shanghai),
		rect: time.Date(2026, 8, 1, 9, 0, 0, 0, calendar.Shanghai),
	}
	seen := func(p string) (time.Time, bool) { t, ok := first[p]; return t, ok }
	body := "path,received_at,channel,note\n" +
		e01 + ",2026-08-05T10:00:00+08:00,email,代报\n" + // later: warned
		e02 + ",2026-08-01T08:00:00+08:00,email,代报\n" + // earlier: fine
		rect + ",2026-08-03T10:00:00+08:00,pr,#3\n" + // the forge's: not judged
		"data/hazards/2026-08/E01.csv,2026-09-03T10:00:00+08:00,email,代报\n" // not on the main line
	const want = "warning|2|received_at|2026-08-05T10:00:00+08:00|received_at.later|收件记录把 data/hazards/2026-07/E01.csv 的收件时间登记为 2026-08-05T10:00:00+08:00，晚于该文件第一次出现在主线上的时间 2026-08-01T09:00:00+08:00：收件记录只能把收件时间提前，这一行不采用，收件时间按主线上的时间计"
	for _, tt := range []struct {
		name string
		o    Options
		want string
	}{
		{"lpg validate", Options{FirstSeen: seen}, want},
		{"no git", Options{}, ""},
		{"the line is on the base branch", Options{FirstSeen: seen, RecordedReceipts: map[string]string{e01: "2026-08-05T10:00:00+08:00"}}, ""},
		{"the base branch had another time", Options{FirstSeen: seen, RecordedReceipts: map[string]string{e01: "2026-07-31T10:00:00+08:00"}}, want},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			fsys["data/receipts.csv"] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
			tt.o.Only = []string{"data/receipts.csv"}
			res, err := Run(fsys, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags.Items() {
				if d.Code == "received_at.later" {
					sev := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning"}[d.Severity]
					got = append(got, strings.Join([]string{sev, itoa(d.Line), d.Column, d.Value, d.Code, d.Message}, "|"))
				}
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got\n%s\nwant\n%s", g, tt.want)
			}
		})
	}
}
