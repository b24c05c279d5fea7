package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
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
func Write(dir string, files map[string][]byte) error { return WriteWith(dir, files, os.WriteFile) }

// WriteWith is Write putting each file on disk with writeFile. A failure
// names the file in the output directory (not the temporary one).
func WriteWith(dir string, files map[string][]byte, writeFile WriteFileFunc) error {
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
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
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
