package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDefaultCache (issue 14): without --cache, lpg build and lpg serve use
// the default persistent cache (Command.DefaultCache, which the lpg command
// sets to DefaultCacheDir): the first build of a repository with an
// edition fills it, the second takes the edition from it, both write the
// site of a build with --no-cache byte for byte, and each says what the
// cache did. The directory is made 0700 only when there are editions; a
// default that cannot be made, overlaps the output or the repository, or
// cannot be found is not used and the build says so; --cache and
// --no-cache together are a usage error.
func TestDefaultCache(t *testing.T) {
	_, dir := tinyRepo(t)
	_, plain := tinyRepo(t) // no edition
	publishNovember(t, dir)
	cacheDir := filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	defaultIs := func(d string, err error) func() (string, error) {
		return func() (string, error) { return d, err }
	}
	var out string // the last build's output directory
	build := func(def func() (string, error), root string, args ...string) (int, string, map[string][]byte) {
		t.Helper()
		if out == "" {
			out = filepath.Join(t.TempDir(), "site")
		}
		var o, e bytes.Buffer
		c := &Command{Stdout: &o, Stderr: &e, Now: func() time.Time { return day(4, 9) }, DefaultCache: def}
		code := c.Main(append([]string{"lpg", "build", "--root", root, "--out", out}, args...))
		if code != ExitOK {
			return code, e.String(), nil
		}
		return code, e.String(), readTree(t, out)
	}
	done := func(n int) string { return fmt.Sprintf("已生成 %d 个文件到 %s\n", n, out) }

	_, stderr, want := build(defaultIs(cacheDir, nil), dir, "--no-cache")
	if stderr != done(len(want)) {
		t.Errorf("--no-cache: stderr %q", stderr)
	}
	if _, err := os.Stat(cacheDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--no-cache made the default cache: %v", err)
	}
	for _, run := range []struct {
		name string
		hits int
	}{{"cold", 0}, {"warm", 1}} {
		editionDiskHits = 0
		_, stderr, got := build(defaultIs(cacheDir, nil), dir)
		if editionDiskHits != run.hits {
			t.Errorf("%s: %d editions from the cache, want %d", run.name, editionDiskHits, run.hits)
		}
		if w := fmt.Sprintf("已发布版本 1 个：%d 个取自缓存（%s），%d 个新生成\n", run.hits, cacheDir, 1-run.hits) + done(len(want)); stderr != w {
			t.Errorf("%s: stderr %q, want %q", run.name, stderr, w)
		}
		sameTree(t, run.name+" build with the default cache", want, got)
	}
	if fi, err := os.Stat(cacheDir); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("the default cache: %v %v, want a directory 0700", fi.Mode(), err)
	}

	// Unusable defaults: the build goes on without the cache and says why.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		def  func() (string, error)
		note string
	}{
		{"not a directory", defaultIs(filepath.Join(file, "lpg-build"), nil),
			"注意：默认缓存目录 " + filepath.Join(file, "lpg-build") + " 不可用（" + file + " 不是目录），本次不用缓存，已发布版本逐个重新生成；可用 --cache DIR 指定其他目录，或设环境变量 LPG_CACHE_DIR。\n"},
		{"inside the output", defaultIs(filepath.Join(out, "cache"), nil),
			"注意：默认缓存目录 " + filepath.Join(out, "cache") + " 不可用（与 " + out + " 重叠），本次不用缓存，已发布版本逐个重新生成；可用 --cache DIR 指定其他目录，或设环境变量 LPG_CACHE_DIR。\n"},
		{"the repository", defaultIs(dir, nil),
			"注意：默认缓存目录 " + dir + " 不可用（与 " + dir + " 重叠），本次不用缓存，已发布版本逐个重新生成；可用 --cache DIR 指定其他目录，或设环境变量 LPG_CACHE_DIR。\n"},
		{"no home", defaultIs("", errors.New("$HOME is not defined")),
			"注意：找不到默认缓存目录（环境变量 HOME 和 XDG_CACHE_HOME 都没有设置；Windows 上为 LocalAppData），本次不用缓存，已发布版本逐个重新生成；可用 --cache DIR 指定其他目录，或设环境变量 LPG_CACHE_DIR。\n"},
		{"off", defaultIs("", nil), ""},
	} {
		editionDiskHits = 0
		code, stderr, got := build(tc.def, dir)
		if code != ExitOK {
			t.Fatalf("%s: exit %d, %s", tc.name, code, stderr)
		}
		if w := tc.note + done(len(want)); stderr != w {
			t.Errorf("%s: stderr %q, want %q", tc.name, stderr, w)
		}
		if editionDiskHits != 0 {
			t.Errorf("%s: %d editions from a cache", tc.name, editionDiskHits)
		}
		sameTree(t, tc.name, want, got)
	}
	if _, err := os.Stat(filepath.Join(out, "cache")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a cache inside the output: %v", err)
	}

	// No edition: the default cache is not made, nothing is said of it.
	other := filepath.Join(t.TempDir(), "lpg-build")
	out = ""
	if _, stderr, got := build(defaultIs(other, nil), plain); stderr != done(len(got)) {
		t.Errorf("no edition: stderr %q", stderr)
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no edition, yet the default cache was made: %v", err)
	}
	if _, stderr, got := build(defaultIs("", errors.New("$HOME is not defined")), plain); stderr != done(len(got)) {
		t.Errorf("no edition, no home: stderr %q", stderr)
	}

	if code, stderr, _ := build(defaultIs(cacheDir, nil), dir, "--cache", other, "--no-cache"); code != ExitFailure || !strings.Contains(stderr, "--cache 与 --no-cache 不能同时使用") {
		t.Errorf("--cache with --no-cache: exit %d, %s", code, stderr)
	}

	// An explicit --cache inside the repository or the output: refused.
	for _, c := range []string{"cache", filepath.Join(out, "cache")} {
		abs := c
		if !filepath.IsAbs(c) {
			abs = filepath.Join(plain, c)
		}
		if code, stderr, _ := build(nil, plain, "--cache", c); code != ExitFailure || !strings.Contains(stderr, "--cache "+abs+" 与 ") || !strings.Contains(stderr, "请放在两者之外") {
			t.Errorf("--cache %s: exit %d, %s", c, code, stderr)
		}
		if _, err := os.Stat(abs); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("--cache %s was made: %v", c, err)
		}
	}

	// lpg serve: the edition from the default cache.
	editionDiskHits = 0
	startServe(t, &Command{DefaultCache: defaultIs(cacheDir, nil)}, &serveCmd{}, dir)
	if editionDiskHits != 1 {
		t.Errorf("serve: %d editions from the default cache, want 1", editionDiskHits)
	}
}

