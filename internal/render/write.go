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
	"sync"
	"syscall"

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
//
// Write is Create, Put of every file in path order and Commit; a build
// that renders its files one after the other uses those itself (Build)
// and holds none of them in memory until the end.
func Write(dir string, files map[string][]byte, writeFile WriteFileFunc) error {
	paths, err := checkPaths(files)
	if err != nil {
		return err
	}
	o, err := Create(dir, writeFile)
	if err != nil {
		return err
	}
	defer o.Abort()
	for _, p := range paths {
		if err := o.Put(p, files[p]); err != nil {
			return err
		}
	}
	return o.Commit()
}

// SiteDir is a site being written: the temporary directory .<dir>.tmp-N
// beside the output directory dir, locked for as long as the build runs
// (see Write). Put writes one file into it as soon as that file is
// rendered; Commit swaps it in for dir, Abort removes it and leaves dir as
// it was. Put is safe for concurrent use (workbooks are rendered on all
// CPUs); Commit and Abort are not.
type SiteDir struct {
	dir, tmp  string
	lock      *os.File
	writeFile WriteFileFunc

	mu    sync.Mutex
	files map[string]bool // slash paths written (the file count, the sitemap, path clashes)
	dirs  map[string]bool // folders created in tmp, slash paths
	err   error           // the first error of Put
	done  bool            // committed or aborted
}

// Create starts writing the site that will replace dir: dir must be a
// directory or not exist; its parents are created; the leftovers of
// killed builds beside it are removed (RemoveStale); the locked temporary
// directory is made. writeFile puts each file on disk (nil: os.WriteFile).
// The caller must Commit or Abort.
func Create(dir string, writeFile WriteFileFunc) (*SiteDir, error) {
	if writeFile == nil {
		writeFile = os.WriteFile
	}
	dir = filepath.Clean(dir)
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("write site: %w", &fs.PathError{Op: "open", Path: dir, Err: syscall.ENOTDIR})
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("write site: %w", err)
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("write site: %w", err)
	}
	if err := RemoveStale(dir); err != nil {
		return nil, err
	}
	lock, tmp, err := newTemp(parent, base)
	if err != nil {
		return nil, fmt.Errorf("write site: %w", err)
	}
	return &SiteDir{dir: dir, tmp: tmp, lock: lock, writeFile: writeFile, files: map[string]bool{}, dirs: map[string]bool{".": true}}, nil
}

// Put writes the file p (a slash path from the site root) with content b.
// p must be a clean, relative, slash-separated path (fs.ValidPath, no "."
// or backslash) that is neither a file already put's parent nor below
// one; putting the same path twice replaces the content. A write error
// names the file in the output directory (a *fs.PathError wrapping the
// system error: errors.Is syscall.ENOSPC for a full disk). The first
// error is kept: every later Put returns it and writes nothing, and so
// does Err.
func (o *SiteDir) Put(p string, b []byte) error {
	dst, err := o.reserve(p)
	if err == nil {
		if err = o.writeFile(dst, b, 0o644); err != nil {
			err = fmt.Errorf("write site: %w", &fs.PathError{Op: "write", Path: filepath.Join(o.dir, filepath.FromSlash(p)), Err: cause(err)})
		}
	}
	if err != nil {
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		err = o.err
		o.mu.Unlock()
	}
	return err
}

// Link puts the file p (a path as for Put) with the content of the file
// src, which nothing may modify afterwards (a buildcache blob): as a hard
// link to src when both are on one file system, else as a copy through
// the writeFile of Create (which names the output file in its error, as
// Put does). A site linked this way shares its bytes with src: they do not
// occupy the disk twice, and the build neither reads nor holds them.
func (o *SiteDir) Link(p, src string) error {
	dst, err := o.reserve(p)
	if err == nil {
		_ = os.Remove(dst) // the same path put twice: replace it
		if link(src, dst) != nil {
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				if err = o.writeFile(dst, b, 0o644); err != nil {
					err = fmt.Errorf("write site: %w", &fs.PathError{Op: "write", Path: filepath.Join(o.dir, filepath.FromSlash(p)), Err: cause(err)})
				}
			} else if errors.Is(err, fs.ErrNotExist) {
				// a cache removed or pruned during the build (review round
				// 6, F4): say so, in Chinese, not just ENOENT
				err = fmt.Errorf("write site: 已发布版本的文件 %s 在生成过程中不见了（缓存目录被删除，或被另一个 lpg 清理）。原有网站保持不变；请重新运行一次，仍然出错时加 --no-cache（%w）", src, err)
			} else {
				err = fmt.Errorf("write site: %w", err)
			}
		}
	}
	if err != nil {
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		err = o.err
		o.mu.Unlock()
	}
	return err
}

