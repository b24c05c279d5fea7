package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

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

// TestPublishEditionNumbers (review round 4 H6): a tag whose N has more
// than four digits is no edition (it was read as v9223372036854775807 and
// the next lpg publish created report/2026-11/v-9223372036854775808, then
// failed every time with go-git's English "tag already exists"); past
// v9999 publish refuses; a tag that exists but is no edition gets a
// Chinese message saying how to remove it.
func TestPublishEditionNumbers(t *testing.T) {
	g, dir := tinyRepo(t)
	root := []string{"--root", dir}
	tag := func(name string) {
		t.Helper()
		sig := &object.Signature{Name: "centre", Email: "c@example.org", When: day(2, 9)}
		if _, err := g.Repo.CreateTag(name, g.Head, &git.CreateTagOptions{Tagger: sig, Message: "手工"}); err != nil {
			t.Fatal(err)
		}
	}
	huge := "警告：标签 report/2026-11/v99999999999999999999 的名称不是 report/YYYY-MM/vN（N 为 1 到 9999 的整数，不以 0 开头），已忽略；" +
		"请删除该标签（git tag -d report/2026-11/v99999999999999999999），正式版本用 lpg publish 发布\n"
	tag("report/2026-11/v99999999999999999999")
	for _, want := range []string{"report/2026-11/v1", "report/2026-11/v2"} {
		code, out, stderr := runAt(day(5, 12), append([]string{"publish", "2026-11"}, root...)...)
		if code != ExitOK || !strings.HasPrefix(out, "已发布 "+want+"（") || stderr != huge {
			t.Fatalf("publish: exit %d, stdout %q, stderr %q; want %s and the warning", code, out, stderr, want)
		}
	}
	tag("report/2026-11/v9999")
	code, _, stderr := runAt(day(5, 12), append([]string{"publish", "2026-11"}, root...)...)
	if want := huge + "lpg publish: 报告月 2026-11 已有第 9999 版，版本号最大为 v9999，不能再发布新版本；请检查 report/2026-11/ 下的标签\n"; code != ExitFailure || stderr != want {
		t.Errorf("publish after v9999: exit %d, stderr %q, want %q", code, stderr, want)
	}
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runAt(day(5, 12), append([]string{"build", "--out", out}, root...)...); code != ExitOK {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	var dirs []string
	ents, err := os.ReadDir(filepath.Join(out, "reports", "2026-11"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if want := []string{"v1", "v2", "v9999"}; !reflect.DeepEqual(dirs, want) {
		t.Errorf("reports/2026-11/ holds %q, want %q", dirs, want)
	}

	// A lightweight tag is no edition, but its name is taken.
	if err := g.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName("report/2026-12/v1"), g.Head)); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runAt(day(5, 12), append([]string{"publish", "2026-12", "--force"}, root...)...)
	want := "lpg publish: 标签 report/2026-12/v1 已经存在，但不是有效的正式版本（轻量标签，或没有指向一个提交，见上面的警告），不能用这个名字发布：" +
		"请先删除它（git tag -d report/2026-12/v1；已推送到远端的还要 git push origin :refs/tags/report/2026-12/v1），再运行 lpg publish 2026-12\n"
	if code != ExitFailure || !strings.HasSuffix(stderr, want) || !strings.Contains(stderr, "警告：标签 report/2026-12/v1 是轻量标签") {
		t.Errorf("publish over a lightweight tag: exit %d, stderr %q, want the warning and %q", code, stderr, want)
	}
}
