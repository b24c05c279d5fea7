package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/calendar"
	"lpg/internal/history"
	"lpg/internal/testrepo"
	"lpg/templates"
)

var sh = calendar.Shanghai

func day(d, hh int) time.Time { return time.Date(2026, 12, d, hh, 0, 0, 0, sh) }

// runAt runs lpg with args at the instant now and returns the exit code,
// stdout and stderr.
func runAt(now time.Time, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	c := &Command{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }}
	code := c.Main(append([]string{"lpg"}, args...))
	return code, out.String(), errb.String()
}

// sampleRepo commits the sample data/ thinned to 5 rows of each hazards
// file (testrepo.Thin; with E01-202608-0058, whose 汇总表 row
// TestPublishAndEditions changes) and a .gitignore for site/ on 2026-11-20
// 10:00 +08:00 into a new repository with a work tree. Every file, month,
// town and enterprise of the sample is there: the test publishes three
// editions and builds the site six times to compare the builds, which the
// whole sample made the slowest test of the package (29.5 s of CPU).
func sampleRepo(t *testing.T) (*testrepo.Builder, string) {
	return repoWith(t, "../..", func(f map[string][]byte) map[string][]byte {
		return testrepo.Thin(f, 5, "E01-202608-0058")
	})
}

// repoOf commits src/data (and a .gitignore for site/) on 2026-11-20
// 10:00 +08:00 into a new repository with a work tree.
func repoOf(t *testing.T, src string) (*testrepo.Builder, string) { return repoWith(t, src, nil) }

// repoWith is repoOf with the files of src/data changed by edit (nil: as
// they are).
func repoWith(t *testing.T, src string, edit func(map[string][]byte) map[string][]byte) (*testrepo.Builder, string) {
	t.Helper()
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := testrepo.ReadFiles(src, "data")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		files = edit(files)
	}
	files[".gitignore"] = []byte("/site/\n")
	if _, err := g.Commit("data", "centre", time.Date(2026, 11, 20, 10, 0, 0, 0, sh), files); err != nil {
		t.Fatal(err)
	}
	if err := g.Checkout(); err != nil {
		t.Fatal(err)
	}
	return g, dir
}