// scratchDir is the folder inside the temporary directory that Scratch
// gives out; Commit removes it before the swap, and no file of a site can
// be put in it.
const scratchDir = ".scratch"

// Scratch returns a folder for the build's own temporary files (created
// on first call): inside the temporary directory, so on the output's file
// system — a file there can be hard-linked into the site (Link) — and
// removed with it, by Commit or Abort, or by the next build's RemoveStale
// when this one is killed. Its files are not part of the site.
func (o *SiteDir) Scratch() (string, error) {
	d := filepath.Join(o.tmp, scratchDir)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("write site: %w", err)
	}
	return d, nil
}

// link is os.Link (a test makes it fail to take the copy of Link).
var link = os.Link

// reserve checks the path p, records it and creates its folder; it
// returns where to write it in the temporary directory.
func (o *SiteDir) reserve(p string) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err != nil {
		return "", o.err
	}
	if p == "." || !fs.ValidPath(p) || strings.Contains(p, `\`) || p == scratchDir || strings.HasPrefix(p, scratchDir+"/") {
		return "", fmt.Errorf("write site: invalid path %q", p)
	}
	if o.dirs[p] {
		return "", fmt.Errorf("write site: %q is both a file and the parent of another file", p)
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if o.files[d] {
			return "", fmt.Errorf("write site: %q is both a file and the parent of %q", d, p)
		}
	}
	dst := filepath.Join(o.tmp, filepath.FromSlash(p))
	if d := path.Dir(p); !o.dirs[d] {
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", fmt.Errorf("write site: %w", err)
		}
		for ; !o.dirs[d]; d = path.Dir(d) {
			o.dirs[d] = true
		}
	}
	o.files[p] = true
	return dst, nil
}

// Err is the first error of Put, nil when every file was written.
func (o *SiteDir) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// Len is the number of files put (each path once).
func (o *SiteDir) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.files)
}

// has reports whether the file p was put.
func (o *SiteDir) has(p string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.files[p]
}

// paths returns the files put, sorted.
func (o *SiteDir) paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]string, 0, len(o.files))
	for p := range o.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Commit carries an existing dir/README.md over into the new tree (it
// wins over a README.md put) and swaps the new tree in for dir. On error
// dir is as it was (or, when even restoring it failed, the error says
// where the old site is) and the temporary directory is removed.
func (o *SiteDir) Commit() error {
	if o.done {
		return errors.New("write site: already committed or aborted")
	}
	defer o.Abort()
	if err := o.Err(); err != nil {
		return err
	}
	if b, err := os.ReadFile(filepath.Join(o.dir, keepFile)); err == nil {
		if err := o.writeFile(filepath.Join(o.tmp, keepFile), b, 0o644); err != nil {
			return fmt.Errorf("write site: keep %s: %w", keepFile, &fs.PathError{Op: "write", Path: filepath.Join(o.dir, keepFile), Err: cause(err)})
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write site: keep %s: %w", keepFile, err)
	}
	if err := os.RemoveAll(filepath.Join(o.tmp, scratchDir)); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	if err := swap(o.dir, o.tmp); err != nil {
		return err
	}
	o.tmp = "" // swapped in: nothing to remove
	return nil
}

// Abort removes the temporary directory (unless Commit swapped it in) and
// releases the lock; dir is left as it was. Calling it again does nothing.
func (o *SiteDir) Abort() {
	if o.done {
		return
	}
	o.done = true
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
	}
	release(o.lock)
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
