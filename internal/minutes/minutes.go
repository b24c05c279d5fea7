// Package minutes reads the decisions (议定事项) of the joint-meeting notes
// data/meetings/*.md, so that the 联席会议 pack can say what the last
// meeting decided for a town and whether it was done. ParseNote is pure: validate
// turns its problems into diagnostics and keeps the Note (ParseNote) in the
// model, from which render shows the note and its decisions: a note is
// parsed once.
//
// A decision table is a Markdown (GFM) table in the body of a note whose
// header has a column 事项 (or 议定事项, 决定事项, 会议决定, 工作事项);
// it must also have 责任单位 (牵头单位) and 期限 (完成期限, 完成时限, 时限,
// 办结期限), and may have 编号 (序号), 街镇 (涉及街镇), 完成情况 (落实情况,
// 办理情况) and any other column (备注, …), which is ignored:
//
//	| 编号 | 街镇 | 事项 | 责任单位 | 期限 | 完成情况 |
//	|---|---|---|---|---|---|
//	| 1 | 朱家角镇 | 9 月底前清零街镇逾期隐患 | 朱家角镇人民政府 | 2026-10-31 | 已完成（2026-10-28） |
//
// Other tables (a 街镇 | 待整改 | 逾期 summary) are left alone. Tables inside
// fenced code blocks are not tables.
//
// The towns a decision concerns are its 街镇 cell (names, short names or
// codes separated by 、，,；; or spaces; 全区 or 各街镇 for every town); when
// the cell is empty or the column is missing, the towns named in 责任单位
// (朱家角镇人民政府 → 朱家角镇); when neither names a town, the decision is the
// district's (区燃气中心) and belongs to no town sheet. A decision is done
// when its 完成情况 is 已完成 or 完成, alone or with the day it was done
// (已完成（2026-10-28）; reDone); anything else (推进中, 未完成, empty, and
// 完成一半… or 已完成金泽镇部分… with the warning meeting.decision_partial:
// review round 3 G27) is not done and shown as written.
//
// It depends on calendar, csvio (dates as the CSV files write them),
// frontmatter and reference; it does no I/O.
package minutes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/frontmatter"
	"lpg/internal/reference"
)

// Decision is one row of a decision table.
type Decision struct {
	No       string        // 编号 as written; else its position among the note's decisions, 1, 2, …
	Towns    []string      // town codes the decision concerns, in reference order; nil when AllTowns or the district's
	AllTowns bool          // 全区 / 各街镇
	Item     string        // 事项
	Owner    string        // 责任单位
	Due      calendar.Date // 期限
	Progress string        // 完成情况 as written ("" when none)
	Done     bool          // 完成情况 is 已完成 or 完成, with at most the day (reDone)
	DoneOn   calendar.Date // the date written in 完成情况, zero when none
	Line     int           // 1-based line of the row in the file
}

// Concerns reports whether the decision concerns the town with that code.
func (d Decision) Concerns(town string) bool {
	if d.AllTowns {
		return true
	}
	for _, t := range d.Towns {
		if t == town {
			return true
		}
	}
	return false
}

// States of a decision at a date.
const (
	Done    = "done"    // 已完成
	Overdue = "overdue" // not done and its 期限 has passed
	Open    = "open"    // not done, 期限 not yet passed
	// Unrecorded is the state of a collective decision (Collective) on one
	// town's sheet when the decision as a whole is not done and its 期限 has
	// passed (TownStateAt): its one 完成情况 cannot say which towns did
	// their part (adversarial review G10).
	Unrecorded = "unrecorded"
)

// StateLabel is the Chinese label of each state, for pages.
var StateLabel = map[string]string{Done: "已完成", Overdue: "逾期未完成", Open: "未到期限", Unrecorded: "未记录（集体决定）"}

// Collective reports whether the decision concerns more than one town
// (全区, 各街镇, or several towns named): one decision that each of them
// carries out, with one 完成情况 for all.
func (d Decision) Collective() bool { return d.AllTowns || len(d.Towns) > 1 }

// TownStateAt is the state of d on day t as one town's sheet of the
// meeting pack shows it: StateAt, except that a collective decision past
// its 期限 and not done is Unrecorded rather than Overdue — the note records
// no completion per town, so a town that did its part must not read
// 逾期未完成 (adversarial review G10; README 设计卡未规定之处的决定, 会议决定).
// To follow towns one by one, the note gives each town its own row.
func (d Decision) TownStateAt(t calendar.Date) string {
	st := d.StateAt(t)
	if st == Overdue && d.Collective() {
		return Unrecorded
	}
	return st
}

