package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditionCache (issue 14): on a small repository with three editions
// (v1 and v2 of 2026-11, v1 of 2026-12 published early with --force), builds with the persistent cache
// (--cache) — cold (filling it), warm (every edition from it) and after
// every entry is damaged (every entry a miss) — write byte for byte the
// site of a build without it; lpg serve --cache takes the editions from
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

	build := func(name string, args ...string) map[string][]byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "site")
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
	for _, run := range []struct {
		name string
		hits int
	}{{"cold", 0}, {"warm", 3}, {"damaged", 0}, {"refilled", 3}} {
		if run.name == "damaged" {
			n := 0
			err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
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
			if err != nil || n != 3 {
				t.Fatalf("damaging the cache: %d entries, %v", n, err)
			}
		}
		editionDiskHits = 0
		got := build(run.name, "--cache", cacheDir)
		if editionDiskHits != run.hits {
			t.Errorf("%s build: %d editions from the cache, want %d", run.name, editionDiskHits, run.hits)
		}
		sameTree(t, run.name+" build with --cache", want, got)
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
