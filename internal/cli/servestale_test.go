package cli

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeStaleAfterHeadChange (review round 7, R1): when the rebuild
// that serve's 503 path asks for also sees a new HEAD (a commit made while
// serve ran, which serve does not watch), keep.editions renders the
// editions because HEAD changed; the stale flag must be cleared all the
// same, or the next time a stored file is gone stale() would find it set:
// no rebuild, no message, every unserved edition page 503 for good.
func TestServeStaleAfterHeadChange(t *testing.T) {
	g, dir := tinyRepo(t)
	publishNovember(t, dir)
	cacheDir := filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	c := &Command{Now: func() time.Time { return day(4, 9) }, DefaultCache: func() (string, error) { return cacheDir, nil }}
	base, errb := startServe(t, c, &serveCmd{}, dir, "--as-of", "2026-12-04T09:00:00+08:00")
	status := func(p string) int {
		resp, err := http.Get(base + p)
		if err != nil {
			return 0
		}
		defer resp.Body.Close()
		_, _ = io.ReadAll(resp.Body)
		return resp.StatusCode
	}
	waitFor(t, "the site", func() bool { return status("") == http.StatusOK })
	// A commit outside data/ and templates/ (not checked out: the work tree
	// stays as it is): HEAD moves, serve is not told.
	if _, err := g.Commit("notes", "centre", day(2, 9), map[string][]byte{"NOTES.md": []byte("x\n")}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}
	if code := status("reports/2026-11/v1/hazards.csv"); code != http.StatusServiceUnavailable {
		t.Fatalf("first removal: %d, want 503", code)
	}
	waitFor(t, "the edition file after the first removal", func() bool { return status("reports/2026-11/v1/hazards.csv") == http.StatusOK })
	// The cache goes again (rm -rf, or pruned by another lpg).
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ { // 10 s; a rebuild of the tiny repository takes well under 1 s
		if status("reports/2026-11/v1/index.html") == http.StatusOK {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("after the second removal the edition page still answers 503 after 10 s, and serve never rebuilt: serve's output %q", errb.String())
}

// TestServeCorruptBlob (review round 7, R2): lpg build checks every cached
// blob's SHA-256 before it uses an edition (a changed blob is a miss,
// rendered again); lpg serve, which reads an edition's stored file when a
// page is first asked for, checks it too: a blob changed in place — e.g.
// through a site built with the same cache, whose edition files are hard
// links to the blobs (F5) — is never served; the editions are rendered
// again and the right file is served.
func TestServeCorruptBlob(t *testing.T) {
	_, dir := tinyRepo(t)
	publishNovember(t, dir)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, stderr := runAt(day(4, 9), "build", "--root", dir, "--out", ref, "--no-cache", "--as-of", "2026-12-04T09:00:00+08:00"); code != ExitOK {
		t.Fatalf("build --no-cache: exit %d, %s", code, stderr)
	}
	want, err := os.ReadFile(filepath.Join(ref, "reports", "2026-11", "v1", "hazards.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "home", ".cache", "lpg-build")
	c := &Command{Now: func() time.Time { return day(4, 9) }, DefaultCache: func() (string, error) { return cacheDir, nil }}
	base, _ := startServe(t, c, &serveCmd{}, dir, "--as-of", "2026-12-04T09:00:00+08:00")
	waitFor(t, "the site", func() bool {
		resp, err := http.Get(base + "/")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	// Every blob changed in place (same file, as `>>` or an editor with
	// backupcopy=yes on a hard-linked site file would).
	n := 0
	err = filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, string(filepath.Separator)+"blobs"+string(filepath.Separator)) {
			n++
			return os.WriteFile(p, []byte("GARBAGE\n"), 0o644)
		}
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("changing the blobs: %d changed, %v", n, err)
	}
	resp, err := http.Get(base + "/reports/2026-11/v1/hazards.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK && string(got) != string(want) {
		t.Errorf("serve answered 200 with the changed blob %q; lpg build --no-cache has %d bytes there (lpg build would have rendered the edition again)", got, len(want))
	}
}
