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
	"sync"
	"time"
)

type serveCmd struct {
	c        *Command
	root     rootFlag
	addr     string
	internal bool
	asOf     string
}

// Run builds the site into a temporary directory, serves it on --addr and
// rebuilds it when anything under data/ changes (polled every 2 s). A
// rebuild with invalid data keeps serving the last good site and prints the
// errors. It stops when ctx is cancelled.
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
	out := filepath.Join(tmp, "site")
	if _, err := buildSite(s.c, s.root, out, buildOptions{asOf: s.asOf, internal: s.internal}); err != nil && !errors.Is(err, errInvalid) {
		return err
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	var mu sync.RWMutex
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.RLock()
		defer mu.RUnlock()
		http.FileServer(http.Dir(out)).ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(s.c.Stderr, "网站预览：http://%s/ （Ctrl+C 退出）\n", ln.Addr())
	go func() {
		last := fingerprint(dir)
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				_ = srv.Close()
				return
			case <-t.C:
				if fp := fingerprint(dir); fp != last {
					last = fp
					fmt.Fprintln(s.c.Stderr, "data/ 有变化，重新生成…")
					mu.Lock()
					_, err := buildSite(s.c, s.root, out, buildOptions{asOf: s.asOf, internal: s.internal})
					mu.Unlock()
					if err != nil && !errors.Is(err, errInvalid) {
						fmt.Fprintf(s.c.Stderr, "重新生成失败：%s\n", explain(err))
					}
				}
			}
		}
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// fingerprint hashes the names, sizes and modification times of the files
// under dir/data and dir/templates.
func fingerprint(dir string) uint64 {
	h := fnv.New64a()
	for _, sub := range []string{"data", "templates"} {
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
