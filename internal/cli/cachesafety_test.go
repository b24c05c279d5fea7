package cli

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lpg/internal/buildcache"
)

// TestCacheClosedToOthers (review round 6 F2): an internal build stores
// household data in the persistent cache, so the running program's
// directory in it is made 0700 — also when it, and the root above it,
// already exist 0755 (as lpg before this change, or --cache on a new
// directory, left them): no file below the cache can be reached by
// another user.
func TestCacheClosedToOthers(t *testing.T) {
	_, dir := tinyRepo(t)
	publishNovember(t, dir)
	id, err := buildcache.ProgramID()
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	for _, d := range []string{cacheDir, filepath.Join(cacheDir, id)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil { // whatever the umask
			t.Fatal(err)
		}
	}
	var o, e bytes.Buffer
	c := &Command{Stdout: &o, Stderr: &e, Now: func() time.Time { return day(4, 9) },
		DefaultCache: func() (string, error) { return cacheDir, nil }}
	out := filepath.Join(t.TempDir(), "site")
	if code := c.Main([]string{"lpg", "build", "--internal", "--root", dir, "--out", out}); code != ExitOK {
		t.Fatalf("build --internal: exit %d, %s", code, e.String())
	}
	if fi, err := os.Stat(filepath.Join(cacheDir, id)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the program directory: %v %v, want 0700", fi.Mode(), err)
	}
	files := 0
	_ = filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		files++
		for q := filepath.Dir(p); q != cacheDir; q = filepath.Dir(q) {
			if fi, err := os.Stat(q); err == nil && fi.Mode().Perm()&0o001 == 0 {
				return nil // closed on the way
			}
		}
		t.Errorf("%s can be read by other users", p)
		return nil
	})
	if files < 4 {
		t.Errorf("%d files in the cache, want the edition's", files)
	}
}

// TestServeCacheRemoved (review round 6 F3): lpg serve reads an edition's
// files from the persistent cache when a page asks for one. When the
// cache is removed under it (README's way to empty it) or pruned by
// another lpg, the page answers 503 with what happened, the editions are
// rendered again in a new generation, and the page is served again.
func TestServeCacheRemoved(t *testing.T) {
	_, dir := tinyRepo(t)
	publishNovember(t, dir)
	base, cacheDir, errb := serveDefaultCache(t, dir)
	status := func(p string) (int, string) { return fetch(base + p) }
	if code, body := status("reports/2026-11/v1/index.html"); code != http.StatusOK {
		t.Fatalf("edition page before: %d %s\n%s", code, body, errb.String())
	}
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}
	want := "/reports/2026-11/v1/hazards.csv 是已发布版本的文件，它在持久缓存中的副本不见了（缓存目录被删除或被清理）：正在重新生成已发布版本，请稍后刷新。\n"
	if code, body := status("reports/2026-11/v1/hazards.csv"); code != http.StatusServiceUnavailable || body != want {
		t.Errorf("edition file after the cache was removed: %d %q, want 503 %q", code, body, want)
	}
	waitFor(t, "the edition file again", func() bool {
		code, _ := status("reports/2026-11/v1/hazards.csv")
		return code == http.StatusOK
	})
	if !strings.Contains(errb.String(), "已发布版本的文件在持久缓存 "+cacheDir+" 中不见了（缓存目录被删除或被清理），重新生成已发布版本…\n") {
		t.Errorf("serve's output: %q", errb.String())
	}
	if _, err := os.Stat(cacheDir); err != nil {
		t.Errorf("the editions were not stored again: %v", err)
	}
}

// TestServeTouchesCache (review round 7): a long-running lpg serve marks
// its persistent cache used every touchEvery, so that another lpg, which
// prunes program directories not used for a day, leaves the cache its
// edition pages are served from alone.
func TestServeTouchesCache(t *testing.T) {
	_, dir := tinyRepo(t)
	publishNovember(t, dir)
	cacheDir := filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	c := &Command{Now: func() time.Time { return day(4, 9) }, DefaultCache: func() (string, error) { return cacheDir, nil }}
	base, errb := startServe(t, c, &serveCmd{touchEvery: 20 * time.Millisecond}, dir, "--as-of", "2026-12-04T09:00:00+08:00")
	waitFor(t, "the site", func() bool { code, _ := fetch(base); return code == http.StatusOK })
	id, err := buildcache.ProgramID()
	if err != nil {
		t.Fatal(err)
	}
	used := filepath.Join(cacheDir, id, "used")
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(used, old, old); err != nil {
		t.Fatalf("the cache's mark: %v\n%s", err, errb.String())
	}
	waitFor(t, "the cache marked used again", func() bool {
		fi, err := os.Stat(used)
		return err == nil && time.Since(fi.ModTime()) < time.Hour
	})
	if strings.Contains(errb.String(), "警告") {
		t.Errorf("serve's output: %q", errb.String())
	}
}
