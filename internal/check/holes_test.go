package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lpg/internal/diag"
	"lpg/internal/layout"
	"lpg/internal/testrepo"
)

// The holes of issue 10 that a pull request could slip past lpg check.
// Each case must fail the check with an error naming the path.

func wantError(t *testing.T, r *Report, file, code string) {
	t.Helper()
	if r.Passed {
		t.Errorf("check passed; want error %s at %q", code, file)
	}
	for _, d := range r.Errors {
		if d.File == file && d.Code == code {
			if d.Message == "" {
				t.Errorf("%s at %q has no message", code, file)
			}
			return
		}
	}
	var got []string
	for _, d := range r.Errors {
		got = append(got, d.File+":"+d.Code)
	}
	t.Errorf("want error %s at %q; errors %v", code, file, got)
}

// TestHoleCrissCross (issue 10 hole 1): the pull request merges main and a
// town's branch that main has also merged, so there are two merge bases,
// and reverts the town's update. Diffing against the first merge base
// only sees E01's file; the union over both bases sees the revert.
func TestHoleCrissCross(t *testing.T) {
	f := newFixture(t)
	const townFile = "data/rectifications/2026-07/310118102.csv"
	updated := f.base.With(testrepo.Files{townFile: strings.Replace(f.base[townFile],
		"E01-202607-0028,胜利街居委会,未整改,,,村委会 吴芳,用户不配合,是,", "E01-202607-0028,胜利街居委会,已整改,更换,2026-09-02,村委会 吴芳,,是,", 1)})
	meeting := testrepo.Files{"data/meetings/2026-08.md": "---\ntitle: 联席会议\ndate: 2026-08-20\n---\n"}
	town := f.g.Commit("town-310118102", at(1), "310118102 更新汇总表", updated, f.main)
	m1 := f.g.Commit("qp-gas-centre", at(2), "会议纪要", f.base.With(meeting), f.main)
	tip := f.g.Commit("qp-gas-centre", at(3), "Merge town", updated.With(meeting), m1, town)
	f.g.Ref("refs/remotes/origin/main", tip)
	e1 := f.g.Commit("ent-e01", at(4), "E01 2026-08", f.base.With(meeting).With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), m1)
	// The merge of the town's branch, resolved to the old 汇总表.
	head := f.g.Commit("ent-e01", at(5), "Merge branch town", f.base.With(meeting).With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), e1, town)
	f.g.Ref("refs/heads/feature", head)
	f.g.Head("feature")
	r := f.check("ent-e01")
	if len(r.MergeBases) != 2 {
		t.Fatalf("merge bases %v, want two (criss-cross)", r.MergeBases)
	}
	wantError(t, r, townFile, "owner.file")
}

// TestHoleSymlink (issue 10 hole 2): a symbolic link at one's own path
// whose link text is a valid CSV header is not read as content.
func TestHoleSymlink(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-08/E01.csv"
	f.pr("ent-e01", f.base.With(testrepo.Files{p: testrepo.Symlink + strings.TrimSuffix(hazardHeader, "\n")}), f.main)
	wantError(t, f.check("ent-e01"), p, "file.symlink")
}

// TestSymlinkedReference: a pull request (of the gas centre, who may
// change reference data) that turns accounts.csv into a symbolic link
// whose text is the table's header is judged, not an I/O failure: the link
// is file.symlink and the table is missing (exit 1 from lpg check).
func TestSymlinkedReference(t *testing.T) {
	f := newFixture(t)
	p := "data/reference/accounts.csv"
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: testrepo.Symlink + "account,role,submitter"}), f.main)
	r := f.check("qp-gas-centre")
	wantError(t, r, p, "file.symlink")
	wantError(t, r, p, "file.missing")
}

// TestGitlinkRefused: a submodule entry is refused with one error (review
// finding F9: validate's file.gitlink under data/, owner.gitlink
// elsewhere), and the file line says 子模块, not 无权修改, at one's own
// path; another's path is also owner.file.
func TestGitlinkRefused(t *testing.T) {
	for _, c := range []struct {
		actor, path, codes string
		allowed            bool
	}{
		{"ent-e01", "data/hazards/2026-08/E01.csv", "file.gitlink", true},
		{"ent-e01", "data/hazards/2026-08/E02.csv", "owner.file file.gitlink", false},
		{"qp-gas-centre", "vendor/lib", "owner.gitlink", true},
	} {
		f := newFixture(t)
		f.pr(c.actor, f.base.With(testrepo.Files{c.path: testrepo.Gitlink + f.main.String()}), f.main)
		r := f.check(c.actor)
		if codes(r) != c.codes || len(r.Files) != 1 || r.Files[0].Status != "gitlink" || r.Files[0].Allowed != c.allowed {
			t.Errorf("%s %s: errors %q, files %+v", c.actor, c.path, codes(r), r.Files)
		}
		var b strings.Builder
		if err := WriteText(&b, r); err != nil {
			t.Fatal(err)
		}
		want := "  子模块 " + c.path + "\n"
		if !c.allowed {
			want = "  子模块 " + c.path + "  ✗ 无权修改\n"
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: text lacks %q:\n%s", c.path, want, b.String())
		}
	}
}

