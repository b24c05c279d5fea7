package history

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
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
		return &treeDir{fsys: f, name: name, tree: t}, nil
	}
	b, err := f.repo.blob(e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &treeFile{info: fileInfo{name: path.Base(name), size: int64(len(b))}, r: bytes.NewReader(b)}, nil
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
		return fileInfo{name: path.Base(name), dir: true}, nil
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
		return fileInfo{name: e.Name, dir: true}, nil
	}
	size, err := f.repo.st.EncodedObjectSize(e.Hash)
	if err != nil {
		return nil, err
	}
	return fileInfo{name: e.Name, size: size}, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

type treeFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *treeFile) Close() error               { return nil }

type treeDir struct {
	fsys *TreeFS
	name string
	tree *object.Tree
	list []fs.DirEntry
	off  int
	read bool
}

func (d *treeDir) Stat() (fs.FileInfo, error) {
	return fileInfo{name: path.Base(d.name), dir: true}, nil
}
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *treeDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		d.fsys.repo.mu.Lock()
		l, err := d.fsys.entries(d.tree)
		d.fsys.repo.mu.Unlock()
		if err != nil {
			return nil, err
		}
		d.list, d.read = l, true
	}
	rest := d.list[d.off:]
	if n <= 0 {
		d.off = len(d.list)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}
