package check

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// t0 is the time of the first commit; later commits are hours apart.
var t0 = time.Date(2026, 8, 1, 9, 0, 0, 0, calendar.Shanghai)

func at(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

const hazardHeader = "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"

// august is a valid 排查表 of E01 for 2026-08: two hazards in 朱家角镇
// (一般, 严重) and one in 夏阳街道 (重大, from the catalogue default).
const august = hazardHeader +
	"E01-202608-0001,朱家角镇,胜利街居委会,居民,张三,13800138000,朱家角镇胜利路1弄1号101室,2026-08-03,陆建平,钢瓶存放地点通风不良,,一般,书面告知限期整改,E01GZ2026080001,,\n" +
	"E01-202608-0002,朱家角镇,东湖街居委会,居民,李四,13800138001,朱家角镇东湖街2弄2号202室,2026-08-05,陆建平,住宅车库内使用或存放瓶装液化气,,严重,停止供气,,,\n" +
	"E01-202608-0003,夏阳街道,东方社区居委会,居民,王五,021-59720000,夏阳街道华青路3弄3号303室,2026-08-07,蒋小龙,LOC_BASEMENT,,,停止供气,,,\n"

// fixture is a repository whose main branch holds testdata/base (reference
// tables, two 排查表 and one 汇总表 of 2026-07), committed by the gas centre.
type fixture struct {
	t    *testing.T
	g    *testrepo.Git
	base testrepo.Files
	main plumbing.Hash
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	g := testrepo.NewGit(t, t.TempDir())
	base := testrepo.ReadDir(t, "testdata/base")
	main := g.Commit("qp-gas-centre", t0, "参考数据与 2026-07 数据", base)
	g.Ref("refs/heads/main", main)
	g.Ref("refs/remotes/origin/main", main)
	g.Head("main")
	return &fixture{t: t, g: g, base: base, main: main}
}

// pr commits files on top of parent as branch feature and checks it out.
func (f *fixture) pr(actor string, files testrepo.Files, parent plumbing.Hash) plumbing.Hash {
	when := at(24)
	// a submitter's commit is never older than the commit it builds on
	// (commit.head_backwards)
	if c, err := f.g.Repo.CommitObject(parent); err == nil && c.Committer.When.After(when) {
		when = c.Committer.When.Add(time.Hour)
	}
	h := f.g.Commit(actor, when, "submission", files, parent)
	f.g.Ref("refs/heads/feature", h)
	f.g.Head("feature")
	return h
}

func (f *fixture) check(actor string) *Report {
	f.t.Helper()
	rep, err := Run(context.Background(), Options{Dir: f.g.Dir, Base: "origin/main", Actor: actor})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func codes(r *Report) string {
	var s []string
	for _, d := range r.Errors {
		s = append(s, d.Code)
	}
	return strings.Join(s, " ")
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/check -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./internal/check -update rewrites it); got:\n%s", p, got)
	}
}

func markdown(t *testing.T, r *Report) []byte {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestValidEnterpriseSubmission(t *testing.T) {
	f := newFixture(t)
	f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
	r := f.check("ent-e01")
	if !r.Passed || len(r.Errors) != 0 {
		t.Fatalf("want pass, got errors %v", r.Errors)
	}
	if !r.Ownership.OK || r.Role != RoleEnterprise || r.Submitter != "E01" {
		t.Errorf("ownership = %+v role %q submitter %q", r.Ownership, r.Role, r.Submitter)
	}
	if len(r.Files) != 1 || r.Files[0].Status != "added" || r.Files[0].Added != 3 {
		t.Errorf("files = %+v", r.Files)
	}
	if len(r.NewHazards) != 2 || r.NewHazards[0].Name != "夏阳街道" || r.NewHazards[0].BySeverity["重大"] != 1 ||
		r.NewHazards[1].BySeverity["严重"] != 1 || r.NewHazards[1].Total != 2 {
		t.Errorf("new hazards = %+v", r.NewHazards)
	}
	golden(t, "pass.md", markdown(t, r))
}

func TestSchemaError(t *testing.T) {
	f := newFixture(t)
	bad := strings.Replace(august, "13800138001", "1380013800", 1) // line 3: ten digits
	f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": bad}), f.main)
	r := f.check("ent-e01")
	if r.Passed || len(r.Errors) != 1 || r.Errors[0].Code != "phone.format" || r.Errors[0].Line != 3 || r.Errors[0].Column != "联系电话" {
		t.Fatalf("errors = %+v", r.Errors)
	}
	var b bytes.Buffer
	if err := WriteGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "::error file=data/hazards/2026-08/E01.csv,line=3,title=联系电话 phone.format::") {
		t.Errorf("annotation = %q", b.String())
	}
	golden(t, "fail.md", markdown(t, r))
}

