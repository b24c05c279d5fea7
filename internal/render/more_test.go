package render

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/minutes"
	"lpg/internal/model"
	"lpg/internal/privacy"
	"lpg/internal/reference"
)

// tinyDataset is one town, one village, one enterprise and two hazards of
// 2026-09, one of them with a hostile remark and a town row.
func tinyDataset() *model.Dataset {
	ref := &reference.Data{
		Towns:       []reference.Town{{Code: "310118102", Name: "朱家角镇", Type: "镇"}},
		Villages:    []reference.Village{{Code: "310118102001", Name: "北大街居委会", TownCode: "310118102", Kind: "居委会"}},
		HazardTypes: []reference.HazardType{{Code: "HOSE_AGED", Name: "橡胶管老化", Severity: "一般", DeadlineDays: 15}},
		Enterprises: []reference.Enterprise{{ID: "E01", Name: "示例液化气公司"}},
	}
	ref.Index()
	m := calendar.Month{Year: 2026, Month: time.September}
	h1 := &model.Hazard{ID: "E01-202609-0001", Enterprise: "E01", Month: m, Town: "310118102", Village: "310118102001",
		UserType: "居民", UserName: "欧阳娜娜", Phone: "13912345678", Address: "朱家角镇北大街12号",
		InspectionDate: calendar.NewDate(2026, 9, 3), Type: "HOSE_AGED", Severity: "一般", OnsiteAction: "书面告知限期整改",
		DueDate: calendar.NewDate(2026, 9, 18), Remarks: "<script>alert(1)</script>", Cylinders: -1}
	h2 := &model.Hazard{ID: "E01-202609-0002", Enterprise: "E01", Month: m, Town: "310118102", Village: "310118102001",
		UserType: "餐饮", UserName: "=HYPERLINK(\"x\")", Address: "北大街5号", InspectionDate: calendar.NewDate(2026, 9, 4),
		Type: "HOSE_AGED", Severity: "一般", OnsiteAction: "书面告知限期整改", DueDate: calendar.NewDate(2026, 9, 19), Cylinders: 2, Remarks: "=1+1"}
	r2 := &model.Rectification{HazardID: h2.ID, Town: "310118102", Month: m, Status: "整改中", Verifier: "居委会 陈丽",
		Reason: "用户外出", Joint: true, Remarks: "<b>备注</b>"}
	return &model.Dataset{
		Ref: ref, Hazards: []*model.Hazard{h1, h2}, Rects: map[string]*model.Rectification{h2.ID: r2},
		Files: []model.File{
			{Path: "data/hazards/2026-09/E01.csv", Form: model.FormHazards, Month: m, Submitter: "E01", Rows: 2},
			{Path: "data/rectifications/2026-09/310118102.csv", Form: model.FormRectifications, Month: m, Submitter: "310118102", Rows: 1, Filled: 1},
		},
		Liaisons: []model.Liaison{{Level: "街镇", Unit: "朱家角镇安全办", Town: "朱家角镇", TownCode: "310118102", Name: "陈磊根", Mobile: "13800130245"}},
	}
}

var tinyAsOf = time.Date(2026, 11, 3, 9, 0, 0, 0, calendar.Shanghai)

// TestSiteInternalEscapesRemarks: a remark with a script tag is shown as
// text, not run, on the town page of the internal build.
func TestSiteInternalEscapesRemarks(t *testing.T) {
	files, err := Site(tinyDataset(), Options{Internal: true, AsOf: tinyAsOf})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["towns/310118102/index.html"])
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("escaped remark not found in the town page:\n%s", page)
	}
	if strings.Contains(page, "<script>") || strings.Count(page, "<script") != 1 || strings.Contains(page, "<b>备注") {
		t.Errorf("raw HTML from the data reached the town page")
	}
	for _, want := range []string{"欧阳娜娜", "13912345678", "朱家角镇北大街12号", "内部资料", "移交联合整治", "数据版本 <code>未知</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("internal town page lacks %q", want)
		}
	}
}

