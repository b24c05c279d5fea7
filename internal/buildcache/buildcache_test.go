package buildcache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

type entry struct {
	Files map[string][]byte
	N     int
}

// TestRoundTrip: what Put stores, Get returns; another key misses; a nil
// cache stores nothing.
func TestRoundTrip(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := entry{Files: map[string][]byte{"reports/2026-10/v1/report.json": []byte(`{"period":"2026-10"}`)}, N: 3}
	if err := c.Put("edition 1", want); err != nil {
		t.Fatal(err)
	}
	var got entry
	if !c.Get("edition 1", &got) || !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %+v, want %+v", got, want)
	}
	if c.Get("edition 2", &got) {
		t.Error("a key never stored was found")
	}
	var nilCache *Cache
	if err := nilCache.Put("edition 1", want); err != nil || nilCache.Get("edition 1", &got) || nilCache.Dir() != "" {
		t.Error("a nil cache stored something")
	}
}

// TestVersionedByProgram: the entries live below the running program's id.
func TestVersionedByProgram(t *testing.T) {
	root := t.TempDir()
	c, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	id, err := ProgramID()
	if err != nil || len(id) != 32 {
		t.Fatalf("ProgramID = %q, %v", id, err)
	}
	if c.Dir() != filepath.Join(root, id) {
		t.Errorf("Dir = %s, want %s", c.Dir(), filepath.Join(root, id))
	}
	// An entry of another program is never seen.
	other := &Cache{dir: filepath.Join(root, "0123456789abcdef0123456789abcdef")}
	if err := other.Put("k", entry{N: 1}); err != nil {
		t.Fatal(err)
	}
	var got entry
	if c.Get("k", &got) {
		t.Error("an entry of another program was read")
	}
}

// TestDamagedEntries: an entry whose bytes were changed, cut or replaced
// is a miss, and its file is removed.
func TestDamagedEntries(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"last byte flipped", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }},
		{"checksum flipped", func(b []byte) []byte { b[len(magic)] ^= 1; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"only the magic", func(b []byte) []byte { return b[:len(magic)] }},
		{"empty", func([]byte) []byte { return nil }},
		{"another format", func(b []byte) []byte { return append([]byte("lpg-buildcache-0\n"), b[len(magic):]...) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Put("k", entry{Files: map[string][]byte{"a": []byte("xyz")}, N: 7}); err != nil {
				t.Fatal(err)
			}
			p := c.path("k")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, tc.damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			var got entry
			if c.Get("k", &got) {
				t.Fatalf("damaged entry read: %+v", got)
			}
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Errorf("damaged entry kept: %v", err)
			}
		})
	}
}
