package history

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/rofs"
)

// Entry is a file of a git tree: its blob and mode (regular, executable,
// symbolic link or submodule).
type Entry struct {
	Hash plumbing.Hash
	Mode filemode.FileMode
}

// Special reports whether e is not a regular file: a symbolic link (its
// blob is the link text, not content) or a submodule (a commit of another
// repository). Nothing in lpg reads either.
func (e Entry) Special() bool { return e.Mode == filemode.Symlink || e.Mode == filemode.Submodule }

// Gitlink reports whether e is a submodule entry (a commit of another
// repository).
func (e Entry) Gitlink() bool { return e.Mode == filemode.Submodule }

// Files is a flattened git tree: slash path → entry, files only.
type Files map[string]Entry

// Files flattens the tree t; only tree objects are read.
func (r *Repo) Files(t *object.Tree) (Files, error) {
	out := Files{}
	r.mu.Lock()
	defer r.mu.Unlock()
	return out, r.flatten(t.Hash, "", out)
}

func (r *Repo) flatten(h plumbing.Hash, prefix string, out Files) error {
	t, err := object.GetTree(r.st, h)
	if err != nil {
		return fmt.Errorf("read tree %s: %w", h, err)
	}
	for _, e := range t.Entries {
		p := path.Join(prefix, e.Name)
		if e.Mode == filemode.Dir {
			if err := r.flatten(e.Hash, p, out); err != nil {
				return err
			}
			continue
		}
		out[p] = Entry{Hash: e.Hash, Mode: e.Mode}
	}
	return nil
}

// Under returns the files below dir ("" or a slash path ending in "/"),
// named relative to it.
func (f Files) Under(dir string) Files {
	if dir == "" {
		return f
	}
	out := Files{}
	for p, e := range f {
		if rest, ok := strings.CutPrefix(p, dir); ok {
			out[rest] = e
		}
	}
	return out
}

// TreeFS returns the tree of commit c as an fs.FS rooted at the lpg root
// (the repository's subdirectory when lpg runs below the top).
func (r *Repo) TreeFS(c *object.Commit) (fs.FS, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", c.Hash, err)
	}
	all, err := r.Files(t)
	if err != nil {
		return nil, atCommit(err, c.Hash)
	}
	fsys := r.FS(all.Under(r.prefix)).(*filesFS)
	fsys.commit = c.Hash
	return fsys, nil
}

// ErrSpecial is returned when reading a symbolic link or submodule entry.
// It counts as fs.ErrNotExist: lpg never reads such an entry, so to a
// reader there is no file content there (validate reports the entry itself
// as file.symlink or file.gitlink, naming its path; a required reference
// file is then also file.missing). Its text is for the people running lpg.
var ErrSpecial error = specialError{}

type specialError struct{}

func (specialError) Error() string {
	return "是符号链接或子模块（gitlink），lpg 不读取它的内容"
}
func (specialError) Is(target error) bool { return target == fs.ErrNotExist }

// FS returns files as a read-only fs.FS whose blobs are read from r when
// opened. It is the one reader of git trees in lpg: modification times are
// zero, modes 0444 and 0555|ModeDir, so nothing depends on the machine;
// symbolic links are listed with fs.ModeSymlink and submodules with
// fs.ModeIrregular, and reading either fails with ErrSpecial (validate
// reports them; a link's text is never taken for content). It is safe for
// concurrent use: object reads are serialised on the repository.
func (r *Repo) FS(files Files) fs.FS {
	t := &filesFS{r: r, files: files, dirs: map[string][]string{".": nil}}
	seen := map[string]bool{}
	for p := range files {
		for !seen[p] {
			seen[p] = true
			dir := path.Dir(p)
			t.dirs[dir] = append(t.dirs[dir], path.Base(p))
			if dir == "." {
				break
			}
			p = dir
		}
	}
	for _, names := range t.dirs {
		sort.Strings(names)
	}
	return t
}

type filesFS struct {
	r      *Repo
	commit plumbing.Hash // the commit of the tree (TreeFS), zero when unknown
	files  Files
	dirs   map[string][]string // directory → sorted child names
}

var (
	_ fs.ReadFileFS = (*filesFS)(nil)
	_ fs.ReadDirFS  = (*filesFS)(nil)
	_ fs.StatFS     = (*filesFS)(nil)
)

func (t *filesFS) ReadFile(name string) ([]byte, error) {
	e, ok := t.files[name]
	switch {
	case !ok && t.dirs[name] != nil:
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	case !ok:
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	case e.Special():
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrSpecial}
	}
	t.r.mu.Lock()
	defer t.r.mu.Unlock()
	b, err := t.r.blob(e.Hash)
	if err != nil {
		err = inFile(err, name)
		if !t.commit.IsZero() {
			err = atCommit(err, t.commit)
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}

// BlobHash returns the git blob hash of the regular file name without
// reading it (validate.BlobHasher: validation's per-file cache key).
func (t *filesFS) BlobHash(name string) (string, bool) {
	e, ok := t.files[name]
	if !ok || e.Special() {
		return "", false
	}
	return e.Hash.String(), true
}

func (t *filesFS) Stat(name string) (fs.FileInfo, error) {
	if _, ok := t.dirs[name]; ok {
		return rofs.DirInfo(path.Base(name)), nil
	}
	e, ok := t.files[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	switch e.Mode {
	case filemode.Symlink:
		return rofs.SpecialInfo(path.Base(name), fs.ModeSymlink), nil
	case filemode.Submodule:
		return rofs.SpecialInfo(path.Base(name), fs.ModeIrregular), nil
	}
	t.r.mu.Lock()
	size, err := t.r.st.EncodedObjectSize(e.Hash)
	t.r.mu.Unlock()
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return rofs.FileInfo(path.Base(name), size), nil
}

func (t *filesFS) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := t.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		p := path.Join(name, n)
		var typ fs.FileMode
		if _, isDir := t.dirs[p]; isDir {
			typ = fs.ModeDir
		} else if e := t.files[p]; e.Mode == filemode.Symlink {
			typ = fs.ModeSymlink
		} else if e.Mode == filemode.Submodule {
			typ = fs.ModeIrregular
		}
		out = append(out, dirEntry{t: t, p: p, typ: typ})
	}
	return out, nil
}

func (t *filesFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if _, ok := t.dirs[name]; ok {
		return rofs.Dir(name, func() ([]fs.DirEntry, error) { return t.ReadDir(name) }), nil
	}
	b, err := t.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return rofs.File(name, b), nil
}

// dirEntry is a directory entry whose Info (the blob size) is read on demand.
type dirEntry struct {
	t   *filesFS
	p   string
	typ fs.FileMode
}

func (e dirEntry) Name() string               { return path.Base(e.p) }
func (e dirEntry) IsDir() bool                { return e.typ.IsDir() }
func (e dirEntry) Type() fs.FileMode          { return e.typ }
func (e dirEntry) Info() (fs.FileInfo, error) { return e.t.Stat(e.p) }

// Blob returns the content of blob h ("" for the zero hash). It is safe
// for concurrent use.
func (r *Repo) Blob(h plumbing.Hash) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b, err := r.blob(h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	return b, nil
}

// IsZero reports whether e is absent (the zero entry).
func (e Entry) IsZero() bool { return e.Hash.IsZero() }
