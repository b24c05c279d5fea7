package cli

import (
	"strings"

	"lpg/internal/history"
	"lpg/internal/layout"
	"lpg/internal/render"
)

// workTreeChanges is the G32 mark (review round 3 G32, round 4 H5 and
// H12): the files lpg build reads from the work tree — below data/ those
// validate reads (layout.Reads), below templates/ the overrides render
// reads (render.ReadsTemplate) — that differ from HEAD, ignored by git or
// not (history.Repo.Clean). lpg build marks its site with them and lpg
// publish refuses while there are any. list names up to 10, separated by
// 、, each ignored one followed by （被 git 忽略）; note, when one is
// ignored, says how to commit or remove it (Chinese, no final stop).
func workTreeChanges(g *history.Repo) (clean bool, list, note string, err error) {
	clean, changes, err := g.Clean([]string{layout.DataDir, layout.TemplatesDir}, func(p string) bool {
		return layout.Reads(p) || render.ReadsTemplate(p)
	})
	if err != nil || clean {
		return clean, "", "", err
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.Path
		if c.Ignored {
			names[i] += "（被 git 忽略）"
			note = "标注“被 git 忽略”的文件 git status 不显示，lpg 照样读取：请用 git add -f 提交，或把它移出 data/ 和 templates/"
		}
	}
	return false, strings.Join(names, "、"), note, nil
}
