package buildcache

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Pruning (issue 14): every lpg binary writes below root/<its program id>
// (Open), so on a long-lived machine — the intranet runner, whose cache
// lives on a persistent disk — each upgrade of lpg leaves a directory
// behind. Open marks its own directory as used (the modification time of
// the file usedFile in it) and removes sibling program directories by the
// rule of stale.

// usedFile is the file in a program directory whose modification time is
// the last time a program opened it (Open rewrites it).
const usedFile = "used"

// The pruning rule (stale): a program directory other than the running
// program's is removed when it was last used more than pruneAge ago, or
// when pruneKeep other program directories were used more recently and it
// was last used more than pruneGrace ago (so that a directory another
// build or lpg serve has just opened is never removed under it).
const (
	pruneAge   = 30 * 24 * time.Hour
	pruneKeep  = 3
	pruneGrace = 24 * time.Hour
)

// Program is a program directory found below the cache root: its name
// (a program id) and when it was last used.
type Program struct {
	Name string
	Used time.Time
}

// stale returns the names of the program directories in progs to remove
// at now, most recently used first; current (the running program's) is
// never one of them. progs excludes nothing itself: the caller lists only
// directories that are program directories (isProgramDir). Ties in Used
// are ordered by name, so the result does not depend on the order of
// progs.
func stale(progs []Program, current string, now time.Time) []string {
	others := make([]Program, 0, len(progs))
	for _, p := range progs {
		if p.Name != current {
			others = append(others, p)
		}
	}
	slices.SortFunc(others, func(a, b Program) int {
		if c := b.Used.Compare(a.Used); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	var out []string
	for i, p := range others {
		age := now.Sub(p.Used)
		if age > pruneAge || (i >= pruneKeep && age > pruneGrace) {
			out = append(out, p.Name)
		}
	}
	return out
}

// isProgramID reports whether name is what ProgramID returns: 32
// lower-case hex digits.
func isProgramID(name string) bool {
	if len(name) != 32 || strings.ToLower(name) != name {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// isProgramDir reports whether the entries of a directory are those a
// program directory holds: usedFile, blobs/ and the two-hex-digit fan-out
// directories of entries (Cache.path). Anything else in it — a file or
// directory lpg does not write there — means it is not a cache directory,
// whatever its name.
func isProgramDir(entries []os.DirEntry) bool {
	for _, e := range entries {
		n := e.Name()
		switch {
		case n == usedFile && e.Type().IsRegular():
		case n == "blobs" && e.IsDir():
		case len(n) == 2 && e.IsDir() && isLowerHex(n):
		default:
			return false
		}
	}
	return true
}

func isLowerHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// markUsed creates dir (and the root above it) 0700, makes it 0700 if it
// was not (closeOwn: a symbolic link or another user's directory is an
// error, not changed), and sets the modification time of its usedFile to
// now. The program directory is closed to other users because an internal
// build stores household data in it (review round 6 F2: a cache made 0755
// by an earlier lpg, or a root made by someone else, left its 0644 blobs
// readable by every user); its blobs stay 0644 so that the sites they are
// hard-linked into stay readable by the web server.
func markUsed(dir string, now time.Time) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := closeOwn(dir); err != nil {
		return err
	}
	p := filepath.Join(dir, usedFile)
	if err := os.Chtimes(p, now, now); err == nil {
		return nil
	}
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, now, now)
}

// errNotDir is markUsed's error for a program directory that is a
// symbolic link or a file.
func errNotDir(dir string) error {
	return fmt.Errorf("%s 不是目录（是符号链接？），未改它的权限；请删掉它，下次生成时重建", dir)
}

// errForeign is markUsed's error for a program directory of another user.
func errForeign(dir string) error {
	return fmt.Errorf("%s 属于别的用户，未改它的权限，也不用它；请删掉它，或用 --cache 换一个只有本人能写的目录", dir)
}

// prune removes below root the program directories stale chooses at now
// (current is the running program's) and returns their names. Only a real
// directory (not a symbolic link) named by a program id (isProgramID)
// whose entries are those of a program directory (isProgramDir) is
// considered; its last use is the modification time of its usedFile, or of
// the directory itself when it has none (written by an lpg from before
// the mark). Errors — a directory that cannot be read or removed — are
// joined and returned with the names removed; the others are still
// pruned. A missing root is no error.
func prune(root, current string, now time.Time) (removed []string, err error) {
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var progs []Program
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !isProgramID(e.Name()) || e.Name() == current {
			continue
		}
		if fi, err := e.Info(); err != nil || foreign(fi) {
			continue // another user's directory and data are theirs
		}
		dir := filepath.Join(root, e.Name())
		sub, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !isProgramDir(sub) {
			continue
		}
		fi, err := os.Lstat(filepath.Join(dir, usedFile))
		if errors.Is(err, os.ErrNotExist) {
			fi, err = os.Lstat(dir)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		progs = append(progs, Program{Name: e.Name(), Used: fi.ModTime()})
	}
	gone := stale(progs, current, now)
	for _, name := range gone {
		if err := os.RemoveAll(filepath.Join(root, name)); err != nil {
			errs = append(errs, fmt.Errorf("buildcache: remove %s: %w", filepath.Join(root, name), err))
			continue
		}
		removed = append(removed, name)
	}
	for _, p := range progs {
		if !slices.Contains(gone, p.Name) {
			if err := closeKept(filepath.Join(root, p.Name)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return removed, errors.Join(errs...)
}
