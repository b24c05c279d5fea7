package validate

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"lpg/internal/diag"
	"lpg/internal/frontmatter"
	"lpg/internal/masthead"
	"lpg/internal/minutes"
	"lpg/internal/model"
	"lpg/internal/privacy"
)

// checkMeeting checks a 联席会议 note (data/meetings/*.md): UTF-8 text that
// starts with a front matter block
//
//	---
//	title: 2026年第三季度燃气安全隐患处置联席会议纪要
//	date: 2026-09-18
//	---
//
// with a title and a real date, and whose decision tables (package minutes:
// 事项 / 责任单位 / 期限, optional 编号, 街镇, 完成情况) name real towns and
// dates. The site shows the title and date as given.
// A file that cannot be read is an error (an I/O failure, not bad data).
func (v *validator) checkMeeting(file string) error {
	b, err := fs.ReadFile(v.fsys, file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	v.meeting(file, b)
	return nil
}

func (v *validator) meeting(file string, b []byte) {
	if v.selected(file) {
		v.res.Files++
	}
	add := func(line int, code, col, val, msg, hint string) {
		v.all.Add(diag.Diagnostic{File: file, Line: line, Column: col, Value: val, Code: code, Message: msg, Hint: hint, Severity: diag.Error})
	}
	// The one parse of the note: the model keeps it (render shows it),
	// the problems below become diagnostics.
	note, ps, mps := minutes.ParseNote(b, v.ref)
	v.data.Meetings = append(v.data.Meetings, model.Meeting{File: file, Note: note})
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte{'\n'})
		add(line, "meeting.encoding", "", "", "会议纪要不是 UTF-8 编码（可能是记事本“ANSI”/GBK），网站上会显示成乱码",
			"用记事本打开，“另存为”时编码选择“UTF-8”")
		return
	}
	if stem := strings.TrimSuffix(path.Base(file), ".md"); privacy.Scrub(stem) != stem {
		// The stem is the page's address and link text (review of
		// 2026-12-02, F5); render publishes such a note under its date.
		add(1, "meeting.file_name", "", path.Base(file),
			fmt.Sprintf("会议纪要的文件名“%s”含有电话、门牌号、身份证号或姓名等个人信息（公开版会遮盖成“%s”）；文件名会出现在网站的网址和链接中", path.Base(file), privacy.Scrub(stem)),
			"把文件改名为只含会议日期和会议名称的名字，例如 data/meetings/2026-10-22-联席会议.md（用 git mv 或在网页上重命名）")
	}
	doc := note.Front
	for _, p := range ps {
		switch p.Kind {
		case frontmatter.NoBlock:
			add(1, "meeting.front_matter", "", "", "会议纪要开头缺少 front matter（标题和日期）",
				"在文件最前面加上三行：---、title: 会议名称、date: 2026-09-18，再加一行 ---")
			return
		case frontmatter.Syntax:
			add(p.Line, "meeting.front_matter", "", p.Text, fmt.Sprintf("front matter 第 %d 行不是“名称: 值”的形式", p.Line), "写成 title: 会议名称 或 date: 2026-09-18")
		case frontmatter.Unclosed:
			add(1, "meeting.front_matter", "", "", "front matter 没有结束的 --- 行", "在 title、date 之后加一行 ---")
			return
		}
	}
	if doc.Value("title") == "" {
		add(1, "meeting.title", "title", "", "会议纪要缺少标题（title）", "在 front matter 中加一行 title: 会议名称")
	}
	if d, ok := doc.Get("date"); !ok || d.Value == "" {
		add(1, "meeting.date", "date", "", "会议纪要缺少日期（date）", "在 front matter 中加一行 date: 2026-09-18")
	} else if _, err := minutes.ParseDate(d.Value); err != nil {
		add(d.Line, "meeting.date", "date", d.Value, fmt.Sprintf("会议日期“%s”不是有效日期", d.Value), "写成 2026-09-18 这样的日期")
	}
	for _, p := range mps {
		sev := diag.Error
		if p.Warning {
			sev = diag.Warning
		}
		v.all.Add(diag.Diagnostic{File: file, Line: p.Line, Column: p.Column, Value: p.Value, Code: p.Code, Message: p.Message, Hint: p.Hint, Severity: sev})
	}
}

// checkMasthead checks data/report.md, the formal wrapper of the monthly
// report (masthead.Parse): every problem is an error naming the line and key.
// A file that cannot be read is an error.
func (v *validator) checkMasthead(file string) error {
	b, err := fs.ReadFile(v.fsys, file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	if v.selected(file) {
		v.res.Files++
	}
	c, ps := masthead.Parse(b) // the one parse: render shows the model's
	v.data.Masthead = &c
	for _, p := range ps {
		v.all.Add(diag.Diagnostic{File: file, Line: p.Line, Column: p.Key, Value: p.Value, Code: p.Code, Message: p.Message, Hint: p.Hint, Severity: diag.Error})
	}
	return nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