// TestGitlinkRemoved: a gitlink that reached main (before the gate
// refused it) can be replaced by the real file by its owner, or removed
// by the gas centre; neither is owner.delete or owner.gitlink.
func TestGitlinkRemoved(t *testing.T) {
	const p = "data/hazards/2026-08/E01.csv"
	for _, c := range []struct {
		actor  string
		files  func(f *fixture) testrepo.Files
		status string
	}{
		{"ent-e01", func(f *fixture) testrepo.Files { return f.base.With(testrepo.Files{p: august}) }, "modified"},
		{"qp-gas-centre", func(f *fixture) testrepo.Files { return f.base }, "deleted"},
		{"ent-e01", func(f *fixture) testrepo.Files { return f.base }, "deleted"},
	} {
		f := newFixture(t)
		main := f.g.Commit("qp-gas-centre", at(1), "gitlink", f.base.With(testrepo.Files{p: testrepo.Gitlink + f.main.String()}), f.main)
		f.g.Ref("refs/remotes/origin/main", main)
		f.pr(c.actor, c.files(f), main)
		r := f.check(c.actor)
		if !r.Passed || len(r.Files) != 1 || r.Files[0].Status != c.status || !r.Files[0].Allowed {
			t.Errorf("%s %s: errors %q files %+v", c.actor, c.status, codes(r), r.Files)
		}
	}
}

// TestHoleMonthSpace (issue 10 hole 3): a month folder with a trailing
// space is not the month; a 汇总表 there must not override the real one.
func TestHoleMonthSpace(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-08 /E01.csv"
	f.pr("ent-e01", f.base.With(testrepo.Files{p: august}), f.main)
	r := f.check("ent-e01")
	wantError(t, r, p, "file.location")
	for _, d := range r.Errors {
		if d.File == p && !strings.Contains(d.Message, "2026-08 ") {
			t.Errorf("message does not name the folder: %s", d.Message)
		}
	}
	f = newFixture(t)
	q := "data/rectifications/2026-07 /310118102.csv"
	f.pr("town-310118102", f.base.With(testrepo.Files{q: f.base["data/rectifications/2026-07/310118102.csv"]}), f.main)
	wantError(t, f.check("town-310118102"), q, "file.location")
}

// TestHoleFutureMonth (issue 10 hole 4): a 排查表 for 2099-11 with dates
// in 2099-11 is refused: months after the check's month + 1 are errors.
func TestHoleFutureMonth(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2099-11/E01.csv"
	future := strings.ReplaceAll(strings.ReplaceAll(august, "202608", "209911"), "2026-08-", "2099-11-")
	f.pr("ent-e01", f.base.With(testrepo.Files{p: future}), f.main)
	r, err := Run(context.Background(), Options{Dir: f.g.Dir, Base: "origin/main", Actor: "ent-e01", Now: at(30)})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, r, p, "file.future")
}

