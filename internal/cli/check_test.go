package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/testrepo"
)

const hazardHeader = "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"

func august(phone string) string {
	return hazardHeader + "E01-202608-0001,朱家角镇,胜利街居委会,居民,张三," + phone + ",朱家角镇胜利路1弄1号101室,2026-08-03,陆建平,钢瓶存放地点通风不良,,一般,书面告知限期整改,E01GZ2026080001,,\n"
}

// prRepo builds a repository whose main holds internal/check/testdata/base
// and whose checked-out branch feature adds data/hazards/2026-08/E01.csv.
func prRepo(t *testing.T, content string) (*testrepo.Git, map[string]plumbing.Hash) {
	g := testrepo.NewGit(t, t.TempDir())
	when := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	base := testrepo.ReadDir(t, "../check/testdata/base")
	main := g.Commit("qp-gas-centre", when, "base", base)
	head := g.Commit("ent-e01", when.Add(time.Hour), "E01", base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": content}), main)
	refs := map[string]plumbing.Hash{"refs/heads/main": main, "refs/remotes/origin/main": main, "refs/heads/feature": head}
	for n, h := range refs {
		g.Ref(n, h)
	}
	g.Head("feature")
	return g, refs
}

func runLPG(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	c := &Command{Stdout: &o, Stderr: &e}
	code = c.Main(append([]string{"lpg"}, args...))
	return code, o.String(), e.String()
}

func TestCheckExitCodes(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "step-summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)

	g, _ := prRepo(t, august("13800138000"))
	code, out, errs := runLPG("check", "--root", g.Dir, "--base", "origin/main", "--actor", "ent-e01", "--format", "github")
	if code != ExitOK || !strings.Contains(out, "::notice title=lpg check 通过::") {
		t.Errorf("valid: exit %d\n%s%s", code, out, errs)
	}
	if b, _ := os.ReadFile(summary); !strings.Contains(string(b), "## ✅ lpg check 通过") {
		t.Errorf("step summary = %q", b)
	}

	g, refs := prRepo(t, august("1380013800"))
	md := filepath.Join(t.TempDir(), "summary.md")
	code, out, _ = runLPG("check", "--base", "origin/main", "--root", g.Dir, "--actor", "ent-e01", "--summary", md)
	if code != ExitInvalid || !strings.Contains(out, "data/hazards/2026-08/E01.csv:2:联系电话: 错误") {
		t.Errorf("schema error: exit %d\n%s", code, out)
	}
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "| `data/hazards/2026-08/E01.csv` | 2 | 联系电话 | `1380013800` |") {
		t.Errorf("--summary file = %s", b)
	}
	code, out, _ = runLPG("check", "--root", g.Dir, "--base", "origin/main", "--actor", "ent-e01", "--format", "json")
	if code != ExitInvalid || !strings.Contains(out, `"code": "phone.format"`) || !strings.Contains(out, `"passed": false`) {
		t.Errorf("json: exit %d\n%s", code, out)
	}

	sh := g.ShallowCopy(t.TempDir(), map[string]plumbing.Hash{"refs/heads/feature": refs["refs/heads/feature"]}, "feature")
	code, _, errs = runLPG("check", "--root", sh.Dir, "--base", "origin/main", "--actor", "ent-e01")
	if code != ExitFailure || !strings.Contains(errs, "fetch-depth: 0") {
		t.Errorf("shallow: exit %d, stderr %q", code, errs)
	}

	for _, args := range [][]string{
		{"check", "--root", g.Dir},
		{"check", "--root", g.Dir, "--base", "origin/main", "--format", "xml"},
		{"check", "--root", t.TempDir(), "--base", "origin/main"},
		{"check", "--root", g.Dir, "--base", "no-such-branch"},
	} {
		if code, _, _ := runLPG(args...); code != ExitFailure {
			t.Errorf("%v: exit %d, want %d", args, code, ExitFailure)
		}
	}
}

func TestOwners(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../check/testdata/base")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runLPG("owners", "--root", dir, "--check"); code != ExitInvalid || !strings.Contains(errs, ".github/CODEOWNERS") {
		t.Errorf("missing files: exit %d %s", code, errs)
	}
	if code, out, _ := runLPG("owners", "--root", dir); code != ExitOK || !strings.Contains(out, "docs/CODEOWNERS") {
		t.Errorf("write: exit %d %s", code, out)
	}
	if code, _, errs := runLPG("owners", "--root", dir, "--check"); code != ExitOK {
		t.Errorf("after write: exit %d %s", code, errs)
	}
	acc := filepath.Join(dir, "data/reference/accounts.csv")
	b, _ := os.ReadFile(acc)
	if err := os.WriteFile(acc, append(b, "ent-e01-2,enterprise,E01\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runLPG("owners", "--check", "--root", dir); code != ExitInvalid || !strings.Contains(errs, "运行 lpg owners") {
		t.Errorf("drift: exit %d %s", code, errs)
	}
}
