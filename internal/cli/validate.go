package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"

	"lpg/internal/check"
	"lpg/internal/diag"
	"lpg/internal/layout"
	"lpg/internal/repository"
	"lpg/internal/validate"
)

type validateCmd struct {
	c      *Command
	root   rootFlag
	format string
}

// Run validates the repository, or the given paths within it, and prints
// the diagnostics in the chosen format. Invalid data: errInvalid (exit 1).
func (v *validateCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(v.c, "validate")
	v.root.register(fs)
	fs.StringVar(&v.format, "format", "text", "输出格式：text、json 或 github")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	switch v.format {
	case "text", "json", "github":
	default:
		return usagef("--format 只能是 text、json 或 github，而不是 %q", v.format)
	}
	repo, err := v.root.open()
	if err != nil {
		return err
	}
	defer repo.Close()
	var only []string
	for _, p := range paths {
		rel, err := v.root.rel(p)
		if err != nil {
			return err
		}
		if _, err := os.Stat(v.root.abs(rel)); err != nil {
			return usagef("文件 %q 不存在", p)
		}
		only = append(only, rel)
	}
	res, err := v.c.load(repo, repo.Disk(), only)
	if err != nil {
		return err
	}
	if selected(only, layout.ReceiptsFile) {
		later, err := laterReceipts(repo)
		if err != nil {
			return err
		}
		res.Diags.AddAll(later)
	}
	sum := diag.NewSummary(res.Files, res.Rows, &res.Diags)
	switch v.format {
	case "json":
		err = diag.WriteJSON(v.c.Stdout, sum)
	case "github":
		err = diag.WriteGitHub(v.c.Stdout, sum)
	default:
		err = diag.WriteText(v.c.Stdout, sum)
	}
	if err != nil {
		return err
	}
	if len(sum.Errors) > 0 {
		return errInvalid
	}
	return nil
}

// load validates view (a state of repo: its working tree, or that with a
// file laid over it) with the clock as the time month folders are judged
// at (validate.Options.AsOf); only, when given, selects the paths whose
// diagnostics are reported; the rows of the files in canonical are kept
// for Result.Canonical.
func (c *Command) load(repo *repository.Repo, view repository.View, only []string, canonical ...string) (*validate.Result, error) {
	res, err := view.Load(validate.Options{Only: only, AsOf: c.now(), Canonical: canonical, Cache: c.cache})
	if errors.Is(err, validate.ErrNoData) {
		return nil, usagef("%q 下没有 data/ 目录：用 --root 指向数据仓库", repo.Dir())
	}
	return res, err
}

// selected reports whether p is among the paths given to validate (all
// when none is given).
func selected(only []string, p string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == "." || o == "" || layout.Under(p, strings.TrimSuffix(o, "/")) {
			return true
		}
	}
	return false
}

// laterReceipts warns about the lines of data/receipts.csv that record a
// time later than the file's first appearance on HEAD's main line
// (check.LaterReceipts). Outside git, in a repository without commits and
// in a shallow clone (whose history is cut) git gives no receipt to
// compare with: nothing is said.
func laterReceipts(repo *repository.Repo) ([]diag.Diagnostic, error) {
	b, err := repo.Disk().ReadFile(layout.ReceiptsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ix, err := repo.History()
	if errors.Is(err, repository.ErrShallow) || ix == nil && err == nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return check.LaterReceipts(b, ix.ReceivedAt, nil), nil
}
