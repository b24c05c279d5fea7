package render

import (
	"bytes"
	"index/suffixarray"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/validate"
)

var (
	sampleOnce sync.Once
	sample     *model.Dataset
	sampleErr  error
)

// loadSample validates the repository's own data/ (the sample data).
func loadSample(t *testing.T) *model.Dataset {
	t.Helper()
	sampleOnce.Do(func() {
		res, err := validate.Repository(os.DirFS("../.."), nil)
		if err != nil {
			sampleErr = err
			return
		}
		if res.Diags.HasErrors() {
			t.Logf("sample data has validation errors")
		}
		sample = res.Data
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sample
}

var sampleAsOf = time.Date(2026, 11, 29, 18, 30, 0, 0, calendar.Shanghai)

func sampleOptions(d *model.Dataset, internal bool) Options {
	return Options{Internal: internal, Commit: "0123456789abcdef0123456789abcdef01234567", AsOf: sampleAsOf,
		Receipts: loop.ReceiptMap(d.Receipts), Root: os.DirFS("../..")}
}

// buildSample returns the sample site of one audience, built once per
// test binary and shared by every test (which must not modify the map or
// its contents): each build of the sample is about a second of CPU.
// TestSiteDeterministic compares it with a fresh build (freshSample).
func buildSample(t *testing.T, internal bool) map[string][]byte {
	t.Helper()
	builtMu.Lock()
	defer builtMu.Unlock()
	if files, ok := built[internal]; ok {
		return files
	}
	files := freshSample(t, internal)
	built[internal] = files
	return files
}

var (
	builtMu sync.Mutex
	built   = map[bool]map[string][]byte{}
)

// freshSample builds the sample site of one audience.
func freshSample(t *testing.T, internal bool) map[string][]byte {
	t.Helper()
	d := loadSample(t)
	files, err := Site(d, sampleOptions(d, internal))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSitePages checks that the pages of DESIGN.md "Site" are all there.
func TestSitePages(t *testing.T) {
	d := loadSample(t)
	files := buildSample(t, false)
	want := []string{"index.html", "style.css", "reports/index.html", "towns/index.html", "liaisons/index.html",
		"meetings/index.html", "meetings/2026-09-18-joint-meeting.html"}
	for _, r := range loop.ReportMonths(d, sampleAsOf) {
		for _, f := range []string{"index.html", "report.json", "hazards.csv"} {
			want = append(want, "reports/"+r.String()+"/"+f)
		}
	}
	for _, tw := range d.Ref.Towns {
		want = append(want, "towns/"+tw.Code+"/index.html")
	}
	for _, h := range d.Hazards {
		want = append(want, "towns/"+h.Town+"/hazards-"+h.Month.String()+".csv")
	}
	for _, w := range want {
		if _, ok := files[w]; !ok {
			t.Errorf("missing %s", w)
		}
	}
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		s := string(b)
		// A 月报 states its data version in a small note at its end (issue 9),
		// every other page in the footer.
		version, asOf := "数据版本 <code>0123456789ab</code>", "截至 2026-11-29 18:30"
		if strings.HasPrefix(p, "reports/20") {
			version, asOf = "数据版本（git 提交）0123456789ab，统计截至 ", "（北京时间）"
		}
		if !strings.Contains(s, `<html lang="zh-CN">`) || !strings.Contains(s, version) || !strings.Contains(s, asOf) {
			t.Errorf("%s: missing lang, commit or as_of in the frame", p)
		}
		if strings.Contains(s, "内部资料") {
			t.Errorf("%s: public page marked 内部资料", p)
		}
		for _, ext := range []string{"http://", "https://", "//cdn"} {
			if strings.Contains(s, ext) {
				t.Errorf("%s: contains %q: no external assets", p, ext)
			}
		}
		// The one script is the site's own lpg.js (reading modes, filters,
		// search), linked relatively; not deferred, so that a saved 适老化
		// mode applies before the first paint.
		own := `<script src="` + rootOf(p) + `lpg.js"></script>`
		if strings.Count(s, "<script") != 1 || !strings.Contains(s, own) {
			t.Errorf("%s: scripts other than %s", p, own)
		}
	}
	for p, b := range buildSample(t, true) {
		if strings.HasSuffix(p, ".html") && !strings.Contains(string(b), "<header class=\"site\">\n<div class=\"banner\" role=\"note\">内部资料") {
			t.Errorf("%s: internal page without the 内部资料 banner", p)
		}
	}
}

// TestSiteReportJSON checks report.json against loop.MonthlyReport.
func TestSiteReportJSON(t *testing.T) {
	d := loadSample(t)
	opt := sampleOptions(d, false)
	files := buildSample(t, false)
	for _, r := range loop.ReportMonths(d, sampleAsOf) {
		want, err := encodeJSON(loop.MonthlyReport(d, opt.Receipts, r, opt.AsOf, opt.Commit))
		if err != nil {
			t.Fatal(err)
		}
		got := files["reports/"+r.String()+"/report.json"]
		if !bytes.Equal(got, want) || !bytes.HasSuffix(got, []byte("}\n")) || !bytes.HasPrefix(got, []byte("{\n  \"format\": \"lpg-report/2\"")) {
			t.Errorf("report.json of %s differs from loop.MonthlyReport:\n%s", r, got)
		}
	}
}

// TestSitePublicHidesPersonalData: the public build contains no full user
// name, phone or full address of the sample data in any file, and no full
// liaison mobile.
//
// A two-character household name can be part of a public name the site
// shows on purpose (liaison 韩芳宝, verifier "村委会 吴芳", village 王金村村委会);
// such a name is checked where a user name would stand: a CSV cell and the
// cell after the user type in a town page.
func TestSitePublicHidesPersonalData(t *testing.T) {
	d := loadSample(t)
	files := buildSample(t, false)
	var all lineSet
	books, indexes := 0, 0
	for p, b := range files {
		all.add(b)
		if strings.HasSuffix(p, ".xlsx") { // compressed: check the text of every cell
			all.add(xlsxCells(t, p, b))
			books++
		}
		if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".js") {
			indexes++
		}
	}
	if books == 0 || indexes == 0 || files["reports/2026-11/report.xlsx"] == nil {
		t.Errorf("no workbooks (%d) or search index files (%d) checked", books, indexes)
	}
	index := suffixarray.New(all.text.Bytes())
	contains := func(s string) bool { return len(index.Lookup([]byte(s), 1)) > 0 }
	var public []string // names shown on purpose
	for _, l := range d.Liaisons {
		public = append(public, l.Name, l.Unit)
	}
	for _, r := range d.Rects {
		public = append(public, r.Verifier)
	}
	for _, v := range d.Ref.Villages {
		public = append(public, v.Name)
	}
	for _, e := range d.Ref.Enterprises {
		public = append(public, e.Name)
	}
	for _, h := range d.Ref.HazardTypes {
		public = append(public, h.Name)
	}
	inPublic := func(s string) bool {
		for _, p := range public {
			if strings.Contains(p, s) {
				return true
			}
		}
		return false
	}
	secret := map[string]string{} // value → what it is
	for _, h := range d.Hazards {
		if len([]rune(h.UserName)) > 1 {
			secret[h.UserName] = "user name of " + h.ID
		}
		if h.Phone != "" {
			secret[h.Phone] = "phone of " + h.ID
		}
		secret[h.Address] = "address of " + h.ID
	}
	for _, l := range d.Liaisons {
		if l.Mobile != "" {
			secret[l.Mobile] = "mobile of liaison " + l.Name
		}
	}
	checked, cells := 0, 0
	for v, what := range secret {
		if strings.ContainsAny(v, "\n\x00") { // lineSet finds no value across a line end
			t.Fatalf("%s %q holds a line end or NUL", what, v)
		}
		if !inPublic(v) {
			checked++
			if contains(v) {
				t.Errorf("%s %q is in the public site (%s)", what, v, where(files, v))
			}
			continue
		}
		cells++
		patterns := []string{"," + v + ",", "," + v + "\r\n"} // CSV cells
		for _, ut := range []string{"居民", "餐饮", "单位食堂", "其他非居民"} {
			patterns = append(patterns, ut+"</td><td>"+v+"<") // the user name cell of a town page
		}
		for _, c := range patterns {
			if contains(c) {
				t.Errorf("%s %q is a whole cell of the public site (%s)", what, v, where(files, c))
			}
		}
	}
	t.Logf("%d values checked anywhere, %d (part of public names) checked as whole cells", checked, cells)
	// Positive control: the internal build does show them.
	internal := buildSample(t, true)
	h := d.Hazards[0]
	if where(internal, h.UserName) == "" || where(internal, h.Address) == "" || where(internal, ">"+h.Phone+"<") == "" {
		t.Errorf("internal build does not show %s's user name, phone and address", h.ID)
	}
}

// lineSet is the text searched by TestSitePublicHidesPersonalData: every
// distinct line of the files added, once. A line is the bytes up to and
// including a "\n", or a file's last bytes without one, which get a NUL
// so that no line runs into the next. A value that holds neither "\n" nor
// NUL, or ends in "\r\n" and holds no other "\n" (a CSV cell at the end of
// a row), lies within one line wherever it occurs, so it is in the set
// exactly when it is in a file: the same answers as the files joined whole
// from less than half the text (public sample: 9.4 MB instead of 22.4 MB; a
// hazard page repeats the layout's lines of the 2,400 others), so the
// suffix array costs less than half the CPU.
type lineSet struct {
	seen map[string]bool
	text bytes.Buffer
}

func (s *lineSet) add(b []byte) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		line := b[:i]
		b = b[i:]
		if s.seen[string(line)] {
			continue
		}
		s.seen[string(line)] = true
		s.text.Write(line)
		if line[len(line)-1] != '\n' {
			s.text.WriteByte(0)
		}
	}
}