// TestSiteTownDownloads checks the 派发清单 and the pre-filled 汇总表 of the
// tiny dataset: BOM, CRLF, canonical header, masking, formula neutralised.
func TestSiteTownDownloads(t *testing.T) {
	files, err := Site(tinyDataset(), Options{AsOf: tinyAsOf})
	if err != nil {
		t.Fatal(err)
	}
	rect := string(files["towns/310118102/2026-09/310118102.csv"])
	want := "\uFEFF隐患编号,村居,整改状态,整改方式,整改完成日期,核查人,未整改原因,移交联合整治,备注\r\n" +
		"E01-202609-0001,北大街居委会,,,,,,,\r\n" +
		"E01-202609-0002,北大街居委会,整改中,,,居委会 陈丽,用户外出,是,<b>备注</b>\r\n"
	if rect != want {
		t.Errorf("rectification template:\n%q\nwant\n%q", rect, want)
	}
	list := string(files["towns/310118102/hazards-2026-09.csv"])
	for _, bad := range []string{"欧阳娜娜", "13912345678", "北大街12号", "联系电话", "\n="} {
		if strings.Contains(list, bad) {
			t.Errorf("public 派发清单 contains %q:\n%s", bad, list)
		}
	}
	for _, good := range []string{"\uFEFF隐患编号", "欧***", "朱家角镇北大街…", ",'=**************,", ",'=1+1,", "\r\n"} {
		if !strings.Contains(list, good) {
			t.Errorf("public 派发清单 lacks %q:\n%s", good, list)
		}
	}
	// Report 2026-10 lists the hazards of 2026-09 as they stood at the end of 2026-10.
	rep := string(files["reports/2026-10/hazards.csv"])
	if !strings.HasPrefix(rep, "\uFEFF隐患编号,") || strings.Count(rep, "\r\n") != 3 || !strings.Contains(rep, ",是,43,") {
		t.Errorf("reports/2026-10/hazards.csv:\n%s", rep)
	}
	if got := string(files["reports/2026-11/hazards.csv"]); got != string(csvio.Encode(strings.Split(strings.SplitN(got[3:], "\r\n", 2)[0], ","), nil)) {
		t.Errorf("reports/2026-11/hazards.csv should hold the header only:\n%s", got)
	}
}

// TestSiteLinks: every relative href and src of every page resolves to a
// file of the site (the site must work from file://, so no directory links).
func TestSiteLinks(t *testing.T) {
	d := loadSample(t)
	for _, internal := range []bool{false, true} {
		checkLinks(t, buildSample(t, internal))
	}
	tiny, err := Site(tinyDataset(), Options{AsOf: tinyAsOf})
	if err != nil {
		t.Fatal(err)
	}
	checkLinks(t, tiny)
	empty := &model.Dataset{Ref: d.Ref, Rects: map[string]*model.Rectification{}}
	files, err := Site(empty, Options{AsOf: tinyAsOf})
	if err != nil {
		t.Fatal(err)
	}
	checkLinks(t, files)
}