func TestForeignFilesRefused(t *testing.T) {
	f := newFixture(t)
	e02 := f.base["data/hazards/2026-07/E02.csv"] + "E02-202607-0099,朱家角镇,胜利街居委会,居民,赵六,13800138009,朱家角镇胜利路9弄9号,2026-07-09,陆建平,钢瓶存放地点通风不良,,一般,当场整改,,,\n"
	rect := f.base["data/rectifications/2026-07/310118102.csv"]
	f.pr("ent-e01", f.base.With(testrepo.Files{
		"data/hazards/2026-07/E02.csv":              e02,
		"data/rectifications/2026-07/310118102.csv": strings.Replace(rect, "未整改", "已整改", 1),
		".github/workflows/validate.yml":            "on: push\n",
		"go.work":                                   "go 1.26.0\n\nuse ./.lpg-tool\n", // review finding F1
		"data/hazards/2026-08/E01.csv":              august,
	}), f.main)
	r := f.check("ent-e01")
	if r.Passed || r.Ownership.OK {
		t.Fatal("want refused")
	}
	want := map[string]string{
		".github/workflows/validate.yml":            "owner.outside",
		"go.work":                                   "owner.outside",
		"data/hazards/2026-07/E02.csv":              "owner.file",
		"data/rectifications/2026-07/310118102.csv": "owner.file",
	}
	got := map[string]string{}
	for _, d := range r.Errors {
		if strings.HasPrefix(d.Code, "owner.") {
			got[d.File] = d.Code
		}
	}
	if len(got) != len(want) {
		t.Errorf("ownership errors = %v, want %v", got, want)
	}
	for p, c := range want {
		if got[p] != c {
			t.Errorf("%s: %q, want %q", p, got[p], c)
		}
	}
	for _, fl := range r.Files {
		if fl.Allowed != (fl.Path == "data/hazards/2026-08/E01.csv") {
			t.Errorf("%s allowed = %v", fl.Path, fl.Allowed)
		}
	}
	// The same change by the gas centre passes the ownership rule.
	if r := f.check("qp-gas-centre"); !r.Ownership.OK {
		t.Errorf("gas centre: %+v %v", r.Ownership, r.Errors)
	}
}

func TestTownDeletesFile(t *testing.T) {
	f := newFixture(t)
	f.pr("town-310118102", f.base.With(nil, "data/rectifications/2026-07/310118102.csv"), f.main)
	for _, actor := range []string{"town-310118102", "qp-gas-centre"} {
		r := f.check(actor)
		if r.Passed || codes(r) != "owner.delete" || r.Files[0].Status != "deleted" || r.Files[0].Removed != 7 {
			t.Errorf("%s: errors %q files %+v", actor, codes(r), r.Files)
		}
	}
}

func TestTownUpdatesOwnFile(t *testing.T) {
	f := newFixture(t)
	rect := f.base["data/rectifications/2026-07/310118102.csv"]
	rect = strings.Replace(rect, "E01-202607-0028,胜利街居委会,未整改,,,村委会 吴芳,用户不配合,是,", "E01-202607-0028,胜利街居委会,已整改,更换,2026-09-02,村委会 吴芳,,是,", 1)
	f.pr("town-310118102", f.base.With(testrepo.Files{"data/rectifications/2026-07/310118102.csv": rect}), f.main)
	r := f.check("Town-310118102") // logins compare case-insensitively
	if !r.Passed || r.Files[0].Changed != 1 || r.Files[0].Added != 0 || r.Validated.Files == 0 {
		t.Errorf("errors %v files %+v validated %+v", r.Errors, r.Files, r.Validated)
	}
}

