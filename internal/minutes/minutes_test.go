package minutes

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"lpg/internal/calendar"
	"lpg/internal/reference"
)

func ref() *reference.Data {
	d := &reference.Data{Towns: []reference.Town{
		{Code: "310118001", Name: "夏阳街道"}, {Code: "310118102", Name: "朱家角镇"}, {Code: "310118103", Name: "练塘镇"},
	}}
	d.Index()
	return d
}

const head = "---\ntitle: 会议\ndate: 2026-09-18\n---\n\n## 议定事项\n\n"

func TestParse(t *testing.T) {
	src := head + "| 编号 | 街镇 | 事项 | 责任单位 | 期限 | 完成情况 |\n|---|---|---|:---:|---|---|\n" +
		"| 1 | 朱家角镇 | 清零街镇逾期 | 朱家角镇人民政府 | 2026-10-31 | 已完成（2026-10-28） |\n" +
		"| 2 |  | 拒不整改户联合整治 | 练塘镇、区燃气中心 | 2026年11月15日 | 推进中 |\n" +
		"| 3 | 全区 | 每月 25 日前报排查表 | 各液化气企业 | 2026/10/25 | |\n" +
		"| 4 | | 更新联络员名录 | 区燃气中心 | 2026-10-10 | 完成 |\n" +
		"\n| 街镇 | 待整改 |\n|---|---:|\n| 朱家角镇 | 12 |\n" +
		"\n```\n| 事项 | 责任单位 | 期限 |\n|---|---|---|\n| x | y | z |\n```\n"
	ds, ps := parse([]byte(src), ref())
	if len(ps) != 0 {
		t.Fatalf("problems: %+v", ps)
	}
	want := []Decision{
		{No: "1", Towns: []string{"310118102"}, Item: "清零街镇逾期", Owner: "朱家角镇人民政府", Due: calendar.NewDate(2026, 10, 31),
			Progress: "已完成（2026-10-28）", Done: true, DoneOn: calendar.NewDate(2026, 10, 28), Line: 10},
		{No: "2", Towns: []string{"310118103"}, Item: "拒不整改户联合整治", Owner: "练塘镇、区燃气中心", Due: calendar.NewDate(2026, 11, 15), Progress: "推进中", Line: 11},
		{No: "3", AllTowns: true, Item: "每月 25 日前报排查表", Owner: "各液化气企业", Due: calendar.NewDate(2026, 10, 25), Line: 12},
		{No: "4", Item: "更新联络员名录", Owner: "区燃气中心", Due: calendar.NewDate(2026, 10, 10), Progress: "完成", Done: true, Line: 13},
	}
	if !reflect.DeepEqual(ds, want) {
		t.Errorf("decisions:\n%+v\nwant\n%+v", ds, want)
	}
	if !ds[2].Concerns("310118001") || ds[3].Concerns("310118001") || !ds[0].Concerns("310118102") || ds[0].Concerns("310118103") {
		t.Error("Concerns")
	}
}

func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name, table string
		want        []string // line:column:code
		msg         string   // message of the first problem
	}{
		{"no decision table", "| 街镇 | 待整改 |\n|---|---|\n| 松江镇 | 1 |\n", nil, ""},
		{"missing columns", "| 事项 | 备注 |\n|---|---|\n| a | b |\n", []string{"8::meeting.decision_header"}, "会议决定表缺少“责任单位”“期限”列"},
		{"unknown town, bad date", "| 街镇 | 事项 | 责任单位 | 期限 |\n|---|---|---|---|\n| 松江镇 | a | 区燃气中心 | 2026-10-32 |\n",
			[]string{"10:期限:meeting.decision_due", "10:街镇:meeting.decision_town"}, "“期限”“2026-10-32”不是有效日期"},
		{"town only in 责任单位, unknown", "| 议定事项 | 责任单位 | 完成时限 |\n|---|---|---|\n| a | 松江镇人民政府 | 2026-10-31 |\n",
			[]string{"10:责任单位:meeting.decision_town"}, "责任单位“松江镇人民政府”不是青浦区的街镇"},
		{"empty cells, bad done date", "| 事项 | 责任单位 | 期限 | 完成情况 |\n|---|---|---|---|\n|  |  |  | 已完成 2026-02-30 |\n",
			[]string{"10:事项:meeting.decision_item", "10:责任单位:meeting.decision_owner", "10:期限:meeting.decision_due", "10:完成情况:meeting.decision_done"}, ""},
		{"CRLF and BOM keep lines", "", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := head + c.table
			if c.table == "" {
				src = "\uFEFF" + strings.ReplaceAll(head+"| 事项 | 责任单位 | 期限 |\n|--|--|--|\n| a | 夏阳 | 2026-1-2 |\n", "\n", "\r\n")
				ds, ps := parse([]byte(src), ref())
				if len(ps) != 0 || len(ds) != 1 || ds[0].Line != 10 || !reflect.DeepEqual(ds[0].Towns, []string{"310118001"}) {
					t.Errorf("got %+v %+v", ds, ps)
				}
				return
			}
			_, ps := parse([]byte(src), ref())
			var got []string
			for _, p := range ps {
				got = append(got, strconv.Itoa(p.Line)+":"+p.Column+":"+p.Code)
				if p.Message == "" || p.Hint == "" {
					t.Errorf("problem without message or hint: %+v", p)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems %v, want %v", got, c.want)
			}
			if c.msg != "" && ps[0].Message != c.msg {
				t.Errorf("message %q, want %q", ps[0].Message, c.msg)
			}
		})
	}
}

