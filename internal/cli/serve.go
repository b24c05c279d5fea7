package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"lpg/internal/buildcache"
	"lpg/internal/calendar"
	"lpg/internal/history"
	"lpg/internal/model"
	"lpg/internal/render"
	"lpg/internal/validate"
	"lpg/internal/workers"
)

type serveCmd struct {
	c        *Command
	root     rootFlag
	addr     string
	internal bool
	asOf     string
	cache    cacheFlags // --cache, --no-cache: the persistent cache of lpg build (buildcache)

	// poll forces the polling watcher (what serve falls back to when the
	// system cannot watch the directories); tests set it.
	poll bool
	// prepared, when set, is called by every rebuild once the new
	// generation is prepared, just before it is swapped in; tests hold a
	// rebuild there.
	prepared func()
	// touchEvery is how often the persistent cache is marked used
	// (0: buildcache.TouchEvery); tests shorten it.
	touchEvery time.Duration
}

// touchCache marks the persistent cache below root used every interval
// (buildcache.Touch, hourly) until ctx is cancelled: lpg serve may run for days
// and serves its editions' files from that cache, which another lpg would
// otherwise prune once it has not been marked for a day (review round 7:
// the pages then answered 503 until the editions were rendered again).
// A failure is printed once, not every interval.
func touchCache(ctx context.Context, root string, every time.Duration, c *Command) {
	if every <= 0 {
		every = buildcache.TouchEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	warned := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := buildcache.Touch(root); err != nil && !warned {
			fmt.Fprintf(c.Stderr, "警告：%v（不影响预览）\n", err)
			warned = true
		}
	}
}

// settle is how long a burst of file events (an editor's save, a git
// checkout) must be quiet before a rebuild starts.
const settle = 200 * time.Millisecond

// pollEvery is the interval of the polling watcher.
const pollEvery = 2 * time.Second

