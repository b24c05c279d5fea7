package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/history"
)

// TestLightweightTagAndEarlyMark (review round 3 G29): a lightweight tag
// report/YYYY-MM/vN is no edition (a build warns and renders nothing of
// it); whether an edition was published before its month ended follows
// the tag's time, not its message: 【提前发布】 typed into the message of a
// month long ended does not make it early.
func TestLightweightTagAndEarlyMark(t *testing.T) {
	g, dir := tinyRepo(t)
	root := []string{"--root", dir}
	if err := g.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName("report/2026-12/v1"), g.Head)); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := runAt(day(1, 9), append([]string{"publish", "2026-11", "--message", "【提前发布】十一月"}, root...)...); code != ExitOK || !strings.Contains(out, "report/2026-11/v1") {
		t.Fatalf("publish: exit %d, %s %s", code, out, stderr)
	}
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runAt(day(4, 9), append([]string{"build", "--out", out}, root...)...)
	if code != ExitOK {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	want := "警告：标签 report/2026-12/v1 是轻量标签（没有发布人、发布时间和说明，不是 lpg publish 创建的），不作为正式版本，已忽略；请删除该标签（git tag -d report/2026-12/v1），用 lpg publish 2026-12 发布\n"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	site := readTree(t, out)
	for p := range site {
		if strings.HasPrefix(p, "reports/2026-12/v1/") {
			t.Errorf("lightweight tag rendered: %s", p)
		}
	}
	if live := string(site["reports/2026-11/index.html"]); strings.Contains(live, "月末前提前发布") || !strings.Contains(live, "【提前发布】十一月") {
		t.Errorf("2026-11 live page: early mark from the message, or message missing")
	}
	repo, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	eds, skipped, err := repo.Editions()
	if err != nil || len(eds) != 1 || eds[0].Tag != "report/2026-11/v1" || eds[0].Forced || len(skipped) != 1 {
		t.Fatalf("editions %+v, skipped %q, err %v", eds, skipped, err)
	}
}