func checkLinks(t *testing.T, files map[string][]byte) {
	t.Helper()
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for node := range doc.Descendants() {
			if node.Type != html.ElementNode {
				continue
			}
			for _, a := range node.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				n++
				u, err := url.Parse(a.Val)
				if err != nil {
					t.Errorf("%s: bad link %q: %v", p, a.Val, err)
					continue
				}
				if a.Val == "data:," { // the empty favicon that stops browsers asking for /favicon.ico
					continue
				}
				if u.Scheme != "" || u.Host != "" || strings.HasPrefix(a.Val, "/") {
					t.Errorf("%s: link %q is not relative", p, a.Val)
					continue
				}
				if u.Path == "" { // #fragment on the same page
					continue
				}
				target := path.Join(path.Dir(p), u.Path)
				if _, ok := files[target]; !ok {
					t.Errorf("%s: link %q → %s: no such file", p, a.Val, target)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no links found")
	}
}

// TestSiteTemplateOverride: templates/<name>.html of the data repository
// replaces the embedded one of that name only.
func TestSiteTemplateOverride(t *testing.T) {
	root := fstest.MapFS{
		"templates/liaisons.html": {Data: []byte(`{{define "content"}}<p id="custom">自定义联络员页 {{len .Page.Towns}}</p>{{end}}`)},
		"data/meetings/a.md":      {Data: []byte("---\ntitle: 测试会议\ndate: 2026-10-01\n---\n# 会议议题\n")},
		"data/meetings/第二次 会议.md": {Data: []byte("正文\n")},
		"data/meetings/index.md":  {Data: []byte("---\ntitle: 名为 index 的纪要\n---\n")},
	}
	d := tinyDataset()
	for _, p := range []string{"data/meetings/a.md", "data/meetings/index.md", "data/meetings/第二次 会议.md"} {
		d.Meetings = append(d.Meetings, model.Meeting{File: p, Note: note(string(root[p].Data))})
	}
	files, err := Site(d, Options{AsOf: tinyAsOf, Root: root})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["liaisons/index.html"]), `<p id="custom">自定义联络员页 1</p>`) {
		t.Errorf("override not used:\n%s", files["liaisons/index.html"])
	}
	if !strings.Contains(string(files["index.html"]), "首页") {
		t.Error("the layout was lost")
	}
	if !strings.Contains(string(files["meetings/a.html"]), `<h1 id="会议议题">会议议题</h1>`) {
		t.Errorf("meeting page:\n%s", files["meetings/a.html"])
	}
	for _, p := range []string{"meetings/第二次 会议.html", "meetings/meeting-index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	checkLinks(t, files)
	root["templates/town.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{.Nope.Field}}{{end}}`)}
	if _, err := Site(d, Options{AsOf: tinyAsOf, Root: root}); err == nil {
		t.Error("a broken override did not fail the build")
	}
}

func TestHeadingIDs(t *testing.T) {
	ids := newHeadingIDs()
	ids.Put([]byte("custom"))
	for _, c := range []struct{ in, want string }{
		{"会议议题", "会议议题"},
		{"会议议题", "会议议题-1"},
		{"会议议题", "会议议题-2"},
		{"一、整改情况（6—7 月）", "一-整改情况-6-7-月"},
		{"Hello World", "hello-world"},
		{"***", "heading"},
		{"", "heading-1"},
		{"custom", "custom-1"},
	} {
		if got := string(ids.Generate([]byte(c.in), ast.KindHeading)); got != c.want {
			t.Errorf("Generate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRenderMeeting(t *testing.T) {
	src := "---\r\ntitle: \"2026年第三季度联席会议\"\r\ndate: 2026-09-18\r\n---\r\n\r\n## 会议议题\r\n\r\n| 街镇 | 待整改 |\r\n|---|---:|\r\n| 朱家角镇 | 12 |\r\n\r\n<script>alert(1)</script>\r\n\r\n[x](javascript:alert(1))\r\n\r\n## 会议议题\r\n"
	m, err := renderMeeting("2026-09-18-joint", note(src), same)
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "2026年第三季度联席会议" || m.Date != "2026-09-18" || m.Href != "2026-09-18-joint.html" {
		t.Errorf("front matter: %+v", m)
	}
	body := string(m.Body)
	for _, want := range []string{`<h2 id="会议议题">`, `<h2 id="会议议题-1">`, `<div class="scroll" tabindex="0" role="region" aria-label="纪要表格 1"><table>`,
		`<th scope="col">街镇</th>`, `<th scope="col" style="text-align:right">待整改</th>`, `<td style="text-align:right">12</td>`, "</table></div>"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "javascript:") {
		t.Errorf("raw HTML or a javascript: link got through:\n%s", body)
	}
	m, _ = renderMeeting("plain", note("no front matter\n"), same)
	if m.Title != "plain" || !strings.Contains(string(m.Body), "<p>no front matter</p>") {
		t.Errorf("without front matter: %+v", m)
	}
}

// TestWriteRejectsBadPaths: Write checks every path before touching dir.
func TestWriteRejectsBadPaths(t *testing.T) {
	for _, bad := range []map[string][]byte{
		{"index.html": []byte("new"), "a/../../x": []byte("x")},
		{"index.html": []byte("new"), "/abs": []byte("x")},
		{"index.html": []byte("new"), "a": []byte("file"), "a/b": []byte("child")},
		{"index.html": []byte("new"), `a\b`: []byte("x")},
	} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "site")
		writeTree(t, dir, map[string]string{"README.md": "keep", "index.html": "old", "old/x.html": "old"})
		if err := Write(dir, bad, nil); err == nil {
			t.Errorf("Write accepted %v", keys(bad))
		}
		assertTree(t, dir, map[string]string{"README.md": "keep", "index.html": "old", "old/x.html": "old"})
		assertOnly(t, parent, "site")
	}
}

// TestWriteFailureLeavesDir: a failure while writing the new tree (here a
// file name too long for the file system) leaves dir as it was.
func TestWriteFailureLeavesDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{"index.html": "old"})
	err := Write(dir, map[string][]byte{"index.html": []byte("new"), strings.Repeat("x", 300) + ".html": nil}, nil)
	if err == nil {
		t.Fatal("Write did not fail")
	}
	assertTree(t, dir, map[string]string{"index.html": "old"})
	assertOnly(t, parent, "site")
}

