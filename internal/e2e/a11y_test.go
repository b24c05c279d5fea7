package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/render"
	"lpg/internal/validate"
)

// axeTags are the rule sets the site must pass: WCAG 2.0 and 2.1, levels A
// and AA (GB/T 37668-2019 follows WCAG 2.0/2.1 AA).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// widths are the viewport widths every page is checked at: an office
// screen, a tablet or half screen, and 320 CSS px (1280 px at 400 % zoom,
// WCAG 1.4.10 Reflow).
var widths = []int64{1280, 640, 320}

// axePath is where .ci/run installs axe-core (npm, pinned) unless
// $LPG_AXE names the file.
const axePath = "../../.ci/node/node_modules/axe-core/axe.min.js"

// axeSource returns axe.min.js. In CI a missing file fails the test: the
// accessibility check must never be skipped there.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("LPG_AXE")
	if p == "" {
		p = axePath
	}
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core not found (%v): .ci/run installs it into .ci/node and sets LPG_AXE", err)
		}
		t.Skipf("axe-core not found (%v); npm install --prefix .ci/node axe-core@4.14.1, or run .ci/run", err)
	}
	return string(b)
}

// a11yPages are the page kinds of both builds checked for accessibility:
// one page of every kind (template) plus the submission log, a hazard's
// own page, a report month with a published edition (its changes section)
// and the edition's own page. The report template is checked as the draft
// of the running month (2026-11), a month with an edition (2026-10) and
// the edition (2026-10/v1); 2026-07, a third closed month, is only loaded
// (TestPagesLoadCleanly): each report page is a sixth of the suite's cost.
var a11yPages = func() []string {
	var out []string
	for _, p := range pages {
		if p != "reports/2026-07/index.html" {
			out = append(out, p)
		}
	}
	return append(out,
		"files/index.html",
		"towns/310118102/E01-202605-0001.html",
		"reports/2026-10/index.html",
		"reports/2026-10/v1/index.html",
	)
}()

// siteCache holds editionFiles' builds (by repository and build kind) and
// editionSite's folders; parallel tests wait for the one build of a kind
// instead of building (and writing) it twice, while builds of different
// kinds run at the same time.
var siteCache = struct {
	sync.Mutex
	files map[string]*built
	dirs  map[bool]string
}{files: map[string]*built{}, dirs: map[bool]string{}}

// built is one editionFiles build.
type built struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// editionSite writes the site of smallRepo (editionFiles) to a folder,
// once per test binary and build kind, and returns the folder.
func editionSite(t *testing.T, internal bool) string {
	t.Helper()
	files := editionFiles(t, "small", internal)
	siteCache.Lock()
	defer siteCache.Unlock()
	if dir, ok := siteCache.dirs[internal]; ok {
		return dir
	}
	name := "public"
	if internal {
		name = "internal"
	}
	dir := filepath.Join(a11yTmp(), name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := render.Write(dir, files, nil); err != nil {
		t.Fatal(err)
	}
	siteCache.dirs[internal] = dir
	return dir
}

// editionFiles builds the site of repo ("sample": the repository's data/,
// "small": smallRepo) like buildSample, with one published edition (2026-10
// v1, published on 2026-11-02) so that the edition page and the live
// page's 版本与变化 section exist. Built once per test binary, repository
// and build kind.
func editionFiles(t *testing.T, repo string, internal bool) map[string][]byte {
	t.Helper()
	root := fs.FS(os.DirFS("../.."))
	if repo == "small" {
		root = smallRepo(t)
	}
	siteCache.Lock()
	key := fmt.Sprint(repo, internal)
	b := siteCache.files[key]
	if b == nil {
		b = &built{}
		siteCache.files[key] = b
	}
	siteCache.Unlock()
	b.once.Do(func() { b.files, b.err = buildEdition(repo, root, internal) })
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.files
}

// buildEdition is editionFiles' build of the repository in root.
func buildEdition(repo string, root fs.FS, internal bool) (map[string][]byte, error) {
	res, err := validate.Repository(root, nil)
	if err != nil {
		return nil, err
	}
	if res.Diags.HasErrors() {
		return nil, fmt.Errorf("%s data invalid: %+v", repo, res.Diags.Errors()[0])
	}
	cst := time.FixedZone("CST", 8*3600)
	asOf := time.Date(2026, 11, 29, 12, 0, 0, 0, cst)
	published := time.Date(2026, 11, 2, 9, 30, 0, 0, cst)
	month, err := calendar.ParseMonth("2026-10")
	if err != nil {
		return nil, err
	}
	receipts := loop.ReceiptMap(res.Data.Receipts)
	listCap := 0
	if repo == "small" {
		listCap = smallListCap
	}
	edFiles, side, err := render.EditionReport(res.Data, render.Options{Internal: internal, Commit: "fedcba9876543210", AsOf: published,
		Receipts: receipts, Root: root, ListCap: listCap}, month, "v1")
	if err != nil {
		return nil, err
	}
	files, err := render.Site(res.Data, render.Options{Internal: internal, Commit: "0123456789abcdef", AsOf: asOf,
		Receipts: receipts, Root: root, ListCap: listCap,
		Editions: []render.Edition{{Month: "2026-10", Name: "v1", Commit: "fedcba9876543210", Published: published,
			Tagger: "燃气中心", Message: "第一版", Files: edFiles}},
		LastSides: map[string]*loop.PackedSide{"2026-10": loop.NewSideStrings().Pack(side)}})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// a11yTmp is where editionSite writes its builds; TestMain removes it.
func a11yTmp() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("lpg-e2e-a11y-%d", os.Getpid()))
}

// builds are the two editions of the site every accessibility test covers.
var builds = []struct {
	name     string
	internal bool
}{{"public", false}, {"internal", true}}

