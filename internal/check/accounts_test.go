package check

import (
	"os"
	"strings"
	"testing"

	"lpg/internal/reference"
	"lpg/internal/testrepo"
	"lpg/internal/validate"
)

// TestAccountsAgree (issue 10): accounts.csv is read once
// (validate.Accounts), so lpg validate and lpg check agree on a login
// written with "@", on case, and on a duplicate that differs only in case.
func TestAccountsAgree(t *testing.T) {
	f := newFixture(t)
	accounts := strings.Replace(f.base["data/reference/accounts.csv"], "\nent-e01,enterprise,E01\n", "\n@Ent-E01,enterprise,E01\n", 1) +
		"ENT-E02,town,310118102\n" + // a duplicate of ent-e02 but for case
		"ent-x,enterprise,\n" // no submitter
	base := f.base.With(testrepo.Files{"data/reference/accounts.csv": accounts})
	main := f.g.Commit("qp-gas-centre", at(1), "accounts", base, f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("ent-e01", base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), main)

	dir := t.TempDir()
	base.Write(t, dir)
	res, err := validate.Run(os.DirFS(dir), validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range res.Diags.Items() {
		if d.File == AccountsFile {
			got[d.Code] = d.Value
		}
	}
	for code, value := range map[string]string{"account.at": "@Ent-E01", "account.duplicate": "ENT-E02", "submitter.required": ""} {
		if v, ok := got[code]; !ok || v != value {
			t.Errorf("validate: %s on %q missing (got %v)", code, value, got)
		}
	}
	if _, bad := got["account.pattern"]; bad {
		t.Error("validate rejects the login written with @")
	}
	fromCheck, _ := validate.Accounts([]byte(accounts))
	if a, b := fmtAccounts(res.Data.Ref.Accounts), fmtAccounts(fromCheck); a != b {
		t.Errorf("validate and check read different accounts:\n%s\n%s", a, b)
	}

	for _, actor := range []string{"ent-e01", "@ENT-E01", "Ent-E01"} {
		r := f.check(actor)
		if r.Role != RoleEnterprise || r.Submitter != "E01" || !r.Ownership.OK {
			t.Errorf("check --actor %s: role %q submitter %q ownership %+v", actor, r.Role, r.Submitter, r.Ownership)
		}
	}
	for _, actor := range []string{"ent-e02", "ENT-E02"} { // the first row counts, as in validate
		if r := f.check(actor); r.Role != RoleEnterprise || r.Submitter != "E02" {
			t.Errorf("check --actor %s: role %q submitter %q, want the first row (enterprise E02)", actor, r.Role, r.Submitter)
		}
	}
	if r := f.check("ent-x"); r.Role != "" || r.Ownership.OK {
		t.Errorf("check --actor ent-x (no submitter): role %q ownership %+v, want unknown", r.Role, r.Ownership)
	}
}

func fmtAccounts(as []reference.Account) string {
	var b strings.Builder
	for _, a := range as {
		b.WriteString(a.Account + "," + a.Role + "," + a.Submitter + "\n")
	}
	return b.String()
}
