package cli

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

type serveCmd struct {
	c        *Command
	root     rootFlag
	addr     string
	internal bool
	asOf     string

	// poll forces the polling watcher (what serve falls back to when the
	// system cannot watch the directories); tests set it.
	poll bool
}

// settle is how long a burst of file events (an editor's save, a git
// checkout) must be quiet before a rebuild starts.
const settle = 200 * time.Millisecond

// pollEvery is the interval of the polling watcher.
const pollEvery = 2 * time.Second

// Run builds the site into a temporary directory, serves it on --addr and
// rebuilds it when anything under data/ or templates/ changes. A request
// never waits for a rebuild: each build goes into a directory of its own
// and, once complete, replaces the one served in a single atomic step; until
// then the previous site is served. A rebuild with invalid data keeps
// serving the last good site and prints the errors. It stops when ctx is
// cancelled.
//
// Changes are watched with fsnotify (inotify, ReadDirectoryChangesW,
// kqueue), every directory below data/ and templates/ including the ones
// created later; where the system cannot watch them (a network drive, the
// inotify watch limit) serve says so and polls every 2 s instead.
func (s *serveCmd) Run(ctx context.Context, args []string) error {
	fset := newFlagSet(s.c, "serve")
	s.root.register(fset)
	fset.StringVar(&s.addr, "addr", "127.0.0.1:8080", "监听地址")
	fset.BoolVar(&s.internal, "internal", false, "内部版")
	fset.StringVar(&s.asOf, "as-of", "", "统计截止时间，RFC 3339")
	if _, err := parseInterleaved(fset, args); err != nil {
		return err
	}
	dir, err := s.root.fs()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "lpg-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	site := &servedSite{tmp: tmp}
	build := func() error {
		return site.rebuild(func(out string) error {
			_, err := buildSite(s.c, s.root, out, buildOptions{asOf: s.asOf, internal: s.internal})
			return err
		})
	}
	if err := build(); err != nil && !errors.Is(err, errInvalid) {
		return err
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
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

// servedSite serves the last complete build. Builds run one at a time,
// each into its own directory tmp/site-N; the directory served is swapped
// atomically when a build completes, so a request never waits for a build
// and never sees half of one. The previous directory is kept until the
// next swap, for requests still reading it.
type servedSite struct {
	tmp  string
	cur  atomic.Pointer[string]
	gen  int     // builds started (only the build goroutine touches it)
	prev *string // the directory served before cur
}

func (s *servedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dir := s.cur.Load()
	if dir == nil {
		http.Error(w, "网站尚未生成：数据有错误，请看 lpg serve 的输出。", http.StatusServiceUnavailable)
		return
	}
	http.FileServer(http.Dir(*dir)).ServeHTTP(w, r)
}

// rebuild runs build into a new directory and, when it succeeds, serves
// that directory. A failed build leaves the site served as it was.
func (s *servedSite) rebuild(build func(out string) error) error {
	s.gen++
	out := filepath.Join(s.tmp, fmt.Sprintf("site-%d", s.gen))
	if err := build(out); err != nil {
		os.RemoveAll(out)
		return err
	}
	old := s.cur.Swap(&out)
	if s.prev != nil {
		os.RemoveAll(*s.prev)
	}
	s.prev = old
	return nil
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
