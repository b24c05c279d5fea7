package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/validate"
)

// The fixture of issue 12 (testdata/clerk at the top of the repository):
// two towns, two enterprises, hazards of 2026-08 … 2026-10, one 汇总表,
// receipts, and two meeting notes with 议定事项 tables. Its pages are
// compared with golden files under testdata/clerk/ (go test -update).

const clerkRoot = "../../testdata/clerk"

var clerkAsOf = time.Date(2026, 11, 10, 10, 0, 0, 0, calendar.Shanghai)

// clerkRows are the changes of the fixture's 汇总表 on a main line, as
// history.Index.RowVersions would list them: first reported on 10-25,
// updated on 11-02 (one closed, one refused and escalated).
func clerkRows() map[string][]model.RowVersion {
	at := func(d, h int) time.Time {
		return time.Date(2026, time.Month(10+d/100), d%100, h, 0, 0, 0, calendar.Shanghai)
	}
	row := func(id, status, method, date, verifier, reason, joint string) map[string]string {
		return map[string]string{"隐患编号": id, "村居": "", "整改状态": status, "整改方式": method, "整改完成日期": date,
			"核查人": verifier, "未整改原因": reason, "移交联合整治": joint, "备注": ""}
	}
	const c1, c2 = "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	return map[string][]model.RowVersion{"data/rectifications/2026-09/310118102.csv": {
		{Key: "E01-202609-0001", Commit: c1, When: at(25, 16), Author: "town-310118102", Cells: row("E01-202609-0001", "整改中", "", "", "居委会 陈丽", "用户外出，电话 13912345678", "否")},
		{Key: "E01-202609-0002", Commit: c1, When: at(25, 16), Author: "town-310118102", Cells: row("E01-202609-0002", "整改中", "", "", "村委会 周敏", "店主称月底搬离", "否")},
		{Key: "E01-202609-0001", Commit: c2, When: at(102, 9), Author: "town-310118102", Cells: row("E01-202609-0001", "已整改", "更换", "2026-10-08", "居委会 陈丽", "", "否")},
		{Key: "E01-202609-0002", Commit: c2, When: at(102, 9), Author: "town-310118102", Cells: row("E01-202609-0002", "拒不整改", "", "", "村委会 周敏", "店主拒绝搬离地下室（电话13800138000）", "是")},
	}}
}

// clerkSite validates the fixture and renders it.
func clerkSite(t *testing.T, internal bool) map[string][]byte {
	t.Helper()
	res, err := validate.Repository(os.DirFS(clerkRoot), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("fixture invalid: %+v", res.Diags.Errors())
	}
	files, err := Site(res.Data, Options{Internal: internal, Commit: "0123456789abcdef0123456789abcdef01234567", AsOf: clerkAsOf,
		Receipts: loop.ReceiptMap(res.Data.Receipts), Root: os.DirFS(clerkRoot), Rows: clerkRows()})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// mainOf is the <main> element of a page: the goldens leave out the frame
// (navigation, footer), which other changes touch.
func mainOf(t *testing.T, page []byte) []byte {
	t.Helper()
	i, j := bytes.Index(page, []byte("<main")), bytes.Index(page, []byte("</main>"))
	if i < 0 || j < i {
		t.Fatalf("no <main> in page:\n%s", page)
	}
	return page[i : j+len("</main>\n")]
}

// golden compares got with testdata/clerk/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "clerk", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update after a deliberate change); got:\n%s", p, got)
	}
}

