package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/history"
	"lpg/internal/loop"
	"lpg/internal/render"
)

type buildCmd struct {
	c        *Command
	root     rootFlag
	out      string
	asOf     string
	internal bool
}

// Run validates, then renders the site to --out atomically. Invalid data:
// the diagnostics are printed and nothing is written (exit 1).
func (b *buildCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(b.c, "build")
	b.root.register(fs)
	fs.StringVar(&b.out, "out", "site", "输出目录（相对于 --root）")
	fs.StringVar(&b.asOf, "as-of", "", "统计截止时间，RFC 3339（默认：HEAD 提交时间）")
	fs.BoolVar(&b.internal, "internal", false, "内部版：显示全部个人信息，每页标注“内部资料”")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("build 不接受位置参数 %q", pos[0])
	}
	n, err := buildSite(b.c, b.root, b.root.abs(b.out), b.asOf, b.internal)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.c.Stderr, "已生成 %d 个文件到 %s\n", n, b.root.abs(b.out))
	return nil
}

// buildSite validates the repository and writes the site to out; it
// returns the number of files written.
func buildSite(c *Command, root rootFlag, out, asOfFlag string, internal bool) (int, error) {
	dir, err := root.fs()
	if err != nil {
		return 0, err
	}
	if err := checkOutDir(dir, out); err != nil {
		return 0, err
	}
	res, err := loadRepository(dir, nil)
	if err != nil {
		return 0, err
	}
	if res.Diags.HasErrors() {
		sum := diag.NewSummary(res.Files, res.Rows, &res.Diags)
		sum.Warnings = nil
		_ = diag.WriteText(c.Stderr, sum)
		fmt.Fprintln(c.Stderr, "数据有错误，未生成网站（原有输出保持不变）。")
		return 0, errInvalid
	}
	commit, headTime, herr := history.Head(dir)
	if herr != nil && !errors.Is(herr, history.ErrNoRepository) {
		return 0, herr
	}
	var asOf time.Time
	switch {
	case asOfFlag != "":
		asOf, err = time.Parse(time.RFC3339, asOfFlag)
		if err != nil {
			return 0, usagef("--as-of %q 不是 RFC 3339 时间（如 2026-11-30T23:59:59+08:00）", asOfFlag)
		}
	case herr == nil:
		asOf = headTime
	default:
		asOf = time.Now()
		fmt.Fprintf(c.Stderr, "提示：%s 不是 git 仓库，统计截止时间取当前时间 %s；用 --as-of 可得到可复现的结果。\n", dir, calendar.FormatTime(asOf))
	}
	files, err := render.Site(res.Data, render.Options{Internal: internal, Commit: commit, AsOf: asOf,
		Receipts: loop.ReceiptMap(res.Data.Receipts), Root: os.DirFS(dir)})
	if err != nil {
		return 0, err
	}
	files[siteMarker] = []byte(siteMarkerText)
	if err := render.Write(out, files); err != nil {
		return 0, err
	}
	return len(files), nil
}