// StateAt returns the state of d on day t: Done when it is marked done (on
// or before t when the cell carries a date), Overdue when its 期限 is
// before t, else Open.
func (d Decision) StateAt(t calendar.Date) string {
	if d.Done && (d.DoneOn.IsZero() || !t.Before(d.DoneOn)) {
		return Done
	}
	if !d.Due.IsZero() && d.Due.Before(t) {
		return Overdue
	}
	return Open
}

// Problem is one thing wrong in a decision table, at a 1-based line of the
// file, naming the column header as written and the value.
type Problem struct {
	Line                int
	Column, Value, Code string
	Message, Hint       string
	Warning             bool // read, but worth a look
}

// Columns of a decision table and the headers that name them.
const (
	colNo       = "no"
	colTown     = "town"
	colItem     = "item"
	colOwner    = "owner"
	colDue      = "due"
	colProgress = "progress"
)

var headers = map[string]string{
	"编号": colNo, "序号": colNo,
	"街镇": colTown, "涉及街镇": colTown,
	"事项": colItem, "议定事项": colItem, "决定事项": colItem, "会议决定": colItem, "工作事项": colItem,
	"责任单位": colOwner, "牵头单位": colOwner,
	"期限": colDue, "完成期限": colDue, "完成时限": colDue, "时限": colDue, "办结期限": colDue,
	"完成情况": colProgress, "落实情况": colProgress, "办理情况": colProgress,
}

// Note is one meeting note read once (issue 10: validate reads it into
// the model, render shows it from there): its front matter, its Markdown
// body and the decisions of its decision tables.
type Note struct {
	// Front is the front matter (frontmatter.Parse); its Fields are nil
	// when the note has no complete block (no opening or no closing ---
	// line), and Front.Body is then all of the text.
	Front     frontmatter.Doc
	Decisions []Decision // in file order
}

// Title is the note's title as written (front matter title:, unquoted);
// "" when there is none.
func (n Note) Title() string { return n.Front.Value("title") }

// Date is the note's date (front matter date:) as YYYY-MM-DD when
// ParseDate reads it (2026年11月21日 → 2026-11-21), else as written; ""
// when there is none. validate checks that it is a real date.
func (n Note) Date() string {
	v := n.Front.Value("date")
	if d, err := ParseDate(v); err == nil && v != "" {
		return d.String()
	}
	return v
}

// ParseDate is the one reader of a date in a meeting note: the front
// matter's date and the decision table's 期限 (and the date in 已完成（…）)
// accept the same forms, those of a date cell in a CSV (csvio.ParseDate:
// 2026-10-05, 2026/10/5, 2026.10.05, 2026年10月5日, 20261005, with
// full-width digits and spaces cleaned). Review F13: the front matter
// accepted only YYYY-MM-DD while the decision table took the rest. The
// error is csvio's *DateError.
func ParseDate(s string) (calendar.Date, error) {
	d, _, err := csvio.ParseDate(csvio.CleanCode(s).Value)
	return d, err
}

// Body is the Markdown after the front matter (frontmatter.Doc.Body).
func (n Note) Body() string { return n.Front.Body }

// ParseNote reads the note src once: its front matter (with the problems
// frontmatter.Parse finds) and its decisions (with the problems of the
// decision tables). ref resolves town names. Pure.
//
// Decisions: a note without decision tables has none; rows with problems
// are still returned when they can be read at all (an unknown town is
// left out of Towns), so that a page shows what the clerk wrote.
func ParseNote(src []byte, ref *reference.Data) (Note, []frontmatter.Problem, []Problem) {
	doc, fps := frontmatter.Parse(src)
	ds, ps := decisions(src, doc, ref)
	if n := len(fps); n > 0 && (fps[n-1].Kind == frontmatter.NoBlock || fps[n-1].Kind == frontmatter.Unclosed) {
		doc.Fields = nil // no complete block: all of it is text
	}
	return Note{Front: doc, Decisions: ds}, fps, ps
}

// decisions reads the decision tables of the note src whose front matter
// is doc (ParseNote).
func decisions(src []byte, doc frontmatter.Doc, ref *reference.Data) ([]Decision, []Problem) {
	text := strings.TrimPrefix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\uFEFF")
	offset := strings.Count(text, "\n") - strings.Count(doc.Body, "\n") // lines before the body
	lines := strings.Split(doc.Body, "\n")
	var out []Decision
	var ps []Problem
	fence := ""
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if fence != "" {
			if strings.HasPrefix(l, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fence = l[:3]
			continue
		}
		if !strings.Contains(l, "|") || i+1 >= len(lines) || !isDelimiter(lines[i+1]) {
			continue
		}
		head := cells(l)
		end := i + 2
		for end < len(lines) && strings.TrimSpace(lines[end]) != "" && strings.Contains(lines[end], "|") {
			end++
		}
		if isDecisionTable(head) {
			ds, tps := table(head, lines[i+2:end], offset+i+1, len(out), ref)
			out = append(out, ds...)
			ps = append(ps, tps...)
		}
		i = end - 1
	}
	return out, ps
}