// Run serves the site of the repository on --addr, rendering each page on
// request, and follows every change under data/ or templates/ (issue 14:
// an edit visible within seconds at five years of data, no request ever
// waiting for a rebuild).
//
// Design. A whole build writes ~42,000 files at five years and takes
// minutes; a preview needs the few pages a clerk looks at. So serve never
// writes the site: each generation is the validated data with its render
// options — what `lpg build` would render, prepared by the same buildSite
// — and a render.Pages over it, which renders a requested file alone,
// byte for byte the file `lpg build` writes for the same data
// (TestServeMatchesBuild). Rendered files are cached per generation
// (servedSite). On a change (fsnotify, or polling where the system cannot
// watch; a burst of events settles for 200 ms first) the next generation
// is prepared in the background: validation re-reads only the files whose
// content changed (validate.Cache, by path, form and content hash; the
// cross-file rules run on the whole repository), and what depends only on
// the HEAD commit — every file's git history and the rendered editions —
// is kept while HEAD and the edition tags stay the same (keep); with
// --cache the editions come from lpg build's persistent cache (buildcache)
// and the ones rendered are put there, so a later start, or a new tag,
// does not render every edition again. The files
// most recently asked for (32) are rendered from it on all CPUs (for at
// most 10 s) and then it is swapped in atomically, so a reader of those
// pages does not wait for a rendering; requests in flight finish on the
// generation they started with. Until the swap every request is
// answered from the previous generation, and with invalid data the last
// good generation stays served while the errors are printed (in Chinese,
// as by lpg build).
//
// Changes are watched with fsnotify (inotify, ReadDirectoryChangesW,
// kqueue), every directory below data/ and templates/ including the ones
// created later; where the system cannot watch them (a network drive, the
// inotify watch limit) serve says so and polls every 2 s instead. Commits
// and tags alone (.git) are not watched: they are seen with the next
// change under data/ or templates/. It stops when ctx is cancelled.
func (s *serveCmd) Run(ctx context.Context, args []string) error {
	fset := newFlagSet(s.c, "serve")
	s.root.register(fset)
	fset.StringVar(&s.addr, "addr", "127.0.0.1:8080", "监听地址")
	fset.BoolVar(&s.internal, "internal", false, "内部版")
	fset.StringVar(&s.asOf, "as-of", "", "统计截止时间，RFC 3339")
	s.cache.register(fset)
	if _, err := parseInterleaved(fset, args); err != nil {
		return err
	}
	dir, err := s.root.fs()
	if err != nil {
		return err
	}
	site := &servedSite{}
	k := &keep{}
	c := *s.c
	c.cache = validate.NewCache()
	bo := buildOptions{asOf: s.asOf, internal: s.internal, keep: k}
	if err := s.cache.resolve(s.c, s.root, &bo); err != nil {
		return err
	}
	build := func() error {
		start := time.Now()
		if _, err := buildSite(&c, s.root, "", bo); err != nil {
			return err
		}
		pages, err := render.NewPages(k.data, k.opt)
		if err != nil {
			return err
		}
		if s.prepared != nil && site.cur.Load() != nil {
			s.prepared()
		}
		site.swap(pages)
		fmt.Fprintf(s.c.Stderr, "网站已更新（%.1f 秒）。\n", time.Since(start).Seconds())
		return nil
	}
	if err := build(); err != nil && !errors.Is(err, errInvalid) {
		return err
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: hostGuard(site), ReadHeaderTimeout: 10 * time.Second}
	if s.internal && !loopbackAddr(ln.Addr()) {
		fmt.Fprintf(s.c.Stderr, "警告：内部版含住户姓名、电话和地址，而 %s 不只是本机地址：同一网络中的任何人都能打开这个预览（没有登录）。只在本机预览请用 --addr 127.0.0.1:8080。\n", ln.Addr())
	}
	changes := make(chan struct{}, 1)
	notify := func() {
		select {
		case changes <- struct{}{}:
		default: // a rebuild is already due
		}
	}
	if s.poll {
		go pollTree(ctx, dir, notify)
	} else if err := watchTree(ctx, dir, notify, s.c); err != nil {
		fmt.Fprintf(s.c.Stderr, "提示：无法监视 %s 的变化（%s），改为每 2 秒检查一次。\n", dir, explain(err))
		go pollTree(ctx, dir, notify)
	}
	site.stale = func() { // once until the editions are rendered again: readers retrying must not hold the rebuild back
		if !k.staleEds.Swap(true) {
			fmt.Fprintf(s.c.Stderr, "已发布版本的文件在持久缓存 %s 中不见了（缓存目录被删除或被清理），重新生成已发布版本…\n", bo.cache)
			notify()
		}
	}
	if bo.cache != "" {
		// the toucher ends with Run: it must not mark (or outlive) a
		// cache after serve has returned (review round 9)
		tctx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Go(func() { touchCache(tctx, bo.cache, s.touchEvery, s.c) })
		defer func() { stop(); wg.Wait() }()
	}
	fmt.Fprintf(s.c.Stderr, "网站预览：http://%s/ （Ctrl+C 退出）\n", ln.Addr())
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-changes:
			}
			quiet := time.NewTimer(settle)
			for waiting := true; waiting; {
				select {
				case <-ctx.Done():
					quiet.Stop()
					return
				case <-changes:
					quiet.Reset(settle)
				case <-quiet.C:
					waiting = false
				}
			}
			fmt.Fprintln(s.c.Stderr, "data/ 有变化，重新生成…")
			if err := build(); err != nil && !errors.Is(err, errInvalid) {
				fmt.Fprintf(s.c.Stderr, "重新生成失败：%s\n", explain(err))
			}
		}
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// keep is what the builds of one lpg serve hand on to the next: the git
// history of each data file (revisions, 汇总表 row versions) while HEAD
// stays the same commit, and the rendered editions while HEAD and the
// edition tags stay the same; and, from the last build, the validated
// data and render options (instead of a written site). A nil *keep keeps
// nothing (lpg build).
type keep struct {
	head string
	revs map[string][]model.Revision
	rows map[string][]model.RowVersion

	edsHead string   // HEAD when eds were rendered
	edsTags []string // their tags and commits
	// staleEds: a stored file of eds is gone (servedSite.stale); the next
	// build renders the editions again.
	staleEds atomic.Bool
	eds      []render.Edition
	last     map[calendar.Month]editionSide

	data *model.Dataset
	opt  render.Options
}

// at starts a build at HEAD commit head: the history of another commit is
// dropped.
func (k *keep) at(head string) {
	if k == nil || k.head == head && k.revs != nil {
		return
	}
	k.head, k.revs, k.rows = head, map[string][]model.Revision{}, map[string][]model.RowVersion{}
}

// revisions returns ix.Revisions(p), kept.
func (k *keep) revisions(ix *history.Index, p string) ([]model.Revision, error) {
	if k == nil {
		return ix.Revisions(p)
	}
	if r, ok := k.revs[p]; ok {
		return r, nil
	}
	r, err := ix.Revisions(p)
	if err == nil {
		k.revs[p] = r
	}
	return r, err
}

// rowVersions returns ix.RowVersions(p), kept.
func (k *keep) rowVersions(ix *history.Index, p string) ([]model.RowVersion, error) {
	if k == nil {
		return ix.RowVersions(p)
	}
	if r, ok := k.rows[p]; ok {
		return r, nil
	}
	r, err := ix.RowVersions(p)
	if err == nil {
		k.rows[p] = r
	}
	return r, err
}

