package cli

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

	var out string // the last build's output directory
	build := func(name string, args ...string) map[string][]byte {
		t.Helper()
		out = filepath.Join(t.TempDir(), "site")
		if code, _, stderr := runAt(day(4, 9), append(append([]string{"build", "--out", out}, root...), args...)...); code != ExitOK {
			t.Fatalf("%s build: exit %d, %s", name, code, stderr)
		}
		return readTree(t, out)
	}
	want := build("uncached")
	if n := len(editionFiles(want, "reports/2026-11/v2/")); n != 4 {
		t.Fatalf("edition 2026-11 v2: %d files, want 4", n)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	// damage flips a byte in the middle of every file of the cache that is
	// (blobs) or is not (entries) below blobs/, and returns how many.
	damage := func(blobs bool) int {
		n := 0
		err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.Contains(filepath.ToSlash(p), "/blobs/") != blobs {
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
