package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// siteMarker is written into every site lpg builds. A build replaces its
// output directory as a whole, so it only replaces a directory that is
// missing, empty (but for README.md) or carries this marker.
const siteMarker = ".lpg-site"

const siteMarkerText = "此目录由 lpg build 生成，每次生成时整体替换；不要在这里存放其他文件。\n"

// checkOutDir refuses an output directory that a build must not replace:
// the repository root, a directory containing it, anything inside data/,
// templates/, schema/ or .git, or an existing directory lpg did not make.
func checkOutDir(root, out string) error {
	r, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if rr, err := filepath.EvalSymlinks(r); err == nil {
		r = rr
	}
	if oo, err := filepath.EvalSymlinks(o); err == nil {
		o = oo
	}
	if within(r, o) {
		return usagef("输出目录 %q 是数据仓库本身或包含数据仓库：生成网站会整体替换输出目录，请改用 --out site 这样的子目录", out)
	}
	for _, d := range []string{"data", "templates", "schema", ".git", "cmd", "internal"} {
		if within(o, filepath.Join(r, d)) {
			return usagef("输出目录 %q 位于仓库的 %s/ 中：请改用 --out site 这样的独立目录", out, d)
		}
	}
	entries, err := os.ReadDir(o)
	if err != nil {
		return nil // missing (or unreadable: Write reports it)
	}
	for _, e := range entries {
		if e.Name() == siteMarker {
			return nil
		}
	}
	for _, e := range entries {
		if e.Name() != "README.md" {
			return usagef("输出目录 %q 已存在，其中有不是 lpg 生成的文件（如 %q）：生成网站会整体替换该目录，为防止误删已停止。请换一个目录，或确认后手工清空它", out, e.Name())
		}
	}
	return nil
}

// checkTemplateOut refuses an output file of lpg template inside the data
// repository's own folders (data/, templates/, schema/, .git): a template
// written there would replace a submitted file or a page template.
func checkTemplateOut(root, out string) error {
	r, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if rr, err := filepath.EvalSymlinks(r); err == nil {
		r = rr
	}
	if dd, err := filepath.EvalSymlinks(filepath.Dir(o)); err == nil {
		o = filepath.Join(dd, filepath.Base(o))
	}
	for _, d := range []string{"data", "templates", "schema", ".git"} {
		rel, err := filepath.Rel(filepath.Join(r, d), o)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return usagef("--out %q 位于数据仓库的 %s/ 中：模板不能写到那里（会覆盖已提交的文件）。请写到别处（如桌面），填好后另存为 CSV，再按 README 的文件名放进 data/", out, d)
		}
	}
	return nil
}

// within reports whether the absolute path p is dir or lies below it
// (lexically: resolve symbolic links first).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolved is the absolute path p with its symbolic links resolved as
// far as it exists.
func resolved(p string) string {
	p, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for q := p; ; q = filepath.Dir(q) {
		if r, err := filepath.EvalSymlinks(q); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(q) == q {
			return p
		}
		rest = filepath.Join(filepath.Base(q), rest)
	}
}