func TestUnknownAccount(t *testing.T) {
	f := newFixture(t)
	f.pr("stranger", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
	r := f.check("stranger")
	if r.Passed || codes(r) != "owner.unknown" || r.Files[0].Allowed {
		t.Errorf("errors %q files %+v", codes(r), r.Files)
	}
	// An account the pull request adds to accounts.csv is still unknown:
	// the table of the base branch decides.
	acc := f.base[AccountsFile] + "stranger,enterprise,E01\n"
	f.pr("stranger", f.base.With(testrepo.Files{AccountsFile: acc}), f.main)
	if r := f.check("stranger"); !strings.Contains(codes(r), "owner.unknown") {
		t.Errorf("self-registration: %q", codes(r))
	}
}

func TestReferenceChangeBreaksData(t *testing.T) {
	f := newFixture(t)
	// The gas centre drops 胜利街居委会 from villages.csv: the 排查表 rows
	// and the 汇总表 rows that name it break.
	var kept []string
	for _, l := range strings.SplitAfter(f.base["data/reference/villages.csv"], "\n") {
		if !strings.Contains(l, ",胜利街居委会,") {
			kept = append(kept, l)
		}
	}
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{"data/reference/villages.csv": strings.Join(kept, "")}), f.main)
	r := f.check("qp-gas-centre")
	if r.Passed {
		t.Fatal("want fail")
	}
	var where []string
	for _, d := range r.Errors {
		where = append(where, d.File+":"+itoa(d.Line)+":"+d.Code)
	}
	got := strings.Join(where, " ")
	for _, w := range []string{
		"data/hazards/2026-07/E01.csv:2:village.unknown", "data/hazards/2026-07/E01.csv:3:village.unknown",
		"data/hazards/2026-07/E02.csv:2:village.unknown",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %s in %s", w, got)
		}
	}
	if f := r.Files[0]; f.Path != "data/reference/villages.csv" || f.Removed != 1 {
		t.Errorf("files = %+v", r.Files)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func pad4(n int) string { return fmt.Sprintf("%04d", n) }

func TestShallowClone(t *testing.T) {
	f := newFixture(t)
	head := f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
	// main moves on after the branch point, so the merge base is neither tip.
	main2 := f.g.Commit("qp-gas-centre", at(30), "meeting", f.base.With(testrepo.Files{"data/meetings/2026-08.md": "---\ntitle: 联席会议\ndate: 2026-08-20\n---\n"}), f.main)
	sh := f.g.ShallowCopy(t.TempDir(), map[string]plumbing.Hash{"refs/heads/feature": head, "refs/remotes/origin/main": main2}, "feature")
	_, err := Run(context.Background(), Options{Dir: sh.Dir, Base: "origin/main", Actor: "ent-e01"})
	if !errors.Is(err, ErrShallow) || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("err = %v, want ErrShallow with the fetch-depth hint", err)
	}
	// actions/checkout's default: only the pull request, no origin/main at all.
	sh = f.g.ShallowCopy(t.TempDir(), map[string]plumbing.Hash{"refs/heads/feature": head}, "feature")
	_, err = Run(context.Background(), Options{Dir: sh.Dir, Base: "origin/main", Actor: "ent-e01"})
	if !errors.Is(err, ErrShallow) || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("no base ref: err = %v", err)
	}
	// A full clone without the revision is a plain repository error.
	_, err = Run(context.Background(), Options{Dir: f.g.Dir, Base: "origin/nope"})
	if !errors.Is(err, ErrRepository) {
		t.Errorf("unknown revision: err = %v", err)
	}
}

func TestMergeCommits(t *testing.T) {
	f := newFixture(t)
	// E01 branches from main and adds its August file.
	e01 := f.g.Commit("ent-e01", at(10), "E01 2026-08", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
	// Meanwhile E02's pull request is merged into main with a merge commit.
	e02file := hazardHeader + "E02-202608-0001,朱家角镇,胜利街居委会,居民,钱七,13800138111,朱家角镇胜利路7弄7号,2026-08-09,王海根,钢瓶存放地点通风不良,,一般,当场整改,,,\n"
	withE02 := f.base.With(testrepo.Files{"data/hazards/2026-08/E02.csv": e02file})
	e02 := f.g.Commit("ent-e02", at(11), "E02 2026-08", withE02, f.main)
	merge := f.g.Commit("qp-gas-centre", at(12), "Merge pull request #2", withE02, f.main, e02)
	f.g.Ref("refs/remotes/origin/main", merge)
	// E01 presses "update branch": a merge of main into its branch.
	both := withE02.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august})
	head := f.g.Commit("ent-e01", at(13), "Merge branch 'main' into feature", both, e01, merge)
	f.g.Ref("refs/heads/feature", head)
	f.g.Head("feature")
	r := f.check("ent-e01")
	if !r.Passed || r.MergeBase != merge.String() || len(r.Files) != 1 || r.Files[0].Path != "data/hazards/2026-08/E01.csv" {
		t.Fatalf("merge base %s (want %s), files %+v, errors %v", r.MergeBase, merge, r.Files, r.Errors)
	}
	// GitHub checks out refs/pull/N/merge: base tip merged with the branch.
	prMerge := f.g.Commit("github", at(14), "Merge into main", both, merge, e01)
	f.g.Ref("refs/heads/feature", prMerge)
	if r := f.check("ent-e01"); !r.Passed || len(r.Files) != 1 || r.MergeBase != merge.String() {
		t.Errorf("pull merge ref: files %+v errors %v", r.Files, r.Errors)
	}
}

