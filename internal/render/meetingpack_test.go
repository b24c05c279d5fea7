package render

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/minutes"
	"lpg/internal/model"
)

// TestMeetingPack: the 联席会议 pack of the sample (issue 12, finding 11)
// has one sheet per town in the order of the 月报's ranking, the decisions
// of the sample's 2026-09-18 meeting with their state on 2026-11-29 (a
// collective one past its 期限: 未记录（集体决定）), and the district's
// decision outside the town sheets.
func TestMeetingPack(t *testing.T) {
	files := buildSample(t, false)
	page := string(files["meetings/pack/index.html"])
	d := loadSample(t)
	if got := strings.Count(page, `<section class="sheet"`); got != len(d.Ref.Towns) {
		t.Fatalf("%d sheets, want one per town (%d)", got, len(d.Ref.Towns))
	}
	ranks := regexp.MustCompile(`排名第 (\d+) 位`).FindAllStringSubmatch(page, -1)
	for i, r := range ranks {
		if r[1] != strconv.Itoa(i+1) {
			t.Errorf("sheet %d shows rank %s: sheets follow the ranking", i+1, r[1])
		}
	}
	sheet := func(name string) string {
		i := strings.Index(page, ">"+name+"</a> <span class=\"sheet-rank\">")
		if i < 0 {
			t.Fatalf("no sheet for %s", name)
		}
		j := strings.Index(page[i:], "</section>")
		return page[i : i+j]
	}
	for name, want := range map[string][]string{
		"朱家角镇": {"10 月底前办结街镇逾期隐患", "已完成（2026-10-28）</td><td class=\"nw\">已完成</td>", "各街镇于每月月底前报送整改工作汇总表"},
		"练塘镇":  {"拒不整改户移交联合整治", `<td class="nw late">逾期未完成</td>`, "上次会议<br>2026-09-18"},
		// 金泽镇、白鹤镇's joint decision (due 2026-11-15, 推进中): one 完成情况 for
		// both, so neither sheet says 逾期未完成 (adversarial review G10).
		"白鹤镇": {"农民自建房（出租）钢瓶数量排查", `推进中</td><td class="nw">未记录（集体决定）</td></tr>`},
		"金泽镇": {"农民自建房（出租）钢瓶数量排查", `推进中</td><td class="nw">未记录（集体决定）</td></tr>`},
	} {
		s := sheet(name)
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("%s sheet lacks %q", name, w)
			}
		}
		if strings.Contains(s, "更新联络员名录") {
			t.Errorf("%s sheet shows the district's decision", name)
		}
	}
	for _, name := range []string{"白鹤镇", "金泽镇"} {
		if strings.Contains(sheet(name), "逾期未完成") {
			t.Errorf("%s sheet says 逾期未完成 of a collective decision", name)
		}
	}
	if strings.Contains(sheet("练塘镇"), "10 月底前办结街镇逾期隐患") {
		t.Error("练塘镇 shows 朱家角镇's decision")
	}
	if !strings.Contains(page, `id="district"`) || !strings.Contains(page, "更新联络员名录") {
		t.Error("the district's decision is missing")
	}
	if !strings.Contains(string(files["meetings/index.html"]), `href="pack/index.html"`) {
		t.Error("the meetings index does not link the pack")
	}
	if !strings.Contains(page, `href="../../pack.css"`) || len(files["pack.css"]) == 0 {
		t.Error("the pack's print style sheet is not linked")
	}
}

// TestMeetingPackEscapes: what a clerk writes in a decision table is text,
// masked in the public build like the rest of the note.
func TestMeetingPackEscapes(t *testing.T) {
	d := loadSample(t)
	opt := sampleOptions(d, false)
	note, err := os.ReadFile("../../data/meetings/2026-09-18-joint-meeting.md")
	if err != nil {
		t.Fatal(err)
	}
	d = withNote(d, "data/meetings/2026-10-20-x.md", string(note[:strings.Index(string(note), "## ")])+
		"| 街镇 | 事项 | 责任单位 | 期限 |\n|---|---|---|---|\n| 练塘镇 | <script>alert(1)</script> 联系 13812345678 | 练塘镇 | 2026-12-01 |\n")
	opt.Root = fstest.MapFS{}
	page := packAlone(t, d, opt)
	if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("decision text is not escaped")
	}
	if strings.Contains(page, "13812345678") {
		t.Error("a phone number in a decision is shown in the public build")
	}
}

