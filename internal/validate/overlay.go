package validate

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"lpg/internal/rofs"
)

// WithFile returns fsys with the file at name (slash path) replaced or
// added with content data, without touching fsys: `lpg import` validates a
// submission in the context of the whole repository before writing it.
func WithFile(fsys fs.FS, name string, data []byte) fs.FS {
	return &overlay{base: fsys, name: path.Clean(name), data: data}
}

type overlay struct {
	base fs.FS
	name string
	data []byte
}

func (o *overlay) isParent(dir string) bool {
	return dir == "." || strings.HasPrefix(o.name, dir+"/")
}

func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == o.name {
		return rofs.File(name, o.data), nil
	}
	if o.isParent(name) { // list it through ReadDir, so the added file shows however it is read
		return rofs.Dir(name, func() ([]fs.DirEntry, error) { return o.ReadDir(name) }), nil
	}
	return o.base.Open(name)
}

func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !o.isParent(name) {
		return nil, err
	}
	if !o.isParent(name) {
		return entries, nil
	}
	rest := strings.TrimPrefix(o.name, name+"/")
	if name == "." {
		rest = o.name
	}
	child, _, isDir := strings.Cut(rest, "/")
	var out []fs.DirEntry
	for _, e := range entries {
		if e.Name() != child {
			out = append(out, e)
		}
	}
	if isDir {
		out = append(out, fs.FileInfoToDirEntry(rofs.DirInfo(child)))
	} else {
		out = append(out, fs.FileInfoToDirEntry(rofs.FileInfo(child, int64(len(o.data)))))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
