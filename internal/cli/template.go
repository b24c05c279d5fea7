package cli

import (
	"context"
	"flag"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/repository"
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
	fs.StringVar(&m.out, "out", "", "输出文件（默认：排查表模板.xlsx、汇总表模板.xlsx 或 入户安检量表模板.xlsx，在当前目录）")
	fs.StringVar(&m.town, "town", "", "只列出该街镇（9 位代码）的村居")
	fs.Lookup("root").Usage = "数据仓库目录（默认：当前目录或含 " + layout.ReferenceDir + " 的最近上级目录）"
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != form.Hazards && pos[0] != form.Rectifications && pos[0] != form.Inspections) {
		return usagef("用法：lpg template hazards|rectifications|inspections [--root DIR] [--out 文件.xlsx] [--town 街镇代码]（在数据仓库的根目录或其子目录中运行时不需要 --root）")
	}
	rootGiven := false
	fs.Visit(func(f *flag.Flag) { rootGiven = rootGiven || f.Name == "root" })
	if !rootGiven {
		// The template needs only data/reference: find it from the
		// current directory upwards, as git finds .git (issue 12 finding 5).
		if d, ok := repository.Find(m.root.dir); ok {
			m.root.dir = d
		} else {
			return usagef("当前目录及其上级目录中都没有 %s/：请在数据仓库中运行，或用 --root 指向数据仓库", layout.ReferenceDir)
		}
	}
	repo, err := m.root.open()
	if err != nil {
		return err
	}
	defer repo.Close()
	res, err := m.c.load(repo, repo.Disk(), []string{layout.ReferenceDir})
	if err != nil {
		return err
	}
	if res.Diags.HasErrors() {
		return usagef("%s 有错误，请先运行 lpg validate %[1]s", layout.ReferenceDir)
	}
	if m.town != "" && res.Data.Ref.Town(m.town) == nil {
		return usagef("--town %q 不是 %s 中的街镇代码", m.town, path.Base(layout.TownsFile))
	}
	// Review round 3, G35: the upload name data/rectifications/<月份>/<代码>.csv
	// typed as --out overwrote a submitted file with a workbook.
	if m.out != "" {
		if !strings.EqualFold(filepath.Ext(m.out), ".xlsx") {
			return usagef("--out %q 不是 .xlsx 文件：模板是 Excel 工作簿，请用 .xlsx 结尾的文件名（如 汇总表模板.xlsx）；填好后另存为 CSV 再放进 data/", m.out)
		}
		if err := checkTemplateOut(m.root.dir, m.out); err != nil {
			return err
		}
	}
	b, err := workbook.Template(pos[0], res.Data.Ref, workbook.Options{Town: m.town})
	if err != nil {
		return err
	}
	out := m.out
	if out == "" {
		out = map[string]string{form.Hazards: "排查表模板.xlsx", form.Rectifications: "汇总表模板.xlsx", form.Inspections: "入户安检量表模板.xlsx"}[pos[0]]
	}
	if err := repository.WriteAtomic(out, b); err != nil {
		return err
	}
	fmt.Fprintf(m.c.Stderr, "已生成 %s\n", out)
	return nil
}
