package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"lpg/internal/filelock"
)

// keepFile is the committed file of the output directory that every build
// keeps (site/README.md).
const keepFile = "README.md"

// WriteFileFunc puts one file on disk: os.WriteFile, or in tests one that
// fails as a full disk does.
type WriteFileFunc func(name string, data []byte, perm fs.FileMode) error

// Write writes files (slash path → content) to dir atomically: the whole
// tree is built in a temporary directory beside dir (same parent, so the
// rename stays on one file system), then swapped in with renames. An
// existing dir/README.md is carried over into the new tree (it wins over
// files["README.md"]). Parents of dir are created.
//
// Every path is checked before anything is touched: it must be a clean,
// relative, slash-separated path (fs.ValidPath, no "." or backslash), and
// no path may be a parent of another. If anything fails, dir is left as it
// was and the temporary directory is removed.
//
// A build that is killed cannot remove its temporary directory
// (.<dir>.tmp-N) or the previous site it had moved aside
// (.<dir>.tmp-N.old); Write removes such leftovers first (RemoveStale).
// Each build holds an exclusive lock on .<dir>.tmp-N.lock for as long as
// it runs, and the operating system drops the lock when the process ends
// however it ends, so the folders of a build that is still running — say
// a second lpg build on the same output — are never taken for leftovers.
//
// Each file is put on disk with writeFile (nil: os.WriteFile); a failure
// names the file in the output directory, not the temporary one.
func Write(dir string, files map[string][]byte, writeFile WriteFileFunc) error {
	if writeFile == nil {
		writeFile = os.WriteFile
	}
	paths, err := checkPaths(files)
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("write site: %q is not a directory", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write site: %w", err)
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	if err := RemoveStale(dir); err != nil {
		return err
	}
	lock, tmp, err := newTemp(parent, base)
	if err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
		release(lock)
	}()
	for _, p := range paths {
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
		if err := writeFile(dst, files[p], 0o644); err != nil {
			return fmt.Errorf("write site: %w", &fs.PathError{Op: "write", Path: filepath.Join(dir, filepath.FromSlash(p)), Err: cause(err)})
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, keepFile)); err == nil {
		if err := writeFile(filepath.Join(tmp, keepFile), b, 0o644); err != nil {
			return fmt.Errorf("write site: keep %s: %w", keepFile, &fs.PathError{Op: "write", Path: filepath.Join(dir, keepFile), Err: cause(err)})
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write site: keep %s: %w", keepFile, err)
	}
	if err := swap(dir, tmp); err != nil {
		return err
	}
	ok = true
	return nil
}

// cause is the system error inside a *fs.PathError (the temporary path is
// replaced by the output path).
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// newTemp creates the lock file .<base>.tmp-N.lock in parent, locks it,
// and creates the temporary directory .<base>.tmp-N beside it: the lock
// exists before the directory, so a directory without a lock file is never
// a running build's.
func newTemp(parent, base string) (*os.File, string, error) {
	lock, err := os.CreateTemp(parent, "."+base+".tmp-*"+lockSuffix)
	if err != nil {
		return nil, "", err
	}
	if err := filelock.TryLock(lock); err != nil && !errors.Is(err, filelock.ErrLocked) {
		release(lock)
		return nil, "", err
	}
	tmp := strings.TrimSuffix(lock.Name(), lockSuffix)
	if err := os.Mkdir(tmp, 0o755); err != nil {
		release(lock)
		return nil, "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil { // whatever the umask: the site is for a web server
		os.Remove(tmp)
		release(lock)
		return nil, "", err
	}
	return lock, tmp, nil
}

// release unlocks and removes a lock file. Its build's folders are gone
// by then, so whoever takes the lock in between finds nothing to remove.
func release(lock *os.File) {
	lock.Close()
	os.Remove(lock.Name())
}

const lockSuffix = ".lock"

// staleName matches what a build leaves beside its output directory: the
// temporary directory, the previous site moved aside, the lock file.
var staleName = regexp.MustCompile(`^[0-9]+(\.old|\.lock)?$`)

// RemoveStale removes the temporary folders that killed builds left beside
// dir (.<dir>.tmp-N and .<dir>.tmp-N.old) and their lock files; those of
// builds still running (their lock is held) stay.
func RemoveStale(dir string) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	ents, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	prefix := "." + base + ".tmp-"
	ids := map[string]bool{}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if ok && staleName.MatchString(rest) {
			ids[strings.TrimSuffix(strings.TrimSuffix(rest, ".old"), lockSuffix)] = true
		}
	}
	for id := range ids {
		tmp := filepath.Join(parent, prefix+id)
		lock, err := os.OpenFile(tmp+lockSuffix, os.O_RDWR, 0)
		switch {
		case errors.Is(err, fs.ErrNotExist): // no lock file: not a running build's
		case err != nil:
			return fmt.Errorf("write site: %w", err)
		default:
			if err := filelock.TryLock(lock); err != nil {
				lock.Close()
				if errors.Is(err, filelock.ErrLocked) {
					continue // a running build
				}
				return fmt.Errorf("write site: %w", err)
			}
		}
		for _, p := range []string{tmp, tmp + ".old"} {
			if err := os.RemoveAll(p); err != nil {
				if lock != nil {
					lock.Close()
				}
				return fmt.Errorf("write site: remove a killed build's %q: %w", p, err)
			}
		}
		if lock != nil {
			release(lock)
		}
	}
	return nil
}

// swap replaces dir with the directory tmp. When dir exists it is first
// renamed aside, and renamed back if the second rename fails.
func swap(dir, tmp string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("write site: move old %q aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("write site: %w (and restoring %q failed: %v; the old site is in %q)", err, dir, rerr, old)
		}
		return fmt.Errorf("write site: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("write site: remove old site %q: %w", old, err)
	}
	return nil
}

// checkPaths validates the keys of files and returns them sorted.
func checkPaths(files map[string][]byte) ([]string, error) {
	paths := make([]string, 0, len(files))
	for p := range files {
		if p == "." || !fs.ValidPath(p) || strings.Contains(p, `\`) {
			return nil, fmt.Errorf("write site: invalid path %q", p)
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, ok := files[d]; ok {
				return nil, fmt.Errorf("write site: %q is both a file and the parent of %q", d, p)
			}
		}
	}
	return paths, nil
}