// TestWriteReplacesAndKeepsReadme: on success the old files are gone, the
// new ones are there and README.md is kept.
func TestWriteReplacesAndKeepsReadme(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out", "site")
	if err := Write(dir, map[string][]byte{"index.html": []byte("v1"), "a/b.csv": []byte("b")}, nil); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, map[string]string{"index.html": "v1", "a/b.csv": "b"})
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("committed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, map[string][]byte{"index.html": []byte("v2"), "README.md": []byte("generated"), "c/d.html": []byte("d")}, nil); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, map[string]string{"index.html": "v2", "README.md": "committed", "c/d.html": "d"})
	assertOnly(t, filepath.Join(parent, "out"), "site")
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("site dir mode: %v %v", st.Mode(), err)
	}
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// assertTree checks that dir holds exactly files.
func assertTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(files) {
		t.Errorf("%s holds %v, want %v", dir, got, files)
	}
}

// assertOnly checks that dir holds only the entry name (no temp dirs left).
func assertOnly(t *testing.T, dir, name string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Name() != name {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", dir, names, name)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// note is the meeting note src as validate reads it (minutes.ParseNote,
// no reference data: no town resolves).
func note(src string) minutes.Note {
	n, _, _ := minutes.ParseNote([]byte(src), &reference.Data{})
	return n
}

// same is the masker of an internal build: text unchanged.
func same(s string) string { return s }

// TestRenderMeetingScrubsShown (review of 2026-12-02, F4): the public
// build masks what the page shows, after Markdown: a number split by
// emphasis, written as entities or backslash escapes, in a heading (and
// so its id), a code span or block, a link's text or destination; the
// masks' "*" are literal text, never emphasis; blocks without personal
// data keep their formatting.
func TestRenderMeetingScrubsShown(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"用户电话138**0013**2405", "<p>用户电话138****2405</p>\n"},
		{"实体写法 &#49;&#51;&#56;&#48;&#48;&#49;&#51;&#50;&#52;&#48;&#55;。", "<p>实体写法 138****2407。</p>\n"},
		{"电话1&#x33;8&nbsp;0013 2408", "<p>电话138\u00a0**** 2408</p>\n"},
		{`电话138\-0013\-2409`, "<p>电话138-****-2409</p>\n"},
		{"电话 _138_ 0013~~2410~~", "<p>电话 138 ****2410</p>\n"},
		{"另一号138\u00ad0013\u00ad2476，**重点**", "<p>另*号*******2476，重点</p>\n"},
		{"## 联系138**0013**2411", "<h2 id=\"联系138-2411\">联系138****2411</h2>\n"},
		{"## 联系[王](tel:13800132412)", "<h2 id=\"联系王\">联系<a href=\"tel:138****2412\">王</a></h2>\n"},
		{"联系 `138 0013 2413`", "<p>联系 138 **** 2413</p>\n"},
		{"```\n户主 138 0013 2414\n```", "<pre><code>户主 138 **** 2414\n</code></pre>\n"},
		{"[13800132415](https://example.org/)", "<p>138****2415</p>\n"},
		{"<https://example.org/?t=13800132416>", "<p>https://example.org/?t=138****2416</p>\n"},
		{"| 户 | 电话 |\n|---|---|\n| 18栋502 | 138**0013**2417 |", "<td>**栋***</td>\n<td>138****2417</td>"},
		{"户主王建国\n住青浦路99弄", "<p>户主王**\n住青浦路**弄</p>\n"},
		{"1. **重点**：复查\n2. 用户*已*整改", "<li><strong>重点</strong>：复查</li>\n<li>用户<em>已</em>整改</li>"},
		{"## 会议**议题**", "<h2 id=\"会议-议题\">会议<strong>议题</strong></h2>\n"},
	} {
		m, err := renderMeeting("x", note("---\ntitle: t\ndate: 2026-10-22\n---\n\n"+c.md+"\n"), privacy.Scrub)
		if err != nil {
			t.Fatal(err)
		}
		if body := string(m.Body); !strings.Contains(body, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.md, body, c.want)
		}
		if in, _ := renderMeeting("x", note("---\ntitle: t\ndate: 2026-10-22\n---\n\n"+c.md+"\n"), same); strings.Contains(string(in.Body), "****") {
			t.Errorf("internal build of %q masks: %s", c.md, in.Body)
		}
	}
}

