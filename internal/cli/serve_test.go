package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lpg/internal/render"
	"lpg/internal/workers"
)

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond every 100 ms until it holds or 60 s have passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 600; i++ {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

// fetch is an HTTP GET of url: the status (0 when the request fails) and
// the body.
func fetch(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// serveDefaultCache starts lpg serve on the repository dir at 2026-12-04
// 09:00 +08:00 with its default cache (Command.DefaultCache) in a new
// temporary directory, and waits for the home page: serve's base URL, the
// cache directory and serve's stderr.
func serveDefaultCache(t *testing.T, dir string) (base, cacheDir string, errb *syncBuffer) {
	t.Helper()
	cacheDir = filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	c := &Command{Now: func() time.Time { return day(4, 9) }, DefaultCache: func() (string, error) { return cacheDir, nil }}
	base, errb = startServe(t, c, &serveCmd{}, dir, "--as-of", "2026-12-04T09:00:00+08:00")
	waitFor(t, "the site", func() bool { code, _ := fetch(base); return code == http.StatusOK })
	return base, cacheDir, errb
}

func get(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// tinyCopy copies testdata/tiny into a temporary root.
func tinyCopy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "data"), os.DirFS("testdata/tiny/data")); err != nil {
		t.Fatal(err)
	}
	return root
}

// startServe runs lpg serve on a loopback port until the test ends and
// returns its base URL; extra are further arguments.
func startServe(t *testing.T, c *Command, cmd *serveCmd, root string, extra ...string) (string, *syncBuffer) {
	t.Helper()
	errb := &syncBuffer{}
	c.Stdout, c.Stderr = io.Discard, errb
	cmd.c = c
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- cmd.Run(ctx, append([]string{"--root", root, "--addr", "127.0.0.1:0", "--as-of", "2026-11-29T12:00:00+08:00"}, extra...))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	waitFor(t, "the server address", func() bool {
		m := re.FindStringSubmatch(errb.String())
		if m != nil {
			base = "http://" + m[1] + "/"
		}
		return m != nil
	})
	return base, errb
}

const newRow = "E01-202610-0003,朱家角镇,东湖街居委会,居民,周敏,13800131234,朱家角镇城中东路432弄36号,2026-10-24,钱卫东,气瓶未直立使用,,一般,书面告知限期整改,E01GZ2026100003,,\n"

func appendFile(t *testing.T, p, s string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestServeNeverWaitsForRebuild (issue 10 hole 7, issue 14): while a
// rebuild is held just before its swap, a request is answered at once
// with the previous site; once it is swapped in, the new data is served.
// Directories created after serve started are watched.
func TestServeNeverWaitsForRebuild(t *testing.T) {
	root := tinyCopy(t)
	blocked, release := make(chan bool), make(chan bool)
	var hold atomic.Bool
	cmd := &serveCmd{prepared: func() {
		if hold.Load() {
			hold.Store(false)
			blocked <- true
			<-release
		}
	}}
	base, _ := startServe(t, &Command{}, cmd, root)
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) }) // runs before serve is stopped, should the test fail while it is held
	town := base + "towns/310118102/index.html"
	if page := get(town); !strings.Contains(page, "E01-202610-0002") || strings.Contains(page, "E01-202610-0003") {
		t.Fatalf("town page before the change:\n%.300s", page)
	}

	hold.Store(true)
	appendFile(t, filepath.Join(root, "data/hazards/2026-10/E01.csv"), newRow)
	select { // the rebuild is now prepared, and stays before its swap
	case <-blocked:
	case <-time.After(time.Minute):
		t.Fatal("no rebuild started after the change")
	}
	// A safety net: a request that waits for the rebuild never returns.
	// One page was served before, the other is not yet rendered.
	client := &http.Client{Timeout: time.Minute}
	for _, u := range []string{town, base + "towns/310118103/index.html"} {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("request during the rebuild: %v", err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if page := string(b); resp.StatusCode != http.StatusOK || strings.Contains(page, "E01-202610-0003") {
			t.Fatalf("%s during the rebuild: %d, want the previous page:\n%.300s", u, resp.StatusCode, page)
		}
	}
	once.Do(func() { close(release) })
	waitFor(t, "the rebuilt page", func() bool { return strings.Contains(get(town), "E01-202610-0003") })

	// A month folder created while serving.
	dir := filepath.Join(root, "data/hazards/2026-11")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(root, "data/hazards/2026-10/E01.csv"))
	header, _, _ := strings.Cut(string(b), "\n")
	if err := os.WriteFile(filepath.Join(dir, "E01.csv"), []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the new month on the files page", func() bool { return strings.Contains(get(base+"files/index.html"), "hazards/2026-11/E01.csv") })
}

