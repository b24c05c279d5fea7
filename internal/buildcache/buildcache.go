// Package buildcache is the persistent cache of lpg build (issue 14): values
// stored by key in files below a directory outside the site, so that a
// later build skips work whose inputs have not changed (today: each
// published edition, whose tagged tree never changes). Large outputs are
// stored apart as blobs (blob.go: the bytes as they are, named by their
// SHA-256) that a build hard-links into the site instead of reading them.
//
// The cache never changes the output. Its directory is versioned by the
// program that writes it: Open puts everything below root/<program id>,
// the SHA-256 of the running executable, so a new lpg never reads what an
// old one wrote. Every file carries the SHA-256 of its content; a file that
// is truncated, corrupt or does not decode is a miss (and is removed), never
// trusted. Writes go to a temporary file renamed into place, so concurrent
// builds sharing a cache see whole entries or none. Errors writing the
// cache are returned to the caller, which may ignore them: a build without
// a writable cache is only slower. Open also keeps the root bounded: it
// removes the directories of programs not used for a while (prune.go).
package buildcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"lpg/internal/fault"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Cache is a directory of entries. A nil *Cache is an empty cache that
// stores nothing. Safe for concurrent use.
type Cache struct {
	dir string // root/<program id>
	// What Open did to keep root bounded (Maintenance).
	removed  []string
	maintErr error
}

// magic starts every entry file; it changes when the file layout does.
var magic = []byte("lpg-buildcache-1\n")

// Open returns the cache below root, in the subdirectory of the running
// program (ProgramID), which it creates and marks as used now; it removes
// the other program directories below root that the pruning rule names
// (prune.go: not used for 30 days, or more than 3 others used more
// recently and not used for a day) and makes those it keeps 0700 when they
// were open to other users (closeKept). Neither marking nor pruning makes Open
// fail: what went wrong is reported by Maintenance. An error means no
// cache: the program cannot be read, root is not safe (safeRoot: another
// user could change it under the build), or the program directory is
// another user's or open to others (closedToOthers).
func Open(root string) (*Cache, error) {
	id, err := ProgramID()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(root, 0o700); err == nil {
		if err := safeRoot(root); err != nil {
			return nil, err
		}
	} // else open reports it through Maintenance
	c := open(root, id, time.Now())
	if err := closedToOthers(c.dir); err != nil {
		return nil, err
	}
	return c, nil
}

// closedToOthers refuses a program directory that another user owns, or
// that other users can still enter after markUsed tried to make it 0700 —
// one another user created below a root everyone may write (review round
// 7 R3; round 9: root's chmod succeeds on any directory, so the owner is
// checked too): an internal build would store household data where they
// can read and replace it. Not checked on Windows, whose directories
// carry no Unix permissions.
func closedToOthers(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		return nil // missing or a symbolic link: Maintenance reports it
	}
	if foreign(fi) {
		return fmt.Errorf("缓存目录 %s 属于别的用户：内部版会把住户信息存在这里，所以不用它。请删掉它，或用 --cache 换一个只有本人能写的目录", dir)
	}
	if fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return fmt.Errorf("缓存目录 %s 其他用户也能进入，而且改不成只有本人可用（0700；它属于别的用户？）：内部版会把住户信息存在这里，所以不用它。请删掉它，或用 --cache 换一个只有本人能写的目录", dir)
}

// open is Open for the program id at now.
func open(root, id string, now time.Time) *Cache {
	c := &Cache{dir: filepath.Join(root, id)}
	markErr := markUsed(c.dir, now)
	if markErr != nil {
		markErr = markError(c.dir, markErr)
	}
	removed, pruneErr := prune(root, id, now)
	if pruneErr != nil {
		pruneErr = fmt.Errorf("清理 %s 中旧版 lpg 的缓存时出错：%s", root, fault.Explain(pruneErr))
	}
	c.removed, c.maintErr = removed, errors.Join(markErr, pruneErr)
	return c
}

