package check

import (
	"strings"
	"testing"

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