// TestMeetingPackCaps: a sheet lists at most packDecisions decisions (the
// rest counted) and prints long cells cut, so that it stays one A4 page
// (looked at with 5 long decisions and 5 重大 hazards on one sheet).
func TestMeetingPackCaps(t *testing.T) {
	d := loadSample(t)
	opt := sampleOptions(d, false)
	long := strings.Repeat("组织村居委会逐户上门核实整改情况", 4)
	var rows strings.Builder
	for i := 1; i <= 9; i++ {
		rows.WriteString("| " + strconv.Itoa(i) + " | 朱家角镇 | " + long + " | 朱家角镇人民政府、区燃气中心、各液化气企业 | 2026-10-1" + strconv.Itoa(i%10) + " | 推进中 |\n")
	}
	d = withNote(d, "data/meetings/2026-10-20-x.md", "---\ntitle: x\ndate: 2026-10-20\n---\n| 编号 | 街镇 | 事项 | 责任单位 | 期限 | 完成情况 |\n|---|---|---|---|---|---|\n"+rows.String())
	opt.Root = fstest.MapFS{}
	page := packAlone(t, d, opt)
	i := strings.Index(page, ">朱家角镇</a> <span class=\"sheet-rank\">")
	sheet := page[i : i+strings.Index(page[i:], "</section>")]
	if n := strings.Count(sheet, `<td class="nw late">逾期未完成</td>`); n != packDecisions {
		t.Errorf("%d decisions on the sheet, want %d", n, packDecisions)
	}
	if !strings.Contains(sheet, "另有 4 项未列出") {
		t.Error("the decisions left out are not counted")
	}
	short := string([]rune(long)[:packItemRunes-1]) + "…"
	if !strings.Contains(sheet, `<span class="print-only">`+short+`</span>`) || !strings.Contains(sheet, `<span class="screen-only">`+long+`</span>`) {
		t.Error("a long 事项 is not cut for print and whole on screen")
	}
}

// TestMeetingPackNamesMissingFiles (review, item 4): at 2026-12-02 the
// cohort of the 2026-12 月报 (2026-10) lacks E03's and E04's 排查表, so
// 徐泾镇, 华新镇, 重固镇 and 白鹤镇 have no cohort; their rate says why
// instead of 批次无隐患, and every sheet carries the caveat.
func TestMeetingPackNamesMissingFiles(t *testing.T) {
	d := loadSample(t)
	opt := sampleOptions(d, false)
	opt.AsOf = time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai)
	s, err := newSite(d, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := readMeetings(s.d.Meetings, s.m.text)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.renderMeetingPack(ms); err != nil {
		t.Fatal(err)
	}
	page := string(s.files[packFile])
	if strings.Contains(page, "批次无隐患") {
		t.Error("the pack still says 批次无隐患")
	}
	for _, name := range []string{"徐泾镇", "华新镇", "重固镇", "白鹤镇", "朱家角镇"} {
		i := strings.Index(page, ">"+name+"</a> <span class=\"sheet-rank\">")
		if i < 0 {
			t.Fatalf("no sheet for %s", name)
		}
		sheet := page[i : i+strings.Index(page[i:], "</section>")]
		want := []string{"数据不完整：E03、E04 的 2026年10月 排查表未收到，2026年10月 整改批次不含这些企业发现的隐患。"}
		if name != "朱家角镇" {
			want = []string{"<td class=\"num\">—（E03、E04 的 2026年10月 排查表未收到）</td>",
				"数据不完整：E03、E04 的 2026年10月 排查表未收到，本街镇 2026年10月 整改批次没有隐患数据，闭环率为“—”，不表示没有隐患。"}
		}
		for _, w := range want {
			if !strings.Contains(sheet, w) {
				t.Errorf("%s sheet lacks %q", name, w)
			}
		}
	}
}

// withNote returns a shallow copy of d (the shared sample stays as it is)
// whose only meeting note is src at file, read as validate reads it
// (minutes.ParseNote with d's reference data).
func withNote(d *model.Dataset, file, src string) *model.Dataset {
	c := *d
	n, _, _ := minutes.ParseNote([]byte(src), d.Ref)
	c.Meetings = []model.Meeting{{File: file, Note: n}}
	return &c
}

// packAlone renders the pack page of the site of d with opt alone
// (Pages.File: byte for byte the page of Site, TestPagesMatchSite), not the
// whole site around it.
func packAlone(t *testing.T, d *model.Dataset, opt Options) string {
	t.Helper()
	p, err := NewPages(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.File(packFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
