package validate

import (
	"crypto/sha1"
	"encoding/hex"
	"io/fs"
	"strconv"
	"sync"

	"lpg/internal/form"
)

// Cache keeps the per-file work of validation — decoding, header
// mapping, normalising and the schema checks of every row of a 排查表,
// 汇总表 or 入户安检量表 — by the file's path, form and git blob hash, so
// that validating many trees of one repository in one process does it
// once per distinct file (issue 14): the published editions of a build
// share almost every blob with HEAD and with each other. The cross-file
// rules still run on every tree. The cache lives in memory for one
// process and never changes a result: a file is read again whenever its
// content differs, and each validation gets its own copy of what the
// cache holds (the cross-file rules add to it).
//
// What a validation did not use is dropped when the next one starts
// (Run calls next), so the cache holds about one tree's files: meant for
// trees validated in order, each sharing most files with the one before.
//
// A Cache is safe for concurrent use.
type Cache struct {
	mu         sync.Mutex
	cur, prev  map[cacheKey]*sheet
	hits, runs int
}

type cacheKey struct{ path, kind, blob string }

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{cur: map[cacheKey]*sheet{}} }

// next starts a validation: what the one before did not use is dropped.
func (c *Cache) next() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs > 0 {
		c.prev, c.cur = c.cur, map[cacheKey]*sheet{}
	}
	c.runs++
}

// Hits returns how many files were taken from the cache.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// BlobHasher is implemented by a file system that knows the git blob hash
// of its files without reading them (history's tree file systems); for
// any other file system the hash is computed from the content.
type BlobHasher interface {
	BlobHash(name string) (hash string, ok bool)
}

// BlobHash returns the git blob hash (SHA-1 of "blob <size>\x00" and the
// content) of b, as `git hash-object` prints it.
func BlobHash(b []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(b)) + "\x00"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) get(k cacheKey) *sheet {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.cur[k]
	if s == nil {
		if s = c.prev[k]; s != nil {
			c.cur[k] = s
		}
	}
	if s != nil {
		c.hits++
	}
	return s
}

func (c *Cache) put(k cacheKey, s *sheet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur[k] = s
}

// readFileSheet reads file as form kind (readSheet), through v.cache when
// there is one.
func (v *validator) readFileSheet(file, kind string) (*sheet, error) {
	c := v.cache
	var k cacheKey
	if c != nil {
		if h, ok := v.fsys.(BlobHasher); ok {
			if blob, ok := h.BlobHash(file); ok {
				k = cacheKey{file, kind, blob}
				if s := c.get(k); s != nil {
					return s.clone(), nil
				}
			}
		}
	}
	b, err := fs.ReadFile(v.fsys, file)
	if err != nil {
		return nil, err
	}
	if c != nil && k.blob == "" {
		k = cacheKey{file, kind, BlobHash(b)}
		if s := c.get(k); s != nil {
			return s.clone(), nil
		}
	}
	s := readSheet(file, b, form.Get(kind), &v.free)
	if c != nil {
		c.put(k, s.clone())
	}
	return s, nil
}

// clone returns a copy of s that can be changed without changing s: the
// diagnostics and every row's values and error marks are copied; the
// decoded table is shared (nothing changes it after readSheet).
func (s *sheet) clone() *sheet {
	c := *s
	c.out = s.out.Clone()
	c.rows = make([]*row, len(s.rows))
	rows := make([]row, len(s.rows))
	n := len(s.form.Props)
	vals := make([]string, n*len(s.rows))
	for i, r := range s.rows {
		rows[i] = *r
		rows[i].vals = vals[i*n : (i+1)*n : (i+1)*n]
		copy(rows[i].vals, r.vals)
		c.rows[i] = &rows[i]
	}
	c.rowArr, c.valArr = rows, vals // its own, for release: never the arrays of s
	return &c
}
