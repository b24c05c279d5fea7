package frontmatter

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		name   string
		src    string
		fields []Field
		body   string
		ps     []Problem
	}{
		{"BOM, CRLF, spaces around ---, comments, quotes, full-width colon",
			"\ufeff--- \r\n# 会议\r\ntitle: \"第三季度联席会议\"\r\n\r\ndate：2026-09-18\r\nnote: '时间: 上午'\r\n ---\r\n正文\r\n",
			[]Field{{"title", "第三季度联席会议", 3}, {"date", "2026-09-18", 5}, {"note", "时间: 上午", 6}}, "正文\n", nil},
		{"the first colon splits, ASCII or full-width", "---\ntitle：会议: 一\nurl: http://x\n---\n",
			[]Field{{"title", "会议: 一", 2}, {"url", "http://x", 3}}, "", nil},
		{"a line without a colon", "---\ntitle: 会议\n日期 2026-09-18\n---\nx",
			[]Field{{"title", "会议", 2}}, "x", []Problem{{Kind: Syntax, Line: 3, Text: "日期 2026-09-18"}}},
		{"no block", "# 会议纪要\n正文", nil, "# 会议纪要\n正文", []Problem{{Kind: NoBlock, Line: 1}}},
		{"unclosed", "---\ntitle: 会议\n正文\n", []Field{{"title", "会议", 2}}, "---\ntitle: 会议\n正文\n",
			[]Problem{{Kind: Syntax, Line: 3, Text: "正文"}, {Kind: Unclosed, Line: 4}}},
	} {
		d, ps := Parse([]byte(c.src))
		if !reflect.DeepEqual(d.Fields, c.fields) || d.Body != c.body || !reflect.DeepEqual(ps, c.ps) {
			t.Errorf("%s:\nfields %+v\nbody %q\nproblems %+v\nwant\nfields %+v\nbody %q\nproblems %+v", c.name, d.Fields, d.Body, ps, c.fields, c.body, c.ps)
		}
	}
	d, _ := Parse([]byte("---\ndate: 2026-09-01\nTitle: 大写\ndate: 2026-09-18\n---\n"))
	if f, ok := d.Get("date"); !ok || f.Value != "2026-09-18" || f.Line != 4 || d.Value("title") != "" || d.Value("Title") != "大写" {
		t.Errorf("Get: last date %+v %v; title %q (keys keep their case)", f, ok, d.Value("title"))
	}
}
