package buildcache

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBlobRoundTrip: PutBlob stores the bytes as they are, readable by
// all (0644: a site hard-linked to them is served by another user), under
// their SHA-256; Blob gives the same file back; a nil cache stores nothing.
func TestBlobRoundTrip(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ref, file, err := c.PutBlob([]byte("报告 report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	// printf '报告 report.xlsx' | sha256sum
	if want := (BlobRef{Sum: "af545bfb072b5472414b48c0d4ab1fbc3bc54694610409432f57261184c8f731", Size: 18}); ref != want {
		t.Errorf("ref = %+v, want %+v", ref, want)
	}
	if file != filepath.Join(c.Dir(), "blobs", ref.Sum[:2], ref.Sum) {
		t.Errorf("file = %s", file)
	}
	b, err := os.ReadFile(file)
	if err != nil || string(b) != "报告 report.xlsx" {
		t.Errorf("blob file = %q, %v", b, err)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("blob mode = %v, %v; want 0644", st.Mode(), err)
	}
	if got, ok := c.Blob(ref); !ok || got != file {
		t.Errorf("Blob = %s, %t; want %s", got, ok, file)
	}
	var nilCache *Cache
	if _, f, err := nilCache.PutBlob([]byte("x")); f != "" || err != nil {
		t.Errorf("nil cache PutBlob = %q, %v", f, err)
	}
	if _, ok := nilCache.Blob(ref); ok {
		t.Error("a nil cache has a blob")
	}
}

// TestDamagedBlobs: a blob whose content no longer hashes to its name, or
// whose length differs from the reference, is a miss and is removed; a
// reference that is not a SHA-256 names no file.
func TestDamagedBlobs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"byte flipped", func(b []byte) []byte { b[len(b)/2] ^= 0x55; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }},
		{"longer", func(b []byte) []byte { return append(b, 'x') }},
		{"empty", func([]byte) []byte { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			ref, file, err := c.PutBlob([]byte("reports/2026-10/v1/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tc.damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if f, ok := c.Blob(ref); ok {
				t.Fatalf("damaged blob given out: %s", f)
			}
			if _, err := os.Stat(file); !os.IsNotExist(err) {
				t.Errorf("damaged blob kept: %v", err)
			}
		})
	}
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range []string{"", "../../x", "zz" + string(make([]byte, 62))} {
		if f, ok := c.Blob(BlobRef{Sum: sum}); ok {
			t.Errorf("Blob(%q) = %s", sum, f)
		}
	}
}
