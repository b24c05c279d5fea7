package cli

import (
	"path/filepath"
	"strings"
	"testing"
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
