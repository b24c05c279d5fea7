package cli

import (
	"context"
	"fmt"

	"lpg/internal/form"
	"lpg/internal/workbook"
)

type templateCmd struct {
	c    *Command
	root rootFlag
	out  string
	town string
}

// Run writes the blank .xlsx template of a form for clerks to fill.
func (m *templateCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(m.c, "template")
	m.root.register(fs)
	fs.StringVar(&m.out, "out", "", "输出文件（默认：排查表模板.xlsx 或 汇总表模板.xlsx，在当前目录）")
	fs.StringVar(&m.town, "town", "", "只列出该街镇（9 位代码）的村居")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != form.Hazards && pos[0] != form.Rectifications) {
		return usagef("用法：lpg template hazards|rectifications [--out 文件.xlsx] [--town 街镇代码]")
	}
	dir, err := m.root.fs()
	if err != nil {
		return err
	}
	res, err := m.c.loadRepository(dir, []string{"data/reference"})
	if err != nil {
		return err
	}
	if res.Diags.HasErrors() {
		return usagef("data/reference 有错误，请先运行 lpg validate data/reference")
	}
	if m.town != "" && res.Data.Ref.Town(m.town) == nil {
		return usagef("--town %q 不是 towns.csv 中的街镇代码", m.town)
	}
	b, err := workbook.Template(pos[0], res.Data.Ref, workbook.Options{Town: m.town})
	if err != nil {
		return err
	}
	out := m.out
	if out == "" {
		out = map[string]string{form.Hazards: "排查表模板.xlsx", form.Rectifications: "汇总表模板.xlsx"}[pos[0]]
	}
	if err := writeFileAtomic(out, b); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stderr, "已生成 %s\n", out)
	return nil
}