// where names the first file (sorted) that contains s, "" when none.
func where(files map[string][]byte, s string) string {
	var hit string
	for p, b := range files {
		if bytes.Contains(b, []byte(s)) && (hit == "" || p < hit) {
			hit = p
		}
	}
	return hit
}

// TestSiteDeterministic: two builds from the same inputs are identical:
// the public sample (the shared build of buildSample, made before or by
// this test, and a fresh one), and the internal build of the thinned
// sample (thinSample, two fresh builds). The internal build differs from
// the public one only in what masker lets through and in the 内部资料
// marks, never in order, so its whole sample is not built a second time;
// TestPagesMatchSite renders every file of both thinned builds once more.
func TestSiteDeterministic(t *testing.T) {
	thin := thinSample(t)
	for _, c := range []struct {
		name string
		a, b func() map[string][]byte
	}{
		{"public sample", func() map[string][]byte { return buildSample(t, false) }, func() map[string][]byte { return freshSample(t, false) }},
		{"internal thinned sample", func() map[string][]byte { return mustSite(t, thin, sampleOptions(thin, true)) },
			func() map[string][]byte { return mustSite(t, thin, sampleOptions(thin, true)) }},
	} {
		a, b := c.a(), c.b()
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", c.name, len(a), len(b))
		}
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s: %s differs between two builds", c.name, p)
			}
		}
	}
}

// mustSite is Site(d, opt), failing the test on error.
func mustSite(t *testing.T, d *model.Dataset, opt Options) map[string][]byte {
	t.Helper()
	files, err := Site(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return files
}
