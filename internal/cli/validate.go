package cli

import (
	"context"
	"errors"
	"os"

	"lpg/internal/diag"
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
	dir, err := v.root.fs()
	if err != nil {
		return err
	}
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
	res, err := loadRepository(dir, only)
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

// loadRepository validates the repository at dir.
func loadRepository(dir string, only []string) (*validate.Result, error) {
	res, err := validate.Repository(os.DirFS(dir), only)
	if errors.Is(err, validate.ErrNoData) {
		return nil, usagef("%q 下没有 data/ 目录：用 --root 指向数据仓库", dir)
	}
	return res, err
}
