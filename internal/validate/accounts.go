package validate

import (
	"bytes"
	"fmt"
	"strings"

	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/reference"
)

// Accounts reads accounts.csv (its content b): the accounts of its usable
// rows, in file order, and the file's diagnostics. It is the one reading
// of the table: lpg validate (through readReference), lpg check (the
// target branch's table, for the ownership rule) and lpg owners (the
// CODEOWNERS files) all take their accounts from it, so they agree on
// every row.
//
// A login is normalised with layout.Login (a leading "@" is removed, with
// a warning) and compared case-insensitively, as GitHub and Gitea do:
// "Ent-E01" after "ent-e01" is a duplicate. A row with an error (no
// account, an unknown role, an enterprise or town account without a
// submitter, a duplicate) gives no account. Whether the submitter exists
// in enterprises.csv or towns.csv is checked by Run, which has them.
func Accounts(b []byte) ([]reference.Account, []diag.Diagnostic) {
	s := readSheet(layout.AccountsFile, bytes.Clone(b), form.Get(form.Accounts), nil) // readSheet keeps its bytes; b stays the caller's
	as := readAccounts(s)
	return as, s.out.Items()
}

// readAccounts applies the rules of one accounts.csv row to every row of s.
func readAccounts(s *sheet) []reference.Account {
	if s == nil || !s.ok {
		return nil
	}
	var out []reference.Account
	seen := map[string]int{}
	for _, r := range s.rows {
		raw := r.val("account")
		a := reference.Account{Account: layout.Login(raw), Role: r.val("role"), Submitter: r.val("submitter")}
		if a.Account != raw && !r.isBad("account") {
			s.warnf(r, "account", "account.at", "账号名前不写“@”；规范写法为“"+a.Account+"”",
				"账号“%s”按“%s”读取", raw, a.Account)
		}
		key := strings.ToLower(a.Account)
		if first, ok := seen[key]; ok && key != "" {
			s.errorf(r, "account", "account.duplicate", fmt.Sprintf("删除重复的一行：账号名不区分大小写（第 %d 行已有）", first),
				"账号“%s”重复出现", a.Account)
			continue
		}
		if key != "" {
			seen[key] = r.rec.Line
		}
		if (a.Role == layout.RoleEnterprise || a.Role == layout.RoleTown) && a.Submitter == "" && !r.isBad("submitter") {
			s.errorf(r, "submitter", "submitter.required", "企业账号填企业编号，街镇账号填 9 位街镇代码",
				"%s账号“%s”没有填写 submitter（所属单位）", roleWord(a.Role), a.Account)
		}
		if r.isBad("account") || r.isBad("role") || r.isBad("submitter") || a.Account == "" {
			continue
		}
		out = append(out, a)
	}
	return out
}

func roleWord(role string) string {
	if role == layout.RoleTown {
		return "街镇"
	}
	return "企业"
}
