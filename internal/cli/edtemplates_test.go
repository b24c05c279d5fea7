package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"lpg/templates"
)

// TestEditionOwnTemplates: an edition whose tree holds templates this
// program cannot execute (a field a later lpg renamed: partials.html's
// .RectMissing as .RectMissingOld) is rendered with the built-in templates,
// with a warning naming the tag, file, line and column and a note on the
// edition's page; the build succeeds and the other pages are as without
// the edition's templates. Cold and warm --cache builds are identical
// (review round 3 G26).
func TestEditionOwnTemplates(t *testing.T) {
	g, dir := tinyRepo(t)
	root := []string{"--root", dir}
	partials, err := templates.FS.ReadFile("partials.html")
	if err != nil {
		t.Fatal(err)
	}
	old := bytes.Replace(partials, []byte(".RectMissing"), []byte(".RectMissingOld"), 1)
	at := bytes.Index(old, []byte(".RectMissingOld"))
	line := 1 + bytes.Count(old[:at], []byte("\n"))
	col := itoa(at - (bytes.LastIndexByte(old[:at], '\n') + 1)) // text/template's column: the byte offset in the line
	commit(t, g, day(1, 8), "templates of an older lpg", map[string][]byte{"templates/partials.html": old})
	if code, out, stderr := runAt(day(1, 9), append([]string{"publish", "2026-11"}, root...)...); code != ExitOK || !strings.Contains(out, "report/2026-11/v1") {
		t.Fatalf("publish: exit %d, %s %s", code, out, stderr)
	}
	commit(t, g, day(2, 8), "templates removed", map[string][]byte{"templates/partials.html": nil})

	build := func(args ...string) (map[string][]byte, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "site")
		code, _, stderr := runAt(day(4, 9), append(append([]string{"build", "--out", out}, root...), args...)...)
		if code != ExitOK {
			t.Fatalf("build %v: exit %d, %s", args, code, stderr)
		}
		return readTree(t, out), stderr
	}
	site, stderr := build()
	where := "templates/partials.html 第 " + itoa(line) + " 行第 " + col + " 列"
	wantWarning := "警告：版本 report/2026-11/v1 所在提交的模板 " + where + " 不能用本程序生成（template: partials.html:" + itoa(line) +
		":" + col + ": executing \"trend\" at <.RectMissingOld>: can't evaluate field RectMissingOld in type loop.TrendPoint），" +
		"已改用程序内置的模板生成该版本，数据和统计截至时间不变；要按该版本自己的模板生成，请用发布它时的 lpg 构建，或在该版本的模板中改正此处。\n"
	if !strings.HasPrefix(stderr, wantWarning) {
		t.Errorf("stderr %q\nwant first %q", stderr, wantWarning)
	}
	page := string(site["reports/2026-11/v1/index.html"])
	wantNote := `<p class="edition" role="note">说明：本版本所在提交的模板（` + where + `）与生成本网站的 lpg 程序不兼容，本页改用程序内置的模板生成；数据、统计截至时间和结论与发布时相同，版式可能略有不同。</p>`
	if !strings.Contains(page, wantNote) {
		t.Errorf("edition page without the note %q", wantNote)
	}
	if !strings.Contains(page, "这是本月报的正式发布版本 v1") {
		t.Errorf("edition page is not the edition")
	}
	if strings.Contains(string(site["reports/2026-11/index.html"]), "本页改用程序内置的模板生成") {
		t.Errorf("the live page carries the edition's note")
	}
	cache := []string{"--cache", filepath.Join(t.TempDir(), "cache")}
	cold, coldErr := build(cache...)
	warm, warmErr := build(cache...)
	for name, got := range map[string]map[string][]byte{"cold": cold, "warm": warm} {
		if len(got) != len(site) {
			t.Errorf("%s --cache: %d files, without cache %d", name, len(got), len(site))
		}
		for p, b := range site {
			if !bytes.Equal(got[p], b) {
				t.Errorf("%s --cache: %s differs", name, p)
			}
		}
	}
	first := func(s string) string { return s[:strings.IndexByte(s, '\n')+1] }
	if first(coldErr) != wantWarning || first(warmErr) != wantWarning {
		t.Errorf("warnings differ: %q / cold %q / warm %q", stderr, coldErr, warmErr)
	}
}