var reDelimiter = regexp.MustCompile(`^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$`)

func isDelimiter(l string) bool { return reDelimiter.MatchString(strings.TrimSpace(l)) }

// cells splits a table line into its trimmed cells; \| is a literal bar.
func cells(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimPrefix(l, "|")
	if strings.HasSuffix(l, "|") && !strings.HasSuffix(l, `\|`) {
		l = l[:len(l)-1]
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l) && l[i+1] == '|':
			b.WriteByte('|')
			i++
		case l[i] == '|':
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(l[i])
		}
	}
	return append(out, strings.TrimSpace(b.String()))
}

func isDecisionTable(head []string) bool {
	for _, h := range head {
		if headers[plain(h)] == colItem {
			return true
		}
	}
	return false
}

// plain drops Markdown emphasis and spaces from a header cell.
func plain(h string) string {
	return strings.NewReplacer("*", "", "_", "", " ", "", "\u3000", "").Replace(h)
}

// table reads the rows of one decision table; headLine is the file line of
// its header and before the number of decisions read before it.
func table(head, rows []string, headLine, before int, ref *reference.Data) ([]Decision, []Problem) {
	col := map[string]int{}
	name := map[string]string{} // column → header as written
	for k, h := range head {
		if c, ok := headers[plain(h)]; ok {
			if _, dup := col[c]; !dup {
				col[c], name[c] = k, h
			}
		}
	}
	var ps []Problem
	var missing []string
	for _, c := range []struct{ col, header string }{{colOwner, "责任单位"}, {colDue, "期限"}} {
		if _, ok := col[c.col]; !ok {
			missing = append(missing, c.header)
		}
	}
	if len(missing) > 0 {
		ps = append(ps, Problem{Line: headLine, Code: "meeting.decision_header", Value: strings.Join(head, " | "),
			Message: "会议决定表缺少“" + strings.Join(missing, "”“") + "”列",
			Hint:    "决定表的表头写成 | 编号 | 街镇 | 事项 | 责任单位 | 期限 | 完成情况 |（编号、街镇、完成情况可省略）"})
		return nil, ps
	}
	var out []Decision
	for k, raw := range rows {
		line := headLine + 2 + k
		cs := cells(raw)
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(cs) {
				return cs[i]
			}
			return ""
		}
		if strings.Join(cs, "") == "" {
			continue
		}
		add := func(c, val, code, msg, hint string, warn bool) {
			ps = append(ps, Problem{Line: line, Column: name[c], Value: val, Code: code, Message: msg, Hint: hint, Warning: warn})
		}
		d := Decision{No: get(colNo), Item: get(colItem), Owner: get(colOwner), Progress: get(colProgress), Line: line}
		if d.No == "" {
			d.No = strconv.Itoa(before + len(out) + 1)
		}
		if d.Item == "" {
			add(colItem, "", "meeting.decision_item", "会议决定的“"+name[colItem]+"”为空", "写明会议决定做什么，例如：10 月底前清零街镇逾期隐患", false)
		}
		if d.Owner == "" {
			add(colOwner, "", "meeting.decision_owner", "会议决定的“"+name[colOwner]+"”为空", "写明由谁落实，例如：朱家角镇人民政府、区燃气中心", false)
		}
		due := get(colDue)
		switch dt, err := ParseDate(due); {
		case due == "":
			add(colDue, "", "meeting.decision_due", "会议决定的“"+name[colDue]+"”为空", "写成 2026-10-31 这样的日期", false)
		case err != nil:
			add(colDue, due, "meeting.decision_due", fmt.Sprintf("“%s”“%s”不是有效日期", name[colDue], due), "写成 2026-10-31 这样的日期", false)
		default:
			d.Due = dt
		}
		d.Towns, d.AllTowns = towns(get(colTown), func(v string, m reference.Match) {
			add(colTown, v, "meeting.decision_town", fmt.Sprintf("街镇“%s”不是青浦区的街镇", v), hintOf(m), false)
		}, ref)
		if get(colTown) == "" {
			d.Towns, d.AllTowns = ownerTowns(d.Owner, ref)
			if d.Towns == nil && !d.AllTowns && looksLikeTown(d.Owner) {
				m := ref.ResolveTown(d.Owner)
				add(colOwner, d.Owner, "meeting.decision_town", fmt.Sprintf("责任单位“%s”不是青浦区的街镇", d.Owner),
					hintOf(m)+"；也可以加一列“街镇”写明这项决定涉及哪个街镇", false)
			}
		}
		if p := strings.TrimSpace(d.Progress); strings.HasPrefix(p, "已完成") || strings.HasPrefix(p, "完成") {
			if !reDone.MatchString(p) {
				add(colProgress, p, "meeting.decision_partial", fmt.Sprintf("完成情况“%s”不是“已完成”或“已完成（日期）”的写法，会议材料中按未完成显示（原文照录）", p),
					"全部完成的写 已完成（2026-10-28）；部分完成的保持原文，或按街镇分行写", true)
				out = append(out, d)
				continue
			}
			d.Done = true
			if s := reAnyDate.FindString(p); s != "" {
				if dt, err := ParseDate(s); err == nil {
					d.DoneOn = dt
				} else {
					add(colProgress, p, "meeting.decision_done", fmt.Sprintf("完成日期“%s”不是有效日期", s), "写成 已完成（2026-10-28）", false)
				}
			}
		}
		out = append(out, d)
	}
	return out, ps
}