// TestHazardPages: one page per hazard with its timeline (found, reported,
// distributed, each town update from the main line, where it stands), the
// public build masked as everywhere (golden files), and the links to it
// from the town page, the report lists and the search index.
func TestHazardPages(t *testing.T) {
	pub, internal := clerkSite(t, false), clerkSite(t, true)
	golden(t, "hazard-E01-202609-0002.public.html", mainOf(t, pub["towns/310118102/E01-202609-0002.html"]))
	golden(t, "hazard-E01-202609-0002.internal.html", mainOf(t, internal["towns/310118102/E01-202609-0002.html"]))
	golden(t, "hazard-E01-202609-0003.public.html", mainOf(t, pub["towns/310118001/E01-202609-0003.html"]))
	var pages []string
	for p := range pub {
		if strings.Count(p, "/") == 2 && strings.HasPrefix(p, "towns/") && strings.Contains(p, "/E0") {
			pages = append(pages, p)
		}
	}
	if len(pages) != 7 {
		t.Errorf("%d hazard pages, want one for each of the 7 hazards: %v", len(pages), pages)
	}
	town := string(pub["towns/310118102/index.html"])
	for _, want := range []string{`<a href="E01-202609-0002.html">E01-202609-0002</a>`, `<a href="E01-202610-0001.html">E01-202610-0001</a>`} {
		if !strings.Contains(town, want) {
			t.Errorf("town page lacks %s", want)
		}
	}
	if rep := string(pub["reports/2026-11/index.html"]); !strings.Contains(rep, `<a href="../../towns/310118102/E01-202609-0002.html">E01-202609-0002</a>`) {
		t.Errorf("report 2026-11 does not link E01-202609-0002 to its page")
	}
	if js := string(pub["search/hazards-2026-09.js"]); !strings.Contains(js, `["E01-202609-0002","310118102","310118102002","LOC_BASEMENT","重大","拒不整改",1,1]`) {
		t.Errorf("search shard lacks the page flag:\n%s", js)
	}
	for _, leak := range []string{"老王饭店", "13800138000", "13912345678", "新胜村88号", "李检查", "021-59720000"} {
		if strings.Contains(string(pub["towns/310118102/E01-202609-0002.html"]), leak) || strings.Contains(string(pub["towns/310118102/E01-202609-0001.html"]), leak) {
			t.Errorf("public hazard page shows %q", leak)
		}
	}
}

// TestHazardPageWindow: a hazard closed more than 12 months before as_of
// and found before that has no page; an open one keeps its page however
// old it is.
func TestHazardPageWindow(t *testing.T) {
	d := tinyDataset()
	old := calendar.Month{Year: 2025, Month: time.March}
	closed := &model.Hazard{ID: "E01-202503-0001", Enterprise: "E01", Month: old, Town: "310118102", Village: "310118102001",
		InspectionDate: calendar.NewDate(2025, 3, 3), Type: "HOSE_AGED", Severity: "一般", OnsiteAction: "当场整改", DueDate: calendar.NewDate(2025, 3, 18)}
	open := &model.Hazard{ID: "E01-202503-0002", Enterprise: "E01", Month: old, Town: "310118102", Village: "310118102001",
		InspectionDate: calendar.NewDate(2025, 3, 3), Type: "HOSE_AGED", Severity: "一般", OnsiteAction: "书面告知限期整改", DueDate: calendar.NewDate(2025, 3, 18)}
	lateClosed := &model.Hazard{ID: "E01-202503-0003", Enterprise: "E01", Month: old, Town: "310118102", Village: "310118102001",
		InspectionDate: calendar.NewDate(2025, 3, 3), Type: "HOSE_AGED", Severity: "一般", OnsiteAction: "书面告知限期整改", DueDate: calendar.NewDate(2025, 3, 18)}
	d.Rects[lateClosed.ID] = &model.Rectification{HazardID: lateClosed.ID, Town: "310118102", Month: old, Status: "已整改", Method: "更换", RectifiedDate: calendar.NewDate(2025, 12, 1)}
	d.Hazards = append([]*model.Hazard{closed, open, lateClosed}, d.Hazards...)
	files, err := Site(d, Options{AsOf: tinyAsOf})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{closed.ID: false, open.ID: true, lateClosed.ID: true, "E01-202609-0001": true} {
		if _, got := files["towns/310118102/"+id+".html"]; got != want {
			t.Errorf("page of %s: %v, want %v", id, got, want)
		}
	}
}