// TestMeetingImagesStayLocal (review round 3, G14): an image of a note
// that would load from elsewhere becomes a link to it; a picture inside
// the site stays a picture.
func TestMeetingImagesStayLocal(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"![统计图](http://evil.example/pixel.png)", `<p><a href="http://evil.example/pixel.png">统计图（外部图片）</a></p>`},
		{"![b](//evil.example/pr.png)", `<p><a href="//evil.example/pr.png">b（外部图片）</a></p>`},
		{"![c](HTTPS://evil.example/a.png \"标题\")", `<a href="HTTPS://evil.example/a.png" title="标题">c（外部图片）</a>`},
		{"![现场](img/site.png)", `<p><img src="img/site.png" alt="现场"></p>`},
	} {
		m, err := renderMeeting("x", note("---\ntitle: t\ndate: 2026-10-22\n---\n\n"+c.md+"\n"), same)
		if err != nil {
			t.Fatal(err)
		}
		if body := string(m.Body); !strings.Contains(body, c.want) || (strings.Contains(c.want, "外部") && strings.Contains(body, "<img")) {
			t.Errorf("%q:\n got %q\nwant %q", c.md, body, c.want)
		}
	}
	for dest, want := range map[string]bool{"http://a/b": true, "data:image/png;base64,AA": true, "//a/b": true, `\\a\b`: true,
		"img/a.png": false, "../a.png": false, "a.png?x=1:2": false, "#x": false, "/img/a.png": false} {
		if got := externalURL(dest); got != want {
			t.Errorf("externalURL(%q) = %v, want %v", dest, got, want)
		}
	}
}

// TestMeetingFileNames (review of 2026-12-02, F5): the public build never
// publishes a note's file name that the masker would change: such a note
// gets its date and a counter (not one another note's name holds); the
// internal build keeps every name.
func TestMeetingFileNames(t *testing.T) {
	src := func(date string) minutes.Note { return note("---\ntitle: 会议\ndate: " + date + "\n---\n正文\n") }
	notes := []model.Meeting{
		{File: "data/meetings/2026-10-27-户主王建国13800132494.md", Note: src("2026-10-27")},
		{File: "data/meetings/2026-10-27-1.md", Note: src("2026-10-27")},
		{File: "data/meetings/2026-10-27-青浦路99弄7号.md", Note: src("2026-10-27")},
		{File: "data/meetings/2026-09-18-joint.md", Note: src("2026-09-18")},
		{File: "data/meetings/13800132495.md", Note: src("2026-13-01")},
	}
	for _, c := range []struct {
		text func(string) string
		want []string
	}{
		{privacy.Scrub, []string{"2026-10-27-1.html", "2026-10-27-2.html", "2026-10-27-3.html", "2026-09-18-joint.html", "meeting-1.html"}},
		{same, []string{"13800132495.html", "2026-10-27-1.html", "2026-10-27-户主王建国13800132494.html", "2026-10-27-青浦路99弄7号.html", "2026-09-18-joint.html"}},
	} {
		ms, err := readMeetings(notes, c.text)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.File)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("files %q, want %q", got, c.want)
		}
	}
}

// TestReadsTemplate: the files a build reads below templates/ are the
// overrides of embedded files, and only those (review round 4 H5, H12).
func TestReadsTemplate(t *testing.T) {
	for p, want := range map[string]bool{
		"templates/style.css":       true,
		"templates/pack.css":        true,
		"templates/report.html":     true,
		"templates/lpg.js":          true,
		"templates/layout.html":     true,
		"templates/templates.go":    false,
		"templates/notes.txt":       false,
		"templates/old/report.html": false,
		"templates/":                false,
		"templates/.":               false,
		"templates":                 false,
		"style.css":                 false,
		"data/templates/style.css":  false,
	} {
		if got := ReadsTemplate(p); got != want {
			t.Errorf("ReadsTemplate(%q) = %v, want %v", p, got, want)
		}
	}
}