// reDone is a 完成情况 that says the whole decision is done: 已完成 or 完成,
// alone or with the day in brackets or after a space, comma or colon
// (已完成（2026-10-28）, 已完成 2026年10月28日), and an optional full stop;
// 完成一半，3 户未移交 or 已完成金泽镇部分，白鹤镇未开始 is not (review round
// 3 G27: partial work was shown as 已完成).
var reDone = regexp.MustCompile(`^(?:已完成|完成)(?:\s*(?:[（(]\s*` + doneDay + `\s*[)）]|[，,：:\s]\s*` + doneDay + `))?\s*[。.]?$`)

// doneDay is the day a decision was done as 完成情况 writes it: a date,
// with or without the year, optionally after 于 / 已于 / 完成于 and before
// 完成 (2026-10-28, 2026年10月28日, 于10月28日完成). Only a day may stand in
// the brackets of 已完成（…）: 已完成（白鹤镇尚未开始） is partial (review
// round 4, H1).
const doneDay = `(?:已于|完成于|于)?\s*(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*(?:完成)?`

var reAnyDate = regexp.MustCompile(`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?`)

// towns reads a 街镇 cell; bad is called for every name that is not a town.
func towns(cell string, bad func(string, reference.Match), ref *reference.Data) ([]string, bool) {
	if cell == "" {
		return nil, false
	}
	seen := map[string]bool{}
	all := false
	for _, v := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune("、，,；;/ \u3000", r) }) {
		if isAll(v) {
			all = true
			continue
		}
		m := ref.ResolveTown(v)
		if m.Code == "" {
			bad(v, m)
			continue
		}
		seen[m.Code] = true
	}
	if all {
		return nil, true
	}
	return ordered(seen, ref), false
}

func isAll(v string) bool {
	return v == "全区" || v == "各街镇" || v == "全部街镇" || v == "所有街镇"
}

// ownerTowns returns the towns whose name (朱家角镇) or short name (朱家角)
// appears in a 责任单位 cell; 各街镇 means every town.
func ownerTowns(owner string, ref *reference.Data) ([]string, bool) {
	if strings.Contains(owner, "各街镇") || strings.Contains(owner, "全区各街") {
		return nil, true
	}
	seen := map[string]bool{}
	for _, t := range ref.Towns {
		short := strings.TrimSuffix(strings.TrimSuffix(t.Name, "街道"), "镇")
		if strings.Contains(owner, t.Name) || (len([]rune(short)) >= 2 && strings.Contains(owner, short)) {
			seen[t.Code] = true
		}
	}
	return ordered(seen, ref), false
}

// looksLikeTown: a 责任单位 that ends like a town's name (松江镇, 某某街道)
// but names none of Qingpu's.
func looksLikeTown(owner string) bool {
	o := strings.TrimSuffix(strings.TrimSuffix(owner, "人民政府"), "办事处")
	return strings.HasSuffix(o, "镇") || strings.HasSuffix(o, "街道")
}

func ordered(seen map[string]bool, ref *reference.Data) []string {
	var out []string
	for _, t := range ref.Towns {
		if seen[t.Code] {
			out = append(out, t.Code)
		}
	}
	return out
}

func hintOf(m reference.Match) string {
	if m.Ambiguous {
		return "名称不唯一，可能是：" + strings.Join(m.Candidates, "、") + "；请写全称"
	}
	if len(m.Candidates) > 0 {
		return "最接近的街镇：" + strings.Join(m.Candidates, "、") + "；全区的事项写“全区”"
	}
	return "写青浦区街镇的名称，全区的事项写“全区”"
}