// a11yServer serves one build and starts a browser watching for problems.
func a11yServer(t *testing.T, internal bool) (context.Context, string, *problems, func()) {
	t.Helper()
	dir := editionSite(t, internal) // before the tab's time limit starts
	ctx, cancel := newBrowserFor(t, 20*time.Minute)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	p := watch(t, ctx, func(u string) bool { return strings.HasPrefix(u, srv.URL+"/") || strings.HasPrefix(u, "data:") })
	return ctx, srv.URL + "/", p, func() { srv.Close(); cancel() }
}

// viewport sets the CSS width of the page (height 900).
func viewport(w int64) chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(w, 900) }

// resize sets the CSS width of the loaded page and waits until the page
// has handled it (its resize listeners, lpg.js's scroll regions, run
// before the next animation frame's callbacks): the suite loads each page once and
// checks it at each width, as a user who resizes the window sees it.
func resize(t *testing.T, ctx context.Context, w int64) {
	t.Helper()
	if err := chromedp.Do(ctx, viewport(w)); err != nil {
		t.Fatal(err)
	}
	// resize events are dispatched before the frame's animation callbacks
	got, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(r => requestAnimationFrame(() => r(innerWidth)))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != float64(w) {
		t.Fatalf("the window is %v px wide, want %d", got, w)
	}
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe injects axe-core into the loaded page (once per page load) and
// returns the violations (each with up to 5 offending nodes: selector and
// summary) of the rules named in only, or of every rule of axeTags when
// only is nil.
func runAxe(t *testing.T, ctx context.Context, src string, only []string) []axeViolation {
	t.Helper()
	if !eval[bool](t, ctx, `typeof axe === "object"`) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](src+";0")); err != nil {
			t.Fatalf("injecting axe: %v", err)
		}
	}
	runOnly := `{type: "tag", values: ["` + strings.Join(axeTags, `","`) + `"]}`
	if only != nil {
		runOnly = `{type: "rule", values: ["` + strings.Join(only, `","`) + `"]}`
	}
	js := `axe.run(document, {runOnly: ` + runOnly + `, resultTypes: ["violations"]}).then(r =>
	  r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
	    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))})))`
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	return v
}

// axeWidths are the widths TestAccessibility runs axe-core at, with the
// rules it runs at each (nil: every rule of axeTags). style.css has one
// width rule, @media (max-width: 480px) (tables: wrapping and padding), so
// the site has two CSS layouts: 1280 px stands for every width above 480
// px (640 px included) and 320 px for the narrow one. Between them only
// two things change (TestWidthRulesOnlyReflow): where text wraps and how
// much padding cells have (no width rule sets a colour, a size, a display
// or anything else an axe rule reads from style), and the tab stop lpg.js
// gives a scroll region while its content overflows (the only resize
// handler). So at 320 px axe runs the rules whose outcome those can
// change: scrollable-region-focusable (what overflows, and whether it can
// be reached) and aria-hidden-focus (a new tab stop inside aria-hidden);
// every other rule reads the DOM, ARIA and styles that are the same at
// both widths and runs at 1280 px (issue 10: the full rule set at 320 px
// was 3.9 s of each build's 14 s of axe). What changes with the width
// inside one CSS layout (text wraps, tables overflow into their scroll
// regions) is also checked at 1280, 640 and 320 px by TestAccessibility's
// layout (no sideways page scroll, chart text) and keyboard checks (every
// region that scrolls is a named region reached by Tab and scrolled by
// arrow keys, more than axe's scrollable-region-focusable asks).
var axeWidths = []struct {
	px    int64
	rules []string
}{{1280, nil}, {320, []string{"scrollable-region-focusable", "aria-hidden-focus"}}}

// TestAccessibility checks every page kind of the public and the internal
// build (a11yPages) for accessibility, loading each page once: the page is
// loaded at 1280 CSS px with the 适老化 modes big and hc saved (by the
// previous page, or saveModes for the first), then checked at each width
// and in each mode it is checked in, switching widths by resizing the
// window (resize) and modes with the page's own buttons (setModes, what a
// reader does: the same click handler sets the classes, saves the choice
// and refits the scroll regions). What is checked where (rule / width /
// modes), each a subtest named rule/width[_modes]/page
// (axe/1280/reports_2026-11, layout/320_big_hc/home, ring/1280_hc/…), so
// that a failure names the rule, the width, the modes and the page:
//
//   - axe: axe-core, WCAG 2.0/2.1 A and AA (axeTags), no violation, at
//     1280 px with every rule and at 320 px without color-contrast
//     (axeWidths), default modes.
//   - layout: at 1280, 640 and 320 px, default and big+hc: the page is no
//     wider than the window (WCAG 1.4.10: wide tables and charts scroll in
//     their own region), chart text is never under 12 CSS px and never
//     overlaps (layoutJS); at 1280 px in default modes no table is cut off
//     in its scroll region.
//   - ring: at 1280 and 320 px, default and hc: every kind of tabbable
//     element (ringJS) shows a focus ring of 2 px or more whose colour is
//     3:1 or more against the colours beside it (WCAG 1.4.11, 2.4.7), on
//     white, in the dark header and on overdue rows.
//   - keyboard: at 1280, 640 and 320 px, default modes: each region that
//     scrolls is a named region, and the first and the last region of each
//     kind (regionsJS) is reached with Tab from the element before it and
//     scrolls with the arrow keys.
//
// Every page load also checks that the saved modes apply (checkModes) and
// that the page has no console error, failed or external request. The
// build's totals are logged per rule and width, and the test fails when a
// check found nothing to check (no chart text, no scroll region at 320 px,
// no focus ring in the header or on an overdue row).
func TestAccessibility(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	for _, b := range builds {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx, base, p, done := a11yServer(t, b.internal)
			defer done()
			c := &a11yCounts{build: b.name, violations: map[int64]int{}, texts: map[string]int{}, regions: map[int64]int{}, keyed: map[int64]int{}, rings: map[string]*ringResult{}}
			saveModes(t, ctx, base, "big hc")
			for _, pg := range a11yPages {
				if err := chromedp.Do(ctx, viewport(1280), chromedp.Navigate(base+pg), chromedp.WaitReady("body")); err != nil {
					t.Fatalf("%s: %v", pg, err)
				}
				checkModes(t, ctx, "big hc", pg)
				for i, w := range widths {
					if i > 0 {
						resize(t, ctx, w)
					}
					c.layout(t, ctx, w, "big hc", pg)
				}
				setModes(t, ctx, "hc", pg)
				c.ring(t, ctx, 320, "hc", pg)
				resize(t, ctx, 1280)
				c.ring(t, ctx, 1280, "hc", pg)
				setModes(t, ctx, "", pg)
				for i, w := range widths {
					if i > 0 {
						resize(t, ctx, w)
					}
					for _, aw := range axeWidths {
						if aw.px == w {
							c.axe(t, ctx, src, w, aw.rules, pg)
						}
					}
					c.layout(t, ctx, w, "", pg)
					if w != 640 {
						c.ring(t, ctx, w, "", pg)
					}
					c.keyboard(t, ctx, w, pg)
				}
				setModes(t, ctx, "big hc", pg) // saved for the next page
				noProblems(t, p, pg)
			}
			c.report(t)
		})
	}
}