// editions returns what render returns for the editions eds, kept while
// HEAD and eds (tag and commit of each) stay the same.
func (k *keep) editions(eds []history.Edition, render func() ([]render.Edition, map[calendar.Month]editionSide, error)) ([]render.Edition, map[calendar.Month]editionSide, error) {
	if k == nil {
		return render()
	}
	tags := make([]string, len(eds))
	for i, e := range eds {
		tags[i] = e.Tag + " " + e.Commit.Hash.String()
	}
	stale := k.staleEds.Swap(false) // always: a flag left set would answer 503 for ever (review round 7 R1)
	if k.last != nil && k.edsHead == k.head && slices.Equal(tags, k.edsTags) && !stale && storedPresent(k.eds) {
		return k.eds, k.last, nil
	}
	out, last, err := render()
	if err != nil {
		return nil, nil, err
	}
	k.edsHead, k.edsTags, k.eds, k.last = k.head, tags, out, last
	return out, last, nil
}

// storedPresent reports whether every stored file of eds
// (render.Edition.Stored) is still there: the persistent cache may have
// been removed or pruned since they were rendered (review round 6 F3).
func storedPresent(eds []render.Edition) bool {
	for _, e := range eds {
		for _, p := range e.Stored {
			if _, err := os.Stat(p); err != nil {
				return false
			}
		}
	}
	return true
}

// servedSite serves the current generation: a render.Pages and the files
// rendered from it so far. A new generation replaces it in one atomic
// step; a request holds the generation it started with, so it never waits
// for a build and never mixes two.
type servedSite struct {
	cur atomic.Pointer[generation]
	n   atomic.Int64 // generations made
	// stale, when not nil, is called when a page fails because an
	// edition's stored file is gone (render.ErrStoredEdition): it has the
	// editions rendered again in a new generation.
	stale func()
}

// generation is one prepared site and its cache of rendered files: at
// most cacheFiles files and cacheBytes bytes, the oldest rendered dropped
// first. A file asked for while it is being rendered waits for that one
// rendering.
type generation struct {
	pages *render.Pages
	etag  string
	mu    sync.Mutex
	files map[string]*rendered
	order []string // names in files, oldest first
	size  int
}

// Bounds of the rendered files a generation keeps.
const (
	cacheFiles = 4096
	cacheBytes = 256 << 20
)

// warmFiles is how many of the files last asked for are rendered again
// before a new generation is swapped in, for at most warmWait.
const (
	warmFiles = 32
	warmWait  = 10 * time.Second
)

// rendered is one file of a generation, rendered once.
type rendered struct {
	once sync.Once
	b    []byte
	err  error
}

// swap serves pages from now on. The files most recently asked for are
// rendered first, on all CPUs, so that a reader of those pages does not
// wait for their rendering: the swap waits for them at most warmWait; the
// rest go on in the background.
func (s *servedSite) swap(pages *render.Pages) {
	g := &generation{pages: pages, etag: fmt.Sprintf("\"lpg-%d\"", s.n.Add(1)), files: map[string]*rendered{}}
	if old := s.cur.Load(); old != nil {
		old.mu.Lock()
		names := slices.Clone(old.order[max(0, len(old.order)-warmFiles):])
		old.mu.Unlock()
		slices.Reverse(names) // the newest first
		done := make(chan struct{})
		go func() {
			workers.Each(len(names), func(i int) { _, _ = g.file(names[i]) })
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(warmWait):
		}
	}
	s.cur.Store(g)
}

// file returns the file name of the generation, rendering it on first use.
func (g *generation) file(name string) ([]byte, error) {
	g.mu.Lock()
	f, ok := g.files[name]
	if !ok {
		f = &rendered{}
		g.files[name] = f
		g.order = append(g.order, name)
	}
	g.mu.Unlock()
	f.once.Do(func() {
		f.b, f.err = g.pages.File(name)
		g.mu.Lock()
		defer g.mu.Unlock()
		g.size += len(f.b)
		for len(g.order) > 1 && (len(g.order) > cacheFiles || g.size > cacheBytes) {
			old := g.order[0]
			g.order = g.order[1:]
			if o := g.files[old]; o != nil {
				g.size -= len(o.b)
				delete(g.files, old)
			}
		}
	})
	return f.b, f.err
}

