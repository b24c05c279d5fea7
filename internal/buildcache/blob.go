package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// A blob is one file's bytes stored as they are (no magic, no gob) under
// the name of their SHA-256, dir/blobs/<first two hex digits>/<hex>, so
// that a build can hard-link it into the site instead of holding it in
// memory (issue 14: 69 editions' files held until the site was written
// were 1 GB of a five-year build's 1.8 GB peak RSS). A blob is immutable:
// PutBlob writes a temporary file and renames it into place, never
// writes into an existing file, and nothing else in lpg writes below the
// cache; so a blob hard-linked into a site stays what it was when it was
// checked. Its name is its checksum: Blob hashes the file before giving it
// out, and a blob whose content does not hash to its name is a miss and is
// removed.

// Scratch is a cache in dir itself (no program subdirectory) for one
// build's blobs: lpg build without --cache puts its editions' files there
// (in render.SiteDir.Scratch) rather than hold them in memory, and the
// folder goes away with the build.
func Scratch(dir string) *Cache { return &Cache{dir: dir} }

// BlobRef names a blob: the hex SHA-256 of its content and its length in
// bytes.
type BlobRef struct {
	Sum  string
	Size int64
}

// blobPath is the file of the blob with hex SHA-256 sum.
func (c *Cache) blobPath(sum string) string {
	return filepath.Join(c.dir, "blobs", sum[:2], sum)
}

// validSum reports whether s is a hex SHA-256 (so it cannot name a file
// outside dir/blobs).
func validSum(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// PutBlob stores b as a blob (file mode 0644: a site served from hard
// links must be readable by the web server) and returns its reference and
// its file. A nil cache stores nothing: no file.
func (c *Cache) PutBlob(b []byte) (BlobRef, string, error) {
	sum := sha256.Sum256(b)
	ref := BlobRef{Sum: hex.EncodeToString(sum[:]), Size: int64(len(b))}
	if c == nil {
		return ref, "", nil
	}
	p := c.blobPath(ref.Sum)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil { // 0700: see markUsed
		return ref, "", err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return ref, "", err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return ref, "", errors.Join(errors.New("buildcache: write "+p), err)
	}
	return ref, p, nil
}

// Blob returns the file holding the blob ref and whether it is there,
// ref.Size bytes long and hashes to ref.Sum (the file is read through a
// small buffer, not held). A file that does not is removed; a nil cache
// has no blob.
func (c *Cache) Blob(ref BlobRef) (string, bool) {
	if c == nil || !validSum(ref.Sum) {
		return "", false
	}
	p := c.blobPath(ref.Sum)
	f, err := os.Open(p)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	f.Close()
	if err == nil && n == ref.Size && hex.EncodeToString(h.Sum(nil)) == ref.Sum {
		return p, true
	}
	if err == nil {
		_ = os.Remove(p)
	}
	return "", false
}
