package cli

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lpg/internal/buildcache"
)

// TestEditionCache (issue 14): on a small repository with three editions
// (v1 and v2 of 2026-11, v1 of 2026-12 published early with --force), builds with the persistent cache
// (--cache) — cold (filling it), warm (every edition from it), after every
// entry is damaged and after every blob is damaged (every edition a miss),
// each followed by a warm build — write byte for byte the site of a build
// without it, and every edition file of theirs is a hard link to its blob; lpg serve --cache takes the editions from
// the same cache and serves the same edition files.
func TestEditionCache(t *testing.T) {
	g, dir := tinyRepo(t)
	root := []string{"--root", dir}
	publish := func(at int, month, want string, flags ...string) {
		t.Helper()
		if code, out, stderr := runAt(day(at, 9), append(append([]string{"publish", month}, root...), flags...)...); code != ExitOK || !strings.Contains(out, want) {
			t.Fatalf("publish %s: exit %d, %s %s", month, code, out, stderr)
		}
	}
	publish(1, "2026-11", "report/2026-11/v1")
	rc := "data/rectifications/2026-10/310118102.csv"
	commit(t, g, day(2, 8), "rectified", map[string][]byte{
		rc: append(append([]byte{}, g.Files()[rc]...), "E01-202610-0002,东湖街居委会,已整改,更换,2026-11-25,居委会 陈丽,,否,\n"...),
	})
	publish(2, "2026-11", "report/2026-11/v2")
	publish(3, "2026-12", "report/2026-12/v1", "--force")

	var out, stderr string // the last build's output directory and stderr
	build := func(name string, args ...string) map[string][]byte {
		t.Helper()
		out = filepath.Join(t.TempDir(), "site")
		var code int
		if code, _, stderr = runAt(day(4, 9), append(append([]string{"build", "--out", out}, root...), args...)...); code != ExitOK {
			t.Fatalf("%s build: exit %d, %s", name, code, stderr)
		}
		return readTree(t, out)
	}
	want := build("uncached")
	if n := len(editionFiles(want, "reports/2026-11/v2/")); n != 4 {
		t.Fatalf("edition 2026-11 v2: %d files, want 4", n)
	}
	// Without --cache a build says nothing of a cache.
	if wantErr := fmt.Sprintf("已生成 %d 个文件到 %s\n", len(want), out); stderr != wantErr {
		t.Errorf("uncached build: stderr %q, want %q", stderr, wantErr)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	// damage flips a byte in the middle of every file of the cache that is
	// (blobs) or is not (entries) below blobs/, and returns how many (the
	// mark of the program directory's last use is neither).
	damage := func(blobs bool) int {
		n := 0
		err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.Contains(filepath.ToSlash(p), "/blobs/") != blobs || d.Name() == "used" {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[len(b)/2] ^= 0x55
			n++
			return os.WriteFile(p, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, run := range []struct {
		name   string
		damage string // "entries" or "blobs" before the build
		hits   int
	}{{"cold", "", 0}, {"warm", "", 3}, {"damaged entries", "entries", 0}, {"refilled", "", 3},
		{"damaged blobs", "blobs", 0}, {"refilled again", "", 3}} {
		// 3 entries; 4 files each, the 3 report.xlsx and 3 hazards.csv may
		// share a blob with another edition's.
		if run.damage == "entries" {
			if n := damage(false); n != 3 {
				t.Fatalf("damaging the cache: %d entries, want 3", n)
			}
		}
		if run.damage == "blobs" {
			if n := damage(true); n < 6 || n > 12 {
				t.Fatalf("damaging the cache: %d blobs, want 6 to 12", n)
			}
		}
		editionDiskHits = 0
		got := build(run.name, "--cache", cacheDir)
		if editionDiskHits != run.hits {
			t.Errorf("%s build: %d editions from the cache, want %d", run.name, editionDiskHits, run.hits)
		}
		// The build says what the cache did, in one line before the count
		// of files.
		wantErr := fmt.Sprintf("已发布版本 3 个：%d 个取自缓存（%s），%d 个新生成\n已生成 %d 个文件到 %s\n",
			run.hits, cacheDir, 3-run.hits, len(want), out)
		if stderr != wantErr {
			t.Errorf("%s build: stderr %q, want %q", run.name, stderr, wantErr)
		}
		sameTree(t, run.name+" build with --cache", want, got)
		// Every edition file of a build with the cache is a hard link to
		// its blob: the build held none of them in memory.
		id, err := buildcache.ProgramID()
		if err != nil {
			t.Fatal(err)
		}
		for p, b := range editionFiles(got, "reports/2026-1") {
			if !strings.Contains(p, "/v") {
				continue
			}
			sum := fmt.Sprintf("%x", sha256.Sum256(b))
			blob, err := os.Stat(filepath.Join(cacheDir, id, "blobs", sum[:2], sum))
			if err != nil {
				t.Fatal(err)
			}
			site, err := os.Stat(filepath.Join(out, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(blob, site) {
				t.Errorf("%s build: %s is not a hard link to its blob", run.name, p)
			}
		}
	}

	// lpg serve --cache: every edition from the cache filled by the builds.
	editionDiskHits = 0
	base, _ := startServe(t, &Command{}, &serveCmd{}, dir, "--cache", cacheDir)
	if editionDiskHits != 3 {
		t.Errorf("serve --cache: %d editions from the cache, want 3", editionDiskHits)
	}
	for p, b := range editionFiles(want, "reports/2026-1") {
		if !strings.Contains(p, "/v") {
			continue
		}
		if got := get(base + p); got != string(b) {
			t.Errorf("serve --cache: /%s differs from the build's (%d vs %d bytes)", p, len(got), len(b))
		}
	}
}

// TestCacheLine: the line lpg build --cache prints after the editions, for
// every case it names.
func TestCacheLine(t *testing.T) {
	for _, tc := range []struct {
		st   cacheStats
		want string
	}{
		{cacheStats{dir: "/c", editions: 69, hits: 68, rendered: 1}, "已发布版本 69 个：68 个取自缓存（/c），1 个新生成"},
		{cacheStats{dir: "/c"}, "没有已发布版本，缓存（/c）未用到"},
		{cacheStats{dir: "/c", editions: 4, offMain: 1, rendered: 3, unstored: 2},
			"已发布版本 4 个：0 个取自缓存（/c），3 个新生成，1 个不在主线上、未生成，2 个未能存入缓存"},
		{cacheStats{dir: "/c", editions: 2, hits: 2, pruned: []string{"a", "b"}},
			"已发布版本 2 个：2 个取自缓存（/c），0 个新生成；已删除 2 个不再使用的旧版 lpg 缓存目录"},
		{cacheStats{dir: "/c", editions: 2, rendered: 2, openErr: errors.New("no executable")},
			"已发布版本 2 个：缓存 /c 不可用（no executable），2 个新生成"},
	} {
		if got := tc.st.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.st, got, tc.want)
		}
	}
}

// TestCachePrune: lpg build --cache removes the directory of another lpg
// binary not used for 40 days and says so; the rest of the root stays.
func TestCachePrune(t *testing.T) {
	_, dir := tinyRepo(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	old := filepath.Join(cacheDir, "0123456789abcdef0123456789abcdef")
	keep := filepath.Join(cacheDir, "notes")
	for _, d := range []string{filepath.Join(old, "blobs", "ab"), keep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(old, "used"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	then := time.Now().Add(-40 * 24 * time.Hour)
	if err := os.Chtimes(filepath.Join(old, "used"), then, then); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runAt(day(4, 9), "build", "--root", dir, "--out", out, "--cache", cacheDir)
	if code != ExitOK {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	want := "没有已发布版本，缓存（" + cacheDir + "）未用到；已删除 1 个不再使用的旧版 lpg 缓存目录\n"
	if !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr %q, want first %q", stderr, want)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old program directory: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("notes/: %v", err)
	}
	id, err := buildcache.ProgramID()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, id, "used")); err != nil {
		t.Errorf("the running program's mark: %v", err)
	}
}
