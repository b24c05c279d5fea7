package cli

import (
	"context"
	"errors"
	"os"
	"time"

	"lpg/internal/diag"
	"lpg/internal/history"
	"lpg/internal/memlimit"
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
	defer memlimit.Follow(validate.MemoryLimit, true)()
	var histErr error
	res, err := v.c.loadWith(repo, repo.Disk(), validate.Options{Only: only, FirstSeen: func(p string) (time.Time, bool) {
		ix, err := firstSeen(repo)
		if err != nil || ix == nil {
			histErr = err
			return time.Time{}, false
		}
		return ix.ReceivedAt(p)
	}, MainLine: func(commit string) (bool, bool) {
		ix, err := firstSeen(repo)
		if err != nil || ix == nil {
			histErr = err
			return false, false
		}
		return ix.OnChain(commit), true
	}})
	if err == nil {
		err = histErr
	}
	if err != nil {
		return err
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
	return c.loadWith(repo, view, validate.Options{Only: only, Canonical: canonical})
}

// loadWith is load with more options (o.AsOf and o.Cache are the
// command's).
func (c *Command) loadWith(repo *repository.Repo, view repository.View, o validate.Options) (*validate.Result, error) {
	o.AsOf, o.Cache = c.now(), c.cache
	res, err := view.Load(o)
	if errors.Is(err, validate.ErrNoData) {
		return nil, usagef("%q 下没有 data/ 目录：用 --root 指向数据仓库", repo.Dir())
	}
	return res, err
}

// firstSeen is HEAD's main line, read on the first receipts.csv line
// that validate asks about (validate.Options.FirstSeen: a line that
// records a file later than its first appearance there is warned about,
// received_at.later). Outside git, in a repository without commits and in
// a shallow clone (whose history is cut) git gives no time to compare
// with: nil, and nothing is said.
func firstSeen(repo *repository.Repo) (*history.Index, error) {
	ix, err := repo.History()
	if errors.Is(err, repository.ErrShallow) {
		return nil, nil
	}
	return ix, err
}
