package validate

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/layout"
)

// A clerk who uploads a downloaded file under the name it was saved as
// (rectification-2026-09.csv, 汇总表.xlsx, 朱家角镇.csv) gets an error that
// names the path it must have (issue 12 finding 4): the month from the
// folder (or from the name), the submitter from the name when it is one,
// else from the hazard ids inside the file.

// monthInName finds 2026-09, 2026_09 or 202609 in a file name.
var monthInName = regexp.MustCompile(`(20\d\d)[-_.]?(0[1-9]|1[0-2])`)

// uploadPath returns the path file should have been uploaded as, or ""
// when it cannot tell. It is called for files under data/hazards or
// data/rectifications whose path does not parse; the rows of a 汇总表 are
// looked up among the hazards already read.
func (v *validator) uploadPath(file string) string {
	kind, ok := layout.KindOf(file)
	if !ok {
		return ""
	}
	rest := strings.TrimPrefix(file, kind.Dir()+"/")
	folder, name := path.Split(rest)
	folder = strings.TrimSuffix(folder, "/")
	stem := strings.TrimSuffix(name, path.Ext(name))
	var month calendar.Month
	if m, err := layout.ParseMonth(folder); err == nil {
		month = m
	} else if g := monthInName.FindStringSubmatch(folder + " " + stem); g != nil {
		month, _ = calendar.ParseMonth(g[1] + "-" + g[2])
	}
	submitter := ""
	switch {
	case kind == layout.Hazards && v.ref.Enterprise(strings.ToUpper(stem)) != nil:
		submitter = strings.ToUpper(stem)
	case kind == layout.Rectifications && v.ref.Town(stem) != nil:
		submitter = stem
	case kind == layout.Rectifications:
		if m := v.ref.ResolveTown(stem); m.Code != "" && !m.Ambiguous {
			submitter = m.Code
		}
	}
	if submitter == "" || month.IsZero() {
		s, m := v.submitterFromRows(file, kind)
		if submitter == "" {
			submitter = s
		}
		if month.IsZero() {
			month = m
		}
	}
	if submitter == "" || month.IsZero() {
		return ""
	}
	return layout.Submission{Kind: kind, Month: month, Submitter: submitter}.Path()
}

// submitterFromRows reads the 隐患编号 of file's rows: the enterprise
// (排查表) or the town (汇总表) they all belong to, and their month; ""
// and a zero month when the rows disagree or name no known hazard.
func (v *validator) submitterFromRows(file string, kind layout.Kind) (string, calendar.Month) {
	p, ok := v.pre[file]
	if !ok || p.s == nil || !p.s.ok {
		return "", calendar.Month{}
	}
	who, when := map[string]bool{}, map[calendar.Month]bool{}
	for _, r := range p.s.rows {
		id := r.val("hazard_id")
		if id == "" {
			continue
		}
		if kind == layout.Hazards {
			if h, err := layout.ParseHazardID(id); err == nil && v.ref.Enterprise(h.Enterprise) != nil {
				who[h.Enterprise], when[h.Month] = true, true
			}
		} else if h := v.hazardOf(id); h != nil {
			who[h.Town], when[h.Month] = true, true
		}
	}
	if len(who) != 1 || len(when) != 1 {
		return "", calendar.Month{}
	}
	var s string
	var m calendar.Month
	for k := range who {
		s = k
	}
	for k := range when {
		m = k
	}
	return s, m
}

// uploadHint is the hint of a file.location error for file: the path to
// use when uploadPath can tell it, else hint.
func (v *validator) uploadHint(file, hint string) string {
	want := v.uploadPath(file)
	if want == "" {
		return hint
	}
	name := path.Base(file)
	what := "文件名是 9 位街镇代码"
	if strings.HasPrefix(want, layout.HazardsDir+"/") {
		what = "文件名是企业编号"
	}
	how := fmt.Sprintf("应上传为 %s（%s，放在以月份命名的文件夹中）", want, what)
	lower := strings.ToLower(name)
	switch {
	case !strings.HasSuffix(lower, ".csv"):
		how = fmt.Sprintf("在 Excel 中“另存为”CSV UTF-8，文件名写 %s，%s", path.Base(want), how)
	case name != path.Base(want):
		how = fmt.Sprintf("“%s”不是上传用的文件名（网站下载的文件请改名）：%s", name, how)
	}
	return how
}