// TestServeMatchesBuild (issue 14): every file `lpg build` writes for the
// tiny repository is served, fetched through the HTTP handler of lpg
// serve, byte for byte (the build's own marker file aside), and the
// handler answers a folder, a folder without its "/", a missing file and
// a POST as http.FileServer did.
func TestServeMatchesBuild(t *testing.T) {
	root := tinyCopy(t)
	c := &Command{Stdout: io.Discard, Stderr: io.Discard}
	bo := buildOptions{asOf: "2026-11-29T12:00:00+08:00"}
	out := filepath.Join(t.TempDir(), "site")
	if _, err := buildSite(c, rootFlag{dir: root}, out, bo); err != nil {
		t.Fatal(err)
	}
	bo.keep = &keep{}
	if _, err := buildSite(c, rootFlag{dir: root}, "", bo); err != nil {
		t.Fatal(err)
	}
	pages, err := render.NewPages(bo.keep.data, bo.keep.opt)
	if err != nil {
		t.Fatal(err)
	}
	site := &servedSite{}
	site.swap(pages)
	srv := httptest.NewServer(site)
	defer srv.Close()
	var names []string
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != siteMarker {
			rel, _ := filepath.Rel(out, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 30 {
		t.Errorf("only %d files written", len(names))
	}
	// Fetched concurrently: the generation renders several files at once.
	problems := make([]string, len(names))
	workers.Each(len(names), func(i int) {
		want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(names[i])))
		if err != nil {
			problems[i] = err.Error()
			return
		}
		resp, err := http.Get(srv.URL + "/" + names[i])
		if err != nil {
			problems[i] = err.Error()
			return
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(got, want) {
			problems[i] = fmt.Sprintf("/%s: %d, %d bytes; the build wrote %d bytes", names[i], resp.StatusCode, len(got), len(want))
		}
	})
	for _, p := range problems {
		if p != "" {
			t.Error(p)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "towns/310118102/index.html"))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		code         int
		body, header string
	}{
		{"GET", "/towns/310118102/", 200, string(index), ""},
		{"GET", "/towns/310118102", 301, "", "/towns/310118102/"},
		{"GET", "/towns/nope.html", 404, "网站中没有 /towns/nope.html。\n", ""},
		{"GET", "/" + siteMarker, 404, "网站中没有 /" + siteMarker + "。\n", ""},
		{"POST", "/index.html", 405, "只支持 GET 和 HEAD 请求。\n", ""},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code || tc.body != "" && string(b) != tc.body || resp.Header.Get("Location") != tc.header {
			t.Errorf("%s %s: %d %q (Location %q), want %d %q (Location %q)", tc.method, tc.path, resp.StatusCode, b, resp.Header.Get("Location"), tc.code, tc.body, tc.header)
		}
	}
}

// TestServePolling: where directories cannot be watched, serve polls and
// still rebuilds on a change; invalid data keeps the last good site.
func TestServePolling(t *testing.T) {
	root := tinyCopy(t)
	base, errb := startServe(t, &Command{}, &serveCmd{poll: true}, root)
	town := base + "towns/310118102/index.html"
	if page := get(town); !strings.Contains(page, "E01-202610-0002") {
		t.Fatalf("town page not served:\n%.300s", page)
	}
	appendFile(t, filepath.Join(root, "data/hazards/2026-10/E01.csv"), newRow)
	waitFor(t, "the rebuilt page", func() bool { return strings.Contains(get(town), "E01-202610-0003") })
	appendFile(t, filepath.Join(root, "data/hazards/2026-10/E01.csv"), "E01-202610-0004,不存在镇\n")
	waitFor(t, "the failed rebuild", func() bool { return strings.Contains(errb.String(), "数据有错误，未生成网站") })
	if page := get(town); !strings.Contains(page, "E01-202610-0003") {
		t.Errorf("after a rebuild with invalid data the last good site is not served:\n%.300s", page)
	}
}

// TestAllowedHost (review round 3, G18): the preview answers requests for
// localhost and IP literals only, so a page whose DNS name is re-bound to
// 127.0.0.1 cannot read it; through the real handler a re-bound name gets
// 421 and no page.
func TestAllowedHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:8080": true, "LOCALHOST": true, "[::1]:8080": true, "::1": true,
		"192.168.1.20:8080": true, "": true, "127.0.0.1": true,
		"evil.example:8080": false, "evil.example": false, "localhost.evil.example:8080": false,
		"127.0.0.1.nip.io:8080": false, "lpg-preview": false,
	} {
		if got := allowedHost(host); got != want {
			t.Errorf("allowedHost(%q) = %v, want %v", host, got, want)
		}
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "内部页面") })
	for host, want := range map[string]int{"evil.example:18735": http.StatusMisdirectedRequest, "127.0.0.1:18735": http.StatusOK} {
		r := httptest.NewRequest(http.MethodGet, "/towns/310118001/hazards-2026-10.csv", nil)
		r.Host = host
		w := httptest.NewRecorder()
		hostGuard(ok).ServeHTTP(w, r)
		if w.Code != want || (want != http.StatusOK && strings.Contains(w.Body.String(), "内部页面")) {
			t.Errorf("Host %s: %d %q, want %d", host, w.Code, w.Body.String(), want)
		}
	}
}
