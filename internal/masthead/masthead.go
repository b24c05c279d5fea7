// Package masthead reads the formal wrapper of the monthly report from the
// data repository (data/report.md): title, issuing body, the numbering of
// issues (期号) and the 报送 / 抄送 lists. It is configuration, not code:
// a district changes it with a pull request like any other data file.
//
// The file is Markdown with a front matter block of "key: value" lines
// (like data/meetings/*.md); the body is not used. Parse is pure; validate
// turns its problems into diagnostics and render uses the Config.
package masthead

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"lpg/internal/calendar"
	"lpg/internal/frontmatter"
	"lpg/internal/layout"
)

// File is the path of the configuration in the data repository.
const File = layout.MastheadFile

// Config is the formal wrapper of the monthly report.
type Config struct {
	Title       string         // 月报名称, 瓶装液化石油气安全隐患处置月报
	Issuer      string         // 印发单位, 青浦区燃气管理中心
	FirstIssue  calendar.Month // report month numbered FirstNumber (zero: no 期号)
	FirstNumber int            // its number, default 1
	SendTo      []string       // 报送
	CopyTo      []string       // 抄送
}

// Default is the wrapper used when the repository has no data/report.md
// (an edition tagged before the file existed): a generic title, no issuer
// line, no 期号, no lists.
var Default = Config{Title: "瓶装液化石油气安全隐患处置月报", FirstNumber: 1}

// Issue returns the 期号 of report month r: FirstNumber + the months from
// FirstIssue to r, continuing across years (第1期, 第2期, …). Every edition
// and the draft of a month share its number. ok is false before FirstIssue
// or when no FirstIssue is configured.
func (c Config) Issue(r calendar.Month) (n int, ok bool) {
	if c.FirstIssue.IsZero() || r.Compare(c.FirstIssue) < 0 {
		return 0, false
	}
	d := (r.Year-c.FirstIssue.Year)*12 + int(r.Month) - int(c.FirstIssue.Month)
	return c.FirstNumber + d, true
}

// Problem is one error in the file, at a 1-based line, with the key
// (column) and value concerned and a Chinese message and hint.
type Problem struct {
	Line             int
	Key, Value, Code string
	Message, Hint    string
}

// keys are the front matter keys, in the order the documentation lists them.
var keys = []string{"title", "issuer", "first_issue", "first_number", "send_to", "copy_to"}

// Parse reads data/report.md. Lists (send_to, copy_to) are separated by
// full-width or ASCII semicolons (；;), because a name may itself contain
// 、 (各街道办事处、镇人民政府). Parse always returns a usable Config:
// fields with problems keep their Default value.
func Parse(src []byte) (Config, []Problem) {
	c := Default
	var ps []Problem
	add := func(line int, key, val, code, msg, hint string) {
		ps = append(ps, Problem{Line: line, Key: key, Value: val, Code: code, Message: msg, Hint: hint})
	}
	if !utf8.Valid(src) {
		add(1, "", "", "report_config.encoding", "月报设置文件不是 UTF-8 编码，网站上会显示成乱码", "用记事本打开，“另存为”时编码选择“UTF-8”")
		return c, ps
	}
	doc, fps := frontmatter.Parse(src)
	// The block's lines in file order: fields and lines that are not one.
	type item struct {
		line int
		f    *frontmatter.Field
		text string
	}
	var items []item
	unclosed := 0
	for _, p := range fps {
		switch p.Kind {
		case frontmatter.NoBlock:
			add(1, "", "", "report_config.front_matter", "月报设置文件开头缺少 front matter（--- 包围的设置）",
				"第一行写 ---，然后每行一项，如 issuer: 青浦区燃气管理中心，最后一行 ---")
			return c, ps
		case frontmatter.Syntax:
			items = append(items, item{line: p.Line, text: p.Text})
		case frontmatter.Unclosed:
			unclosed = p.Line
		}
	}
	for i := range doc.Fields {
		items = append(items, item{line: doc.Fields[i].Line, f: &doc.Fields[i]})
	}
	sort.Slice(items, func(a, b int) bool { return items[a].line < items[b].line })
	seen := map[string]int{}
	for _, it := range items {
		if it.f == nil {
			add(it.line, "", it.text, "report_config.syntax", fmt.Sprintf("第 %d 行不是“名称: 值”的形式", it.line), "写成 issuer: 青浦区燃气管理中心")
			continue
		}
		k, v, ln := it.f.Key, it.f.Value, it.f.Line
		if prev, dup := seen[k]; dup {
			add(ln, k, v, "report_config.duplicate", fmt.Sprintf("“%s”在第 %d 行已经写过", k, prev), "每项只写一次；多个单位写在同一行，用“；”分隔")
			continue
		}
		seen[k] = ln
		switch k {
		case "title":
			c.Title = v
		case "issuer":
			c.Issuer = v
		case "first_issue":
			m, err := calendar.ParseMonth(v)
			if err != nil || v == "" {
				add(ln, k, v, "report_config.first_issue", fmt.Sprintf("第1期的月报月份“%s”不是 YYYY-MM", v), "写成 2026-06 这样的月份")
				continue
			}
			c.FirstIssue = m
		case "first_number":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				add(ln, k, v, "report_config.first_number", fmt.Sprintf("起始期号“%s”应为正整数", v), "写成 1（first_issue 那个月是第1期）")
				continue
			}
			c.FirstNumber = n
		case "send_to":
			c.SendTo = split(v)
		case "copy_to":
			c.CopyTo = split(v)
		default:
			add(ln, k, v, "report_config.key", fmt.Sprintf("不认识的设置项“%s”", k), "可用的设置项："+strings.Join(keys, "、"))
		}
	}
	if unclosed > 0 {
		add(unclosed, "", "", "report_config.front_matter", "front matter 没有结束的 --- 行", "在最后一项设置之后加一行 ---")
	}
	if strings.TrimSpace(c.Title) == "" {
		c.Title = Default.Title
		add(line(seen, "title"), "title", "", "report_config.title", "月报名称（title）为空", "写成 title: 瓶装液化石油气安全隐患处置月报")
	}
	if _, ok := seen["issuer"]; !ok || c.Issuer == "" {
		add(line(seen, "issuer"), "issuer", "", "report_config.issuer", "缺少印发单位（issuer）", "加一行 issuer: 青浦区燃气管理中心")
	}
	return c, ps
}

func line(seen map[string]int, k string) int {
	if n, ok := seen[k]; ok {
		return n
	}
	return 1
}

// split cuts a list at ； or ; and drops empty items.
func split(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == '；' || r == ';' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// IsFile reports whether p (slash path from the repository root) is the
// configuration file.
func IsFile(p string) bool { return p == File }
