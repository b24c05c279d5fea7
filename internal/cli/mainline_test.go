package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestEditionsOffMainlineAndInvalid: adversarial review G9 and G5. On
// master of the tiny repository: v1 published; v2 tagged by hand on a
// commit with a broken 排查表 row (reverted next); v3 published. A branch
// pr-branch changes a 汇总表 row: lpg publish on it is refused (exit 2,
// naming the branch and the main line), as on its commit checked out
// without a branch and with a --branch that does not exist; --branch
// pr-branch makes v4. Back
// on master, lpg build renders v1 and v3 only, and the live page of
// 2026-11 lists all four, v2 and v4 without a link and with the reason
// (and the commit); the feed has v1 and v3; the changes go v1 → v3.
func TestEditionsOffMainlineAndInvalid(t *testing.T) {
	t.Setenv("HOME", t.TempDir()) // no user.name: the tagger of a published edition is lpg
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	g, dir := repoOf(t, "testdata/tiny")
	const hz, rect = "data/hazards/2026-10/E01.csv", "data/rectifications/2026-10/310118102.csv"
	if code, out, stderr := runAt(day(1, 9), "publish", "2026-11", "--root", dir); code != ExitOK || !strings.Contains(out, "report/2026-11/v1") {
		t.Fatalf("publish v1: %d %s %s", code, out, stderr)
	}
	first := g.Head
	good := g.Files()[hz]
	broken := commit(t, g, time.Date(2026, 11, 21, 10, 0, 0, 0, sh), "broken", map[string][]byte{hz: bytes.Replace(good, []byte(",一般,"), []byte(",特别,"), 1)})
	_, err := g.Repo.CreateTag("report/2026-11/v2", broken, &git.CreateTagOptions{
		Tagger: &object.Signature{Name: "centre", Email: "c@example.org", When: day(1, 10)}, Message: "隐患处置月报 2026-11 第2版\n\n手工打的标签\n"})
	if err != nil {
		t.Fatal(err)
	}
	fixed := commit(t, g, time.Date(2026, 11, 22, 10, 0, 0, 0, sh), "revert", map[string][]byte{hz: good})
	if code, out, stderr := runAt(day(1, 11), "publish", "2026-11", "--root", dir); code != ExitOK || !strings.Contains(out, "report/2026-11/v3") {
		t.Fatalf("publish v3: %d %s %s", code, out, stderr)
	}

	// A branch with an unreviewed change, checked out.
	files := g.Files()
	files[rect] = bytes.Replace(files[rect], []byte(",否,\n"), []byte(",否,未审核的分支\n"), 1)
	side, err := g.Side(fixed, files, "未审核的更正", "town", time.Date(2026, 11, 23, 10, 0, 0, 0, sh))
	if err != nil {
		t.Fatal(err)
	}
	checkout := func(branch string, h plumbing.Hash) {
		t.Helper()
		if err := g.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(branch), h)); err != nil {
			t.Fatal(err)
		}
		wt, err := g.Repo.Worktree()
		if err != nil {
			t.Fatal(err)
		}
		if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Force: true}); err != nil {
			t.Fatal(err)
		}
	}
	checkout("pr-branch", side)
	code, out, stderr := runAt(day(2, 9), "publish", "2026-11", "--message", "从分支发布", "--root", dir)
	const how = "不在主线 master 上：正式版本只能发布经过检查和审核、已合并到主线的数据。请切换到主线并更新（git checkout master，git pull）后再发布；" +
		"刚合并的 pull request 请先 git fetch；本地的新提交要先推送、经 pull request 合并到主线；主线分支不叫 master 时用 --branch 指定\n"
	if want := "lpg publish: 当前分支 pr-branch（提交 " + side.String()[:12] + "）" + how; code != ExitFailure || out != "" || stderr != want {
		t.Errorf("publish on pr-branch: exit %d, stdout %q, stderr\n%s\nwant exit 2, stderr\n%s", code, out, stderr, want)
	}
	// The same commit checked out without a branch; a main line that is
	// not there.
	if err := g.Repo.Storer.SetReference(plumbing.NewHashReference(plumbing.HEAD, side)); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runAt(day(2, 9), "publish", "2026-11", "--root", dir)
	if want := "lpg publish: 当前检出的提交 " + side.String()[:12] + "（不在任何分支上）" + how; code != ExitFailure || out != "" || stderr != want {
		t.Errorf("publish on a detached HEAD: exit %d, stdout %q, stderr\n%s\nwant exit 2, stderr\n%s", code, out, stderr, want)
	}
	code, out, stderr = runAt(day(2, 9), "publish", "2026-11", "--branch", "trunk", "--root", dir)
	if want := "lpg publish: 找不到主线分支（查找了 origin/trunk、trunk）：正式版本只能从主线发布。请先取得主线（git fetch origin）；主线分支是别的名字时用 --branch 指定\n"; code != ExitFailure || out != "" || stderr != want {
		t.Errorf("publish --branch trunk: exit %d, stdout %q, stderr\n%s\nwant exit 2, stderr\n%s", code, out, stderr, want)
	}
	checkout("pr-branch", side)
	if code, out, stderr := runAt(day(2, 9), "publish", "2026-11", "--message", "从分支发布", "--branch", "pr-branch", "--root", dir); code != ExitOK || !strings.Contains(out, "report/2026-11/v4") {
		t.Fatalf("publish --branch pr-branch: %d %s %s", code, out, stderr)
	}

	checkout("master", fixed)
	code, _, stderr = runAt(day(3, 9), "build", "--root", dir)
	if code != ExitOK {
		t.Fatalf("build: %d %s", code, stderr)
	}
	for _, w := range []string{
		"警告：版本 report/2026-11/v2 所在提交的数据有错误，跳过该版本。\n",
		"警告：版本 report/2026-11/v4 所在提交 " + side.String()[:12] + " 不在主线（HEAD 或主线分支的第一父提交链）上，数据未经审核合并，跳过该版本。\n",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("build stderr lacks %q:\n%s", w, stderr)
		}
	}
	site := filepath.Join(dir, "site")
	for v, want := range map[string]bool{"v1": true, "v2": false, "v3": true, "v4": false} {
		if _, err := os.Stat(filepath.Join(site, "reports/2026-11", v, "index.html")); (err == nil) != want {
			t.Errorf("reports/2026-11/%s/index.html exists: %v, want %v", v, err == nil, want)
		}
	}
	page, err := os.ReadFile(filepath.Join(site, "reports/2026-11/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`<tr><th scope="row">(?:<a [^>]*>)?v\d.*</tr>`).FindAllString(string(page), -1)
	short := func(h plumbing.Hash) string { return h.String()[:12] }
	wantRows := []string{
		`<tr><th scope="row"><a href="../../reports/2026-11/v1/index.html">v1</a></th><td>2026-12-01 09:00</td>`,
		`<tr><th scope="row">v2</th><td>2026-12-01 10:00</td><td><code>` + short(broken) + `</code></td><td>centre</td><td>手工打的标签 <strong>标签所在提交的数据有错误，未生成（提交 ` + short(broken) + `）</strong></td></tr>`,
		`<tr><th scope="row"><a href="../../reports/2026-11/v3/index.html">v3</a></th><td>2026-12-01 11:00</td><td><code>` + short(fixed) + `</code></td>`,
		`<tr><th scope="row">v4</th><td>2026-12-02 09:00</td><td><code>` + short(side) + `</code></td><td>lpg</td><td>从分支发布 <strong>标签所在提交不在主线上，数据未经审核合并，未生成（提交 ` + short(side) + `）</strong></td></tr>`,
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("edition rows:\n%s\nwant %d", strings.Join(rows, "\n"), len(wantRows))
	}
	for i, w := range wantRows {
		if !strings.HasPrefix(rows[i], w) {
			t.Errorf("edition row %d:\n%s\nwant (prefix)\n%s", i+1, rows[i], w)
		}
	}
	for _, w := range []string{"<h3>v1 → v3 的变化</h3>", "<h3>v3 → 实时草稿 的变化</h3>", "正式发布版本：<a href=\"../../reports/2026-11/v1/index.html\">v1</a>、<a href=\"../../reports/2026-11/v3/index.html\">v3</a>（"} {
		if !strings.Contains(string(page), w) {
			t.Errorf("reports/2026-11/index.html lacks %q", w)
		}
	}
	feed, err := os.ReadFile(filepath.Join(site, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`<id>urn:lpg:report:[^<]*</id>`).FindAllString(string(feed), -1)
	if got := strings.Join(ids, " "); got != "<id>urn:lpg:report:2026-11:v3</id> <id>urn:lpg:report:2026-11:v1</id>" {
		t.Errorf("feed entries: %s", got)
	}

	// A build at v1's commit (as the workflow run for the tag of v1 does,
	// after main moved on) still renders v3: it is on master's first-parent
	// chain, though not on HEAD's. v4 is on neither.
	checkout("old", first)
	if code, _, stderr = runAt(day(3, 9), "build", "--root", dir, "--out", "old-site"); code != ExitOK {
		t.Fatalf("build at v1's commit: %d %s", code, stderr)
	}
	for v, want := range map[string]bool{"v1": true, "v3": true, "v4": false} {
		if _, err := os.Stat(filepath.Join(dir, "old-site/reports/2026-11", v, "index.html")); (err == nil) != want {
			t.Errorf("at v1's commit: reports/2026-11/%s/index.html exists: %v, want %v", v, err == nil, want)
		}
	}
}
