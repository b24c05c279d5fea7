package validate

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
)

// TestReceiptMerge: only a line of channel pr whose note names a commit
// by its full hash is an update line; lpg receipt's own line for a new
// file names its merge by 7 digits and is a file's receipt.
func TestReceiptMerge(t *testing.T) {
	const a = "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		channel, note string
		want          string
		ok            bool
	}{
		{"pr", "pull request #12 合并提交 " + a + "（已收到文件的后续改动，收件时间为 pull request 创建时间）", a, true},
		{"PR ", "pull request #12 合并提交 " + a + "，后续改动", a, true},
		{"pr", "pull request #12 合并提交" + a + "后续改动", a, true},
		// review round 5, K6: a hand-written 补记 of a file's receipt with the
		// full hash copied from the forge is the file's receipt
		{"pr", "补记：pull request #7 合并提交 " + a, "", false},
		{"pr", "pull request #12 合并提交 " + a, "", false},
		{"pr", "pull request #7 创建时间（forge 记录），合并提交 0123456", "", false},
		{"pr", "pull request #12 合并提交 " + a + "89", "", false}, // 42 digits: no hash
		{"pr", "pull request #12 合并提交 " + strings.ToUpper(a), "", false},
		{"email", "代报，合并提交 " + a, "", false},
		{"", "合并提交 " + a, "", false},
	} {
		got, ok := ReceiptMerge(tt.channel, tt.note)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ReceiptMerge(%q, %q) = %q, %v; want %q, %v", tt.channel, tt.note, got, ok, tt.want, tt.ok)
		}
	}
	if k := RecordedKey("data/x.csv", "pr", "合并提交 "+a+" 后续改动"); k != "data/x.csv "+a {
		t.Errorf("RecordedKey = %q", k)
	}
	if k := RecordedKey("data/x.csv", "email", "合并提交 "+a); k != "data/x.csv" {
		t.Errorf("RecordedKey = %q", k)
	}
}

// TestUpdateLines (review round 3, G16): receipts.csv may hold, besides
// one receipt per file, update lines (channel pr, naming a merge commit)
// — several for one path, one per commit. A second file line for a path,
// an e-mail line however its note reads, and the same commit twice are
// path.duplicate errors. Update lines go to Dataset.UpdateReceipts, not to
// the file's receipt; an update line for a file without a receipt line
// gives the file none. With Options.MainLine, a commit that is not on the
// main line is warned about (note.merge_missing), but not for a line
// already recorded nor when git cannot tell.
func TestUpdateLines(t *testing.T) {
	const e01, e02, rect = "data/hazards/2026-07/E01.csv", "data/hazards/2026-07/E02.csv", "data/rectifications/2026-07/310118102.csv"
	const a, b, c = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccccccccccccc"
	body := "path,received_at,channel,note\n" +
		e01 + ",2026-08-05T10:00:00+08:00,email,代报\n" + // 2: the file's receipt
		e01 + ",2026-08-24T09:00:00+08:00,pr,pull request #12 合并提交 " + a + "（已收到文件的后续改动，收件时间为 pull request 创建时间）\n" + // 3
		e01 + ",2026-08-26T09:00:00+08:00,pr,pull request #13 合并提交 " + b + " 后续改动\n" + // 4: another commit
		e01 + ",2026-08-27T09:00:00+08:00,pr,pull request #14 合并提交 " + a + " 后续改动\n" + // 5: the same commit again
		e01 + ",2026-08-28T09:00:00+08:00,pr,pull request #15 创建时间（forge 记录），合并提交 abcdef1\n" + // 6: a second file line
		e02 + ",2026-08-24T09:00:00+08:00,email,合并提交 " + c + "\n" + // 7: a file line
		e02 + ",2026-08-25T09:00:00+08:00,email,合并提交 " + c + "\n" + // 8: a second file line
		rect + ",2026-10-02T09:00:00+08:00,pr,pull request #16 合并提交 " + c + " 后续改动\n" // 9: an update of a file received by git alone
	dup := []string{
		"error|5|note|path.duplicate|“data/hazards/2026-07/E01.csv”的合并提交 " + a + " 重复登记",
		"error|6|path|path.duplicate|“data/hazards/2026-07/E01.csv”重复出现",
		"error|8|path|path.duplicate|“data/hazards/2026-07/E02.csv”重复出现",
	}
	missing := "warning|4|note|note.merge_missing|收件记录中 data/hazards/2026-07/E01.csv 的这一行登记的合并提交 " + b + " 不在主线上（不是主线第一父链上的提交）：这一行不起作用，该提交新增的行按进入主线的时间计"
	onMain := func(h string) (bool, bool) { return h != b, true }
	for _, tt := range []struct {
		name string
		o    Options
		want []string
	}{
		{"no git", Options{}, dup},
		{"git cannot tell", Options{MainLine: func(string) (bool, bool) { return false, false }}, dup},
		{"a commit not on the main line", Options{MainLine: onMain}, append([]string{missing}, dup...)},
		{"the line is on the base branch", Options{MainLine: onMain, RecordedReceipts: map[string]string{e01 + " " + b: "2026-08-26T09:00:00+08:00"}}, dup},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			fsys["data/receipts.csv"] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
			tt.o.Only = []string{"data/receipts.csv"}
			tt.o.AsOf = time.Date(2026, 10, 31, 0, 0, 0, 0, calendar.Shanghai)
			res, err := Run(fsys, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags.Items() {
				if d.Code == "path.duplicate" || d.Code == "note.merge_missing" {
					sev := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning"}[d.Severity]
					got = append(got, strings.Join([]string{sev, itoa(d.Line), d.Column, d.Code, d.Message}, "|"))
				}
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tt.want, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
			d := res.Data
			sh := calendar.Shanghai
			if r, ok := d.Receipts[e01]; !ok || !r.Equal(time.Date(2026, 8, 5, 10, 0, 0, 0, sh)) || d.ReceiptChannels[e01] != "email" {
				t.Errorf("receipt of E01 = %v %v %q", r, ok, d.ReceiptChannels[e01])
			}
			if r := d.Receipts[e02]; !r.Equal(time.Date(2026, 8, 24, 9, 0, 0, 0, sh)) {
				t.Errorf("receipt of E02 = %v", r)
			}
			if r, ok := d.Receipts[rect]; ok {
				t.Errorf("update line made a receipt of the 汇总表: %v", r)
			}
			u := d.UpdateReceipts
			if len(u) != 2 || len(u[e01]) != 2 || !u[e01][a].Equal(time.Date(2026, 8, 24, 9, 0, 0, 0, sh)) ||
				!u[e01][b].Equal(time.Date(2026, 8, 26, 9, 0, 0, 0, sh)) || len(u[rect]) != 1 || !u[rect][c].Equal(time.Date(2026, 10, 2, 9, 0, 0, 0, sh)) {
				t.Errorf("UpdateReceipts = %v", u)
			}
		})
	}
}
