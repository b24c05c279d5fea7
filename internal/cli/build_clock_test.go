package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildWarnsFutureHead (review round 4, H7): a HEAD commit dated after
// now (a push that bypassed lpg check's commit.head_future) still sets the
// site's as_of (DESIGN.md "Time"), and lpg build says so; a HEAD dated
// before now gets no warning.
func TestBuildWarnsFutureHead(t *testing.T) {
	g, dir := tinyRepo(t)
	h := commit(t, g, day(20, 10), "E01 备注", map[string][]byte{"data/meetings/2026-12-01-x.md": []byte("---\ntitle: 纪要\ndate: 2026-12-01\n---\n正文\n")})
	code, _, stderr := runAt(day(3, 10), "build", "--root", dir, "--out", filepath.Join(t.TempDir(), "site"))
	want := "警告：HEAD 提交 " + h.String()[:12] + " 的提交时间 2026-12-20T10:00:00+08:00 晚于现在（2026-12-03T10:00:00+08:00）：统计截止时间按设计卡取 HEAD 提交的时间，网站会按将来的日期统计（截止时间提前算作已过）；请核实提交时间，或用 --as-of 指定统计截止时间。\n"
	if code != ExitOK || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %s", code, stderr, want)
	}
	if code, _, stderr := runAt(day(21, 10), "build", "--root", dir, "--out", filepath.Join(t.TempDir(), "site")); code != ExitOK || strings.Contains(stderr, "晚于现在") {
		t.Errorf("a day later: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestBuildBackdatedHead (review round 4, H7): a HEAD commit dated before
// an earlier commit of the main line (a backdated commit merged by
// fast-forward) does not move the site back: as_of is the latest commit
// time of the main line, with a warning, and the December report stays.
func TestBuildBackdatedHead(t *testing.T) {
	g, dir := tinyRepo(t)
	commit(t, g, day(3, 10), "centre", map[string][]byte{"data/meetings/2026-12-01-x.md": []byte("---\ntitle: 纪要\ndate: 2026-12-01\n---\n正文\n")})
	h := commit(t, g, time.Date(2026, 7, 1, 10, 0, 0, 0, sh), "backdated", map[string][]byte{"data/meetings/2026-12-01-x.md": []byte("---\ntitle: 纪要\ndate: 2026-12-01\n---\n正文。\n")})
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runAt(day(3, 12), "build", "--root", dir, "--out", out)
	msg := "警告：HEAD 提交 " + h.String()[:12] + " 的提交时间 2026-07-01T10:00:00+08:00 早于主线上之前的提交 "
	if code != ExitOK || !strings.Contains(stderr, msg) || !strings.Contains(stderr, "：统计截止时间取主线上最晚的提交时间 2026-12-03T10:00:00+08:00，不随倒填的提交时间退回。\n") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "reports/2026-12/report.json"))
	if err != nil {
		t.Fatal(err) // the December report would be gone with as_of 2026-07-01
	}
	if !strings.Contains(string(b), `"as_of": "2026-12-03T10:00:00+08:00"`) {
		t.Errorf("report.json as_of:\n%.400s", b)
	}
}

// TestBuildFutureAncestor (review round 5, K1): a commit dated 2027-03-01
// that got onto the main line below an honest HEAD does not hold the site's
// as_of in the future: as_of is HEAD's time, the warning names the future
// commit, and no 2027 report is built.
func TestBuildFutureAncestor(t *testing.T) {
	g, dir := tinyRepo(t)
	note := func(s string) map[string][]byte {
		return map[string][]byte{"data/meetings/2026-12-01-x.md": []byte("---\ntitle: 纪要\ndate: 2026-12-01\n---\n" + s + "\n")}
	}
	future := commit(t, g, time.Date(2027, 3, 1, 10, 0, 0, 0, sh), "C1", note("一"))
	commit(t, g, day(5, 10), "C2", note("二"))
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runAt(day(5, 12), "build", "--root", dir, "--out", out)
	want := "警告：主线上的提交 " + future.String()[:12] + " 的提交时间 2027-03-01T10:00:00+08:00 晚于现在（2026-12-05T12:00:00+08:00）：统计截止时间不取它，取 2026-12-05T10:00:00+08:00；请核实该提交的时间。\n"
	if code != ExitOK || !strings.Contains(stderr, want) || strings.Contains(stderr, "早于主线上之前的提交") {
		t.Fatalf("exit %d, stderr:\n%s\nwant %s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(out, "reports/2027-03")); err == nil {
		t.Errorf("a 2027-03 report was built")
	}
	b, err := os.ReadFile(filepath.Join(out, "reports/2026-12/report.json"))
	if err != nil || !strings.Contains(string(b), `"as_of": "2026-12-05T10:00:00+08:00"`) {
		t.Errorf("report.json as_of (err %v):\n%.300s", err, b)
	}
}