// TestHoleSubdirectory (issue 10 hole 5 of the check): the lpg root is a
// subdirectory of the git work tree. accounts.csv, the data and the
// ownership rule are read from the root, not from the top of the tree.
func TestHoleSubdirectory(t *testing.T) {
	g := testrepo.NewGit(t, t.TempDir())
	base := testrepo.Files{"README.md": "top\n"}
	for p, c := range testrepo.ReadDir(t, "testdata/base") {
		base["sub/"+p] = c
	}
	main := g.Commit("qp-gas-centre", t0, "base", base)
	g.Ref("refs/remotes/origin/main", main)
	bad := strings.Replace(august, "13800138001", "1380013800", 1)
	head := g.Commit("ent-e01", at(1), "E01", base.With(testrepo.Files{"sub/data/hazards/2026-08/E01.csv": bad, "README.md": "changed\n"}), main)
	g.Ref("refs/heads/feature", head)
	g.Head("feature")
	if err := os.MkdirAll(filepath.Join(g.Dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), Options{Dir: filepath.Join(g.Dir, "sub"), Base: "origin/main", Actor: "ent-e01"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Role != RoleEnterprise {
		t.Errorf("role %q: accounts.csv not read from the lpg root", r.Role)
	}
	wantError(t, r, "data/hazards/2026-08/E01.csv", "phone.format")
	wantError(t, r, "/README.md", "owner.outside")
}

// TestCheckAgreesWithValidate: for a pull request that breaks rules of
// every family (schema, file names, cross-file references in files it does
// not touch), lpg check reports exactly the diagnostics that lpg validate
// of the merged checkout has and of the base checkout has not, plus those
// of the changed files: the two run the same rules.
func TestCheckAgreesWithValidate(t *testing.T) {
	f := newFixture(t)
	e01 := f.base["data/hazards/2026-07/E01.csv"]
	lines := strings.SplitAfter(e01, "\n")
	changes := testrepo.Files{
		"data/hazards/2026-07/E01.csv":  strings.Join(lines[:len(lines)/2], ""), // rows the 汇总表 names are gone
		"data/hazards/2026-08/E01.csv":  strings.Replace(august, "13800138001", "1380013800", 1),
		"data/hazards/2026-08 /E02.csv": hazardHeader,
		"data/hazards/2026-08/x.xlsx":   "PK",
		"data/meetings/bad.md":          "no front matter\n",
	}
	got, want := agreement(t, f, changes)
	if got != want {
		t.Errorf("check and validate disagree\ncheck:\n%s\nvalidate:\n%s", got, want)
	}
	codes := map[string]bool{}
	for _, k := range strings.Split(want, "\n") {
		codes[strings.Split(k, "|")[3]] = true
	}
	for _, c := range []string{"hazard_id.unknown", "phone.format", "file.location", "meeting.front_matter"} {
		if !codes[c] {
			t.Errorf("the case does not exercise %s (codes %v)", c, codes)
		}
	}
}

// key identifies a diagnostic across two validations (the fields
// validate.Caused compares).
func key(d diag.Diagnostic) string {
	return fmt.Sprintf("%s|%d|%s|%s|%s|%s", d.File, d.Line, d.Column, d.Code, d.Value, d.Message)
}

// TestHoleDotFolder (review finding F2): a 排查表 in a hidden month folder
// or in a .git folder under data/ matched the owner's pattern and passed
// with +N rows, though validate and the site never read it (and a .git
// folder breaks every checkout). It is refused with the path it belongs
// at; once on main, the file is no submission and can be deleted.
func TestHoleDotFolder(t *testing.T) {
	for _, c := range []struct{ path, hint, codes string }{
		{"data/hazards/.2026-08/E01.csv", "应上传为 data/hazards/2026-08/E01.csv", "file.location"},
		{"data/hazards/.git/E01.csv", "把文件放在正确的位置：" + layout.LocationHint, "file.location"},
		// one folder too deep for E01's pattern data/hazards/*/E01.csv
		{"data/hazards/2026-08/.Git/E01.csv", "应上传为 data/hazards/2026-08/E01.csv", "owner.file file.location"},
	} {
		f := newFixture(t)
		f.pr("ent-e01", f.base.With(testrepo.Files{c.path: august}), f.main)
		r := f.check("ent-e01")
		wantError(t, r, c.path, "file.location")
		d := r.Errors[len(r.Errors)-1]
		if codes(r) != c.codes || d.Hint != c.hint || d.Value != c.path {
			t.Errorf("%s: errors %q, hint %q, value %q", c.path, codes(r), d.Hint, d.Value)
		}
	}
	f := newFixture(t)
	const hidden = "data/hazards/.2026-08/E01.csv"
	main := f.g.Commit("qp-gas-centre", at(1), "merged before the fix", f.base.With(testrepo.Files{hidden: august}), f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("ent-e01", f.base, main)
	for _, actor := range []string{"ent-e01", "qp-gas-centre"} {
		if r := f.check(actor); !r.Passed || len(r.Files) != 1 || r.Files[0].Status != "deleted" {
			t.Errorf("%s deletes %s: errors %q files %+v", actor, hidden, codes(r), r.Files)
		}
	}
}

// TestStaleFile (review finding F3): the gas centre corrects E01's 排查表
// on main while E01's pull request appends a row to the same file. The
// check judged the head's whole file (reverting the correction, which
// git's merge would keep); it now asks for the base branch to be merged
// first, and passes once it is.
func TestStaleFile(t *testing.T) {
	f := newFixture(t)
	const p = "data/hazards/2026-07/E01.csv"
	corrected := strings.Replace(f.base[p], "E01GZ2026070028,,\n", "E01GZ2026070028,,中心更正：核实地址\n", 1)
	if corrected == f.base[p] {
		t.Fatal("fixture: nothing to correct")
	}
	main := f.g.Commit("qp-gas-centre", at(1), "更正", f.base.With(testrepo.Files{p: corrected}), f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	row := "E01-202607-0099,朱家角镇,胜利街居委会,居民,赵六,13800138009,朱家角镇胜利路9弄9号,2026-07-09,陆建平,钢瓶存放地点通风不良,,一般,当场整改,,,\n"
	head := f.pr("ent-e01", f.base.With(testrepo.Files{p: f.base[p] + row}), f.main)
	r := f.check("ent-e01")
	if codes(r) != "merge.stale" || r.Errors[0].File != p || r.Errors[0].Message != "目标分支上该文件已被修改，请先合并目标分支（Update branch）后再检查" {
		t.Errorf("errors %q %+v", codes(r), r.Errors)
	}
	// Update branch: the head merges main, keeping both changes.
	merged := f.g.Commit("ent-e01", at(30), "Merge main", f.base.With(testrepo.Files{p: corrected + row}), head, main)
	f.g.Ref("refs/heads/feature", merged)
	r = f.check("ent-e01")
	if codes(r) != "" || len(r.Files) != 1 || r.Files[0].Added != 1 || r.Files[0].Changed != 0 {
		t.Errorf("after update: errors %q files %+v", codes(r), r.Files)
	}
}
