package check

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
)

func TestDateDiagnostics(t *testing.T) {
	sh := calendar.Shanghai
	now := time.Date(2026, 12, 10, 9, 0, 0, 0, sh)
	hint := "收件时间只按 forge 记录的 pull request 创建时间计，提交中的时间不起作用；请审核人核实是否改动了电脑时间或提交时间"
	tests := []struct {
		name string
		c    CommitDate
		want []diag.Diagnostic
	}{
		{"fresh commit", CommitDate{"aaaaaaaa11", now.Add(-10 * time.Minute), now.Add(-10 * time.Minute)}, nil},
		{"exactly 24 hours: no warning", CommitDate{"aaaaaaaa11", now.Add(-24 * time.Hour), now.Add(-24 * time.Hour)}, nil},
		{"committer date set back 20 days", CommitDate{"bbbbbbbb22", time.Date(2026, 11, 20, 9, 0, 0, 0, sh), now}, []diag.Diagnostic{{
			Code: "commit.backdated", Value: "bbbbbbb", Severity: diag.Warning, Hint: hint,
			Message: "提交 bbbbbbb 的提交时间（committer date） 2026-11-20T09:00:00+08:00 早于检查时间 2026-12-10T09:00:00+08:00 20 天（超过 24 小时）"}}},
		{"both dates 30 hours back, in UTC", CommitDate{"cccccccc33", now.Add(-30 * time.Hour).UTC(), now.Add(-30 * time.Hour).UTC()}, []diag.Diagnostic{
			{Code: "commit.backdated", Value: "ccccccc", Severity: diag.Warning, Hint: hint,
				Message: "提交 ccccccc 的提交时间（committer date） 2026-12-09T03:00:00+08:00 早于检查时间 2026-12-10T09:00:00+08:00 30 小时（超过 24 小时）"},
			{Code: "commit.backdated", Value: "ccccccc", Severity: diag.Warning, Hint: hint,
				Message: "提交 ccccccc 的作者时间（author date） 2026-12-09T03:00:00+08:00 早于检查时间 2026-12-10T09:00:00+08:00 30 小时（超过 24 小时）"}}},
		{"author date in the future", CommitDate{"dddddddd44", now, now.Add(72 * time.Hour)}, []diag.Diagnostic{{
			Code: "commit.future", Value: "ddddddd", Severity: diag.Warning, Hint: hint,
			Message: "提交 ddddddd 的作者时间（author date） 2026-12-13T09:00:00+08:00 晚于检查时间 2026-12-10T09:00:00+08:00 3 天（超过 24 小时）"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DateDiagnostics([]CommitDate{tt.c}, now)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReceipts(t *testing.T) {
	sh := calendar.Shanghai
	added := []string{"data/hazards/2026-10/E01.csv", "data/liaisons.csv", "data/rectifications/2026-09/310118102.csv"}
	tests := []struct {
		name   string
		opened time.Time
		want   []Receipt
	}{
		{"opened before the 25th", time.Date(2026, 11, 20, 9, 0, 0, 0, sh), []Receipt{
			{"data/hazards/2026-10/E01.csv", "2026-11-25T23:59:59+08:00", "2026-11-20T09:00:00+08:00", "on_time"},
			{"data/rectifications/2026-09/310118102.csv", "2026-11-30T23:59:59+08:00", "2026-11-20T09:00:00+08:00", "on_time"}}},
		{"opened on the 26th (UTC 25th 16:00)", time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), []Receipt{
			{"data/hazards/2026-10/E01.csv", "2026-11-25T23:59:59+08:00", "2026-11-26T00:00:00+08:00", "late"},
			{"data/rectifications/2026-09/310118102.csv", "2026-11-30T23:59:59+08:00", "2026-11-26T00:00:00+08:00", "on_time"}}},
		{"creation time unknown", time.Time{}, []Receipt{
			{"data/hazards/2026-10/E01.csv", "2026-11-25T23:59:59+08:00", "", ""},
			{"data/rectifications/2026-09/310118102.csv", "2026-11-30T23:59:59+08:00", "", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Receipts(added, tt.opened); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