// hostGuard answers 421 to a request whose Host is a DNS name other than
// localhost (review round 3, G18): a web page whose own name an attacker
// re-binds to 127.0.0.1 (DNS rebinding) would otherwise be same-origin
// with the preview and read every page of it — with --internal,
// households' names and phones. The preview is reached as localhost or by
// an IP address (127.0.0.1, [::1], the machine's LAN address), never by a
// name, so nothing legitimate is refused.
func hostGuard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowedHost(r.Host) {
			http.Error(w, "lpg serve 只接受用 localhost 或 IP 地址访问（例如 http://127.0.0.1:8080/），不接受域名“"+r.Host+"”：防止其他网页借域名读取预览内容。", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// allowedHost reports whether host (a request's Host header, with or
// without a port) names the preview by an IP literal or as localhost. An
// empty Host (HTTP/1.0) is allowed: no browser sends one. Pure.
func allowedHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" || strings.EqualFold(host, "localhost") {
		return true
	}
	return net.ParseIP(host) != nil
}

// loopbackAddr reports whether a listens on a loopback address only.
func loopbackAddr(a net.Addr) bool {
	t, ok := a.(*net.TCPAddr)
	return ok && t.IP.IsLoopback()
}

// ServeHTTP answers GET and HEAD as http.FileServer does for the written
// site: a path ending in "/" is its index.html, a folder without the "/"
// is redirected to it, a file not in the site is 404. Every response
// carries the generation as its ETag and must be revalidated (no-cache),
// so a browser never shows a page of an older generation.
func (s *servedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g := s.cur.Load()
	if g == nil {
		http.Error(w, "网站尚未生成：数据有错误，请看 lpg serve 的输出。", http.StatusServiceUnavailable)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "只支持 GET 和 HEAD 请求。", http.StatusMethodNotAllowed)
		return
	}
	upath := r.URL.Path
	if !strings.HasPrefix(upath, "/") {
		upath = "/" + upath
	}
	name := strings.TrimPrefix(path.Clean(upath), "/")
	if name == "" || strings.HasSuffix(upath, "/") {
		name = path.Join(name, "index.html")
	}
	b, err := g.file(name)
	if errors.Is(err, fs.ErrNotExist) && path.Base(name) != "index.html" {
		if _, err := g.file(path.Join(name, "index.html")); err == nil {
			http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
			return
		}
	}
	switch {
	case errors.Is(err, render.ErrStoredEdition):
		if s.stale != nil {
			s.stale()
		}
		w.Header().Set("Retry-After", "10")
		http.Error(w, "/"+name+" 是已发布版本的文件，它在持久缓存中的副本不见了（缓存目录被删除或被清理）：正在重新生成已发布版本，请稍后刷新。", http.StatusServiceUnavailable)
		return
	case errors.Is(err, fs.ErrNotExist):
		http.Error(w, "网站中没有 /"+name+"。", http.StatusNotFound)
		return
	case err != nil:
		http.Error(w, "生成 /"+name+" 时出错："+explain(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("ETag", g.etag)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// watched are the directories below the root whose changes trigger a
// rebuild.
var watched = []string{"data", "templates"}

// watchTree calls notify whenever a file below dir/data or dir/templates
// changes (attribute-only changes aside). Directories created later are
// watched as they appear, data/ and templates/ themselves included. It
// stops when ctx is cancelled.
func watchTree(ctx context.Context, dir string, notify func(), c *Command) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	add := func(root string) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return nil
			case err != nil:
				return err
			case d.IsDir():
				return w.Add(p)
			}
			return nil
		})
	}
	err = w.Add(dir)
	for _, sub := range watched {
		if err == nil {
			err = add(filepath.Join(dir, sub))
		}
	}
	if err != nil {
		w.Close()
		return err
	}
	go func() {
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Dir(ev.Name) == filepath.Clean(dir) && !isWatched(filepath.Base(ev.Name)) {
					continue // something else at the top of the repository (.git, site/)
				}
				if ev.Op == fsnotify.Chmod {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
						if err := add(ev.Name); err != nil {
							fmt.Fprintf(c.Stderr, "提示：无法监视新目录 %s（%s）。\n", ev.Name, explain(err))
						}
					}
				}
				notify()
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				fmt.Fprintf(c.Stderr, "提示：监视文件变化时出错（%s），可能漏掉变化；必要时重新启动 lpg serve。\n", explain(err))
			}
		}
	}()
	return nil
}

func isWatched(name string) bool {
	for _, w := range watched {
		if name == w {
			return true
		}
	}
	return false
}

// pollTree calls notify when the fingerprint of the watched directories
// changes, checking every pollEvery until ctx is cancelled.
func pollTree(ctx context.Context, dir string, notify func()) {
	last := fingerprint(dir)
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fp := fingerprint(dir); fp != last {
				last = fp
				notify()
			}
		}
	}
}

// fingerprint hashes the names, sizes and modification times of the files
// under dir/data and dir/templates.
func fingerprint(dir string) uint64 {
	h := fnv.New64a()
	for _, sub := range watched {
		_ = filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s|%d|%d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return h.Sum64()
}