func TestPublishedMonthCorrection(t *testing.T) {
	f := newFixture(t)
	f.g.Tag("report/2026-08/v1", f.main, "qp-gas-centre", time.Date(2026, 9, 2, 10, 0, 0, 0, calendar.Shanghai), "2026-08 月报")
	e01 := strings.Replace(f.base["data/hazards/2026-07/E01.csv"], "郭德", "郭德明", 1)
	e01 = strings.Replace(e01, "E01-202607-0068,", "E01-202607-0067,", 1) // a removed and an added row
	f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-07/E01.csv": e01}), f.main)
	r := f.check("ent-e01")
	if len(r.Published) != 1 || r.Published[0].Editions[0] != "report/2026-08/v1" {
		t.Fatalf("published = %+v", r.Published)
	}
	var warn []string
	for _, d := range r.Warnings {
		warn = append(warn, d.Code)
	}
	if w := strings.Join(warn, " "); w != "edition.published hazard.removed" {
		t.Errorf("warnings = %q", w)
	}
	// The 汇总表 row of the removed hazard no longer finds it: re-checked.
	if codes(r) != "hazard_id.unknown" || r.Errors[0].File != "data/rectifications/2026-07/310118102.csv" {
		t.Errorf("errors = %+v", r.Errors)
	}
	if fl := r.Files[0]; fl.Added != 1 || fl.Changed != 1 || fl.Removed != 1 {
		t.Errorf("rows = %+v", fl)
	}
	md := string(markdown(t, r))
	if !strings.Contains(md, "[!WARNING]") || !strings.Contains(md, "report/2026-08/v1") {
		t.Errorf("markdown lacks the published note:\n%s", md)
	}
}

func TestAnnotationLimit(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	b.WriteString(hazardHeader)
	for i := 1; i <= 15; i++ {
		b.WriteString(strings.Replace(strings.SplitAfter(august, "\n")[1], "E01-202608-0001", "E01-202608-"+pad4(i), 1))
	}
	bad := strings.ReplaceAll(b.String(), "13800138000", "12345")
	f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": bad}), f.main)
	r := f.check("ent-e01")
	if len(r.Errors) != 15 {
		t.Fatalf("errors = %d", len(r.Errors))
	}
	var out bytes.Buffer
	if err := WriteGitHub(&out, r); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if n := strings.Count(s, "::error "); n != MaxAnnotations {
		t.Errorf("%d error annotations, want %d", n, MaxAnnotations)
	}
	if !strings.Contains(s, "另有 5 条诊断未显示为注释") || !strings.Contains(s, "::notice title=lpg check 未通过::") {
		t.Errorf("output:\n%s", s)
	}
}

