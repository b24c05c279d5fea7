package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"lpg/internal/testrepo"
)

// TestCheckAndImportAgree: the same change, once as a pull request (lpg
// check) and once as a clerk's import into the base's working tree (lpg
// import), yields the same errors: both keep what the change causes
// through validate.Caused. The change is E01's 2026-07 排查表 with a bad
// phone (an error of the changed file) and without hazard
// E01-202607-0068, whose 汇总表 row in an unchanged file then points
// nowhere (an error the change causes elsewhere).
func TestCheckAndImportAgree(t *testing.T) {
	base := testrepo.ReadDir(t, "../check/testdata/base")
	const target = "data/hazards/2026-07/E01.csv"
	var kept []string
	for _, l := range strings.SplitAfter(base[target], "\n") {
		if !strings.HasPrefix(l, "E01-202607-0068,") {
			kept = append(kept, l)
		}
	}
	changed := strings.Replace(strings.Join(kept, ""), "13800130919", "1380013091", 1)

	// lpg check: main holds base, the branch the change.
	g := testrepo.NewGit(t, t.TempDir())
	when := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	main := g.Commit("qp-gas-centre", when, "base", base)
	head := g.Commit("ent-e01", when.Add(time.Hour), "E01", base.With(testrepo.Files{target: changed}), main)
	g.Ref("refs/heads/main", main)
	g.Ref("refs/heads/feature", head)
	g.Head("feature")
	code, out, errs := runLPG("check", "--root", g.Dir, "--base", "main", "--format", "json")
	if code != ExitInvalid {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	var rep struct {
		Errors []struct {
			File, Code, Value string
			Line              int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var fromCheck []string
	for _, d := range rep.Errors {
		fromCheck = append(fromCheck, d.File+":"+itoa(d.Line)+":"+d.Code+":"+d.Value)
	}

	// lpg import: the base as a working tree, the changed file imported.
	root := t.TempDir()
	base.Write(t, root)
	src := filepath.Join(t.TempDir(), "E01.csv")
	if err := os.WriteFile(src, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run("import", src, "--form", "hazards", "--root", root)
	if code != ExitInvalid {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	// "file:line:column: 错误: …“value”… [code]"; the clerk's own file is
	// named by its cell ("E01.csv F2": row 2, the line of the target, which
	// has no title rows).
	line := regexp.MustCompile(`^(\S+?)(?::(\d+)| [A-Z]+(\d+)):[^:]*: 错误: [^“]*“([^”]*)”.*\[([a-z_.]+)\]$`)
	var fromImport []string
	for _, l := range strings.Split(out, "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			f, n := m[1], m[2]
			if f == filepath.Base(src) {
				f, n = target, m[3]
			}
			fromImport = append(fromImport, f+":"+n+":"+m[5]+":"+m[4])
		}
	}
	sort.Strings(fromCheck)
	sort.Strings(fromImport)
	want := []string{
		"data/hazards/2026-07/E01.csv:2:phone.format:1380013091",
		"data/rectifications/2026-07/310118102.csv:7:hazard_id.unknown:E01-202607-0068",
	}
	if strings.Join(fromCheck, "\n") != strings.Join(want, "\n") {
		t.Errorf("check errors:\n%s\nwant:\n%s", strings.Join(fromCheck, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(fromImport, "\n") != strings.Join(fromCheck, "\n") {
		t.Errorf("import errors:\n%s\ncheck errors:\n%s\nimport output:\n%s", strings.Join(fromImport, "\n"), strings.Join(fromCheck, "\n"), out)
	}
}