// a11yCounts adds up what TestAccessibility checked in one build.
type a11yCounts struct {
	build      string
	violations map[int64]int          // axe violations by width
	texts      map[string]int         // chart texts measured by modes
	regions    map[int64]int          // scroll regions by width
	keyed      map[int64]int          // of those, reached by Tab and scrolled
	rings      map[string]*ringResult // focus rings by width and modes
}

// checkName is the name of a check's subtest: rule/width[_modes]/page,
// the page without .html and /index.html ("home" for the home page).
func checkName(rule string, w int64, modes, pg string) string {
	name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(pg, ".html"), "index"), "/")
	if name == "" {
		name = "home"
	}
	mw := fmt.Sprint(w)
	if modes != "" {
		mw += "_" + strings.ReplaceAll(modes, " ", "_")
	}
	return rule + "/" + mw + "/" + strings.ReplaceAll(name, "/", "_")
}

// settle undoes what an earlier check did to the loaded page, so that
// each check sees it as loaded: no focus, the window and every scrolled
// element back at the top left.
const settle = `(() => {
  if (document.activeElement) document.activeElement.blur();
  document.querySelectorAll("*").forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; if (e.scrollTop) e.scrollTop = 0; });
  window.scrollTo(0, 0);
  return true;
})()`

// axe runs axe-core on the loaded page (runAxe: the rules in only, nil
// for all): no violation.
func (c *a11yCounts) axe(t *testing.T, ctx context.Context, src string, w int64, only []string, pg string) {
	t.Run(checkName("axe", w, "", pg), func(t *testing.T) {
		eval[bool](t, ctx, settle)
		for _, v := range runAxe(t, ctx, src, only) {
			c.violations[w]++
			t.Errorf("%s %d px %s: axe %s (%s): %s\n\t%s", c.build, w, pg, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
	})
}

// layout measures the loaded page (layoutJS): no sideways scroll, chart
// text of 12 px or more that does not overlap, and at 1280 px in default
// modes no table cut off in its scroll region.
func (c *a11yCounts) layout(t *testing.T, ctx context.Context, w int64, modes, pg string) {
	t.Run(checkName("layout", w, modes, pg), func(t *testing.T) {
		eval[bool](t, ctx, settle)
		l := eval[layout](t, ctx, layoutJS)
		where := fmt.Sprintf("%s %d px %q %s", c.build, w, modes, pg)
		if l.Over > 0 {
			t.Errorf("%s: the page is %v px wider than the window: %v", where, l.Over, l.Wide)
		}
		if w == 1280 && modes == "" && len(l.Cut) > 0 {
			t.Errorf("%s: tables cut off in their scroll region: %v", where, l.Cut)
		}
		for _, s := range l.Small {
			t.Errorf("%s: chart text under 12 px: %s", where, s)
		}
		for _, s := range l.Overlap {
			t.Errorf("%s: chart texts overlap: %s", where, s)
		}
		c.texts[modes] += l.Texts
	})
}

// ring measures the focus rings of the loaded page (ringJS) after a Tab
// from nowhere, so that :focus-visible applies as for keyboard users.
func (c *a11yCounts) ring(t *testing.T, ctx context.Context, w int64, modes, pg string) {
	t.Run(checkName("ring", w, modes, pg), func(t *testing.T) {
		eval[bool](t, ctx, settle)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		r := eval[ringResult](t, ctx, ringJS)
		for _, s := range r.Bad {
			t.Errorf("%s %d px %q %s: %s", c.build, w, modes, pg, s)
		}
		key := fmt.Sprint(w, modes)
		if c.rings[key] == nil {
			c.rings[key] = &ringResult{}
		}
		tw := c.rings[key]
		tw.Checked += r.Checked
		tw.Kinds += r.Kinds
		tw.Tabbable += r.Tabbable
		tw.Overdue += r.Overdue
		tw.Header += r.Header
	})
}

// keyboard checks the scroll regions of the loaded page (regionsJS): each
// is a named region; the first and the last of each kind is reached by
// Tab from the element before it and scrolls with the arrow keys.
func (c *a11yCounts) keyboard(t *testing.T, ctx context.Context, w int64, pg string) {
	t.Run(checkName("keyboard", w, "", pg), func(t *testing.T) {
		for _, r := range eval[[]region](t, ctx, regionsJS) {
			c.regions[w]++
			where := fmt.Sprintf("%s %d px %s region %d %q", c.build, w, pg, r.N, r.Name)
			if r.Role != "region" || r.Name == "" {
				t.Errorf("%s: scrolls but is not a named region (role %q)", where, r.Role)
			}
			if !r.Check {
				continue
			}
			c.keyed[w]++
			from := `document.activeElement && document.activeElement.blur()`
			if r.Prev != "" {
				from = `document.querySelector('[data-tab="` + r.Prev + `"]').focus()`
			}
			eval[bool](t, ctx, from+`, true`)
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, ctx, `document.activeElement.getAttribute("data-kbd") || document.activeElement.outerHTML.slice(0, 80)`); got != fmt.Sprint(r.N) {
				t.Errorf("%s: Tab from the element before it lands on %s", where, got)
				continue
			}
			key, prop := kb.ArrowRight, "scrollLeft"
			if !r.X {
				key, prop = kb.ArrowDown, "scrollTop"
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(key+key+key)); err != nil {
				t.Fatal(err)
			}
			if got := eval[float64](t, ctx, `document.querySelector('[data-kbd="`+fmt.Sprint(r.N)+`"]').`+prop); got <= 0 {
				t.Errorf("%s: the arrow key does not scroll it (%s %v)", where, prop, got)
			}
		}
	})
}

// report logs the build's totals and fails when a check found nothing to
// check.
func (c *a11yCounts) report(t *testing.T) {
	t.Helper()
	for _, w := range axeWidths {
		rules := "every rule"
		if w.rules != nil {
			rules = strings.Join(w.rules, ", ")
		}
		t.Logf("axe-core %s (%s), %s build, %d px: %d pages, %d violations", axeTags, rules, c.build, w.px, len(a11yPages), c.violations[w.px])
	}
	for _, modes := range []string{"", "big hc"} {
		t.Logf("%s build, modes %q: %d chart texts measured at %v px", c.build, modes, c.texts[modes], widths)
		if c.texts[modes] == 0 {
			t.Errorf("%s %q: no chart text measured", c.build, modes)
		}
	}
	for _, w := range widths {
		t.Logf("%s build, %d px: %d scroll regions, all named; the first and last of each kind, %d, reached by Tab and scrolled by arrow keys", c.build, w, c.regions[w], c.keyed[w])
	}
	if c.regions[320] == 0 {
		t.Errorf("%s build at 320 px: no scroll region found, the test checks nothing", c.build)
	}
	for _, modes := range []string{"", "hc"} {
		for _, w := range []int64{1280, 320} {
			tw := c.rings[fmt.Sprint(w, modes)]
			if tw == nil {
				tw = &ringResult{}
			}
			t.Logf("%s build, %d px, modes %q: %d focus rings checked (%d on overdue rows, %d in the header): the first and last of %d kinds of the %d tabbable elements", c.build, w, modes, tw.Checked, tw.Overdue, tw.Header, tw.Kinds, tw.Tabbable)
			if tw.Overdue == 0 || tw.Header == 0 {
				t.Errorf("%s %d px %q: no focusable element on an overdue row or in the header was checked", c.build, w, modes)
			}
		}
	}
}

// setModes switches the 适老化 modes of the loaded page to modes ("big
// hc", "hc", "" for none) by clicking its buttons, as a reader does (the
// choice is saved for the pages loaded afterwards), and checks the classes
// (checkModes).
func setModes(t *testing.T, ctx context.Context, modes, pg string) {
	t.Helper()
	eval[bool](t, ctx, `(want => { document.querySelectorAll(".modes button").forEach(b => {
	  if (document.documentElement.classList.contains("lpg-" + b.dataset.mode) !== want.includes(b.dataset.mode)) b.click(); });
	  return true; })(`+quoteJS(modes)+`.split(" "))`)
	checkModes(t, ctx, modes, pg)
}

// widthRule finds the @media blocks of a style sheet whose condition
// names a width (group 1: the condition, group 2: the rules inside; the
// blocks of style.css hold no nested braces beyond one level).
var widthRule = regexp.MustCompile(`@media([^{]*width[^{]*)\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}`)

// reflowProperty matches the properties a width rule may set (see
// axeWidths): where text wraps, and the padding and margins around it.
// Anything else — a colour, a background, a font size (large text has its
// own contrast threshold), display, visibility, content, position — could
// change what an axe rule other than those run at 320 px finds.
var reflowProperty = regexp.MustCompile(`^(white-space|overflow-wrap|word-wrap|word-break|hyphens|(padding|margin)(-(top|right|bottom|left|inline|block)(-(start|end))?)?)$`)

// declaration finds the declarations inside the rules of a width block
// (group 1: the property).
var declaration = regexp.MustCompile(`(?:\{|;)\s*([a-z-]+)\s*:`)

// TestWidthRulesOnlyReflow: the width rules of the site's style sheets set
// only where text wraps and the space around it (reflowProperty), and the
// only thing lpg.js does when the window is resized is fitScrollRegions,
// which only sets or removes the tabindex of a scroll region — what
// axeWidths relies on to run at 320 px only the rules that these change.
// The test also fails when style.css has no width rule, so that a change
// there is looked at.
func TestWidthRulesOnlyReflow(t *testing.T) {
	t.Parallel()
	found := 0
	for _, name := range []string{"style.css", "pack.css"} {
		css, err := os.ReadFile(filepath.Join("..", "..", "templates", name))
		if err != nil {
			t.Fatal(err)
		}
		blocks := widthRule.FindAllStringSubmatch(string(css), -1)
		for _, m := range blocks {
			decls := declaration.FindAllStringSubmatch(m[2], -1)
			if len(decls) == 0 {
				t.Errorf("%s: @media%s: no declaration read: the test does not understand the style sheet", name, m[1])
			}
			for _, d := range decls {
				if !reflowProperty.MatchString(d[1]) {
					t.Errorf("%s: @media%s sets %s: run every axe rule at that width too (axeWidths)", name, m[1], d[1])
				}
			}
		}
		conds := 0
		for _, m := range regexp.MustCompile(`@media[^{]*`).FindAllString(string(css), -1) {
			if strings.Contains(m, "width") {
				conds++
			}
		}
		if conds != len(blocks) {
			t.Errorf("%s: %d @media width conditions, %d blocks read: the test does not understand the style sheet", name, conds, len(blocks))
		}
		found += len(blocks)
	}
	if found == 0 {
		t.Error("no @media width rule found in templates/style.css: the two layouts of axeWidths are gone")
	}
	js, err := os.ReadFile(filepath.Join("..", "..", "templates", "lpg.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{`resize`, `matchMedia`, `ResizeObserver`, `innerWidth`} {
		n := len(regexp.MustCompile(re).FindAllIndex(js, -1))
		if want := map[string]int{"resize": 1}[re]; n != want {
			t.Errorf("lpg.js: %d × %s, want %d (the one window.addEventListener(\"resize\", fitScrollRegions)): a page that changes with the width needs every axe rule at 320 px (axeWidths)", n, re, want)
		}
	}
	if !strings.Contains(string(js), `window.addEventListener("resize", fitScrollRegions);`) {
		t.Error(`lpg.js: no window.addEventListener("resize", fitScrollRegions)`)
	}
	fit := regexp.MustCompile(`(?s)function fitScrollRegions\(\) \{(.*?)\n  \}`).FindSubmatch(js)
	if fit == nil {
		t.Fatal("lpg.js: function fitScrollRegions not found")
	}
	for _, call := range regexp.MustCompile(`\.(\w+)\(("[^"]*")?`).FindAllSubmatch(fit[1], -1) {
		switch c := string(call[1]) + " " + string(call[2]); c {
		case "forEach ", `setAttribute "tabindex"`, `removeAttribute "tabindex"`:
		default:
			t.Errorf("lpg.js: fitScrollRegions calls %s: a resize that changes more than the tab stops of scroll regions needs every axe rule at 320 px (axeWidths)", c)
		}
	}
}

// layoutJS measures, on the loaded page: how far the page is wider than
// the window, the scroll regions whose content is cut off (wider than
// the region), and the chart texts that are smaller than 12 CSS px or
// overlap another text of their chart (measured boxes, each shrunk across
// its line to one em so that the font's line gap does not count; turned
// texts carry a transform).
const layoutJS = `(() => {
  const out = {over: document.documentElement.scrollWidth - window.innerWidth, cut: [], small: [], overlap: [], texts: 0, wide: []};
  if (out.over > 0) document.querySelectorAll("body *").forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 && !e.parentElement.closest(".scroll, .chart-box") && out.wide.length < 5)
      out.wide.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " to " + r.right.toFixed(0) + " px: " + e.textContent.trim().slice(0, 30));
  });
  document.querySelectorAll(".scroll").forEach((r, i) => {
    if (r.scrollWidth > r.clientWidth + 1) out.cut.push((r.getAttribute("aria-label") || "#" + i) + " " + r.scrollWidth + ">" + r.clientWidth);
  });
  document.querySelectorAll("svg.chart").forEach(svg => {
    const scale = svg.getScreenCTM().a;
    const boxes = [];
    svg.querySelectorAll("text").forEach(t => {
      out.texts++;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 12) out.small.push(svg.getAttribute("aria-label") + ": " + t.textContent + " " + px.toFixed(1) + "px");
      const r = t.getBoundingClientRect();
      let b = {x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, s: t.textContent};
      if (!t.hasAttribute("transform")) { const c = (r.top + r.bottom) / 2; b.y0 = c - px / 2; b.y1 = c + px / 2; }
      else { const c = (r.left + r.right) / 2; b.x0 = c - px / 2; b.x1 = c + px / 2; }
      boxes.push(b);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
        out.overlap.push(svg.getAttribute("aria-label") + ": " + a.s + " / " + b.s);
    }
  });
  return out;
})()`

type layout struct {
	Over    float64  `json:"over"`
	Cut     []string `json:"cut"`
	Small   []string `json:"small"`
	Overlap []string `json:"overlap"`
	Texts   int      `json:"texts"`
	Wide    []string `json:"wide"`
}

// saveModes saves the 适老化 modes ("big hc", "" for none) for the site at
// base as the buttons do; pages loaded afterwards apply them.
func saveModes(t *testing.T, ctx context.Context, base, modes string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `localStorage.setItem("lpg-modes", `+quoteJS(modes)+`), true`)
}

// checkModes fails the test when the loaded page does not show the saved
// modes (the html classes lpg-big, lpg-hc and no other lpg- class).
func checkModes(t *testing.T, ctx context.Context, modes, pg string) {
	t.Helper()
	want := ""
	for _, m := range strings.Fields(modes) {
		want += " lpg-" + m
	}
	if got := eval[string](t, ctx, `Array.from(document.documentElement.classList).filter(c => c.startsWith("lpg-")).join(" ")`); got != strings.TrimSpace(want) {
		t.Fatalf("%s: modes %q give the classes %q, want %q", pg, modes, got, strings.TrimSpace(want))
	}
}

// regionsJS marks every scroll region of the page whose content is wider
// or taller than it (data-kbd = its number) and returns, per region, its
// role, name, the selector of the tabbable element before it, and whether
// it is the first or the last of its kind (check): regions of one kind
// (same tag, classes, role and direction, same kind of first child, with
// or without focusable elements inside, same classes of every ancestor)
// are reached and scrolled alike, so the Tab and arrow-key check is made
// on the first and the last of each kind, as the focus ring check
// measures focus rings (ringJS). It first undoes what earlier checks did
// (its marks, the scroll position of every element, focus), so that a
// page loaded once is checked at each width.
const regionsJS = `(() => {
  document.querySelectorAll("*").forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; if (e.scrollTop) e.scrollTop = 0; });
  document.querySelectorAll("[data-kbd]").forEach(e => e.removeAttribute("data-kbd"));
  document.querySelectorAll("[data-tab]").forEach(e => e.removeAttribute("data-tab"));
  window.scrollTo(0, 0);
  if (document.activeElement) document.activeElement.blur();
  const tabbable = Array.from(document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"))
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
  tabbable.forEach((e, i) => e.setAttribute("data-tab", i));
  const out = [];
  document.querySelectorAll("*").forEach(e => {
    const cs = getComputedStyle(e);
    const x = /(auto|scroll)/.test(cs.overflowX) && e.scrollWidth > e.clientWidth + 1;
    const y = /(auto|scroll)/.test(cs.overflowY) && e.scrollHeight > e.clientHeight + 1;
    if (!x && !y || e === document.documentElement || e === document.body) return;
    const n = out.length;
    e.setAttribute("data-kbd", n);
    let prev = null;
    for (const t of tabbable) {
      if (t === e) break;
      if (t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING && !t.contains(e)) prev = t;
    }
    const inner = e.firstElementChild;
    let kind = [e.tagName, e.className, e.getAttribute("role"), x, inner ? inner.tagName + "." + inner.className : "",
      !!e.querySelector("a[href], button, input, select, textarea, [tabindex]")].join("|");
    for (let a = e.parentElement; a; a = a.parentElement) kind += "|" + a.tagName + "." + a.className;
    out.push({n, role: e.getAttribute("role") || "", name: e.getAttribute("aria-label") || "",
      prev: prev ? prev.getAttribute("data-tab") : "", x, kind});
  });
  const first = new Map(), last = new Map();
  for (const r of out) { if (!first.has(r.kind)) first.set(r.kind, r.n); last.set(r.kind, r.n); }
  for (const r of out) r.check = first.get(r.kind) === r.n || last.get(r.kind) === r.n;
  return out;
})()`

type region struct {
	N     int    `json:"n"`
	Role  string `json:"role"`
	Name  string `json:"name"`
	Prev  string `json:"prev"`
	X     bool   `json:"x"`
	Kind  string `json:"kind"`
	Check bool   `json:"check"`
}

// ringJS focuses the tabbable elements of the page (after a Tab, so that
// :focus-visible applies as it does for keyboard users) and measures the
// contrast of each one's focus ring against what is drawn next to the ring
// on both sides: the colour under a point 1 px outside and 1 px inside the
// ring, at the middle of the left and of the top edge.
//
// Elements of one kind in one context get the same ring on the same
// colours: it measures the first and the last element of each kind (same
// tag, classes and colours, same classes of every ancestor, same table
// column), so a table of 400 hazard links costs two measurements per
// column and row class instead of 400. The first and the last differ in
// place (top of a table, next to its header; bottom, next to its border).
// kinds and tabbable count what was seen.
const ringJS = `(() => {
  const lum = c => { const m = c.match(/[\d.]+/g).map(Number);
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]); };
  const opaque = c => { const m = c.match(/[\d.]+/g); return m && (m.length < 4 || Number(m[3]) > 0.5); };
  const bgAt = (el, x, y) => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const r = el.getBoundingClientRect();
    const inside = x >= r.left && x < r.right && y >= r.top && y < r.bottom;
    let n = document.elementsFromPoint(x, y).find(e => inside || (e !== el && !el.contains(e)));
    for (; n; n = n.parentElement) { const c = getComputedStyle(n).backgroundColor; if (opaque(c)) return c; }
    return "rgb(255, 255, 255)";
  };
  const tabbable = Array.from(document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"))
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
  const kindOf = el => {
    const k = [el.tagName, el.className, getComputedStyle(el).color, getComputedStyle(el).backgroundColor];
    for (let a = el.parentElement; a; a = a.parentElement) {
      k.push(a.tagName + "." + a.className + (a.cellIndex !== undefined ? "#" + a.cellIndex : "") + ":" + getComputedStyle(a).backgroundColor);
    }
    return k.join("|");
  };
  const first = new Map(), last = new Map();
  for (const el of tabbable) { const k = kindOf(el); if (!first.has(k)) first.set(k, el); last.set(k, el); }
  const chosen = new Set([...first.values(), ...last.values()]);
  const out = {checked: 0, overdue: 0, header: 0, bad: [], kinds: first.size, tabbable: tabbable.length};
  for (const el of tabbable.filter(e => chosen.has(e))) {
    el.focus();
    if (document.activeElement !== el) continue;
    const name = (el.getAttribute("aria-label") || el.textContent || el.tagName).trim().slice(0, 30);
    const cs = getComputedStyle(el);
    const w = parseFloat(cs.outlineWidth), off = parseFloat(cs.outlineOffset);
    if (!el.matches(":focus-visible") || cs.outlineStyle === "none" || w < 2) { out.bad.push(name + ": no focus ring (" + cs.outlineStyle + " " + cs.outlineWidth + ")"); continue; }
    const ring = lum(cs.outlineColor);
    const r = el.getBoundingClientRect();
    const pts = [[r.left - off - w - 1, (r.top + r.bottom) / 2], [r.left - off + 1, (r.top + r.bottom) / 2],
                 [(r.left + r.right) / 2, r.top - off - w - 1], [(r.left + r.right) / 2, r.top - off + 1]];
    let worst = 99, against = "";
    for (const [x, y] of pts) {
      const c = bgAt(el, x, y); if (!c) continue;
      const l = lum(c), ratio = (Math.max(l, ring) + 0.05) / (Math.min(l, ring) + 0.05);
      if (ratio < worst) { worst = ratio; against = c; }
    }
    out.checked++;
    if (el.closest("tr.overdue, tr.bad")) out.overdue++;
    if (el.closest("header")) out.header++;
    if (worst < 3) out.bad.push(name + ": ring " + cs.outlineColor + " on " + against + " = " + worst.toFixed(2) + ":1");
  }
  return out;
})()`

type ringResult struct {
	Kinds    int      `json:"kinds"`
	Tabbable int      `json:"tabbable"`
	Checked  int      `json:"checked"`
	Overdue  int      `json:"overdue"`
	Header   int      `json:"header"`
	Bad      []string `json:"bad"`
}

const modesState = `[document.documentElement.className, Math.round(parseFloat(getComputedStyle(document.body).fontSize)) + "px",
  getComputedStyle(document.querySelector("header.site")).backgroundColor,
  getComputedStyle(document.querySelector(".modes")).display,
  Array.from(document.querySelectorAll(".modes button")).map(b => b.getAttribute("aria-pressed")).join(" ")].join(" | ")`

// TestReadingModes: the 适老化 buttons switch larger text (body 15 → 20
// px) and high contrast (black header), say so with aria-pressed, and the
// choice is kept across pages in localStorage, over HTTP and from file://.
// Without JavaScript the buttons are not shown and a saved choice does not
// apply: the page is the default. Screenshots of both modes at 1280 and
// 320 px: mode_big_hc_<width>_<page>-N.png.
func TestReadingModes(t *testing.T) {
	t.Parallel()
	for _, from := range []string{"http", "file"} {
		t.Run(from, func(t *testing.T) {
			dir := editionSite(t, false) // before the tab's time limit starts
			ctx, cancel := newBrowserFor(t, 10*time.Minute)
			defer cancel()
			base := "file://" + filepath.ToSlash(dir) + "/"
			if from == "http" {
				srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
				defer srv.Close()
				base = srv.URL + "/"
			}
			p := watch(t, ctx, func(u string) bool { return strings.HasPrefix(u, base) || strings.HasPrefix(u, "data:") })
			if err := chromedp.Do(ctx, viewport(1280), chromedp.Navigate(base+"index.html"), chromedp.WaitVisible(".modes button"),
				chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), chromedp.Reload(), chromedp.WaitVisible(".modes button")); err != nil {
				t.Fatal(err)
			}
			want := " | 15px | rgb(11, 61, 110) | flex | false false"
			if got := eval[string](t, ctx, modesState); got != want {
				t.Errorf("default: %q, want %q", got, want)
			}
			if err := chromedp.Do(ctx, chromedp.Click(`.modes button[data-mode="big"]`), chromedp.Click(`.modes button[data-mode="hc"]`)); err != nil {
				t.Fatal(err)
			}
			want = "lpg-big lpg-hc | 20px | rgb(0, 0, 0) | flex | true true"
			if got := eval[string](t, ctx, modesState); got != want {
				t.Errorf("after both buttons: %q, want %q", got, want)
			}
			// Kept on another page, then big text switched off there.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"towns/310118102/index.html"), chromedp.WaitVisible(".modes button")); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, ctx, modesState); got != want {
				t.Errorf("next page: %q, want %q", got, want)
			}
			if from == "http" {
				for _, w := range []int64{1280, 320} {
					if err := chromedp.Do(ctx, viewport(w)); err != nil {
						t.Fatal(err)
					}
					for _, pg := range []string{"index.html", "reports/2026-11/index.html", "towns/310118102/index.html"} {
						if err := chromedp.Do(ctx, chromedp.Navigate(base+pg), chromedp.WaitVisible(".modes button")); err != nil {
							t.Fatal(err)
						}
						name := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(pg, "index.html"), "/"), "/", "_")
						if name == "" {
							name = "home"
						}
						shotTop(t, ctx, fmt.Sprintf("mode_big_hc_%d_%s", w, name))
					}
				}
				if err := chromedp.Do(ctx, viewport(1280), chromedp.Navigate(base+"towns/310118102/index.html"), chromedp.WaitVisible(".modes button")); err != nil {
					t.Fatal(err)
				}
			}
			if err := chromedp.Do(ctx, chromedp.Click(`.modes button[data-mode="big"]`), chromedp.Navigate(base+"index.html"), chromedp.WaitVisible(".modes button")); err != nil {
				t.Fatal(err)
			}
			want = "lpg-hc | 15px | rgb(0, 0, 0) | flex | false true"
			if got := eval[string](t, ctx, modesState); got != want {
				t.Errorf("big text off: %q, want %q", got, want)
			}
			noProblems(t, p, "reading modes")
		})
	}
	t.Run("nojs", func(t *testing.T) {
		ctx, base, p, done := a11yServer(t, false)
		defer done()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.WaitReady("body"),
			chromedp.Evaluate[chromedp.Void](`localStorage.setItem("lpg-modes", "big hc")`)); err != nil {
			t.Fatal(err)
		}
		off := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return chromedp.Void{}, err
		}
		if err := chromedp.Do(ctx, off, chromedp.Navigate(base+"index.html"), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		want := " | 15px | rgb(11, 61, 110) | none | false false"
		if got := eval[string](t, ctx, modesState); got != want {
			t.Errorf("without JavaScript: %q, want %q", got, want)
		}
		noProblems(t, p, "reading modes without JavaScript")
	})
}