// dueOf is the 本月要报 section of a page.
func dueOf(t *testing.T, page []byte) []byte {
	t.Helper()
	i, j := bytes.Index(page, []byte(`<section class="due"`)), bytes.Index(page, []byte("</section>"))
	if i < 0 || j < i {
		t.Fatalf("no 本月要报 section in page:\n%s", page)
	}
	return page[i : j+len("</section>\n")]
}

// TestDueBlocks: the town and enterprise pages open with 本月要报 — every
// submission not yet due or missing, its upload path, deadline, status and
// the downloads named as the upload (golden files) — and those downloads
// exist: the pre-filled 汇总表 (CSV and xlsx) and, per enterprise and
// month, a blank 排查表 from the generator of `lpg template hazards`.
func TestDueBlocks(t *testing.T) {
	files := clerkSite(t, false)
	for _, p := range []string{"towns/310118001/index.html", "towns/310118102/index.html", "enterprises/E01/index.html", "enterprises/E02/index.html"} {
		page := files[p]
		if !bytes.Contains(page, []byte("<main class=\"wrap\" id=\"main\">\n<h1>")) || bytes.Index(page, []byte(`<section class="due"`)) > bytes.Index(page, []byte("</h1>"))+12 {
			t.Errorf("%s: 本月要报 is not the first thing after the title", p)
		}
		golden(t, "due-"+strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "-")+".html", dueOf(t, page))
	}
	for _, p := range []string{"towns/310118001/2026-08/310118001.csv", "towns/310118001/2026-08/310118001.xlsx",
		"towns/310118001/2026-10/310118001.xlsx", "enterprises/E02/2026-10/E02.csv", "enterprises/E02/2026-10/E02.xlsx",
		"enterprises/E02/2026-11/E02.xlsx", "enterprises/E01/2026-11/E01.xlsx"} {
		if len(files[p]) == 0 {
			t.Errorf("missing download %s", p)
		}
	}
	for _, p := range []string{"towns/310118102/rectification-2026-09.csv", "towns/310118102/rectification-2026-09.xlsx", "enterprises/E01/2026-09/E01.xlsx"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s should not exist (not an upload name, or not due)", p)
		}
	}
	if got, want := string(files["towns/310118001/2026-08/310118001.csv"]), "\uFEFF隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\r\nE01-202608-0001,东方社区居委会,,,,,,,\r\n"; got != want {
		t.Errorf("pre-filled 汇总表:\n%q\nwant\n%q", got, want)
	}
	if got, want := string(files["enterprises/E02/2026-10/E02.csv"]), "\uFEFF隐患编号,安检单号,街镇,村居,用户类型,用户编号,用户名称,联系电话,用气地址,房屋类型,钢瓶数量,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\r\n"; got != want {
		t.Errorf("blank 排查表 CSV:\n%q\nwant\n%q", got, want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files["enterprises/E02/2026-10/E02.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, " ") != "排查表 选项 填表说明" {
		t.Errorf("blank 排查表 sheets %v", got)
	}
	head, _ := f.GetRows("排查表")
	if len(head) != 1 || strings.Join(head[0], ",") != strings.Join(form.Get(form.Hazards).Headers(), ",") {
		t.Errorf("blank 排查表 rows %v", head)
	}
	help, _ := f.GetRows("填表说明")
	joined := fmt.Sprint(help)
	for _, want := range []string{"青西燃气配送公司 2026-10 瓶装液化石油气安全隐患排查表 填表说明", "文件名必须是 E02.csv，上传到仓库的 data/hazards/2026-10/ 文件夹（即 data/hazards/2026-10/E02.csv）"} {
		if !strings.Contains(joined, want) {
			t.Errorf("填表说明 lacks %q:\n%s", want, joined)
		}
	}
}

// TestHazardPageVersionsByReceipt (review, item 4): a version of a 汇总表
// row is shown at the time it was received — the file's receipts.csv line
// for the version that created the file, else the commit's time, never
// before the file's receipt — with the commit's time beside it when they
// differ; a version received after as_of is listed apart and not in 经过,
// and 现状 then agrees with the town page (the row is not known).
func TestHazardPageVersionsByReceipt(t *testing.T) {
	res, err := validate.Repository(os.DirFS(clerkRoot), nil)
	if err != nil {
		t.Fatal(err)
	}
	const rect = "data/rectifications/2026-09/310118102.csv"
	var prefill []byte // the 预填汇总表 CSV of the last build
	build := func(asOf, received time.Time) (page, town string) {
		rec := loop.ReceiptMap{}
		for k, v := range loop.ReceiptMap(res.Data.Receipts) {
			rec[k] = v
		}
		rec[rect] = received
		files, err := Site(res.Data, Options{AsOf: asOf, Receipts: rec, Root: os.DirFS(clerkRoot), Rows: clerkRows()})
		if err != nil {
			t.Fatal(err)
		}
		prefill = files["towns/310118102/2026-09/310118102.csv"]
		return string(files["towns/310118102/E01-202609-0001.html"]), string(files["towns/310118102/index.html"])
	}
	timeline := func(page string) (events, later string) {
		i, j := strings.Index(page, `<h2 id="timeline">`), strings.Index(page, `<h2 id="record">`)
		if i < 0 || j < i {
			t.Fatal("no 经过")
		}
		body := page[i:j]
		if k := strings.Index(body, `<h3 id="later">`); k >= 0 {
			return text(body[:k]), text(body[k:])
		}
		return text(body), ""
	}

	// Received (代报, by e-mail) 2026-11-05, after as_of 11-03; committed
	// 10-25 and 11-02. Nothing of the row is known at as_of.
	page, town := build(time.Date(2026, 11, 3, 12, 0, 0, 0, calendar.Shanghai), time.Date(2026, 11, 5, 10, 0, 0, 0, calendar.Shanghai))
	events, later := timeline(page)
	if strings.Contains(events, "办结") || strings.Contains(events, "街镇报送") || !strings.Contains(events, "现状街镇尚未报送整改情况（汇总表 2026-11-30 前报送）") {
		t.Errorf("经过 shows versions received after as_of or a wrong 现状:\n%s", events)
	}
	for _, want := range []string{"统计截止时间之后收到", "收件 2026-11-05 10:00（提交 2026-10-25 16:00）街镇报送整改状态：整改中",
		"收件 2026-11-05 10:00（提交 2026-11-02 09:00）办结整改状态：已整改", "不计入上面的现状，也不计入街镇页和月报"} {
		if !strings.Contains(later, want) {
			t.Errorf("the later versions lack %q:\n%s", want, later)
		}
	}
	if !strings.Contains(text(town), "E01-202609-0001") || strings.Contains(text(town), "已整改") {
		t.Errorf("town page disagrees: E01-202609-0001 should be listed open")
	}
	// The 预填汇总表 is the town's starting point for its next upload: it
	// holds the rows of the file in the tree whatever their receipt, or
	// the town would blank its own answers by re-uploading it (adversarial
	// review G7).
	if !strings.Contains(string(prefill), "\r\nE01-202609-0001,北大街居委会,已整改,更换,2026-10-08,居委会 陈丽,,否,") {
		t.Errorf("预填汇总表 lacks the town's row of the tree:\n%s", prefill)
	}

	// Received 10-20, before the commit that created the file (10-25):
	// the first version at 10-20 with its commit's time, the second at its
	// commit; both before as_of 11-10, so none apart.
	page, _ = build(clerkAsOf, time.Date(2026, 10, 20, 9, 0, 0, 0, calendar.Shanghai))
	events, later = timeline(page)
	for _, want := range []string{"收件 2026-10-20 09:00（提交 2026-10-25 16:00）街镇报送", "2026-11-02 09:00办结整改状态：已整改", "现状已闭环"} {
		if !strings.Contains(events, want) {
			t.Errorf("经过 lacks %q:\n%s", want, events)
		}
	}
	if later != "" || strings.Contains(events, "收件 2026-11-02") {
		t.Errorf("versions received by as_of listed apart or restamped:\n%s\n%s", events, later)
	}
}
