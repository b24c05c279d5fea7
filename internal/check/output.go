package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"lpg/internal/diag"
	"lpg/internal/loop"
)

// MaxAnnotations is how many annotations of one kind GitHub shows per
// step; the rest are counted and printed as plain log lines.
const MaxAnnotations = 10

var statusName = map[string]string{"added": "新增", "modified": "修改", "deleted": "删除", "gitlink": "子模块"}

// severities in the order the summary shows them.
var severities = []string{"重大", "严重", "一般"}

func (r *Report) verdictLine() string {
	if r.Passed {
		return fmt.Sprintf("通过：%d 个错误，%d 个警告", len(r.Errors), len(r.Warnings))
	}
	return fmt.Sprintf("未通过：%d 个错误，%d 个警告", len(r.Errors), len(r.Warnings))
}

func (r *Report) actorName() string {
	if r.Actor == "" {
		return "（未指定）"
	}
	if r.Role == "" {
		return r.Actor + "（未登记）"
	}
	return r.Actor + "（" + roleName(accountOf(r)) + "）"
}

// WriteJSON writes r as one indented JSON object.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes r for a terminal: the revisions, the changed files with
// their row counts, the ownership verdict, one line per diagnostic
// (file:line:column: message) and the verdict.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "lpg check：%s (%s) ← %s (%s)，合并基点 %s\n", r.Base.Rev, r.Base.Hash[:7], r.Head.Rev, r.Head.Hash[:7], r.MergeBase[:7])
	fmt.Fprintf(&b, "提交人：%s\n", r.actorName())
	fmt.Fprintf(&b, "改动的文件（%d）：\n", len(r.Files))
	for _, f := range r.Files {
		mark := ""
		if !f.Allowed {
			mark = "  ✗ 无权修改"
		}
		if f.Kind != "" && f.Status != "gitlink" {
			fmt.Fprintf(&b, "  %s %s  行：+%d ~%d -%d%s\n", statusName[f.Status], f.Path, f.Added, f.Changed, f.Removed, mark)
		} else {
			fmt.Fprintf(&b, "  %s %s%s\n", statusName[f.Status], f.Path, mark)
		}
	}
	for _, o := range r.Outcomes {
		fmt.Fprintf(&b, "结果：%s  %s\n", o.File, o.Text)
	}
	fmt.Fprintf(&b, "权限：%s\n", r.Ownership.Reason)
	for _, x := range r.Receipts {
		if x.At != "" {
			fmt.Fprintf(&b, "收件时间：%s 合并后登记为 %s（pull request 创建时间），截止 %s，%s\n", x.Path, x.At, x.Due, loop.StatusLabel[x.Status])
		}
	}
	for _, p := range r.Published {
		fmt.Fprintf(&b, "注意：%s 所属月份 %s 已发布月报（%s），请审核人重点核对更正\n", p.File, p.Month, strings.Join(p.Editions, "、"))
	}
	if len(r.Alterations) > 0 {
		b.WriteString(alterationsHeading + "：\n")
		for _, a := range r.Alterations {
			fmt.Fprintf(&b, "  %s：%s\n", a.File, a.Title)
			for _, x := range a.Rows {
				fmt.Fprintf(&b, "    %s：%s\n", x.ID, x.Change)
			}
		}
	}
	for _, d := range r.Errors {
		b.WriteString(diag.TextLine(d, "错误"))
	}
	for _, g := range groupWarnings(r.Warnings) {
		b.WriteString(diag.TextLine(g.line(), "警告"))
	}
	fmt.Fprintf(&b, "检查了 %d 个文件、%d 行数据。结论：%s。\n", r.Validated.Files, r.Validated.Rows, r.verdictLine())
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteGitHub writes r as GitHub Actions workflow commands: at most
// MaxAnnotations error and warning annotations (GitHub drops the rest),
// then the remaining diagnostics as plain log lines with their count, and
// one notice with the verdict.
func WriteGitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	var rest []string
	for i, d := range r.Errors {
		if i < MaxAnnotations {
			b.WriteString(diag.Annotation("error", d))
		} else {
			rest = append(rest, diag.TextLine(d, "错误"))
		}
	}
	for i, g := range groupWarnings(r.Warnings) {
		if i < MaxAnnotations {
			b.WriteString(diag.Annotation("warning", g.line()))
		} else {
			rest = append(rest, diag.TextLine(g.line(), "警告"))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(&b, "另有 %d 条诊断未显示为注释（GitHub 每步每类最多显示 %d 条），完整列表见作业摘要（Summary）和下面各行：\n", len(rest), MaxAnnotations)
		for _, l := range rest {
			b.WriteString(l)
		}
	}
	title := "lpg check 通过"
	if !r.Passed {
		title = "lpg check 未通过"
	}
	fmt.Fprintf(&b, "::notice title=%s::%s；权限：%s\n", title, r.verdictLine(), r.Ownership.Reason)
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown limits: rows of the diagnostics tables.
const (
	maxErrorRows   = 100
	maxWarningRows = 50
)

// WriteMarkdown writes r as a job summary a reviewer can act on: the
// verdict, published-month notes, the ownership verdict, the changed files
// with rows added/changed/removed against the merge base, the hazards
// added by town and severity, and the errors and warnings in tables. It is
// also the readable output on Gitea, which shows no annotations.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	icon := "✅"
	if !r.Passed {
		icon = "❌"
	}
	fmt.Fprintf(&b, "## %s lpg check %s\n\n", icon, r.verdictLine())
	fmt.Fprintf(&b, "目标 %s（`%s`）← 提交 %s（`%s`），合并基点 `%s`；提交人 %s。\n\n",
		mdCode(r.Base.Rev), r.Base.Hash[:7], mdCode(r.Head.Rev), r.Head.Hash[:7], r.MergeBase[:7], md(r.actorName()))
	if len(r.Published) > 0 {
		b.WriteString("> [!WARNING]\n> **更正已发布月份的数据**：以下文件所属月份已发布月报，已发布的版本不会改变，更正将在下一版中体现。请审核人逐行核对。\n")
		for _, p := range r.Published {
			fmt.Fprintf(&b, "> - %s（%s；%s）\n", mdCode(p.File), p.Month, md(strings.Join(p.Editions, "、")))
		}
		b.WriteString("\n")
	}
	alterationsBlock(&b, r)
	b.WriteString("### 权限\n\n")
	switch {
	case !r.Ownership.Checked:
		b.WriteString("➖ " + md(r.Ownership.Reason) + "\n\n")
	case r.Ownership.OK:
		b.WriteString("✅ " + md(r.Ownership.Reason) + "\n\n")
	default:
		b.WriteString("❌ " + md(r.Ownership.Reason) + "\n\n")
	}
	fmt.Fprintf(&b, "### 改动的文件（%d）\n\n", len(r.Files))
	if len(r.Files) == 0 {
		b.WriteString("没有改动。\n\n")
	} else {
		b.WriteString("| 文件 | 状态 | 新增行 | 修改行 | 删除行 | 权限 |\n|---|---|--:|--:|--:|:-:|\n")
		for _, f := range r.Files {
			ok := "✅"
			switch {
			case !r.Ownership.Checked:
				ok = "➖"
			case !f.Allowed:
				ok = "❌"
			}
			if f.Kind == "" || f.Status == "gitlink" {
				fmt.Fprintf(&b, "| %s | %s | | | | %s |\n", mdCode(f.Path), statusName[f.Status], ok)
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %s |\n", mdCode(f.Path), statusName[f.Status], f.Added, f.Changed, f.Removed, ok)
		}
		b.WriteString("\n")
	}
	receiptSection(&b, r)
	if len(r.Outcomes) > 0 {
		b.WriteString("### 结果\n\n")
		for _, o := range r.Outcomes {
			fmt.Fprintf(&b, "- %s：%s\n", mdCode(o.File), md(o.Text))
		}
		b.WriteString("\n")
	}
	if len(r.NewHazards) > 0 {
		writeNewHazards(&b, r.NewHazards)
	}
	diagTable(&b, "错误", len(r.Errors), r.Errors, maxErrorRows)
	var warns []diag.Diagnostic
	for _, g := range groupWarnings(r.Warnings) {
		warns = append(warns, g.line())
	}
	diagTable(&b, "警告", len(r.Warnings), warns, maxWarningRows)
	if len(warns) < len(r.Warnings) {
		fmt.Fprintf(&b, "同一文件中同类的警告（%d 处以上）合为一行，并注明次数和行号。\n\n", routineMin)
	}
	fmt.Fprintf(&b, "校验了合并后的整个仓库：%d 个文件、%d 行数据；只列出改动的文件和本次改动引起的问题。\n", r.Validated.Files, r.Validated.Rows)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNewHazards writes the table of added hazards by town and severity.
// Hazards whose severity could not be determined (rows with errors) get a
// column 未定, so every row and the total add up.
func writeNewHazards(b *strings.Builder, towns []TownCount) {
	cols := append([]string(nil), severities...)
	for _, t := range towns {
		if t.BySeverity[unrated] > 0 {
			cols = append(cols, unrated)
			break
		}
	}
	b.WriteString("### 新增隐患（按街镇、等级）\n\n| 街镇 | " + strings.Join(cols, " | ") + " | 合计 |\n|---|" + strings.Repeat("--:|", len(cols)+1) + "\n")
	sum := map[string]int{}
	total := 0
	for _, t := range towns {
		fmt.Fprintf(b, "| %s |", md(t.Name))
		for _, s := range cols {
			fmt.Fprintf(b, " %d |", t.BySeverity[s])
			sum[s] += t.BySeverity[s]
		}
		fmt.Fprintf(b, " %d |\n", t.Total)
		total += t.Total
	}
	b.WriteString("| **合计** |")
	for _, s := range cols {
		fmt.Fprintf(b, " **%d** |", sum[s])
	}
	fmt.Fprintf(b, " **%d** |\n\n", total)
}

// routineMin is how many warnings of one code in one file make them
// routine: they are shown as one line with their count, so that 60
// “按未报送统计” notices of a first 汇总表 do not bury the real messages.
const routineMin = 3

// warnGroup is the warnings of one code in one file.
type warnGroup struct{ items []diag.Diagnostic }

// line is the group as one diagnostic: the first one, with the count and
// the lines (rows) it occurs on.
func (g warnGroup) line() diag.Diagnostic {
	d := g.items[0]
	if len(g.items) < routineMin {
		return d
	}
	var lines []string
	for i, x := range g.items {
		if i == 8 {
			lines = append(lines, "…")
			break
		}
		lines = append(lines, fmt.Sprint(x.Line))
	}
	d.Message = fmt.Sprintf("共 %d 处（第 %s 行）同类警告，例：%s", len(g.items), strings.Join(lines, "、"), d.Message)
	return d
}

// groupWarnings groups ws (sorted by file, line) by file and code, in the
// order of each group's first warning. Groups smaller than routineMin
// are split back into single warnings.
func groupWarnings(ws []diag.Diagnostic) []warnGroup {
	idx := map[[2]string]int{}
	var groups []warnGroup
	for _, d := range ws {
		k := [2]string{d.File, d.Code}
		i, ok := idx[k]
		if !ok {
			i = len(groups)
			idx[k] = i
			groups = append(groups, warnGroup{})
		}
		groups[i].items = append(groups[i].items, d)
	}
	var out []warnGroup
	for _, g := range groups {
		if len(g.items) >= routineMin {
			out = append(out, g)
			continue
		}
		for _, d := range g.items {
			out = append(out, warnGroup{items: []diag.Diagnostic{d}})
		}
	}
	return out
}

// receiptSection writes the receipt times the merge will record for the
// submission files the pull request adds (issue 11).
func receiptSection(b *strings.Builder, r *Report) {
	if len(r.Receipts) == 0 {
		return
	}
	b.WriteString("### 收件时间\n\n")
	if r.OpenedAt != "" {
		fmt.Fprintf(b, "合并后，发布工作流将以本 pull request 的创建时间 **%s**（forge 记录）登记下列文件的收件时间；提交中的时间和审核合并的时间都不作数。\n\n", r.OpenedAt)
	} else {
		b.WriteString("未提供 pull request 的创建时间（`--opened-at`）：合并后以 forge 记录的 pull request 创建时间登记收件时间；没有 forge 记录时按文件进入主线的提交时间计。\n\n")
	}
	b.WriteString("| 文件 | 截止时间 | 将登记的收件时间 | 结论 |\n|---|---|---|---|\n")
	for _, x := range r.Receipts {
		at, verdict := "—", "—"
		if x.At != "" {
			at, verdict = x.At, loop.StatusLabel[x.Status]
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCode(x.Path), x.Due, at, verdict)
	}
	b.WriteString("\n")
}

func diagTable(b *strings.Builder, title string, n int, ds []diag.Diagnostic, max int) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s（%d）\n\n| 文件 | 行 | 列 | 值 | 问题 | 改法 |\n|---|--:|---|---|---|---|\n", title, n)
	for i, d := range ds {
		if i == max {
			fmt.Fprintf(b, "\n另有 %d 条%s未列出：运行 `lpg check --format text` 查看全部。\n", len(ds)-max, title)
			break
		}
		line := ""
		if d.Line > 0 {
			line = fmt.Sprint(d.Line)
		}
		val := ""
		if d.Value != "" {
			val = mdCode(d.Value)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdCode(d.File), line, md(d.Column), val, md(d.Message), md(d.Hint))
	}
	b.WriteString("\n")
}

// md makes text safe inside a Markdown table cell or line of the pull
// request comment (review finding F12: a cell value quoted in a message
// became a live link, image, mention or HTML there). The characters that
// open inline Markdown or HTML are backslash-escaped, which CommonMark
// renders as the character itself: \ ` * ~ [ ] < > & | !, "_" unless
// inside a word, and the ":" of a URL scheme and "." after “www” (GFM
// autolinks); line breaks become
// spaces; "@" is escaped and followed by U+2060 WORD JOINER, so
// “@account” mentions nobody (GitHub finds mentions in the rendered text,
// where an escaped "@" is still "@"). Other characters (digits, dates,
// Chinese text) are left as they are, so the summary printed raw to a
// Gitea job log stays readable.
func md(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\r', '\n':
			b.WriteByte(' ')
		case '@':
			b.WriteString("\\@\u2060")
		case '\\', '`', '*', '~', '[', ']', '<', '>', '&', '|', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '_': // within a word (LOC_GARAGE) never emphasis
			if i == 0 || i+1 == len(s) || !alnum(s[i-1]) || !alnum(s[i+1]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case ':': // only a URL scheme's (https://)
			if strings.HasPrefix(s[i+1:], "//") {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mdCode writes s as a code span (CommonMark 6.1), shown exactly: the
// fence is one backtick longer than the longest run of backticks in s,
// with a space inside when s begins or ends with a backtick or a space;
// nothing is HTML-escaped (code spans show &lt; literally). Only "|" is
// escaped, as a GFM table cell needs even inside code, and line breaks
// become spaces. "" gives "".
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`).Replace(s)
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// alterationsHeading introduces the block of changes to data already
// received (received.go).
const alterationsHeading = "【请审核人逐条核对】本次改动了已收到、已计入统计的数据"

// maxAlteredRows bounds the rows listed per alteration in the markdown
// summary (the text output lists all).
const maxAlteredRows = 50

// alterationsBlock writes the alterations as one caution block: per file
// and kind a title and every row with its before → after.
func alterationsBlock(b *strings.Builder, r *Report) {
	if len(r.Alterations) == 0 {
		return
	}
	b.WriteString("> [!CAUTION]\n> **" + alterationsHeading + "**（逾期补报、改写计入统计的列、把逾期未办结改为核实无此隐患、倒填整改完成日期）。不阻止合并，但月报、记分卡和过去各期的逾期会随之改变；请核对 pull request 说明中的理由。\n")
	for _, a := range r.Alterations {
		fmt.Fprintf(b, ">\n> %s：%s\n", mdCode(a.File), md(a.Title))
		for i, x := range a.Rows {
			if i == maxAlteredRows {
				fmt.Fprintf(b, "> - ……另有 %d 条，运行 `lpg check --format text` 查看全部\n", len(a.Rows)-maxAlteredRows)
				break
			}
			fmt.Fprintf(b, "> - %s：%s\n", mdCode(x.ID), md(x.Change))
		}
	}
	b.WriteString("\n")
}