func TestStateAt(t *testing.T) {
	d := func(s string) calendar.Date { x, _ := calendar.ParseISODate(s); return x }
	for _, c := range []struct {
		dec  Decision
		at   string
		want string
	}{
		{Decision{Due: d("2026-10-31")}, "2026-10-31", Open},
		{Decision{Due: d("2026-10-31")}, "2026-11-01", Overdue},
		{Decision{Due: d("2026-10-31"), Done: true}, "2026-11-30", Done},
		{Decision{Due: d("2026-10-31"), Done: true, DoneOn: d("2026-11-05")}, "2026-11-04", Overdue}, // done after the date asked about
		{Decision{Due: d("2026-10-31"), Done: true, DoneOn: d("2026-11-05")}, "2026-11-05", Done},
	} {
		if got := c.dec.StateAt(d(c.at)); got != c.want {
			t.Errorf("%+v at %s: %s, want %s", c.dec, c.at, got, c.want)
		}
	}
}

// TestTownStateAt (adversarial review G10): on a town's sheet a decision
// of several towns (全区 / 各街镇, or towns named) past its 期限 and not done
// is 未记录（集体决定）, not 逾期未完成; one town's decision and a done or
// not yet due collective one read as StateAt.
func TestTownStateAt(t *testing.T) {
	d := func(s string) calendar.Date { x, _ := calendar.ParseISODate(s); return x }
	due := d("2026-11-30")
	for _, c := range []struct {
		dec   Decision
		at    string
		want  string
		label string
	}{
		{Decision{Towns: []string{"310118102"}, Due: due}, "2026-12-01", Overdue, "逾期未完成"},
		{Decision{AllTowns: true, Due: due}, "2026-12-01", Unrecorded, "未记录（集体决定）"},
		{Decision{Towns: []string{"310118102", "310118107"}, Due: due, Progress: "推进中"}, "2026-12-01", Unrecorded, "未记录（集体决定）"},
		{Decision{AllTowns: true, Due: due}, "2026-11-30", Open, "未到期限"},
		{Decision{AllTowns: true, Due: due, Done: true}, "2026-12-01", Done, "已完成"},
		{Decision{AllTowns: true, Due: due, Done: true, DoneOn: d("2026-12-05")}, "2026-12-02", Unrecorded, "未记录（集体决定）"},
		{Decision{Due: due}, "2026-12-01", Overdue, "逾期未完成"}, // the district's: on no town sheet
	} {
		got := c.dec.TownStateAt(d(c.at))
		if got != c.want || StateLabel[got] != c.label {
			t.Errorf("%+v at %s: %s %s, want %s %s", c.dec, c.at, got, StateLabel[got], c.want, c.label)
		}
	}
}

// parse is the decisions and their problems of ParseNote.
func parse(src []byte, ref *reference.Data) ([]Decision, []Problem) {
	n, _, ps := ParseNote(src, ref)
	return n.Decisions, ps
}