// commit applies change on master at when and checks it out.
func commit(t *testing.T, g *testrepo.Builder, when time.Time, msg string, change map[string][]byte) plumbing.Hash {
	t.Helper()
	h, err := g.Commit(msg, "centre", when, change)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Checkout(); err != nil {
		t.Fatal(err)
	}
	return h
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files vs %d", what, len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

func reportJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func editionFiles(all map[string][]byte, prefix string) map[string][]byte {
	out := map[string][]byte{}
	for p, b := range all {
		if strings.HasPrefix(p, prefix) {
			out[p] = b
		}
	}
	return out
}

// TestPublishAndEditions: refusals (month not ended, dirty tree, invalid
// data), publish twice → v1, v2 of 2026-10 and v1 of 2026-09; every edition
// is rendered from its own tree and stays byte-identical after new commits
// on main; the report page shows what changed between v1 and v2.
func TestPublishAndEditions(t *testing.T) {
	g, dir := sampleRepo(t)
	root := []string{"--root", dir}
	// The report month 2026-10 ends on 10-31 23:59:59 +08:00.
	if code, _, stderr := runAt(time.Date(2026, 10, 31, 23, 59, 58, 0, sh), append([]string{"publish", "2026-10"}, root...)...); code != ExitFailure || !strings.Contains(stderr, "尚未结束") {
		t.Errorf("publish before the month ended: exit %d, %s", code, stderr)
	}
	// Dirty work tree: a meeting note not committed (a file lpg reads;
	// data/note.txt, which it does not read, would not count: review
	// round 4 H12).
	note := filepath.Join(dir, "data", "meetings", "2026-10-30-草稿.md")
	if err := os.WriteFile(note, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runAt(day(1, 9), append([]string{"publish", "2026-10"}, root...)...); code != ExitFailure ||
		stderr != "lpg publish: 工作区有未提交的修改（data/meetings/2026-10-30-草稿.md），发布的版本必须与提交一致：请先提交或还原后再发布\n" {
		t.Errorf("publish on a dirty tree: exit %d, %s", code, stderr)
	}
	os.Remove(note)
	// Invalid data at HEAD.
	bad := "data/hazards/2026-10/E01.csv"
	orig := g.Files()[bad]
	commit(t, g, day(1, 10), "broken", map[string][]byte{bad: append(append([]byte{}, orig...), []byte("E01-202610-9999,不存在的街镇\n")...)})
	if code, _, stderr := runAt(day(1, 11), append([]string{"publish", "2026-10"}, root...)...); code != ExitInvalid {
		t.Errorf("publish invalid data: exit %d, %s", code, stderr)
	}
	v1 := commit(t, g, day(1, 12), "fix", map[string][]byte{bad: orig})

	if code, out, stderr := runAt(day(2, 9), append([]string{"publish", "2026-10", "--message", "十月月报"}, root...)...); code != ExitOK || !strings.Contains(out, "report/2026-10/v1") {
		t.Fatalf("publish v1: exit %d, %s %s", code, out, stderr)
	}
	site := filepath.Join(dir, "site")
	if code, _, stderr := runAt(day(2, 10), append([]string{"build"}, root...)...); code != ExitOK {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	first := editionFiles(readTree(t, site), "reports/2026-10/v1/")
	if len(first) != 4 { // index.html, report.json, hazards.csv, report.xlsx
		t.Fatalf("v1 files: %v", first)
	}
	r1 := reportJSON(t, first["reports/2026-10/v1/report.json"])
	if r1["edition"] != "v1" || r1["commit"] != v1.String() || r1["as_of"] != "2026-10-31T23:59:59+08:00" {
		t.Errorf("v1 report.json: edition %v commit %v as_of %v", r1["edition"], r1["commit"], r1["as_of"])
	}

	// Corrections on main: a new hazard of 2026-09 and a rectification of
	// the 2026-08 cohort.
	hz := "data/hazards/2026-09/E01.csv"
	rc := "data/rectifications/2026-08/310118001.csv"
	files := g.Files()
	lines := strings.SplitN(string(files[hz]), "\n", 3)
	extra := strings.Replace(lines[1], "E01-202609-0118", "E01-202609-9001", 1)
	v2 := commit(t, g, day(3, 9), "corrections", map[string][]byte{
		hz: []byte(strings.TrimRight(string(files[hz]), "\n") + "\n" + extra + "\n"),
		rc: []byte(strings.Replace(string(files[rc]), "E01-202608-0058,东方社区居委会,整改中,,,镇安办 李强,用户外出,否,", "E01-202608-0058,东方社区居委会,已整改,更换,2026-10-28,镇安办 李强,,否,", 1)),
	})
	if code, out, stderr := runAt(day(4, 9), append([]string{"publish", "2026-10"}, root...)...); code != ExitOK || !strings.Contains(out, "report/2026-10/v2") {
		t.Fatalf("publish v2: exit %d, %s %s", code, out, stderr)
	}
	if code, out, stderr := runAt(day(4, 10), append([]string{"publish", "2026-09"}, root...)...); code != ExitOK || !strings.Contains(out, "report/2026-09/v1") {
		t.Fatalf("publish 2026-09: exit %d, %s %s", code, out, stderr)
	}
	// More work on main after the editions, including a template override.
	layout, err := templates.FS.ReadFile("layout.html")
	if err != nil {
		t.Fatal(err)
	}
	commit(t, g, day(5, 9), "later", map[string][]byte{
		rc:                             g.Files()[rc][:len(g.Files()[rc])-1],
		"templates/layout.html":        bytes.Replace(layout, []byte("</footer>"), []byte("<p>layout changed later</p></footer>"), 1),
		"data/hazards/2026-11/E01.csv": []byte("隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"),
	})
	if code, _, stderr := runAt(day(6, 9), append([]string{"build", "--base-url", "https://lpg.example.org/"}, root...)...); code != ExitOK {
		t.Fatalf("build 2: exit %d, %s", code, stderr)
	}
	all := readTree(t, site)
	sameTree(t, "v1 after new commits", first, editionFiles(all, "reports/2026-10/v1/"))
	// The editions' per-file validation cache (issue 14) changes no byte:
	// the same build without it gives the same site.
	if editionCacheHits == 0 {
		t.Error("the editions took no file from the validation cache")
	}
	noEditionCache = true
	other := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runAt(day(6, 9), append([]string{"build", "--base-url", "https://lpg.example.org/", "--out", other}, root...)...)
	noEditionCache = false
	if code != ExitOK {
		t.Fatalf("build without the cache: exit %d, %s", code, stderr)
	}
	sameTree(t, "build without the edition cache", all, readTree(t, other))
	// The persistent cache (--cache) is tested on a small repository:
	// TestEditionCache.
	r2 := reportJSON(t, all["reports/2026-10/v2/report.json"])
	if r2["edition"] != "v2" || r2["commit"] != v2.String() {
		t.Errorf("v2 report.json: edition %v commit %v", r2["edition"], r2["commit"])
	}
	if r := reportJSON(t, all["reports/2026-09/v1/report.json"]); r["period"] != "2026-09" || r["edition"] != "v1" {
		t.Errorf("2026-09 v1: %v %v", r["period"], r["edition"])
	}
	// The editions' own figures: v2 has one more new hazard and one more
	// rectified hazard in the cohort.
	n1 := r1["new_hazards"].(map[string]any)["total"].(float64)
	n2 := r2["new_hazards"].(map[string]any)["total"].(float64)
	c1 := r1["rectification"].(map[string]any)["rectified"].(float64)
	c2 := r2["rectification"].(map[string]any)["rectified"].(float64)
	if n2 != n1+1 || c2 != c1+1 {
		t.Errorf("v1 → v2: new hazards %v → %v, rectified %v → %v", n1, n2, c1, c2)
	}
	live := string(all["reports/2026-10/index.html"])
	for _, want := range []string{"v1 → v2 的变化", "E01-202609-9001", "整改中</td><td>已整改", "v2 → 实时草稿 的变化", `href="../../reports/2026-10/v1/index.html"`} {
		if !strings.Contains(live, want) {
			t.Errorf("live report page lacks %q", want)
		}
	}
	// The live page uses main's new template override; the editions do not.
	if !strings.Contains(live, "layout changed later") || strings.Contains(string(all["reports/2026-10/v2/index.html"]), "layout changed later") {
		t.Error("edition v2 rendered with a template committed after it")
	}
	if !strings.Contains(string(all["reports/2026-10/v2/index.html"]), v2.String()[:12]) {
		t.Error("edition footer lacks its commit")
	}
	feed := string(all["feed.xml"])
	if strings.Count(feed, "<entry>") != 3 || !strings.Contains(feed, "https://lpg.example.org/reports/2026-10/v2/index.html") {
		t.Errorf("feed.xml:\n%s", feed)
	}
	if !strings.Contains(string(all["sitemap.xml"]), "<loc>https://lpg.example.org/reports/2026-09/v1/index.html</loc>") {
		t.Error("sitemap.xml lacks the 2026-09 edition")
	}

	// Deterministic: building the same commit again gives the same tree.
	if code, _, stderr := runAt(day(9, 9), append([]string{"build", "--base-url", "https://lpg.example.org/"}, root...)...); code != ExitOK {
		t.Fatalf("build 3: exit %d, %s", code, stderr)
	}
	sameTree(t, "rebuild of the same commit", all, readTree(t, site))

	repo, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	eds, _, err := repo.Editions()
	if err != nil {
		t.Fatal(err)
	}
	if len(eds) != 3 || eds[0].Note() != "" || eds[1].Note() != "十月月报" || eds[2].Note() != "" {
		t.Errorf("editions: %+v", eds)
	}
}

// TestPublishForce: --force before the month ended publishes and says so
// in the tag; the edition is evaluated at the publication time.
func TestPublishForce(t *testing.T) {
	_, dir := repoOf(t, "testdata/tiny")
	now := time.Date(2026, 11, 28, 15, 0, 0, 0, sh)
	code, out, stderr := runAt(now, "publish", "2026-11", "--force", "--root", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	repo, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	eds, _, _ := repo.Editions()
	if len(eds) != 1 || !eds[0].Forced || !strings.Contains(eds[0].Message, "--force") || !eds[0].Published.Equal(now) {
		t.Fatalf("editions: %+v", eds)
	}
	if code, _, stderr := runAt(now, "build", "--root", dir); code != ExitOK {
		t.Fatalf("build: %s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "site", "reports", "2026-11", "v1", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if r := reportJSON(t, b); r["as_of"] != "2026-11-28T15:00:00+08:00" {
		t.Errorf("as_of %v", r["as_of"])
	}
	if code, _, _ := runAt(now, "publish", "2026-13", "--root", dir); code != ExitFailure {
		t.Error("bad month accepted")
	}
	if code, _, _ := runAt(now, "publish", "2025-01", "--force", "--root", dir); code != ExitFailure {
		t.Error("a month without a report accepted")
	}
}

// TestBuildWithoutGitAndShallow: in a plain directory without receipts.csv
// receipt times are unknown (never late); a shallow clone is refused.
func TestBuildWithoutGitAndShallow(t *testing.T) {
	plain := tinyCopy(t) // no receipts.csv
	if code, _, stderr := runAt(day(1, 0), "build", "--root", plain, "--as-of", "2026-11-29T12:00:00+08:00"); code != ExitOK {
		t.Fatalf("plain build: %s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(plain, "site", "reports", "2026-11", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Submissions []struct{ Form, Month, Submitter, Status string }
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	unknown := 0
	for _, s := range rep.Submissions {
		if s.Status == "late" || s.Status == "on_time" {
			t.Errorf("%s %s %s: status %s without any receipt", s.Form, s.Month, s.Submitter, s.Status)
		}
		if s.Status == "unknown" {
			unknown++
		}
	}
	if unknown == 0 {
		t.Error("no unknown submission in a plain directory")
	}

	g, dir := repoOf(t, "testdata/tiny")
	if err := os.WriteFile(filepath.Join(dir, ".git", "shallow"), []byte(g.Head.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runAt(day(1, 0), "build", "--root", dir); code != ExitFailure || !strings.Contains(stderr, "浅克隆") {
		t.Errorf("shallow: exit %d, %s", code, stderr)
	}
}
