package render

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteDiskFull: a full disk while writing the new tree fails with the
// system error (errors.Is syscall.ENOSPC) naming the file of the output
// directory, leaves the old site as it was and removes the temporary
// directory and lock.
func TestWriteDiskFull(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{"index.html": "old"})
	n := 0
	err := WriteWith(dir, map[string][]byte{"a.html": []byte("a"), "b/c.html": []byte("c"), "d.html": []byte("d")},
		func(name string, data []byte, perm fs.FileMode) error {
			if n++; n == 2 {
				return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
			}
			return os.WriteFile(name, data, perm)
		})
	var pe *fs.PathError
	if !errors.Is(err, syscall.ENOSPC) || !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "b", "c.html") || pe.Op != "write" {
		t.Fatalf("err = %v, want ENOSPC writing %s", err, filepath.Join(dir, "b", "c.html"))
	}
	assertTree(t, dir, map[string]string{"index.html": "old"})
	assertOnly(t, parent, "site")
}
