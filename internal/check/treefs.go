package check

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"lpg/internal/rofs"
)

// change is one file that differs between two trees. From or To is the
// zero hash when the file is absent on that side (added or deleted).
type change struct {
	Path     string
	From, To plumbing.Hash
	Gitlink  bool // a submodule entry on either side: never allowed
}

// diffTrees appends to out the files that differ between trees a and b,
// descending only into subtrees whose hashes differ, so the cost follows
// the size of the change, not of the repository. A path that is a file on
// one side and a directory on the other gives a deletion and additions.
func diffTrees(s storer.EncodedObjectStorer, a, b *object.Tree, prefix string, out *[]change) error {
	am, bm := entries(a), entries(b)
	names := make([]string, 0, len(am)+len(bm))
	for n := range am {
		names = append(names, n)
	}
	for n := range bm {
		if _, ok := am[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		ea, oka := am[n]
		eb, okb := bm[n]
		if oka && okb && ea.Hash == eb.Hash && ea.Mode == eb.Mode {
			continue
		}
		p := path.Join(prefix, n)
		if oka && ea.Mode == filemode.Submodule || okb && eb.Mode == filemode.Submodule {
			ch := change{Path: p, Gitlink: true}
			if oka {
				ch.From = ea.Hash
			}
			if okb {
				ch.To = eb.Hash
			}
			*out = append(*out, ch)
			continue
		}
		aDir, bDir := oka && ea.Mode == filemode.Dir, okb && eb.Mode == filemode.Dir
		if aDir && bDir {
			ta, err := object.GetTree(s, ea.Hash)
			if err != nil {
				return err
			}
			tb, err := object.GetTree(s, eb.Hash)
			if err != nil {
				return err
			}
			if err := diffTrees(s, ta, tb, p, out); err != nil {
				return err
			}
			continue
		}
		switch {
		case aDir:
			if err := listTree(s, ea.Hash, p, func(fp string, h plumbing.Hash) { *out = append(*out, change{Path: fp, From: h}) }); err != nil {
				return err
			}
		case oka && okb && !bDir:
			*out = append(*out, change{Path: p, From: ea.Hash, To: eb.Hash})
			continue
		case oka:
			*out = append(*out, change{Path: p, From: ea.Hash})
		}
		switch {
		case bDir:
			if err := listTree(s, eb.Hash, p, func(fp string, h plumbing.Hash) { *out = append(*out, change{Path: fp, To: h}) }); err != nil {
				return err
			}
		case okb:
			*out = append(*out, change{Path: p, To: eb.Hash})
		}
	}
	return nil
}

func entries(t *object.Tree) map[string]object.TreeEntry {
	m := make(map[string]object.TreeEntry, len(t.Entries))
	for _, e := range t.Entries {
		m[e.Name] = e // gitlinks included: diffTrees reports them
	}
	return m
}

// listTree calls fn for every file below the tree h, named prefix/….
func listTree(s storer.EncodedObjectStorer, h plumbing.Hash, prefix string, fn func(string, plumbing.Hash)) error {
	t, err := object.GetTree(s, h)
	if err != nil {
		return err
	}
	for _, e := range t.Entries {
		p := path.Join(prefix, e.Name)
		switch e.Mode {
		case filemode.Dir:
			if err := listTree(s, e.Hash, p, fn); err != nil {
				return err
			}
		case filemode.Submodule:
		default:
			fn(p, e.Hash)
		}
	}
	return nil
}

// readBlob returns the content of blob h.
func readBlob(s storer.EncodedObjectStorer, h plumbing.Hash) ([]byte, error) {
	obj, err := s.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// treeFS is a read-only fs.FS over a chosen set of files of a git tree
// (path → blob hash); directories are implied by the paths. Blobs are read
// when a file is opened, so listing a large tree costs nothing until its
// files are read.
type treeFS struct {
	mu    sync.Mutex // go-git object reads are not safe for concurrent use; validate reads files on all CPUs
	s     storer.EncodedObjectStorer
	files map[string]plumbing.Hash
	dirs  map[string][]string      // directory → sorted child names
	whole map[string]plumbing.Hash // every file of the tree, when files is a part of it
}

// Exists reports whether name is a file of the whole tree, even when this
// view holds only part of it (validate.Exister).
func (t *treeFS) Exists(name string) bool {
	if t.whole != nil {
		_, ok := t.whole[name]
		return ok
	}
	_, ok := t.files[name]
	return ok
}

var (
	_ fs.ReadFileFS = (*treeFS)(nil)
	_ fs.ReadDirFS  = (*treeFS)(nil)
	_ fs.StatFS     = (*treeFS)(nil)
)

func newTreeFS(s storer.EncodedObjectStorer, files map[string]plumbing.Hash) *treeFS {
	t := &treeFS{s: s, files: files, dirs: map[string][]string{".": nil}}
	seen := map[string]bool{}
	for p := range files {
		for {
			dir, name := path.Dir(p), path.Base(p)
			if seen[p] {
				break
			}
			seen[p] = true
			t.dirs[dir] = append(t.dirs[dir], name)
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

func (t *treeFS) ReadFile(name string) ([]byte, error) {
	h, ok := t.files[name]
	if !ok {
		if _, isDir := t.dirs[name]; isDir {
			return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is a directory")}
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return readBlob(t.s, h)
}

func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	if _, ok := t.dirs[name]; ok {
		return rofs.DirInfo(path.Base(name)), nil
	}
	h, ok := t.files[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	t.mu.Lock()
	obj, err := t.s.EncodedObject(plumbing.BlobObject, h)
	t.mu.Unlock()
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return rofs.FileInfo(path.Base(name), obj.Size()), nil
}

func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := t.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		p := path.Join(name, n)
		_, isDir := t.dirs[p]
		out = append(out, dirEntry{t: t, p: p, dir: isDir})
	}
	return out, nil
}

func (t *treeFS) Open(name string) (fs.File, error) {
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
	t   *treeFS
	p   string
	dir bool
}

func (e dirEntry) Name() string { return path.Base(e.p) }
func (e dirEntry) IsDir() bool  { return e.dir }
func (e dirEntry) Type() fs.FileMode {
	if e.dir {
		return fs.ModeDir
	}
	return 0
}
func (e dirEntry) Info() (fs.FileInfo, error) { return e.t.Stat(e.p) }

// isUnder reports whether p is dir or below it.
func isUnder(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
