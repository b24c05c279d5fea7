package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"lpg/internal/render"
)

// browser returns the Chromium binary, skipping (or, in CI, failing) the
// test when there is none. Debian's chromium-headless-shell comes first:
// the same Blink, V8 and fonts as its chromium (one source package, one
// version), without the full browser's headless mode on top — the whole
// e2e package took 60 instead of 87–88 CPU-s with it, 34 instead of 47 s
// (issue 10, 2026-12-03; every test passes with both).
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found: CI must run the browser tests (.ci/run installs Debian's chromium-headless-shell)")
	}
	t.Skip("no Chromium on this machine; install Debian's chromium-headless-shell (or chromium) to run the browser tests")
	return ""
}

// buildSample writes the sample's site (public or internal:
// editionFiles("sample"), the build TestSmallRepoCoversSample compares
// smallRepo's with) into a temporary directory, once per audience for the
// whole package (sites).
func buildSample(t *testing.T, internal bool) string {
	t.Helper()
	files := editionFiles(t, "sample", internal)
	sites.Lock()
	defer sites.Unlock()
	if dir, ok := sites.dirs[internal]; ok {
		return dir
	}
	tmp, err := os.MkdirTemp("", "lpg-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	sites.tmp = append(sites.tmp, tmp)
	dir := filepath.Join(tmp, "site")
	if err := render.Write(dir, files, nil); err != nil {
		t.Fatal(err)
	}
	sites.dirs[internal] = dir
	return dir
}

// sites holds the sample site built once per audience (public, internal)
// and shared by every test of the package, which only read it: building
// it is most of the cost of a test.
var sites = struct {
	sync.Mutex
	dirs map[bool]string
	tmp  []string
}{dirs: map[bool]string{}}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome.stop != nil {
		chrome.stop()
	}
	for _, d := range sites.tmp {
		os.RemoveAll(d)
	}
	os.RemoveAll(a11yTmp())
	os.Exit(code)
}

func artifacts(t *testing.T) string {
	dir := os.Getenv("LPG_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "artifacts")
	}
	dir = filepath.Join(dir, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newBrowser opens a tab of the package's headless Chromium (sharedBrowser)
// for at most 3 minutes.
func newBrowser(t *testing.T) (context.Context, func()) { return newBrowserFor(t, 3*time.Minute) }

// newBrowserFor is newBrowser for tests that visit every page several
// times (the accessibility suite). The tab has a window and a browser
// context of its own (like a fresh incognito window: its own
// localStorage, cookies and cache), so tests running in parallel do not
// see each other's 适老化 modes.
func newBrowserFor(t *testing.T, limit time.Duration) (context.Context, func()) {
	t.Helper()
	parent := sharedBrowser(t)
	ctx, cancelC := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	ctx, cancelT := context.WithTimeout(ctx, limit)
	// Open the tab now, so that the deadline covers the tests' actions.
	// Focus emulation: the page behaves as focused (focus events,
	// :focus-visible) although the window of another test's tab may
	// have the browser's focus.
	focus := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, focus); err != nil {
		cancelT()
		cancelC()
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx, func() { cancelT(); cancelC() }
}

// chrome is the one headless Chromium of the test binary, started by the
// first test that needs a browser and stopped by TestMain: starting a
// browser costs more CPU than most tests, and every test has its own tab
// and browser context in it (newBrowserFor).
var chrome struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

// sharedBrowser starts the package's Chromium with the flags this closed
// network needs (no background networking, no component updates) on first
// use and returns its context.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := browser(t)
	chrome.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("allow-file-access-from-files", true),
			chromedp.Flag("disable-smooth-scrolling", true), // arrow keys scroll at once (keyboard test)
			chromedp.WindowSize(1280, 1600),
		)
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelC := chromedp.NewContext(actx)
		chrome.ctx, chrome.stop = ctx, func() { cancelC(); cancelA() }
		// The first Run starts the browser (no deadline here: it would
		// stop the browser); its own tab stays blank.
		chrome.err = chromedp.Do(ctx)
	})
	if chrome.err != nil {
		t.Fatalf("starting Chromium: %v", chrome.err)
	}
	return chrome.ctx
}

// problems collects what a page must never do.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(format string, a ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, a...))
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.list
	p.list = nil
	return out
}

func watch(t *testing.T, ctx context.Context, allowed func(url string) bool) *problems {
	p := &problems{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				p.add("console %s: %s", e.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			p.add("exception: %s (line %d)", e.ExceptionDetails.Text, e.ExceptionDetails.LineNumber)
		case *network.EventLoadingFailed:
			p.add("request failed: %s %s", e.ErrorText, e.RequestID)
		case *network.EventRequestWillBeSent:
			if !allowed(e.Request.URL) {
				p.add("request leaves the site: %s", e.Request.URL)
			}
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				p.add("HTTP %d for %s", e.Response.Status, e.Response.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pages lists one page of every kind of the sample site.
var pages = []string{
	"index.html",
	"reports/index.html",
	"reports/2026-11/index.html",
	"reports/2026-07/index.html",
	"towns/index.html",
	"towns/310118102/index.html",
	"liaisons/index.html",
	"meetings/index.html",
	"meetings/2026-09-18-joint-meeting.html",
	"meetings/pack/index.html",
	"types/index.html",
	"types/HOSE_AGED/index.html",
	"enterprises/index.html",
	"enterprises/E01/index.html",
	"enterprises/scorecard.html",
	"departments/index.html",
	"departments/SCJG/index.html",
	"search/index.html",
}

// TestPagesLoadCleanly loads every page kind (of smallRepo's public
// build, which has every page kind and block of the sample's:
// TestSmallRepoCoversSample) from file:// — and over HTTP the pages
// TestAccessibility/public does not load (it loads a11yPages over HTTP
// with the same checks; one load less per page kind, README 测试时间) —
// with no console error, failed request or external request, and saves a
// screenshot of each (from the file:// load).
func TestPagesLoadCleanly(t *testing.T) {
	t.Parallel()
	dir := editionSite(t, false) // before the tab's time limit starts
	ctx, cancel := newBrowser(t)
	defer cancel()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	fileBase := "file://" + filepath.ToSlash(dir) + "/"
	p := watch(t, ctx, func(u string) bool {
		return strings.HasPrefix(u, srv.URL+"/") || strings.HasPrefix(u, fileBase) || strings.HasPrefix(u, "data:")
	})
	overHTTP := map[string]bool{}
	for _, pg := range a11yPages {
		overHTTP[pg] = true
	}
	for _, base := range []string{srv.URL + "/", fileBase} {
		for _, pg := range pages {
			if overHTTP[pg] && strings.HasPrefix(base, "http") {
				continue // TestAccessibility/public loads it over HTTP, with the same checks
			}
			err := chromedp.Do(ctx, chromedp.Navigate(base+pg), chromedp.WaitReady("body"))
			var title string
			if err == nil {
				title, err = chromedp.Run(ctx, chromedp.Title())
			}
			if err != nil {
				t.Errorf("%s%s: %v", base, pg, err)
				continue
			}
			if title == "" {
				t.Errorf("%s: empty <title>", pg)
			}
			for _, pr := range p.take() {
				t.Errorf("%s%s: %s", base, pg, pr)
			}
			if strings.HasPrefix(base, "file") {
				shot(t, ctx, strings.ReplaceAll(strings.TrimSuffix(pg, ".html"), "/", "_"))
			}
		}
	}
}