// TestNoteDate (review F13): the front matter's date is read as the
// decision table's 期限 is, and shown as YYYY-MM-DD; an impossible or
// unreadable date stays as written (validate reports it).
func TestNoteDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		valid    bool
	}{
		{"2026-11-21", "2026-11-21", true},
		{"2026年11月21日", "2026-11-21", true},
		{"2026/11/1", "2026-11-01", true},
		{"2026.11.21", "2026-11-21", true},
		{"２０２６-11-21", "2026-11-21", true},
		{"2026-11-31", "2026-11-31", false},
		{"下周一", "下周一", false},
	} {
		n, _, _ := ParseNote([]byte("---\ntitle: 会议\ndate: "+tc.in+"\n---\n"), nil)
		if got := n.Date(); got != tc.want {
			t.Errorf("date %q: Date() = %q, want %q", tc.in, got, tc.want)
		}
		if _, err := ParseDate(tc.in); (err == nil) != tc.valid {
			t.Errorf("ParseDate(%q) error %v, want valid %v", tc.in, err, tc.valid)
		}
	}
	if n, _, _ := ParseNote([]byte("---\ntitle: 会议\n---\n"), nil); n.Date() != "" {
		t.Errorf("no date: Date() = %q", n.Date())
	}
}

// TestDecisionDone (review round 3 G27): only an unqualified completion,
// with at most the day it was done, is 已完成; a partial one is not done,
// kept as written, with the warning meeting.decision_partial.
func TestDecisionDone(t *testing.T) {
	for _, c := range []struct {
		progress string
		done     bool
		on       calendar.Date
		code     string // of the one problem, "" none
	}{
		{"已完成", true, calendar.Date{}, ""},
		{"完成", true, calendar.Date{}, ""},
		{"已完成。", true, calendar.Date{}, ""},
		{"已完成（2026-10-28）", true, calendar.NewDate(2026, 10, 28), ""},
		{"已完成(2026-10-28)", true, calendar.NewDate(2026, 10, 28), ""},
		{"已完成 2026年10月28日", true, calendar.NewDate(2026, 10, 28), ""},
		{"完成，2026-10-28", true, calendar.NewDate(2026, 10, 28), ""},
		{"已完成 2026-02-30", true, calendar.Date{}, "meeting.decision_done"},
		{"完成一半，3 户未移交", false, calendar.Date{}, "meeting.decision_partial"},
		{"已完成金泽镇部分，白鹤镇未开始", false, calendar.Date{}, "meeting.decision_partial"},
		{"完成80%", false, calendar.Date{}, "meeting.decision_partial"},
		// review round 4, H1: only a day may stand in the brackets
		{"已完成（白鹤镇尚未开始）", false, calendar.Date{}, "meeting.decision_partial"},
		{"完成(仅3户，其余未移交)", false, calendar.Date{}, "meeting.decision_partial"},
		{"已完成（部分）", false, calendar.Date{}, "meeting.decision_partial"},
		{"已完成（于2026年10月28日完成）", true, calendar.NewDate(2026, 10, 28), ""},
		{"已完成（10月28日）", true, calendar.Date{}, ""},
		{"完成（2026.10.28）", true, calendar.NewDate(2026, 10, 28), ""},
		{"推进中", false, calendar.Date{}, ""},
		{"未完成", false, calendar.Date{}, ""},
		{"", false, calendar.Date{}, ""},
	} {
		src := head + "| 事项 | 责任单位 | 期限 | 完成情况 |\n|---|---|---|---|\n| a | 区燃气中心 | 2026-10-31 | " + c.progress + " |\n"
		ds, ps := parse([]byte(src), ref())
		if len(ds) != 1 {
			t.Fatalf("%q: %d decisions", c.progress, len(ds))
		}
		code := ""
		if len(ps) == 1 {
			code = ps[0].Code
		}
		if ds[0].Done != c.done || ds[0].DoneOn != c.on || code != c.code || len(ps) > 1 || ds[0].Progress != c.progress {
			t.Errorf("%q: done %v on %v, problems %+v, progress %q; want %v %v %q", c.progress, ds[0].Done, ds[0].DoneOn, ps, ds[0].Progress, c.done, c.on, c.code)
		}
	}
	_, ps := parse([]byte(head+"| 事项 | 责任单位 | 期限 | 完成情况 |\n|---|---|---|---|\n| a | 区燃气中心 | 2026-10-31 | 完成一半，3 户未移交 |\n"), ref())
	want := Problem{Line: 10, Column: "完成情况", Value: "完成一半，3 户未移交", Code: "meeting.decision_partial", Warning: true,
		Message: "完成情况“完成一半，3 户未移交”不是“已完成”或“已完成（日期）”的写法，会议材料中按未完成显示（原文照录）",
		Hint:    "全部完成的写 已完成（2026-10-28）；部分完成的保持原文，或按街镇分行写"}
	if len(ps) != 1 || ps[0] != want {
		t.Errorf("problems %+v, want %+v", ps, want)
	}
}