// TestAnnouncements: the search says how many results there are in one
// status line (the results are no live region); the two filtered lists of
// the report have two names; the internal banner is inside the header
// landmark; the dashboard's trend chart says its numbers are in the
// report.
func TestAnnouncements(t *testing.T) {
	t.Parallel()
	ctx, base, p, done := a11yServer(t, true)
	defer done()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html"), chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", "朱家角"), chromedp.WaitVisible(`#search-results a[href$="towns/310118102/index.html"]`)); err != nil {
		t.Fatal(err)
	}
	// The status line follows the results once typing pauses for 400 ms;
	// on a busy machine the keys can come slower than that, and the status
	// of 朱家 (4 results) shows until the one of 朱家角 replaces it. Wait for
	// the whole query's status (at most 30 s), then compare.
	settled := `document.getElementById("q").value === "朱家角" && document.getElementById("search-status").textContent === "找到 " + document.querySelectorAll("#search-results a").length + " 条结果"`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](settled, chromedp.WithPollingTimeout(30*time.Second))); err != nil && !errors.Is(err, chromedp.ErrPollingTimeout) {
		t.Fatal(err)
	}
	links := eval[int](t, ctx, `document.querySelectorAll("#search-results a").length`)
	got := eval[string](t, ctx, `[document.getElementById("search-results").getAttribute("aria-live"), document.getElementById("search-status").getAttribute("role"), document.getElementById("search-status").textContent].join(" | ")`)
	if want := fmt.Sprintf(" | status | 找到 %d 条结果", links); got != want {
		t.Errorf("search announcement %q, want %q", got, want)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"reports/2026-11/index.html"), chromedp.WaitVisible(".filters")); err != nil {
		t.Fatal(err)
	}
	if got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".filters[role=group]")).map(g => g.getAttribute("aria-label"))`); fmt.Sprint(got) != "[筛选：用户逾期未整改清单 筛选：移交联合整治清单]" {
		t.Errorf("the report's filter groups are named %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector(".banner").parentElement.tagName + " " + document.querySelector(".banner").closest("header, main, nav, footer, [role]").tagName`); got != "HEADER DIV" && got != "HEADER HEADER" {
		t.Errorf("the internal banner sits in %s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.querySelector(".charts svg desc").textContent`); !strings.HasSuffix(got, "数值见 2026-11 月报“六、近 12 期趋势”的表格“近 12 期月报数值”。") {
		t.Errorf("the dashboard's trend chart desc: %q", got)
	}
	noProblems(t, p, "announcements")
}