// Touch marks the running program's directory below root as used now:
// it sets the time of the mark Open made (usedFile) and nothing else. It
// creates nothing, changes no permission and prunes nothing; a missing
// directory or mark (no cache yet, or removed meanwhile), a program
// directory that is a symbolic link or another user's, and a root Open
// refuses (safeRoot) are left alone. A long-running lpg
// serve calls it (TouchEvery) so that another lpg does not prune the
// cache its pages are served from: the pruning rule spares a directory
// used within the day. The error is in Chinese.
func Touch(root string) error {
	id, err := ProgramID()
	if err != nil {
		return fmt.Errorf("读不到正在运行的 lpg 程序文件，未标记缓存：%s", fault.Explain(err))
	}
	dir := filepath.Join(root, id)
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() || foreign(fi) || safeRoot(root) != nil {
		return nil // no cache, or one Open refuses: not ours to mark
	}
	now := time.Now()
	if err := os.Chtimes(filepath.Join(dir, usedFile), now, now); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return markError(dir, err)
	}
	return nil
}

// TouchEvery is how often a long-running lpg serve marks its cache
// directory used (Touch): well within the day that the pruning rule
// spares, and often enough that a machine woken from sleep (when the
// ticker did not count) is marked again soon.
const TouchEvery = time.Hour

// markError is the Chinese error of marking dir used (review round 7 R5).
func markError(dir string, err error) error {
	return fmt.Errorf("标记缓存目录 %s 为刚用过时出错：%s", dir, fault.Explain(err))
}

// Maintenance is what Open did besides opening: the program directories
// it removed below root (their names, program ids) and the errors marking
// its own directory used or pruning the others (nil when none). Those
// errors do not make the cache unusable; a caller warns and goes on.
func (c *Cache) Maintenance() (removed []string, err error) {
	if c == nil {
		return nil, nil
	}
	return c.removed, c.maintErr
}

var (
	idOnce sync.Once
	id     string
	idErr  error
)

// ProgramID is the hex SHA-256 (first 32 digits) of the running
// executable's file: a different lpg binary, a new build of the same
// source included, has a different id. On Linux the file is read through
// /proc/self/exe, which is the program running even when an upgrade has
// since renamed another file over its path (review round 6 F1: the old
// program would otherwise store its renderings under the new program's
// id, and the new lpg would take them); elsewhere through os.Executable's
// path.
func ProgramID() (string, error) {
	idOnce.Do(func() {
		f, err := os.Open("/proc/self/exe")
		if err != nil {
			var exe string
			if exe, idErr = os.Executable(); idErr != nil {
				return
			}
			if f, idErr = os.Open(exe); idErr != nil {
				return
			}
		}
		defer f.Close()
		h := sha256.New()
		if _, idErr = io.Copy(h, f); idErr != nil {
			return
		}
		id = hex.EncodeToString(h.Sum(nil))[:32]
	})
	return id, idErr
}

// Dir is the directory of the entries ("" for a nil cache).
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// path is the file of key: its SHA-256 in hex, below a two-digit fan-out.
func (c *Cache) path(key string) string {
	sum := sha256.Sum256([]byte(key))
	h := hex.EncodeToString(sum[:])
	return filepath.Join(c.dir, h[:2], h)
}

// Get decodes the entry of key into v (a pointer, encoding/gob) and
// reports whether it was there, whole and decodable. Anything else — no
// entry, a short or corrupt file, a checksum or decoding failure — is a
// miss; a damaged file is removed.
func (c *Cache) Get(key string, v any) bool {
	if c == nil {
		return false
	}
	p := c.path(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	payload, ok := check(b)
	if ok && gob.NewDecoder(bytes.NewReader(payload)).Decode(v) == nil {
		return true
	}
	_ = os.Remove(p)
	return false
}

// check returns the payload of an entry file and whether its magic and
// checksum hold.
func check(b []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(b, magic)
	if !ok || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	got := sha256.Sum256(payload)
	return payload, bytes.Equal(sum, got[:])
}

// Put stores v (encoding/gob) as the entry of key, replacing any.
func (c *Cache) Put(key string, v any) error {
	if c == nil {
		return nil
	}
	var buf bytes.Buffer
	buf.Write(magic)
	buf.Write(make([]byte, sha256.Size))
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	b := buf.Bytes()
	sum := sha256.Sum256(b[len(magic)+sha256.Size:])
	copy(b[len(magic):], sum[:])
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil { // 0700: see markUsed
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return errors.Join(errors.New("buildcache: write "+p), err)
	}
	return nil
}