// TestOutcomesAndGrouping (issue 12 finding 10): each changed file gets a
// one-line outcome (a 汇总表: rows filled and the cohort's closure rate
// before → after); routine warnings of one code in one file are one line
// with a count; the 按街镇/等级 table adds up when a hazard's severity is
// unknown.
func TestOutcomesAndGrouping(t *testing.T) {
	t.Run("汇总表 outcome", func(t *testing.T) {
		f := newFixture(t)
		p := "data/rectifications/2026-07/310118102.csv"
		rect := strings.Replace(f.base[p], "E01-202607-0028,胜利街居委会,未整改,,,村委会 吴芳,用户不配合,是,", "E01-202607-0028,胜利街居委会,已整改,更换,2026-08-20,村委会 吴芳,,否,", 1)
		f.pr("town-310118102", f.base.With(testrepo.Files{p: rect}), f.main)
		r := f.check("town-310118102")
		if len(r.Outcomes) != 1 {
			t.Fatalf("outcomes = %+v", r.Outcomes)
		}
		o := r.Outcomes[0]
		if o.Filled != 7 || o.Cohort != 8 || o.Before != 0.875 || o.After != 1 || !strings.Contains(o.Text, "87.5% → 100.0%") {
			t.Errorf("outcome = %+v", o)
		}
		if !strings.Contains(string(markdown(t, r)), "### 结果\n\n- `"+p+"`：汇总表：已填 7 行") {
			t.Errorf("markdown lacks the outcome:\n%s", markdown(t, r))
		}
	})
	t.Run("grouped warnings and a table that adds up", func(t *testing.T) {
		f := newFixture(t)
		body := strings.NewReplacer("2026-08-03", "2026/8/3", "2026-08-05", "2026/8/5", "2026-08-07", "2026/8/7").Replace(august) +
			"E01-202608-0004,朱家角镇,胜利街居委会,居民,赵六,13800138002,朱家角镇胜利路4弄4号,2026-08-09,陆建平,没有这一类,,,当场整改,,,\n"
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": body}), f.main)
		r := f.check("ent-e01")
		md := string(markdown(t, r))
		if n := strings.Count(md, "date.normalised"); n > 0 {
			t.Errorf("codes leak into the markdown: %d", n)
		}
		if !strings.Contains(md, "共 3 处（第 2、3、4 行）同类警告") {
			t.Errorf("date warnings not grouped:\n%s", md)
		}
		if !strings.Contains(md, "| 街镇 | 重大 | 严重 | 一般 | 未定 | 合计 |") || !strings.Contains(md, "| 朱家角镇 | 0 | 1 | 1 | 1 | 3 |") ||
			!strings.Contains(md, "| **合计** | **1** | **1** | **1** | **1** | **4** |") {
			t.Errorf("按街镇/等级 table does not add up:\n%s", md)
		}
		var text bytes.Buffer
		if err := WriteText(&text, r); err != nil {
			t.Fatal(err)
		}
		if strings.Count(text.String(), "[date.normalised]") != 1 || !strings.Contains(text.String(), "结果：data/hazards/2026-08/E01.csv  排查表：4 条隐患") {
			t.Errorf("text output:\n%s", text.String())
		}
	})
}

// TestInspectionsPR (issue 13): an enterprise submits its 入户安检量表 beside
// its 排查表; it owns only its own; a 入户安检量表 that leaves a town of the
// 排查表 without households is an error on the 排查表's row, caused by the
// change.
func TestInspectionsPR(t *testing.T) {
	const ip = "data/inspections/2026-08/E01.csv"
	counts := "街镇,用户类型,安检户数,拒绝入户户数\n朱家角镇,居民,1200,12\n夏阳街道,居民,800,\n"
	t.Run("both files, own account", func(t *testing.T) {
		f := newFixture(t)
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august, ip: counts}), f.main)
		r := f.check("ent-e01")
		if !r.Passed || !r.Ownership.OK {
			t.Fatalf("passed=%v ownership=%+v errors=%+v", r.Passed, r.Ownership, r.Errors)
		}
		var text bytes.Buffer
		if err := WriteText(&text, r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text.String(), "结果："+ip+"  入户安检量表：安检 2000 户，拒绝入户 12 户；按街镇 夏阳街道 800、朱家角镇 1200") {
			t.Errorf("text output:\n%s", text.String())
		}
	})
	t.Run("a town left without households", func(t *testing.T) {
		f := newFixture(t)
		main := f.g.Commit("qp-gas-centre", at(2), "E01 2026-08", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
		f.g.Ref("refs/remotes/origin/main", main)
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august, ip: "街镇,用户类型,安检户数\n朱家角镇,居民,1200\n"}), main)
		r := f.check("ent-e01")
		if r.Passed || len(r.Errors) != 1 {
			t.Fatalf("errors = %+v", r.Errors)
		}
		d := r.Errors[0]
		if d.File != "data/hazards/2026-08/E01.csv" || d.Line != 4 || d.Column != "街镇" || d.Value != "夏阳街道" || d.Code != "inspection.zero" ||
			d.Message != "本企业 2026-08 的入户安检量表（data/inspections/2026-08/E01.csv）中夏阳街道的安检户数为 0，但本表在夏阳街道有 1 条隐患" {
			t.Errorf("error = %+v", d)
		}
	})
	t.Run("another enterprise's 入户安检量表", func(t *testing.T) {
		f := newFixture(t)
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/inspections/2026-08/E02.csv": counts}), f.main)
		r := f.check("ent-e01")
		if r.Passed || r.Ownership.OK || codes(r) != "owner.file" {
			t.Errorf("passed=%v ownership=%+v codes=%s", r.Passed, r.Ownership, codes(r))
		}
	})
}
