package history

import (
	"errors"
	"io/fs"
	"path"
	"sort"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"lpg/internal/rofs"
)

// TreeFS is a read-only fs.FS over a git tree, read from the object store
// without a checkout. It is safe for concurrent use (validate reads files
// on all CPUs): object reads are serialised on the repository. Modification times are zero and modes are 0444 for
// files and 0555|ModeDir for directories, so nothing in it depends on the
// machine. Submodules are left out; symbolic links read as their target
// text.
type TreeFS struct {
	repo *Repo
	root *object.Tree
}

var (
	_ fs.ReadDirFS  = (*TreeFS)(nil)
	_ fs.ReadFileFS = (*TreeFS)(nil)
	_ fs.StatFS     = (*TreeFS)(nil)
)

// TreeFS returns the tree of commit hash as an fs.FS rooted at the lpg root
// (the repository's subdirectory when lpg runs below the top).
func (r *Repo) TreeFS(c *object.Commit) (*TreeFS, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if r.prefix != "" {
		if t, err = t.Tree(r.prefix[:len(r.prefix)-1]); err != nil {
			return nil, err
		}
	}
	return &TreeFS{repo: r, root: t}, nil
}

// lookup finds name: a directory tree, or a file entry.
func (f *TreeFS) lookup(op, name string) (*object.Tree, *object.TreeEntry, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return f.root, nil, nil
	}
	e, err := f.root.FindEntry(name)
	if err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
			return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	switch e.Mode {
	case filemode.Dir:
		t, err := object.GetTree(f.repo.st, e.Hash)
		if err != nil {
			return nil, nil, &fs.PathError{Op: op, Path: name, Err: err}
		}
		return t, e, nil
	case filemode.Submodule:
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return nil, e, nil
}

// Open implements fs.FS.
func (f *TreeFS) Open(name string) (fs.File, error) {
	f.repo.mu.Lock()
	defer f.repo.mu.Unlock()
	t, e, err := f.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if t != nil {
		return rofs.Dir(name, func() ([]fs.DirEntry, error) {
			f.repo.mu.Lock()
			defer f.repo.mu.Unlock()
			return f.entries(t)
		}), nil
	}
	b, err := f.repo.blob(e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return rofs.File(name, b), nil
}

// ReadFile implements fs.ReadFileFS.
func (f *TreeFS) ReadFile(name string) ([]byte, error) {
	f.repo.mu.Lock()
	defer f.repo.mu.Unlock()
	t, e, err := f.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if t != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	b, err := f.repo.blob(e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}

// Stat implements fs.StatFS.
func (f *TreeFS) Stat(name string) (fs.FileInfo, error) {
	f.repo.mu.Lock()
	defer f.repo.mu.Unlock()
	t, e, err := f.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	if t != nil {
		return rofs.DirInfo(path.Base(name)), nil
	}
	return f.entryInfo(*e)
}

// ReadDir implements fs.ReadDirFS: entries sorted by name.
func (f *TreeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f.repo.mu.Lock()
	defer f.repo.mu.Unlock()
	t, _, err := f.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return f.entries(t)
}

func (f *TreeFS) entries(t *object.Tree) ([]fs.DirEntry, error) {
	out := make([]fs.DirEntry, 0, len(t.Entries))
	for _, e := range t.Entries {
		if e.Mode == filemode.Submodule {
			continue
		}
		fi, err := f.entryInfo(e)
		if err != nil {
			return nil, err
		}
		out = append(out, fs.FileInfoToDirEntry(fi))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (f *TreeFS) entryInfo(e object.TreeEntry) (fs.FileInfo, error) {
	if e.Mode == filemode.Dir {
		return rofs.DirInfo(e.Name), nil
	}
	size, err := f.repo.st.EncodedObjectSize(e.Hash)
	if err != nil {
		return nil, err
	}
	return rofs.FileInfo(e.Name, size), nil
}
