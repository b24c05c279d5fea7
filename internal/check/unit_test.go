package check

import (
	"strings"
	"testing"

	"lpg/internal/diag"
	"lpg/internal/reference"
	"lpg/internal/validate"
)

func TestJudge(t *testing.T) {
	ent := reference.Account{Account: "ent-e01", Role: RoleEnterprise, Submitter: "E01"}
	town := reference.Account{Account: "town-102", Role: RoleTown, Submitter: "310118102"}
	centre := reference.Account{Account: "qp", Role: RoleGasCentre}
	for _, c := range []struct {
		a       reference.Account
		path    string
		deleted bool
		want    string
	}{
		{ent, "data/hazards/2026-08/E01.csv", false, ""},
		{ent, "data/hazards/2026-08/E01.csv", true, "owner.delete"},
		{ent, "data/hazards/2026-08/E011.csv", false, "owner.file"},
		{ent, "data/hazards/2026-08/sub/E01.csv", false, "owner.file"},
		{ent, "data/rectifications/2026-08/310118102.csv", false, "owner.file"},
		{ent, "data/inspections/2026-08/E01.csv", false, ""},
		{ent, "data/inspections/2026-08/E01.csv", true, "owner.delete"},
		{ent, "data/inspections/2026-08/E02.csv", false, "owner.file"},
		{town, "data/inspections/2026-08/E01.csv", false, "owner.file"},
		{ent, "data/reference/accounts.csv", false, "owner.file"},
		{ent, "README.md", false, "owner.outside"},
		{town, "data/rectifications/2026-06/310118102.csv", false, ""},
		{town, "data/rectifications/2026-06/310118103.csv", false, "owner.file"},
		{town, "data/hazards/2026-06/E01.csv", false, "owner.file"},
		{centre, "internal/check/check.go", false, ""},
		{centre, "data/reference/accounts.csv", true, ""},
		{centre, "data/hazards/2026-06/E01.csv", true, "owner.delete"},
		{centre, "data/meetings/2026-06.md", true, ""},
	} {
		if got := judge(c.a, c.path, c.deleted).code; got != c.want {
			t.Errorf("%s %s deleted=%v: %q, want %q", c.a.Account, c.path, c.deleted, got, c.want)
		}
	}
}

func TestCodeowners(t *testing.T) {
	accounts, _ := validate.Accounts([]byte("account,role,submitter\nqp-gas-centre,gas_centre,\n@ent-e01,enterprise,E01\nent-e01b,enterprise,E01\ntown-310118102,town,310118102\nbad,nobody,X\n"))
	gh, gt := Codeowners(accounts)
	for _, want := range []string{"\n* @qp-gas-centre\n", "\n/data/hazards/*/E01.csv @ent-e01 @ent-e01b @qp-gas-centre\n", "\n/data/inspections/*/E01.csv @ent-e01 @ent-e01b @qp-gas-centre\n", "\n/data/rectifications/*/310118102.csv @town-310118102 @qp-gas-centre\n"} {
		if !strings.Contains(string(gh), want) {
			t.Errorf("GitHub CODEOWNERS lacks %q:\n%s", want, gh)
		}
	}
	for _, want := range []string{"\n.* @qp-gas-centre\n", "\ndata/hazards/[^/]+/E01\\\\.csv @ent-e01 @ent-e01b\n"} {
		if !strings.Contains(string(gt), want) {
			t.Errorf("Gitea CODEOWNERS lacks %q:\n%s", want, gt)
		}
	}
	if strings.Contains(string(gh), "bad") {
		t.Error("an account with an unknown role is listed")
	}
}

// TestGitHubGroupsRoutineWarnings (issue 12 finding 10): a town's first
// 汇总表 with 60 warnings of one code gives one annotation with the count,
// not 60; two warnings of another code stay two; another file's warnings
// of the same code are their own group.
func TestGitHubGroupsRoutineWarnings(t *testing.T) {
	r := &Report{Passed: true}
	for i := 0; i < 60; i++ {
		r.Warnings = append(r.Warnings, diag.Diagnostic{File: "data/rectifications/2026-09/310118102.csv", Line: i + 2, Column: "隐患编号",
			Code: "status.not_yet", Message: "本行未填整改状态，按未报送统计", Severity: diag.Warning})
	}
	for i := 0; i < 2; i++ {
		r.Warnings = append(r.Warnings, diag.Diagnostic{File: "data/rectifications/2026-09/310118102.csv", Line: 70 + i, Column: "整改完成日期",
			Code: "date.normalised", Message: "日期按 2026-10-05 读取", Severity: diag.Warning})
	}
	for i := 0; i < 3; i++ {
		r.Warnings = append(r.Warnings, diag.Diagnostic{File: "data/rectifications/2026-09/310118103.csv", Line: i + 2, Column: "隐患编号",
			Code: "status.not_yet", Message: "本行未填整改状态，按未报送统计", Severity: diag.Warning})
	}
	var b strings.Builder
	if err := WriteGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "::warning "); n != 4 {
		t.Errorf("%d warning annotations, want 4 (one group of 60, two single, one group of 3):\n%s", n, out)
	}
	if !strings.Contains(out, "共 60 处（第 2、3、4、5、6、7、8、9、… 行）同类警告") || !strings.Contains(out, "共 3 处（第 2、3、4 行）同类警告") {
		t.Errorf("groups not counted:\n%s", out)
	}
}
