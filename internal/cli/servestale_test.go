package cli

import (
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
	base, cacheDir, errb := serveDefaultCache(t, dir)
	status := func(p string) int { code, _ := fetch(base + p); return code }
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
	base, cacheDir, _ := serveDefaultCache(t, dir)
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
	code, got := fetch(base + "reports/2026-11/v1/hazards.csv")
	if code == http.StatusOK && got != string(want) {
		t.Errorf("serve answered 200 with the changed blob %q; lpg build --no-cache has %d bytes there (lpg build would have rendered the edition again)", got, len(want))
	}
	waitFor(t, "the edition file rendered again", func() bool {
		code, got := fetch(base + "reports/2026-11/v1/hazards.csv")
		return code == http.StatusOK && got == string(want)
	})
}
