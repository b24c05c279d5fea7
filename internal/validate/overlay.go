package validate

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
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
		return &memFile{r: bytes.NewReader(o.data), info: memInfo{name: path.Base(name), size: int64(len(o.data))}}, nil
	}
	f, err := o.base.Open(name)
	if err != nil && o.isParent(name) {
		return &memDir{name: name, o: o}, nil
	}
	return f, err
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
		out = append(out, fs.FileInfoToDirEntry(memInfo{name: child, dir: true}))
	} else {
		out = append(out, fs.FileInfoToDirEntry(memInfo{name: child, size: int64(len(o.data))}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (m memInfo) Name() string { return m.name }
func (m memInfo) Size() int64  { return m.size }
func (m memInfo) Mode() fs.FileMode {
	if m.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (m memInfo) ModTime() time.Time { return time.Time{} }
func (m memInfo) IsDir() bool        { return m.dir }
func (m memInfo) Sys() any           { return nil }

type memFile struct {
	r    *bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	name string
	o    *overlay
	done bool
}

func (d *memDir) Stat() (fs.FileInfo, error) {
	return memInfo{name: path.Base(d.name), dir: true}, nil
}
func (d *memDir) Read([]byte) (int, error) { return 0, io.EOF }
func (d *memDir) Close() error             { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.done {
		return nil, io.EOF
	}
	d.done = true
	return d.o.ReadDir(d.name)
}
