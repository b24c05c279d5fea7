package render

import (
	"html"
	"lpg/internal/linkcheck"
	"lpg/internal/model"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
)

var tagRE = regexp.MustCompile(`<[^>]+>`)

// text returns the visible text of a page fragment: tags removed,
// entities decoded.
func text(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

// section returns the part of page from the element with id to the next h2.
func section(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `<h2 id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no section %s", id)
	}
	rest := page[i+1:]
	if j := strings.Index(rest, "<h2"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestReportPageForOfficials: the sample's 2026-11 report as issue 9 asks —
// a 需督办 block before the statistics listing every open 重大 hazard, the
// completeness caveat naming E03, E04 and the towns without data, the two
// kinds of lateness as separate named figures, the 草稿 mark, 期号 and the
// issuing body, dates as 2026年11月, and the commit only in the small note.
func TestReportPageForOfficials(t *testing.T) {
	d := loadSample(t)
	files := buildSample(t, false)
	page := string(files["reports/2026-11/index.html"])
	rep := loop.MonthlyReport(d, loop.ReceiptMap(d.Receipts), calendar.Month{Year: 2026, Month: 11}, sampleAsOf, "")

	if a, s := strings.Index(page, `<h2 id="action">需督办</h2>`), strings.Index(page, `<h2 id="new">`); a < 0 || a > s {
		t.Fatalf("需督办 must come before the statistics (at %d, 一 at %d)", a, s)
	}
	action := section(t, page, "action")
	if len(rep.Open.MajorIDs) != 11 {
		t.Fatalf("sample: %d open 重大, want 11", len(rep.Open.MajorIDs))
	}
	for _, id := range rep.Open.MajorIDs {
		if !strings.Contains(action, `>`+id+`</a></th>`) {
			t.Errorf("需督办 lacks open 重大 hazard %s", id)
		}
	}
	for _, want := range []string{"未闭环的重大隐患（11 起）", "拒不整改（51 起）", "移交联合整治（79 起）", "用户逾期未整改（806 起）"} {
		if !strings.Contains(text(action), want) {
			t.Errorf("需督办 lacks %q", want)
		}
	}

	wantCaveat := "数据不完整：E03 上海泖河液化气有限公司（示例）（逾期未报）、E04 上海练塘能源服务有限公司（示例）（逾期未报） 的 2026年10月 排查表尚未收到，徐泾镇、华新镇、重固镇、白鹤镇无新增隐患数据。"
	if got := strings.Count(text(page), wantCaveat); got != 2 { // under 概述 and in section 一
		t.Errorf("caveat %q appears %d times, want 2 (概述, section 一)", wantCaveat, got)
	}
	if !strings.Contains(text(section(t, page, "cohort")), "数据不完整：夏阳街道、朱家角镇、徐泾镇、重固镇 的 2026年9月 汇总表未到期（截止 2026年11月30日）") {
		t.Error("section 二 lacks the cohort caveat")
	}
	summary := text(section(t, page, "summary"))
	if !strings.Contains(summary, "比上期减少 281 起，但 E03、E04 的排查表尚未收到，变化主要反映数据不完整") {
		t.Errorf("the month-on-month change is stated without its caveat:\n%s", summary)
	}
	para := regexp.MustCompile(`<p class="summary">([^<]*)</p>`).FindStringSubmatch(page)
	if para == nil {
		t.Fatal("no summary paragraph")
	}
	if n := strings.Count(para[1], "。"); n < 3 || n > 5 {
		t.Errorf("summary has %d sentences, want 3–5", n)
	}

	figures := text(section(t, page, "figures"))
	for _, want := range []string{"用户逾期未整改806", "街镇逾期未办结463", "其中重大11", "含待报送 158 起", "数据不完整"} {
		if !strings.Contains(strings.ReplaceAll(figures, "\n", ""), want) {
			t.Errorf("主要指标 lacks %q:\n%s", want, figures)
		}
	}

	for _, want := range []string{`<p class="draft-mark" role="note"><strong>草稿 · 未发布</strong>`, `<p class="doc-title">瓶装液化石油气安全隐患处置月报</p>`,
		`<p class="doc-no">2026年11月　第6期　<span class="draft-word">（草稿）</span></p>`, `<span>青浦区燃气管理中心</span>`,
		"<title>2026年11月 隐患处置月报", `<span class="k">报送：</span>区建设和管理委员会；区应急管理局；区市场监督管理局；区消防救援支队`,
		`<p class="dataver">数据版本（git 提交）0123456789ab，`, "统计截至 <strong>2026年11月29日 18:30</strong>"} {
		if !strings.Contains(page, want) {
			t.Errorf("report page lacks %s", want)
		}
	}
	if strings.Count(page, "0123456789ab") != 1 {
		t.Error("the commit appears outside the small data-version note")
	}

	// Table 4 ranks by 街镇逾期未办结 and colours only towns really late.
	fair := section(t, page, "open")
	rows := regexp.MustCompile(`<tr( class="overdue")?><td class="num">(\d+)</td><th scope="row"><a [^>]+>([^<]+)</a></th><td class="num">(\d+)</td>`).FindAllStringSubmatch(fair, -1)
	if len(rows) != 11 {
		t.Fatalf("table 4 has %d town rows, want 11", len(rows))
	}
	prev := 1 << 30
	for _, r := range rows {
		var n int
		for _, c := range r[4] {
			n = n*10 + int(c-'0')
		}
		if n > prev {
			t.Errorf("table 4 not ordered by 街镇逾期未办结: %s %d after %d", r[3], n, prev)
		}
		prev = n
		if (r[1] != "") != (n > 0) {
			t.Errorf("%s coloured=%v with 街镇逾期未办结 %d", r[3], r[1] != "", n)
		}
	}
}

// TestDraftAndEditionHeads: a published edition carries its publication
// date and edition instead of the 草稿 mark; a comparison across different
// cut-offs says that time moved.
func TestDraftAndEditionHeads(t *testing.T) {
	d := loadSample(t)
	opt := sampleOptions(d, false)
	opt.AsOf = time.Date(2026, 11, 2, 9, 0, 0, 0, calendar.Shanghai)
	files, err := EditionFiles(d, opt, calendar.Month{Year: 2026, Month: 10}, "v1")
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["reports/2026-10/v1/index.html"])
	for _, want := range []string{`<p class="doc-no">2026年10月　第5期</p>`, "<span>2026年11月2日发布（v1）</span>", "青浦区燃气管理中心　2026年11月2日印发"} {
		if !strings.Contains(page, want) {
			t.Errorf("edition page lacks %s", want)
		}
	}
	if strings.Contains(page, "草稿") {
		t.Error("edition page marked 草稿")
	}
	s := &site{d: d}
	c := loop.Changes{AsOfA: time.Date(2026, 10, 25, 12, 0, 0, 0, calendar.Shanghai), AsOfB: time.Date(2026, 10, 31, 23, 59, 59, 0, calendar.Shanghai)}
	if v := s.changesView(&c, "v1", "实时草稿"); v.TimeNote != "注意：两者的统计截止时间不同（v1 截至 2026年10月25日 12:00，实时草稿 截至 2026年10月31日 23:59），下面的变化有一部分是时间推移（整改期限、汇总表截止时间到期）造成的，不全是数据更新。" {
		t.Errorf("time note: %q", v.TimeNote)
	}
}

// TestCohortCaveatCountsListedTowns (review, item 1): the completeness
// sentence of section 二 counts the hazards of the towns it names
// (rectification.by_town summed over them), not the district's pending
// and unreported; rows missing from towns that did submit are named apart.
func TestCohortCaveatCountsListedTowns(t *testing.T) {
	d := loadSample(t)
	for _, tc := range []struct {
		asOf time.Time
		want string
	}{
		{sampleAsOf, "数据不完整：夏阳街道、朱家角镇、徐泾镇、重固镇 的 2026年9月 汇总表未到期（截止 2026年11月30日）。这些街镇的隐患中，待报送 143 起，计入闭环率的分母。已报送汇总表的街镇中，另有待报送 15 起（汇总表中没有这些隐患的行），同样计入分母。"},
		// 朱家角镇 and 重固镇 sent theirs on 11-29 at 22:04 (git; the
		// sample's receipts.csv had 12-08 and 12-02 until review G7)
		{time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai), "数据不完整：夏阳街道、徐泾镇 的 2026年9月 汇总表逾期未报。这些街镇的隐患中，未报送 56 起，计入闭环率的分母。已报送汇总表的街镇中，另有未报送 17 起（汇总表中没有这些隐患的行），同样计入分母。"},
	} {
		s, i := sampleMonthAt(t, d, tc.asOf, "2026-11")
		if got := s.completeness(i).Cohort; got != tc.want {
			t.Errorf("as of %v:\n got %s\nwant %s", tc.asOf, got, tc.want)
		}
	}
}

// sampleMonthAt prepares the public site of d at asOf (Asia/Shanghai) and
// returns it with the index of report month period, failing the test when
// the site has no such report.
func sampleMonthAt(t *testing.T, d *model.Dataset, asOf time.Time, period string) (*site, int) {
	t.Helper()
	opt := sampleOptions(d, false)
	opt.AsOf = asOf
	s, err := newSite(d, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range s.months {
		if m.String() == period {
			return s, i
		}
	}
	t.Fatalf("as of %v: no %s report", asOf, period)
	return nil, 0
}

// draftAt prepares the public sample site at asOf (Asia/Shanghai) and
// returns it with the index of its last report month, which must be
// 2026-12 (the draft of the tests at 12-02 and 12-26).
func draftAt(t *testing.T, asOf time.Time) (*site, int) {
	t.Helper()
	d := loadSample(t)
	opt := sampleOptions(d, false)
	opt.AsOf = asOf
	s, err := newSite(d, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	i := len(s.months) - 1
	if s.months[i].String() != "2026-12" {
		t.Fatalf("last report %s", s.months[i])
	}
	return s, i
}

// TestDraftDisclosesMissingAndNotDue (review, item 3): the 2026-12 draft
// (cohort 2026-10, whose 汇总表 are due 12-31) says beside the cohort and
// the open figures that E03's and E04's 2026-10 排查表 are still missing and
// which towns that leaves without a cohort; no town gets a 已到期闭环率 from
// 当场整改 defaults alone (未到期, never ↓), nor the district; a 入户安检量表
// not yet due is 未到期（待报送）, not 未报.
func TestDraftDisclosesMissingAndNotDue(t *testing.T) {
	s, i := draftAt(t, time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai))
	c := s.completeness(i)
	wantCohort := "数据不完整：E03、E04 的 2026年10月 排查表仍未收到，本批次 216 起不含这些企业发现的隐患；徐泾镇、华新镇、重固镇、白鹤镇本批次没有隐患数据（批次数为 0，闭环率为“—”）。" +
		"夏阳街道、盈浦街道、香花桥街道、朱家角镇、练塘镇、金泽镇、赵巷镇 的 2026年10月 汇总表未到期（截止 2026年12月31日）。这些街镇的隐患中，待报送 155 起，计入闭环率的分母。"
	if c.Cohort != wantCohort || !c.CohortIncomplete {
		t.Errorf("cohort caveat\n got %s\nwant %s", c.Cohort, wantCohort)
	}
	if want := "数据不完整：E03、E04 的 2026年10月 排查表仍未收到，未闭环和逾期数字不含其中的隐患（2026年11月 排查表的情况见一）。"; c.Open != want {
		t.Errorf("open caveat\n got %s\nwant %s", c.Open, want)
	}
	rows, avg := s.fairRanking(i)
	if avg != "—" {
		t.Errorf("district 已到期闭环率 %s with nothing due, want —", avg)
	}
	for _, f := range rows {
		want := "—"
		if f.CohortTotal > 0 {
			want = "未到期"
		}
		if f.DueRate != want || f.BelowAverage {
			t.Errorf("%s: 已到期闭环率 %q below=%v, want %q", f.Name, f.DueRate, f.BelowAverage, want)
		}
	}
	cov := s.reports[i].Inspections
	if got, want := coverageMissing(cov.Submissions, func(id string) string { return id }), "E01、E02、E03、E04 未到期（待报送，截止 2026-12-25 23:59）"; got != want {
		t.Errorf("coverage: %q, want %q", got, want)
	}
	// The 2026-11 排查表 are due on 12-25: nothing is compared with 2026-10
	// and no count of new hazards is claimed (review: "比上期减少 216 起").
	if !c.NewNotDue || c.NewDue != "2026年12月25日" {
		t.Errorf("NewNotDue %v, due %q", c.NewNotDue, c.NewDue)
	}
	if want := "未到期：E01、E02、E03、E04 的 2026年11月 排查表均在 2026年12月25日 前报送，现在还没有到期，本节暂无数据；这不表示没有发现隐患。"; c.New != want {
		t.Errorf("new caveat\n got %s\nwant %s", c.New, want)
	}
	sum := s.summary(i)
	if want := "2026年11月的排查表尚未到期（2026年12月25日前报送），新发现隐患待报送后统计，不与上期比较。"; !strings.Contains(sum, want) || strings.Contains(sum, "比上期") {
		t.Errorf("summary compares a month not yet due:\n%s", sum)
	}
	if tr := loop.Trend(s.reports, "", 2); tr[0].NewNotDue || !tr[1].NewNotDue || tr[0].New != 216 {
		t.Errorf("trend %+v: want 2026-11 with 216 new, 2026-12 not due", tr)
	}
	// 2026-11 at 12-02: the 2026-10 入户安检量表 of E03 and E04 are overdue.
	cov = s.reports[i-1].Inspections
	if got, want := coverageMissing(cov.Submissions, func(id string) string { return id }), "E03、E04 逾期未报"; got != want {
		t.Errorf("coverage 2026-11: %q, want %q", got, want)
	}
}

// TestRankingSaysReportMissing (review F17): a town whose cohort 汇总表 is
// 逾期未报 has its closure rate marked 汇总表未报 in 表 3, 表 4, the chart
// and the town pages; before the deadline (未到期) nothing is marked.
func TestRankingSaysReportMissing(t *testing.T) {
	d := loadSample(t)
	for _, tc := range []struct {
		asOf time.Time
		want []string
	}{
		{sampleAsOf, nil},
		{time.Date(2026, 12, 2, 12, 0, 0, 0, calendar.Shanghai), []string{"夏阳街道", "徐泾镇"}}, // 朱家角镇, 重固镇: received 11-29 (review G7)
	} {
		s, i := sampleMonthAt(t, d, tc.asOf, "2026-11")
		rows, _ := s.fairRanking(i)
		var got []string
		for _, tw := range s.d.Ref.Towns {
			for _, r := range rows {
				if r.Code == tw.Code && r.NoReport {
					got = append(got, r.Name)
				}
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("as of %v: marked %v, want %v", tc.asOf, got, tc.want)
		}
		p := s.reportPage(i)
		var cohort []string
		for _, r := range p.Cohort {
			if r.NoReport {
				cohort = append(cohort, r.Name)
			}
		}
		if !reflect.DeepEqual(cohort, tc.want) {
			t.Errorf("as of %v: 表 3 marks %v, want %v", tc.asOf, cohort, tc.want)
		}
	}
}

// TestEditionOfLaterMonth (review F22): an edition of a month after the
// build's as_of (published with --force before anything was committed in
// that month) gets its month's page and listing, and no link of the site
// is broken. The data is the thinned sample (thinSample: every kind of
// page, so every kind of link).
func TestEditionOfLaterMonth(t *testing.T) {
	d := thinSample(t)
	opt := sampleOptions(d, false)
	eopt := opt
	eopt.AsOf = time.Date(2026, 12, 3, 10, 0, 0, 0, calendar.Shanghai)
	files, err := EditionFiles(d, eopt, calendar.Month{Year: 2026, Month: 12}, "v1")
	if err != nil {
		t.Fatal(err)
	}
	opt.Editions = []Edition{{Month: "2026-12", Name: "v1", Commit: opt.Commit, Published: eopt.AsOf, Tagger: "收件员", Message: "提前发布", Forced: true, Files: files}}
	site, err := Site(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := site["reports/2026-12/index.html"]; !ok {
		t.Fatal("no page reports/2026-12/index.html for the 2026-12 edition")
	}
	if !strings.Contains(string(site["reports/2026-12/index.html"]), `href="../../reports/2026-12/v1/index.html"`) {
		t.Error("the 2026-12 page does not link its edition v1")
	}
	if !strings.Contains(string(site["reports/index.html"]), "2026-12") {
		t.Error("reports/index.html does not list 2026-12")
	}
	fsys := fstest.MapFS{}
	for p, b := range site {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	problems, _, err := linkcheck.Check(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