// TestDefaultCacheDir: $LPG_CACHE_DIR (absolute, relative to the working
// directory, or off), else lpg-build in the user's cache directory.
func TestDefaultCacheDir(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(t.TempDir(), "c")
	for _, tc := range []struct{ env, want string }{{abs, abs}, {"rel", filepath.Join(wd, "rel")}, {"off", ""}, {"OFF", ""}} {
		t.Setenv("LPG_CACHE_DIR", tc.env)
		if got, err := DefaultCacheDir(); err != nil || got != tc.want {
			t.Errorf("LPG_CACHE_DIR=%s: %q %v, want %q", tc.env, got, err, tc.want)
		}
	}
	t.Setenv("LPG_CACHE_DIR", "")
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_CACHE_HOME", "/var/cache/u")
		if got, err := DefaultCacheDir(); err != nil || got != "/var/cache/u/lpg-build" {
			t.Errorf("XDG_CACHE_HOME=/var/cache/u: %q %v", got, err)
		}
	}
}

// publishNovember publishes report/2026-11/v1 in the repository dir at
// 2026-12-01 09:00 +08:00 (lpg publish), failing the test otherwise.
func publishNovember(t *testing.T, dir string) {
	t.Helper()
	if code, out, stderr := runAt(day(1, 9), "publish", "2026-11", "--root", dir); code != ExitOK || !strings.Contains(out, "report/2026-11/v1") {
		t.Fatalf("publish: exit %d, %s %s", code, out, stderr)
	}
}
