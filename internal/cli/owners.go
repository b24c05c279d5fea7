package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"

	"lpg/internal/check"
)

type ownersCmd struct {
	c     *Command
	root  rootFlag
	check bool
}

// Run writes .github/CODEOWNERS and docs/CODEOWNERS from
// data/reference/accounts.csv, or with --check reports (exit 1) when the
// committed files differ from what the table gives.
func (o *ownersCmd) Run(_ context.Context, args []string) error {
	flags := newFlagSet(o.c, "owners")
	o.root.register(flags)
	flags.BoolVar(&o.check, "check", false, "只检查已提交的 CODEOWNERS 是否与账号表一致，不写文件")
	pos, err := parseInterleaved(flags, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("多余的参数 %q", pos)
	}
	repo, err := o.root.open()
	if err != nil {
		return err
	}
	defer repo.Close()
	accounts, err := repo.Disk().Accounts() // lpg validate reports the rows left out
	if err != nil {
		return usagef("读取账号表失败：%v", err)
	}
	gh, gt := check.Codeowners(accounts)
	files := []struct {
		path string
		want []byte
	}{{check.GitHubCodeowners, gh}, {check.GiteaCodeowners, gt}}
	var drift []string
	for _, f := range files {
		if o.check {
			have, err := repo.Disk().ReadFile(f.path)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if !bytes.Equal(have, f.want) {
				drift = append(drift, f.path)
			}
			continue
		}
		if err := repo.WriteFile(f.path, f.want); err != nil {
			return err
		}
		fmt.Fprintf(o.c.Stdout, "已写入 %s\n", f.path)
	}
	for _, p := range drift {
		fmt.Fprintf(o.c.Stderr, "%s 与 %s 不一致：运行 lpg owners 重新生成并一起提交\n", p, check.AccountsFile)
	}
	if len(drift) > 0 {
		return errInvalid
	}
	if o.check {
		fmt.Fprintf(o.c.Stdout, "CODEOWNERS 与 %s 一致\n", check.AccountsFile)
	}
	return nil
}
