package check

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"lpg/internal/layout"
	"lpg/internal/reference"
)

// Roles of accounts.csv (DESIGN.md "Other files"), from package layout.
const (
	RoleEnterprise = layout.RoleEnterprise
	RoleTown       = layout.RoleTown
	RoleGasCentre  = layout.RoleGasCentre
)

// Paths of the files that CODEOWNERS are written to: GitHub reads
// .github/CODEOWNERS first; Gitea does not look in .github/ and reads
// docs/CODEOWNERS (Go regular expressions).
const (
	AccountsFile     = layout.AccountsFile
	GitHubCodeowners = ".github/CODEOWNERS"
	GiteaCodeowners  = "docs/CODEOWNERS"
)

// findAccount returns the account named login (case-insensitively, as
// GitHub and Gitea logins are), or nil.
func findAccount(accounts []reference.Account, login string) *reference.Account {
	for i := range accounts {
		if strings.EqualFold(accounts[i].Account, login) {
			return &accounts[i]
		}
	}
	return nil
}

// ownedPatterns returns the path patterns (path.Match syntax) of the files
// an enterprise or town account may add or change; nil for the gas centre,
// which may change anything.
func ownedPatterns(a reference.Account) []string { return layout.Owned(a.Role, a.Submitter) }

// refusal is why an account may not make a change; zero when it may.
type refusal struct{ code, message, hint string }

// judge applies the ownership rule of issue 4 to one changed path.
// deleted is true when the change removes the file.
func judge(a reference.Account, p string, deleted bool) refusal {
	if deleted && layout.IsSubmission(p) {
		return refusal{"owner.delete", "已提交的文件不能删除",
			"撤回隐患不是删除文件：由街镇在汇总表中把该隐患的整改状态填为“核实无此隐患”；文件放错位置请联系区燃气中心处理"}
	}
	pats := ownedPatterns(a)
	if len(pats) == 0 {
		return refusal{}
	}
	for _, pat := range pats {
		if ok, _ := path.Match(pat, p); ok {
			return refusal{}
		}
	}
	what := "本街镇的汇总表 " + strings.Join(pats, "、")
	if a.Role == RoleEnterprise {
		what = "本企业的排查表和入户安检量表 " + strings.Join(pats, "、")
	}
	if !layout.Under(p, layout.DataDir) {
		return refusal{"owner.outside", fmt.Sprintf("账号“%s”只能提交 data/ 下的数据文件，不能修改 %s", a.Account, p),
			"只上传" + what + "；程序、模板和工作流由区燃气中心维护"}
	}
	return refusal{"owner.file", fmt.Sprintf("账号“%s”（%s）不能修改这个文件", a.Account, roleName(a)),
		"只能新增或修改" + what + "（文件名必须是本单位编号）；需要更正其他单位的数据请联系区燃气中心"}
}

func roleName(a reference.Account) string {
	switch a.Role {
	case RoleEnterprise:
		return "企业 " + a.Submitter
	case RoleTown:
		return "街镇 " + a.Submitter
	case RoleGasCentre:
		return "区燃气中心"
	}
	return a.Role
}

// Codeowners returns the GitHub .github/CODEOWNERS and the Gitea
// docs/CODEOWNERS derived from accounts: the gas centre owns everything
// (so it is asked to review every pull request); each enterprise account
// also owns data/hazards/*/<id>.csv and data/inspections/*/<id>.csv, and
// each town account data/rectifications/*/<code>.csv. On GitHub the last matching line
// wins, so the gas centre is repeated on the per-file lines.
func Codeowners(accounts []reference.Account) (github, gitea []byte) {
	var centre []string
	owners := map[string][]string{} // pattern → accounts
	for _, a := range accounts {
		if a.Role == RoleGasCentre {
			centre = append(centre, "@"+a.Account)
			continue
		}
		for _, p := range ownedPatterns(a) {
			owners[p] = append(owners[p], "@"+a.Account)
		}
	}
	sort.Strings(centre)
	pats := make([]string, 0, len(owners))
	for p := range owners {
		pats = append(pats, p)
		sort.Strings(owners[p])
	}
	sort.Strings(pats)
	head := "# 由 `lpg owners` 根据 " + AccountsFile + " 生成，请勿手工修改：改账号表后运行 lpg owners 并一起提交。\n" +
		"# CI 会检查本文件与账号表是否一致。区燃气中心审核一切改动；企业、街镇是各自文件的所有人。\n"
	var gh, gt bytes.Buffer
	gh.WriteString(head + "# GitHub 格式（gitignore 式路径，后面的行优先）。\n\n")
	gt.WriteString(head + "# Gitea 格式（Go 正则表达式，匹配的各行都生效）；GitHub 使用 .github/CODEOWNERS。\n\n")
	cs := strings.Join(centre, " ")
	if cs != "" {
		gh.WriteString("* " + cs + "\n")
		gt.WriteString(".* " + cs + "\n")
	}
	for _, p := range pats {
		own := strings.Join(owners[p], " ")
		ghOwn := own
		if cs != "" {
			ghOwn += " " + cs
		}
		fmt.Fprintf(&gh, "/%s %s\n", p, ghOwn)
		fmt.Fprintf(&gt, "%s %s\n", giteaPattern(p), own)
	}
	return gh.Bytes(), gt.Bytes()
}

// giteaPattern turns a path.Match pattern with "*" segments into the
// escaped Go regular expression Gitea expects: regexp metacharacters are
// written with "\\" because Gitea unescapes one level first.
func giteaPattern(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if s == "*" {
			parts[i] = "[^/]+"
			continue
		}
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(s), `\`, `\\`)
	}
	return strings.Join(parts, "/")
}

func accountOf(r *Report) reference.Account {
	return reference.Account{Account: r.Actor, Role: r.Role, Submitter: r.Submitter}
}