// sortState is, for the scorecard table: the header cells with aria-sort
// ("column=value"), the focused element's text, and the sort values of
// column col in row order.
const sortState = `((col) => {
  const t = document.querySelector("table[data-sort]");
  const heads = Array.from(t.tHead.rows[0].cells);
  return {sorted: heads.filter(h => h.hasAttribute("aria-sort")).map(h => h.textContent.replace(/[▲▼]/g, "").trim() + "=" + h.getAttribute("aria-sort")),
    focus: document.activeElement.textContent.trim(),
    values: Array.from(t.tBodies[0].rows).filter(r => !r.cells[col].hasAttribute("data-missing")).map(r => { const c = r.cells[col]; return Number(c.getAttribute("data-value") || c.textContent.trim()); }),
    buttons: heads.filter(h => h.querySelector("button.sort")).length, cols: heads.length};
})`

type sortResult struct {
	Sorted  []string  `json:"sorted"`
	Focus   string    `json:"focus"`
	Values  []float64 `json:"values"`
	Buttons int       `json:"buttons"`
	Cols    int       `json:"cols"`
}

// TestSortableTable: the scorecard's sortable table is operated with the
// keyboard: every header is a button in the tab order, Enter sorts by that
// column (largest first) and says so with aria-sort="descending" on that
// header only, Enter again sorts the other way (aria-sort="ascending"),
// and focus stays on the button. Rows without the figure (无数据,
// data-missing) sort last both ways (TestScorecardSort) and are left out here.
func TestSortableTable(t *testing.T) {
	t.Parallel()
	ctx, base, p, done := a11yServer(t, false)
	defer done()
	if err := chromedp.Do(ctx, viewport(1280), chromedp.Navigate(base+"enterprises/scorecard.html"), chromedp.WaitVisible("table[data-sort] button.sort")); err != nil {
		t.Fatal(err)
	}
	col := eval[int](t, ctx, `Array.from(document.querySelector("table[data-sort]").tHead.rows[0].cells).findIndex(h => h.textContent.trim() === "隐患数")`)
	if col < 0 {
		t.Fatal("the scorecard has no column 隐患数")
	}
	state := func() sortResult { return eval[sortResult](t, ctx, sortState+"("+fmt.Sprint(col)+")") }
	s := state()
	if s.Buttons != s.Cols || len(s.Sorted) != 0 || len(s.Values) < 2 {
		t.Fatalf("before sorting: %+v (want a button in each of the %d headers, no aria-sort, 2 rows or more)", s, s.Cols)
	}
	// Tab from the button before it, as a keyboard user would.
	eval[bool](t, ctx, `document.querySelector("table[data-sort]").tHead.rows[0].cells[`+fmt.Sprint(col-1)+`].querySelector("button").focus(), true`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"descending", "ascending"} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		s = state()
		if fmt.Sprint(s.Sorted) != "[隐患数="+want+"]" || s.Focus != "隐患数" {
			t.Errorf("Enter %d: aria-sort %v, focus on %q; want [隐患数=%s] and focus on 隐患数", i+1, s.Sorted, s.Focus, want)
		}
		for j := 1; j < len(s.Values); j++ {
			if (want == "descending" && s.Values[j] > s.Values[j-1]) || (want == "ascending" && s.Values[j] < s.Values[j-1]) {
				t.Errorf("Enter %d: rows not %s: %v", i+1, want, s.Values)
				break
			}
		}
	}
	shotTop(t, ctx, "scorecard_sorted")
	noProblems(t, p, "sortable table")
}
