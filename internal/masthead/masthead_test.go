package masthead

import (
	"os"
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
)

func TestParseSample(t *testing.T) {
	src, err := os.ReadFile("../../" + File)
	if err != nil {
		t.Fatal(err)
	}
	c, ps := Parse(src)
	if len(ps) != 0 {
		t.Fatalf("sample data/report.md: %+v", ps)
	}
	if c.Issuer != "青浦区燃气管理中心" || c.Title != "瓶装液化石油气安全隐患处置月报" || len(c.SendTo) == 0 || len(c.CopyTo) == 0 {
		t.Errorf("sample config = %+v", c)
	}
	if n, ok := c.Issue(calendar.Month{Year: 2026, Month: 11}); n != 6 || !ok {
		t.Errorf("期号 of 2026-11 = %d, %v; want 6", n, ok)
	}
}

func TestIssue(t *testing.T) {
	c := Config{FirstIssue: calendar.Month{Year: 2026, Month: 6}, FirstNumber: 1}
	for _, x := range []struct {
		y  int
		m  time.Month
		n  int
		ok bool
	}{{2026, 6, 1, true}, {2026, 11, 6, true}, {2027, 1, 8, true}, {2026, 5, 0, false}} {
		if n, ok := c.Issue(calendar.Month{Year: x.y, Month: x.m}); n != x.n || ok != x.ok {
			t.Errorf("Issue(%d-%02d) = %d, %v; want %d, %v", x.y, x.m, n, ok, x.n, x.ok)
		}
	}
	c.FirstNumber = 40
	if n, _ := c.Issue(calendar.Month{Year: 2027, Month: 6}); n != 52 {
		t.Errorf("from 第40期: 2027-06 is 第%d期, want 52", n)
	}
	if _, ok := Default.Issue(calendar.Month{Year: 2026, Month: 6}); ok {
		t.Error("Default numbers issues")
	}
}

func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string // line:key:code
	}{
		{"ok, lists with both semicolons", "---\ntitle: 月报\nissuer: 中心\nsend_to: 甲；乙;丙\nfirst_issue: 2026-06\n---\n", nil},
		{"no front matter", "title: x\n", []string{"1::report_config.front_matter"}},
		{"not closed", "---\nissuer: 中心\n", []string{"3::report_config.front_matter"}},
		{"bad values", "---\nissuer: 中心\nfirst_issue: 2026-13\nfirst_number: 0\ncolour: red\n---\n",
			[]string{"3:first_issue:report_config.first_issue", "4:first_number:report_config.first_number", "5:colour:report_config.key"}},
		{"no issuer, duplicate", "---\ntitle: a\ntitle: b\n---\n", []string{"3:title:report_config.duplicate", "1:issuer:report_config.issuer"}},
		{"GBK", "---\ntitle: \xd4\xc2\xb1\xa8\n---\n", []string{"1::report_config.encoding"}},
		{"full-width colon", "---\nissuer：中心\n---\n", nil},
	} {
		_, ps := Parse([]byte(c.src))
		var got []string
		for _, p := range ps {
			got = append(got, itoa(p.Line)+":"+p.Key+":"+p.Code)
			if p.Message == "" || p.Hint == "" {
				t.Errorf("%s: problem without Chinese message or hint: %+v", c.name, p)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: problems %v, want %v", c.name, got, c.want)
		}
	}
	c, _ := Parse([]byte("---\ntitle: 月报\nissuer: 中心\nsend_to: 甲；乙;丙\ncopy_to: 各街道办事处、镇人民政府\n---\n"))
	if !reflect.DeepEqual(c.SendTo, []string{"甲", "乙", "丙"}) || !reflect.DeepEqual(c.CopyTo, []string{"各街道办事处、镇人民政府"}) {
		t.Errorf("lists: %q %q", c.SendTo, c.CopyTo)
	}
}

func itoa(n int) string { return string(rune('0' + n)) }
